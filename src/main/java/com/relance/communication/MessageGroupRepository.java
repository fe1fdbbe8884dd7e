package com.relance.communication;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface MessageGroupRepository extends JpaRepository<MessageGroup, Long> {

    Optional<MessageGroup> findFirstByCustomerIdAndFamilyAndChannelAndWindowDayOrderBySequenceNoDesc(
            Long customerId, String family, String channel, LocalDate windowDay);

    List<MessageGroup> findByCustomerIdOrderByIdAsc(Long customerId);

    /**
     * Takes a place in the group while it is open. The row lock this takes orders enrolments and the
     * close: an enrolment committed before the close is in the message, one after it finds the
     * group closed.
     */
    @Modifying
    @Query("""
            update MessageGroup g set g.memberCount = g.memberCount + 1
             where g.id = :id and g.status = com.relance.communication.MessageGroup.Status.OPEN""")
    int takePlace(@Param("id") Long id);

    @Modifying
    @Query("""
            update MessageGroup g set g.status = com.relance.communication.MessageGroup.Status.CLOSED, g.closedAt = :at
             where g.id = :id and g.status = com.relance.communication.MessageGroup.Status.OPEN""")
    int close(@Param("id") Long id, @Param("at") Instant at);

    @Modifying
    @Query("""
            update MessageGroup g set g.status = :status, g.sentAt = :at, g.communicationId = :communicationId
             where g.id = :id""")
    int finish(@Param("id") Long id, @Param("status") MessageGroup.Status status, @Param("at") Instant at,
               @Param("communicationId") Long communicationId);
}
