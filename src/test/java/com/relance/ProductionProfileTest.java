package com.relance;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.relance.invoice.InvoiceRegistration;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code prod} profile as docker-compose.yml runs it, on a real PostgreSQL (embedded: the same
 * server binaries, started as a child process): settings come in the way the environment gives
 * them, Flyway and the engine create their schemas, the job executor (on in production) sends an
 * invoice's pre-due reminder once over SMTP, and the health probe answers over HTTP.
 */
class ProductionProfileTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    /** The SMTP server the production profile is pointed at (the suite's moved test port). */
    @RegisterExtension
    static final GreenMailExtension mail = new GreenMailExtension(RelanceTest.SMTP)
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    @AfterEach
    void resetClock() {
        EngineClock.reset();
    }

    @Test
    void prodProfile_onPostgreSql_migrates_runsTheProcess_andSendsThePreDueReminderOnce() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start();
             ConfigurableApplicationContext app = start(postgres.getJdbcUrl("postgres", "postgres"))) {
            JdbcTemplate jdbc = new JdbcTemplate(app.getBean(DataSource.class));
            try (Connection connection = app.getBean(DataSource.class).getConnection()) {
                assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
            }

            // Relance's tables by Flyway, V1..V7, all successful.
            assertThat(jdbc.queryForList("select version from flyway_schema_history where success order by installed_rank",
                    String.class)).containsExactly("1", "2", "3", "4", "5", "6", "7");
            // The engine's schema, created by the engine (schema-update) on PostgreSQL.
            assertThat(jdbc.queryForObject("select count(*) from information_schema.tables where table_schema = 'public' "
                    + "and table_name in ('act_ge_property', 'act_ru_job', 'act_hi_procinst', 'act_id_user')", Integer.class))
                    .isEqualTo(4);
            assertThat(jdbc.queryForList("select version_ from act_ge_schema_log", String.class)).contains("7.24.0");
            // Relance's index for the engine's revoke check (RevokeCheckIndex).
            assertThat(jdbc.queryForList("select indexdef from pg_indexes where indexname = 'relance_idx_auth_type'",
                    String.class)).singleElement().asString().contains("act_ru_authorization").contains("(type_)");
            // The administrator provisioned from the environment.
            assertThat(app.getBean(ProcessEngine.class).getIdentityService().checkPassword("ops", "ops-initial-password"))
                    .isTrue();

            // Five days before the due date, at 09:00:30 in Paris on a Thursday: the pre-due
            // reminder is due, and the job executor (not the test) runs its timer and its send job.
            EngineClock.moveTo(LocalDate.of(2026, 3, 26).atTime(LocalTime.of(9, 0, 30)).atZone(PARIS).toInstant());
            String number = Invoices.nextNumber();
            app.getBean(InvoiceRegistration.class).register(
                    Invoices.french(number, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31)));
            RuntimeService runtime = app.getBean(RuntimeService.class);
            ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(number).singleResult();
            assertThat(instance).as("process of " + number).isNotNull();

            String customer = "billing-" + number.toLowerCase() + "@customer.test";
            assertThat(mail.waitForIncomingEmail(30_000, 1)).as("pre-due reminder received").isTrue();
            HistoryService history = app.getBean(HistoryService.class);
            awaitWaitingAt(runtime, instance, "Timer_Level1Due");
            Thread.sleep(1_000); // a second send would come from the same job run: give it time to show
            assertThat(mailsTo(customer)).hasSize(1);
            assertThat(mailsTo(customer).get(0).getSubject()).contains(number);
            assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
                    .activityId("Task_SendPreDueReminder").finished().count()).isEqualTo(1);
            assertThat(jdbc.queryForObject("select count(*) from communication c join invoice i on i.id = c.invoice_id "
                    + "where i.invoice_number = ? and c.status = 'SENT'", Integer.class, number))
                    .isEqualTo(1);
            // The letter-and-copy PDFs go to bytea: the invoice copy attached to the email was stored.
            assertThat(jdbc.queryForObject("select count(*) from communication_document d join communication c "
                    + "on c.id = d.communication_id join invoice i on i.id = c.invoice_id where i.invoice_number = ? "
                    + "and length(d.content) > 0", Integer.class, number)).isGreaterThanOrEqualTo(1);

            // The health endpoint over HTTP, as a load balancer and the container's healthcheck ask it.
            String port = app.getEnvironment().getProperty("local.server.port");
            HttpClient http = HttpClient.newHttpClient();
            for (String path : List.of("/actuator/health", "/actuator/health/readiness")) {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).as(path).isEqualTo(200);
                assertThat(health.body()).as(path).startsWith("{\"status\":\"UP\"");
            }
        }
    }

    private static void awaitWaitingAt(RuntimeService runtime, ProcessInstance instance, String activity)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            if (runtime.getActiveActivityIds(instance.getId()).contains(activity)) {
                return;
            }
            Thread.sleep(100);
        }
        assertThat(runtime.getActiveActivityIds(instance.getId())).as("waiting at").contains(activity);
    }

    private static List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(mail.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(r -> r.toString().equals(address));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /**
     * The whole application in the prod profile, configured the way the environment configures a
     * container (RELANCE_* variables, here as arguments). Its own engine name: closing it must not
     * unregister the shared test context's "default" engine (names without hyphens).
     */
    private static ConfigurableApplicationContext start(String jdbcUrl) {
        return new SpringApplicationBuilder(RelanceApplication.class, EngineTime.class).profiles("prod")
                .run("--RELANCE_DB_URL=" + jdbcUrl,
                        "--RELANCE_DB_USER=postgres",
                        "--RELANCE_DB_PASSWORD=postgres",
                        "--RELANCE_SMTP_HOST=127.0.0.1",
                        "--RELANCE_SMTP_PORT=" + RelanceTest.SMTP_PORT,
                        "--RELANCE_PORTAL_SECRET=production-test-secret-0123456789-0123456789",
                        "--RELANCE_CALENDAR_SECRET=calendar-test-secret-0123456789-0123456789",
                        "--RELANCE_ADMIN_USER=ops",
                        "--RELANCE_ADMIN_PASSWORD=ops-initial-password",
                        "--server.port=0",
                        "--camunda.bpm.process-engine-name=productionTest");
    }

    /** Relance's time is the engine's, so the test can put both at a reminder's morning. */
    static class EngineTime {
        @Bean
        @Primary
        Clock engineClock() {
            return new EngineClock();
        }
    }
}
