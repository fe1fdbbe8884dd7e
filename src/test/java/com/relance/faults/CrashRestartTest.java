package com.relance.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.relance.EngineClock;
import com.relance.Invoices;
import com.relance.RelanceApplication;
import com.relance.RelanceTest;
import com.relance.SmsGatewayStub;
import com.relance.invoice.InvoiceRegistration;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The application dies in the middle of a run and is started again on the same database. One JVM
 * cannot kill itself and go on, so the two crash points that matter are emulated on a file H2
 * database with contexts of their own (own engine name, like DeploymentOnRestartTest): what the
 * dead node left behind is exactly what the database holds after the context is gone.
 * (A real OS process kill, {@code java -jar} with another profile, is too heavy for the normal suite.)
 */
@Tag("own-jvm")
class CrashRestartTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final LocalDate ISSUED = LocalDate.of(2026, 3, 1);
    private static final LocalDate DUE = LocalDate.of(2026, 3, 31);
    private static final String SEND = "Task_SendPreDueReminder";

    @RegisterExtension
    static final GreenMailExtension mail = new GreenMailExtension(RelanceTest.SMTP)
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    @RegisterExtension
    static final SmsGatewayStub sms = new SmsGatewayStub();

    @TempDir
    Path data;

    /** Relance's time is the engine's, as in the shared test context. */
    @TestConfiguration
    static class EngineClocks {
        @Bean
        @Primary
        Clock engineClock() {
            return new EngineClock();
        }
    }

    @AfterEach
    void resetClock() {
        EngineClock.reset();
    }

    /**
     * (a) SMTP accepted the message, then the node died before SENT was committed: the outbox row
     * stays SENDING (attempt started an hour ago) and the job's transaction never committed. After
     * the restart every due reminder goes out, the interrupted one again under the same Message-ID
     * (the receiving side drops the duplicate), and nothing else twice.
     */
    @Test
    void crashAfterSmtpAcceptedButBeforeSentWasCommitted_restartResendsUnderTheSameMessageId_only() {
        String url = url();
        List<String> numbers = Stream.generate(Invoices::nextNumber).limit(4).toList();
        String interrupted = numbers.get(0);
        String sentBeforeTheCrash = numbers.get(1);
        String messageId;
        try (ConfigurableApplicationContext app = start(url)) {
            register(app, numbers);
            at(DUE.minusDays(5), LocalTime.of(9, 0), LONDON);
            ManagementService management = app.getBean(ManagementService.class);
            TransactionTemplate transaction = app.getBean(TransactionTemplate.class);
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);

            // One reminder went out and was committed before the crash.
            runDueJobs(app, instanceOf(app, sentBeforeTheCrash));
            // The other's send job reaches SMTP, then the node dies: its transaction never commits...
            String instance = instanceOf(app, interrupted);
            management.createJobQuery().processInstanceId(instance).timers().executable().list()
                    .forEach(timer -> management.executeJob(timer.getId()));
            Job send = management.createJobQuery().processInstanceId(instance).activityId(SEND).singleResult();
            assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
                management.executeJob(send.getId());
                throw new IllegalStateException("killed before the job's transaction committed");
            })).isInstanceOf(IllegalStateException.class);
            assertThat(perInvoice()).containsOnlyKeys(sentBeforeTheCrash, interrupted);
            // ...nor did SENT: the outbox row still says SENDING, for an hour now.
            String key = instance + "/PRE_DUE/EMAIL/1";
            assertThat(jdbc.update("update communication set status = 'SENDING', sent_at = null, attempt_started_at = ? "
                    + "where idempotency_key = ?", Timestamp.from(new EngineClock().instant().minusSeconds(3600)), key))
                    .isEqualTo(1);
            messageId = jdbc.queryForObject("select message_id from communication where idempotency_key = ?", String.class,
                    key);
            assertThat(management.createJobQuery().processInstanceId(instance).activityId(SEND).singleResult().getRetries())
                    .as("the job's failure was never recorded either").isEqualTo(send.getRetries());
        }

        try (ConfigurableApplicationContext app = start(url)) {
            runAllDueJobs(app);

            Map<String, List<MimeMessage>> received = perInvoice();
            assertThat(received).containsOnlyKeys(numbers);
            assertThat(received.get(interrupted)).as("sent before the crash and again after it").hasSize(2)
                    .allSatisfy(m -> assertThat(messageId(m)).isEqualTo(messageId));
            numbers.stream().filter(n -> !n.equals(interrupted))
                    .forEach(n -> assertThat(received.get(n)).as(n + " sent once").hasSize(1));
            assertOneSentReminderEach(app, numbers);
        }
    }

    /**
     * (b) The context is closed while reminders are due: some timers fired and their send jobs are
     * waiting, others not fired yet. After the restart every due reminder goes out exactly once.
     */
    @Test
    void contextClosedWhileJobsAreDue_restartSendsEveryDueReminderOnce() {
        String url = url();
        List<String> numbers = Stream.generate(Invoices::nextNumber).limit(4).toList();
        try (ConfigurableApplicationContext app = start(url)) {
            register(app, numbers);
            at(DUE.minusDays(5), LocalTime.of(9, 0), LONDON);
            ManagementService management = app.getBean(ManagementService.class);
            // Half the timers fired, their send jobs are due; the job executor never got to them.
            for (String number : numbers.subList(0, 2)) {
                String instance = instanceOf(app, number);
                management.createJobQuery().processInstanceId(instance).timers().executable().list()
                        .forEach(timer -> management.executeJob(timer.getId()));
                assertThat(management.createJobQuery().processInstanceId(instance).activityId(SEND).executable().count())
                        .isEqualTo(1);
            }
            assertThat(management.createJobQuery().executable().count()).isEqualTo(numbers.size());
            assertThat(mail.getReceivedMessages()).isEmpty();
        }

        try (ConfigurableApplicationContext app = start(url)) {
            runAllDueJobs(app);

            Map<String, List<MimeMessage>> received = perInvoice();
            assertThat(received).containsOnlyKeys(numbers);
            assertThat(received.values()).allSatisfy(messages -> assertThat(messages).hasSize(1));
            assertOneSentReminderEach(app, numbers);
        }
    }

    private void assertOneSentReminderEach(ConfigurableApplicationContext app, List<String> numbers) {
        JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
        RuntimeService runtime = app.getBean(RuntimeService.class);
        assertThat(jdbc.queryForList("select status from communication", String.class)).hasSize(numbers.size())
                .containsOnly("SENT");
        assertThat(app.getBean(ManagementService.class).createJobQuery().activityId(SEND).count()).isZero();
        assertThat(runtime.createIncidentQuery().count()).isZero();
        for (String number : numbers) {
            assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(number).activityIdIn("Timer_Level1Due")
                    .count()).as(number + " waits for level 1").isEqualTo(1);
        }
    }

    private String url() {
        return "jdbc:h2:file:" + data.resolve("relance").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    private static void register(ConfigurableApplicationContext app, List<String> numbers) {
        assertThat(app.getBean(Clock.class)).as("Relance's clock is the engine's").isInstanceOf(EngineClock.class);
        at(LocalDate.of(2026, 3, 2), LocalTime.of(10, 0), LONDON);
        InvoiceRegistration registration = app.getBean(InvoiceRegistration.class);
        numbers.forEach(n -> registration.register(Invoices.british(n, ISSUED, DUE)));
    }

    private static void at(LocalDate day, LocalTime time, ZoneId zone) {
        EngineClock.moveTo(day.atTime(time).atZone(zone).toInstant());
    }

    private static String instanceOf(ConfigurableApplicationContext app, String number) {
        return app.getBean(RuntimeService.class).createProcessInstanceQuery().processInstanceBusinessKey(number)
                .singleResult().getId();
    }

    private static void runDueJobs(ConfigurableApplicationContext app, String instance) {
        ManagementService management = app.getBean(ManagementService.class);
        for (int round = 0; round < 20; round++) {
            List<Job> due = management.createJobQuery().processInstanceId(instance).executable().list();
            if (due.isEmpty()) {
                return;
            }
            due.forEach(job -> management.executeJob(job.getId()));
        }
        fail("jobs keep becoming due");
    }

    /** What the restarted node's job executor does: every due job, until none is. */
    private static void runAllDueJobs(ConfigurableApplicationContext app) {
        ManagementService management = app.getBean(ManagementService.class);
        for (int round = 0; round < 20; round++) {
            List<Job> due = management.createJobQuery().executable().list();
            if (due.isEmpty()) {
                return;
            }
            due.forEach(job -> management.executeJob(job.getId()));
        }
        fail("jobs keep becoming due");
    }

    private static Map<String, List<MimeMessage>> perInvoice() {
        return Arrays.stream(mail.getReceivedMessages()).collect(Collectors.groupingBy(m -> {
            try {
                return m.getHeader("X-Relance-Invoice", null);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }));
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Its own engine name, so closing it leaves the shared test context's "default" engine registered. */
    private static ConfigurableApplicationContext start(String url) {
        return new SpringApplicationBuilder(RelanceApplication.class, EngineClocks.class).profiles("test")
                .run("--spring.datasource.url=" + url, "--server.port=0", "--camunda.bpm.process-engine-name=crashTest");
    }

}
