package com.relance.communication;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes delivery states in their own transactions (REQUIRES_NEW): a state recorded here survives
 * a rollback of the process transaction that triggered the send, which is what stops a retried
 * job from sending again.
 */
@Component
class CommunicationLog {

    private final CommunicationRepository repository;
    private final CommunicationDocumentRepository documents;
    private final TransactionTemplate ownTransaction;
    private final TransactionTemplate callersTransaction;
    private final Clock clock;

    CommunicationLog(CommunicationRepository repository, CommunicationDocumentRepository documents,
                     PlatformTransactionManager transactionManager, Clock clock) {
        this.repository = repository;
        this.documents = documents;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.callersTransaction = new TransactionTemplate(transactionManager);
        this.callersTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
        this.clock = clock;
    }

    Optional<Communication> find(String idempotencyKey) {
        return ownTransaction.execute(s -> repository.findByIdempotencyKey(idempotencyKey));
    }

    /** Records the message once; a concurrent writer of the same key wins and its record is returned. */
    Communication recordOnce(String idempotencyKey, Supplier<Recorded> message) {
        return recordOnce(idempotencyKey, message, ownTransaction);
    }

    /**
     * A draft (nothing is sent yet) is recorded in the caller's transaction: it stands or falls
     * with the review task that shows it, and it may reference an invoice row that transaction
     * has just written.
     */
    Communication recordDraft(String idempotencyKey, Supplier<Recorded> message) {
        return recordOnce(idempotencyKey, message, callersTransaction);
    }

    private Communication recordOnce(String idempotencyKey, Supplier<Recorded> message, TransactionTemplate transaction) {
        Optional<Communication> existing = transaction.execute(s -> repository.findByIdempotencyKey(idempotencyKey));
        if (existing.isPresent()) {
            return existing.get();
        }
        Recorded fresh = message.get();
        try {
            return transaction.execute(s -> {
                Communication saved = repository.saveAndFlush(fresh.communication());
                fresh.documents().forEach(d -> documents.save(new CommunicationDocument(saved.getId(), d, saved.getCreatedAt())));
                return saved;
            });
        } catch (DataIntegrityViolationException raced) {
            return find(idempotencyKey).orElseThrow(() -> raced);
        }
    }

    /** A communication about to be recorded, with the PDFs that go with it. */
    record Recorded(Communication communication, List<ComposedMessage.Document> documents) {
    }

    List<CommunicationDocument> documentsOf(Communication c) {
        return ownTransaction.execute(s -> documents.findByCommunicationIdOrderByIdAsc(c.getId()));
    }

    /**
     * Replaces a draft's text (and its PDFs, rendered again from it) with what a reviewer approved,
     * in the caller's transaction: the approval and the completed review task go together.
     */
    Communication approve(String idempotencyKey, ComposedMessage approved, boolean changed, String by) {
        Instant now = clock.instant();
        return callersTransaction.execute(s -> {
            Communication c = repository.findByIdempotencyKey(idempotencyKey)
                    .orElseThrow(() -> new IllegalStateException("No draft " + idempotencyKey + " to approve"));
            c.approve(approved, changed, by, now);
            List<CommunicationDocument> old = documents.findByCommunicationIdOrderByIdAsc(c.getId());
            for (ComposedMessage.Document d : approved.documents()) {
                old.stream().filter(o -> o.getKind() == d.kind()).findFirst()
                        .ifPresentOrElse(o -> o.replace(d.content()),
                                () -> documents.save(new CommunicationDocument(c.getId(), d, now)));
            }
            return c;
        });
    }

    boolean claimAttempt(Communication c, Instant staleBefore) {
        Instant now = clock.instant();
        return Boolean.TRUE.equals(ownTransaction.execute(s -> repository.claimAttempt(c.getId(), now, staleBefore) == 1));
    }

    void markSent(Communication c, String deliveredVia) {
        Instant now = clock.instant();
        ownTransaction.executeWithoutResult(s -> repository.markSent(c.getId(), now, deliveredVia));
    }

    void markFailed(Communication c, String error) {
        String trimmed = error.length() > 2000 ? error.substring(0, 2000) : error;
        ownTransaction.executeWithoutResult(s -> repository.markFailed(c.getId(), trimmed));
    }

    Communication reload(Communication c) {
        return ownTransaction.execute(s -> repository.findById(c.getId()).orElseThrow());
    }
}
