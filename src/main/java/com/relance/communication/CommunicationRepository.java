package com.relance.communication;

import com.relance.invoice.Invoice;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface CommunicationRepository extends JpaRepository<Communication, Long> {

    Optional<Communication> findByIdempotencyKey(String idempotencyKey);

    List<Communication> findByInvoiceOrderByCreatedAtAscIdAsc(Invoice invoice);

    long countByInvoiceAndStatusAndChannelAndRecipient(Invoice invoice, CommunicationStatus status, String channel,
                                                       String recipient);

    @Query("""
            select count(distinct c.stage) from Communication c
             where c.invoice = :invoice and c.status = com.relance.communication.CommunicationStatus.SENT
               and c.stage in :stages""")
    long countStagesSent(@Param("invoice") Invoice invoice, @Param("stages") List<String> stages);

    /**
     * Claims the right to attempt delivery: succeeds for one caller only, unless an earlier attempt
     * is older than {@code staleBefore} (its node crashed mid-send).
     */
    @Modifying
    @Query("""
            update Communication c set c.status = com.relance.communication.CommunicationStatus.SENDING,
                   c.attempts = c.attempts + 1, c.attemptStartedAt = :now
             where c.id = :id
               and (c.status = com.relance.communication.CommunicationStatus.PENDING
                    or c.status = com.relance.communication.CommunicationStatus.FAILED
                    or (c.status = com.relance.communication.CommunicationStatus.SENDING and c.attemptStartedAt < :staleBefore))
            """)
    int claimAttempt(@Param("id") Long id, @Param("now") Instant now, @Param("staleBefore") Instant staleBefore);

    @Modifying
    @Query("""
            update Communication c set c.status = com.relance.communication.CommunicationStatus.SENT, c.sentAt = :at,
                   c.lastError = null, c.deliveredVia = :via where c.id = :id""")
    int markSent(@Param("id") Long id, @Param("at") Instant at, @Param("via") String via);

    @Modifying
    @Query("update Communication c set c.status = com.relance.communication.CommunicationStatus.FAILED, c.lastError = :error where c.id = :id")
    int markFailed(@Param("id") Long id, @Param("error") String error);
}
