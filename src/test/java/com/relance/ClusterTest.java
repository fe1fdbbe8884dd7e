package com.relance;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.relance.invoice.InvoiceIntake;
import com.relance.invoice.InvoiceRegistration;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two nodes of a cluster, as docker-compose.yml would run them: one PostgreSQL, two whole
 * applications on the {@code prod} profile with their job executors on, one SMTP server. A morning's
 * pre-due reminders of many invoices (registered on node A) are shared by both nodes' job executors,
 * and each goes out exactly once.
 *
 * <p>Unlike the process tests this waits for real background job executors (bounded). Both nodes are
 * in one JVM and share the engine's static clock, which stays at the reminders' morning.
 */
class ClusterTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    /**
     * Invoices, registered in batches of {@link #BATCH} (one transaction per batch). 300 keeps the suite
     * fast (registration costs about 40 ms an invoice on 2 cores); {@code -Drelance.test.cluster-invoices=1000}
     * for a bigger morning (measured: 1000 registered in 43 s, their 2000 jobs done in 32 s).
     */
    private static final int N = Integer.getInteger("relance.test.cluster-invoices", 300);
    private static final int BATCH = 100;
    private static final long WAIT_MILLIS = 120_000;

    /** The SMTP server both nodes send to (the suite's moved test port). */
    @RegisterExtension
    static final GreenMailExtension mail = new GreenMailExtension(RelanceTest.SMTP)
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
            .withPerMethodLifecycle(false);

    private static TwoNodes cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = TwoNodes.start();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void twoNodes_shareTheMorningsPreDueReminders_andSendEachExactlyOnce() throws Exception {
        // Registered on a Wednesday morning: each invoice (due the next Tuesday) waits for its pre-due
        // reminder, 5 days before the due date for these SME customers, i.e. Thursday 09:00 in Paris.
        EngineClock.moveTo(LocalDate.of(2026, 3, 25).atTime(LocalTime.of(9, 5)).atZone(PARIS).toInstant());
        LocalDate issued = LocalDate.of(2026, 3, 1);
        LocalDate due = LocalDate.of(2026, 3, 31);
        String prefix = "CL-" + ProcessHandle.current().pid() + "-";

        long registering = System.nanoTime();
        InvoiceRegistration registration = cluster.nodeA.getBean(InvoiceRegistration.class);
        for (int from = 0; from < N; from += BATCH) {
            List<InvoiceIntake> batch = new ArrayList<>(BATCH);
            for (int i = from; i < Math.min(N, from + BATCH); i++) {
                batch.add(Invoices.french(prefix + i, issued, due));
            }
            registration.registerAll(batch);
        }
        double registeredIn = seconds(registering);

        // Thursday, 09:05: all N pre-due timers are due at once. Idle executors poll every 5 s, backing
        // off up to a minute: this wakes both now (as a job created on a node does), so the time
        // measured is the nodes' work, not their idle wait.
        EngineClock.moveTo(LocalDate.of(2026, 3, 26).atTime(LocalTime.of(9, 5)).atZone(PARIS).toInstant());
        long start = System.nanoTime();
        cluster.wakeUp();

        RuntimeService runtime = cluster.nodeA.getBean(RuntimeService.class);
        JdbcTemplate jdbc = cluster.jdbc();
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (System.currentTimeMillis() < deadline
                && (mail.getReceivedMessages().length < N
                    || runtime.createExecutionQuery().activityId("Timer_Level1Due").count() < N)) {
            Thread.sleep(500);
        }
        double elapsed = seconds(start);
        Thread.sleep(1_000); // a duplicate would come from a job still running: give it time to show

        Map<String, Integer> jobsPerNode = cluster.jobsPerNode();
        Map<String, Integer> jobsPerNodeAndStep = cluster.counts(
                "select hostname_ || ' ' || act_id_, count(*) from act_hi_job_log where job_state_ = 2 "
                        + "group by hostname_, act_id_");
        List<String> failures = jdbc.queryForList(
                "select coalesce(job_exception_msg_, '') from act_hi_job_log where job_state_ = 1", String.class);
        long optimisticLockingFailures = failures.stream().filter(f -> f.contains("OptimisticLocking")
                || f.contains("updated by another transaction concurrently")).count();
        Integer retriedSends = jdbc.queryForObject("select count(*) from communication where attempts > 1", Integer.class);
        System.out.printf("ClusterTest: N=%d, registered in %.1f s, all sent and waiting at level 1 %.1f s after the morning began, "
                        + "jobs per node %s (%s), failed job runs %d (optimistic locking %d), sends with attempts > 1: %d%n",
                N, registeredIn, elapsed, jobsPerNode, jobsPerNodeAndStep, failures.size(), optimisticLockingFailures, retriedSends);

        // Exactly N emails, one per invoice.
        MimeMessage[] received = mail.getReceivedMessages();
        Map<String, Long> perInvoice = Arrays.stream(received).map(ClusterTest::invoiceOf)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(received).as("emails received").hasSize(N);
        assertThat(perInvoice).as("invoices reminded").hasSize(N);
        assertThat(perInvoice.values()).as("emails per invoice").containsOnly(1L);
        assertThat(perInvoice.keySet()).allMatch(number -> number.startsWith(prefix));

        // N outbox rows, all SENT; a second attempt only where a job run failed and was retried.
        assertThat(jdbc.queryForObject("select count(*) from communication where stage = 'PRE_DUE' and status = 'SENT'",
                Integer.class)).isEqualTo(N);
        assertThat(jdbc.queryForObject("select count(*) from communication", Integer.class)).isEqualTo(N);
        assertThat(retriedSends).as("sends attempted more than once").isLessThanOrEqualTo((int) optimisticLockingFailures);

        // Both nodes ran jobs: N timers and N sends between them.
        assertThat(jobsPerNode).containsOnlyKeys("nodeA", "nodeB");
        assertThat(jobsPerNode.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(2 * N);
        assertThat(jobsPerNode.values()).allMatch(count -> count > 0);

        // Nothing stuck: no incident, every instance at its level-1 timer.
        assertThat(runtime.createIncidentQuery().count()).as("incidents").isZero();
        assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(N);
        assertThat(runtime.createExecutionQuery().activityId("Timer_Level1Due").count()).isEqualTo(N);
    }

    private static String invoiceOf(MimeMessage message) {
        try {
            String[] header = message.getHeader("X-Relance-Invoice");
            return header == null ? "(none)" : header[0];
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
