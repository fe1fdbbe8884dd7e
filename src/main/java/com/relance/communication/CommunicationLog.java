package com.relance.communication;

import java.time.Clock;
import java.time.Instant;
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
    private final TransactionTemplate ownTransaction;
    private final Clock clock;

    CommunicationLog(CommunicationRepository repository, PlatformTransactionManager transactionManager, Clock clock) {
        this.repository = repository;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    Optional<Communication> find(String idempotencyKey) {
        return ownTransaction.execute(s -> repository.findByIdempotencyKey(idempotencyKey));
    }

    /** Records the message once; a concurrent writer of the same key wins and its record is returned. */
    Communication recordOnce(String idempotencyKey, Supplier<Communication> message) {
        Optional<Communication> existing = find(idempotencyKey);
        if (existing.isPresent()) {
            return existing.get();
        }
        Communication fresh = message.get();
        try {
            return ownTransaction.execute(s -> repository.saveAndFlush(fresh));
        } catch (DataIntegrityViolationException raced) {
            return find(idempotencyKey).orElseThrow(() -> raced);
        }
    }

    boolean claimAttempt(Communication c, Instant staleBefore) {
        Instant now = clock.instant();
        return Boolean.TRUE.equals(ownTransaction.execute(s -> repository.claimAttempt(c.getId(), now, staleBefore) == 1));
    }

    void markSent(Communication c) {
        Instant now = clock.instant();
        ownTransaction.executeWithoutResult(s -> repository.markSent(c.getId(), now));
    }

    void markFailed(Communication c, String error) {
        String trimmed = error.length() > 2000 ? error.substring(0, 2000) : error;
        ownTransaction.executeWithoutResult(s -> repository.markFailed(c.getId(), trimmed));
    }

    Communication reload(Communication c) {
        return ownTransaction.execute(s -> repository.findById(c.getId()).orElseThrow());
    }
}
