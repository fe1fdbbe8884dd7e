package com.relance.progress;

import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Long work (a what-if simulation) runs here instead of inside the request: the caller gets an id
 * at once and reads the state, the percentage and in the end the result from
 * {@code GET /api/jobs/{id}}.
 * <p>
 * Deliberately simple: the registry is in memory on the node that started the job (a restart or
 * another node behind a load balancer does not know it), two workers, a queue of 20, and a
 * finished job is forgotten an hour later. Fine for read-only work that can simply be started
 * again; work that changes data keeps running through the engine's jobs instead.
 */
@Component
public class BackgroundJobs {

    private static final Logger log = LoggerFactory.getLogger(BackgroundJobs.class);
    static final Duration KEEP_FINISHED = Duration.ofHours(1);

    public enum State { QUEUED, RUNNING, SUCCEEDED, FAILED }

    /**
     * What a caller sees of a job.
     *
     * @param result the work's result once SUCCEEDED; once FAILED, the refusal's details if any
     *               (an import's bad lines)
     * @param error  why it FAILED, in words for the page
     */
    public record Job(String id, String kind, String owner, State state, int percent, Instant createdAt,
                      Instant finishedAt, Object result, String error) {

        Job with(State state, int percent, Instant finishedAt, Object result, String error) {
            return new Job(id, kind, owner, state, percent, createdAt, finishedAt, result, error);
        }

        public boolean finished() {
            return state == State.SUCCEEDED || state == State.FAILED;
        }
    }

    /** Thrown by work whose failure the user can fix (shown as it is); anything else is logged. */
    public static class WorkRefused extends RuntimeException {
        private final transient Object details;

        public WorkRefused(String message) {
            this(message, null);
        }

        /** @param details what the caller needs to fix it, kept as the failed job's result */
        public WorkRefused(String message, Object details) {
            super(message);
            this.details = details;
        }
    }

    /** The queue is full: the caller should try again later. */
    public static class TooBusy extends RuntimeException {
        TooBusy() {
            super("Too much work queued; try again in a minute");
        }
    }

    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final ExecutorService workers = new ThreadPoolExecutor(2, 2, 1, TimeUnit.MINUTES,
            new LinkedBlockingQueue<>(20), r -> {
                Thread t = new Thread(r, "relance-background");
                t.setDaemon(true);
                return t;
            });
    /**
     * Queues {@code work}, which reports its percentage through the consumer it is given.
     *
     * @return the new job, QUEUED
     */
    public Job start(String kind, String owner, Function<IntConsumer, Object> work) {
        forgetOldJobs();
        String id = UUID.randomUUID().toString();
        Job job = new Job(id, kind, owner, State.QUEUED, 0, Instant.now(), null, null, null);
        jobs.put(id, job);
        try {
            workers.execute(() -> run(id, work));
        } catch (RejectedExecutionException e) {
            jobs.remove(id);
            throw new TooBusy();
        }
        return job;
    }

    /** The job, for its owner only: someone else's job does not exist for them. */
    public Optional<Job> find(String id, String user) {
        return Optional.ofNullable(jobs.get(id)).filter(j -> j.owner().equals(user));
    }

    private void run(String id, Function<IntConsumer, Object> work) {
        jobs.computeIfPresent(id, (k, j) -> j.with(State.RUNNING, 0, null, null, null));
        try {
            Object result = work.apply(percent -> jobs.computeIfPresent(id,
                    (k, j) -> j.with(State.RUNNING, Math.max(j.percent(), Math.min(99, percent)), null, null, null)));
            jobs.computeIfPresent(id, (k, j) -> j.with(State.SUCCEEDED, 100, Instant.now(), result, null));
        } catch (WorkRefused e) {
            jobs.computeIfPresent(id, (k, j) -> j.with(State.FAILED, j.percent(), Instant.now(), e.details, e.getMessage()));
        } catch (RuntimeException e) {
            log.error("Background job {} failed", id, e);
            jobs.computeIfPresent(id, (k, j) -> j.with(State.FAILED, j.percent(), Instant.now(), null,
                    "The work failed unexpectedly (" + e.getClass().getSimpleName() + "); the log has the details"));
        }
    }

    private void forgetOldJobs() {
        // Wall-clock time, not the engine's clock: tests move that one around.
        Instant limit = Instant.now().minus(KEEP_FINISHED);
        jobs.values().removeIf(j -> j.finished() && j.finishedAt().isBefore(limit));
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }
}
