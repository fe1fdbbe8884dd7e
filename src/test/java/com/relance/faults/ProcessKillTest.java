package com.relance.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.relance.EngineClock;
import com.relance.Invoices;
import com.relance.RelanceApplication;
import com.relance.RelanceTest;
import com.relance.invoice.InvoiceRegistration;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.internet.MimeMessage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A real crash: Relance runs in a JVM of its own with its job executor sending reminders, and is
 * killed with SIGKILL (no shutdown hook, no transaction allowed to finish) part-way through. Started
 * again on the same database, every due reminder goes out, each under one Message-ID: a message the
 * dead node had handed to SMTP without recording it is sent again under the same Message-ID (the
 * receiving side drops such a duplicate), and none is lost.
 *
 * <p>On PostgreSQL (embedded), as production runs: what a database keeps of committed transactions
 * when the process dies is part of what is tested. (An H2 file database with its default write
 * delay lost the last half second of commits here, so an outbox row marked SENT came back missing
 * and the reminder went out again under a new Message-ID; the demo's URL sets WRITE_DELAY=0.)
 */
@Tag("own-jvm")
class ProcessKillTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final LocalDate ISSUED = LocalDate.of(2026, 3, 1);
    private static final LocalDate DUE = LocalDate.of(2026, 3, 31);
    /** The pre-due reminders' moment; the killed node runs at it. */
    private static final Instant REMINDER_TIME = DUE.minusDays(5).atTime(LocalTime.of(9, 1)).atZone(LONDON).toInstant();
    /** The restart: after the dead node's job locks (5 min) and its send attempts (10 min) have expired. */
    private static final Instant RESTART_TIME = REMINDER_TIME.plus(Duration.ofMinutes(11));
    private static final String SEND = "Task_SendPreDueReminder";
    /** The nodes' own logs, kept for a look after a failure. */
    private static final Path LOGS = Path.of("target", "process-kill");
    private static final int INVOICES = Integer.getInteger("relance.test.kill-invoices", 60);

    @RegisterExtension
    static final GreenMailExtension mail = new GreenMailExtension(RelanceTest.SMTP)
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    private final List<Process> nodes = new ArrayList<>();

    @AfterEach
    void stopNodes() {
        nodes.forEach(Process::destroyForcibly);
        EngineClock.reset();
    }

    @Test
    void nodeKilledWhileSending_restartSendsEveryReminderUnderOneMessageIdEach() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start()) {
            killAndRestart(postgres.getJdbcUrl("postgres", "postgres"));
        }
    }

    private void killAndRestart(String url) throws Exception {
        List<String> numbers = Stream.generate(Invoices::nextNumber).limit(INVOICES).toList();
        // Invoices registered, their pre-due timers fired: one send job due per invoice.
        try (ConfigurableApplicationContext setup = context(url)) {
            EngineClock.moveTo(LocalDate.of(2026, 3, 2).atTime(10, 0).atZone(LONDON).toInstant());
            InvoiceRegistration registration = setup.getBean(InvoiceRegistration.class);
            numbers.forEach(n -> registration.register(Invoices.british(n, ISSUED, DUE)));
            EngineClock.moveTo(REMINDER_TIME);
            ManagementService management = setup.getBean(ManagementService.class);
            management.createJobQuery().timers().executable().list().forEach(t -> management.executeJob(t.getId()));
            assertThat(management.createJobQuery().activityId(SEND).executable().count())
                    .isEqualTo(INVOICES);
        }

        Process first = node(url, REMINDER_TIME, "first");
        awaitOrFail(() -> mail.getReceivedMessages().length >= INVOICES / 3, Duration.ofMinutes(5), first,
                "the first node sent a third of the reminders");
        first.destroyForcibly(); // SIGKILL: the node dies in the middle of its sends
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        int beforeKill = mail.getReceivedMessages().length;
        assertThat(beforeKill).as("killed part-way").isLessThan(INVOICES);

        Process second = node(url, RESTART_TIME, "second");
        awaitOrFail(() -> distinctInvoices() == INVOICES, Duration.ofMinutes(5), second, "every invoice reminded");
        Thread.sleep(2000); // anything still in flight would arrive now (and be counted below)
        second.destroy();
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();

        Map<String, Set<String>> messageIds = Arrays.stream(mail.getReceivedMessages()).collect(Collectors.groupingBy(
                m -> header(m, "X-Relance-Invoice"), Collectors.mapping(m -> header(m, "Message-ID"), Collectors.toSet())));
        assertThat(messageIds).containsOnlyKeys(numbers);
        assertThat(messageIds.values()).as("one Message-ID per invoice").allSatisfy(ids -> assertThat(ids).hasSize(1));
        int resent = mail.getReceivedMessages().length - INVOICES;
        assertThat(resent).as("only a message in flight at the kill goes twice").isLessThanOrEqualTo(8);

        try (ConfigurableApplicationContext after = context(url)) {
            JdbcTemplate jdbc = after.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForList("select status from communication", String.class)).hasSize(INVOICES)
                    .containsOnly("SENT");
            RuntimeService runtime = after.getBean(RuntimeService.class);
            assertThat(runtime.createIncidentQuery().count()).isZero();
            assertThat(runtime.createProcessInstanceQuery().activityIdIn("Timer_Level1Due").count()).isEqualTo(INVOICES);
        }
        System.out.printf("ProcessKillTest: %d reminders, %d received before SIGKILL, %d sent twice under one Message-ID%n",
                INVOICES, beforeKill, resent);
    }

    /** Relance in a JVM of its own ({@link KilledNode}), job executor on, output in the temp folder. */
    private Process node(String url, Instant now, String name) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Surefire runs tests from a manifest-only jar; it names the real test class path here.
        // An empty entry would put the working directory (the project, with bpmn/ and forms/) on it.
        String classPath = Arrays.stream(System.getProperty("surefire.test.class.path",
                        System.getProperty("java.class.path")).split(File.pathSeparator))
                .filter(entry -> !entry.isBlank()).collect(Collectors.joining(File.pathSeparator));
        List<String> command = List.of(java, "-Xmx768m", "-cp", classPath,
                "-Drelance.test.smtp-port=" + RelanceTest.SMTP_PORT,
                KilledNode.class.getName(), now.toString(), url);
        Files.createDirectories(LOGS);
        File log = LOGS.resolve(name + ".log").toFile();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
        nodes.add(process);
        return process;
    }

    private void awaitOrFail(BooleanSupplier condition, Duration timeout, Process node, String what)
            throws InterruptedException, IOException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (!node.isAlive() || System.nanoTime() > end) {
                List<String> log = Files.readAllLines(LOGS.resolve(node == nodes.get(0) ? "first.log" : "second.log"));
                throw new AssertionError("Not done: " + what + " (node " + (node.isAlive() ? "alive" : "exited with "
                        + node.exitValue()) + ", mails: "
                        + mail.getReceivedMessages().length + "); node log tail:\n"
                        + String.join("\n", log.subList(Math.max(0, log.size() - 40), log.size())));
            }
            Thread.sleep(100); // waiting on another process: there is no engine clock to drive here
        }
    }

    private long distinctInvoices() {
        return Arrays.stream(mail.getReceivedMessages()).map(m -> header(m, "X-Relance-Invoice")).distinct().count();
    }

    private static String header(MimeMessage message, String name) {
        try {
            return message.getHeader(name, null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** In this JVM, job executor off: sets the scene before and reads the database after. */
    private static ConfigurableApplicationContext context(String url) {
        return new SpringApplicationBuilder(RelanceApplication.class, CrashRestartTest.EngineClocks.class).profiles("test")
                .run("--spring.datasource.url=" + url, "--server.port=0", "--camunda.bpm.process-engine-name=killTest",
                        "--spring.main.banner-mode=off", "--relance.sms.gateway=log");
    }

    /**
     * The node that gets killed: Relance with the test profile on the given database, its job
     * executor on, the engine's clock at the given instant (the process's clock, frozen).
     */
    public static final class KilledNode {
        public static void main(String[] args) {
            EngineClock.moveTo(Instant.parse(args[0]));
            new SpringApplicationBuilder(RelanceApplication.class, CrashRestartTest.EngineClocks.class).profiles("test")
                    .run("--spring.datasource.url=" + args[1], "--server.port=0", "--spring.main.banner-mode=off",
                            "--camunda.bpm.job-execution.enabled=true", "--relance.sms.gateway=log",
                            "--camunda.bpm.job-execution.wait-time-in-millis=200",
                            "--camunda.bpm.job-execution.max-wait=1000");
        }
    }
}
