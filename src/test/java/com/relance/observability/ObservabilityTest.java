package com.relance.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.relance.DunningTestSupport;
import com.relance.Invoices;
import com.relance.invoice.InvoiceIntake;
import com.relance.invoice.InvoiceRegistration;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Currency;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Operations: the metrics a Prometheus scrape reads (as a user allowed to), the health probe open
 * without details and detailed for a logged-in user, and log lines that name the invoice.
 */
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityTest extends DunningTestSupport {

    private static final LocalDate ISSUED = LocalDate.of(2026, 3, 1);
    private static final LocalDate DUE = LocalDate.of(2026, 3, 31);

    @Autowired
    InvoiceRegistration registration;
    @Autowired
    TestRestTemplate rest;
    @Autowired
    RelanceGauges gauges;

    private String number;

    @BeforeEach
    void newInvoice() {
        // another test's wrong password locks carl until an engine-clock time these tests move back from
        engine.getIdentityService().unlockUser("carl");
        number = Invoices.nextNumber();
        at(LocalDate.of(2026, 3, 2), LocalTime.of(10, 0), PARIS);
    }

    @Test
    void prometheus_countsTheReminderSent_andShowsOutstandingAmountsOpenTasksAndIncidents() {
        double before = value(scrape(), "relance_reminders_sent_total", "channel=\"EMAIL\"", "stage=\"PRE_DUE\"");
        ProcessInstance instance = register();
        at(DUE.minusDays(5), LocalTime.of(9, 0), PARIS);
        runDueJobs(instance);
        gauges.refresh();

        String metrics = scrape();
        assertThat(value(metrics, "relance_reminders_sent_total", "channel=\"EMAIL\"", "stage=\"PRE_DUE\""))
                .isEqualTo(before + 1);
        for (String bucket : RelanceGauges.BUCKETS) {
            assertThat(metrics).containsPattern("relance_outstanding_amount\\{[^}]*bucket=\"" + Pattern.quote(bucket)
                    + "\"[^}]*currency=\"EUR\"[^}]*} ");
        }
        assertThat(value(metrics, "relance_outstanding_amount", "bucket=\"not-due\"", "currency=\"EUR\""))
                .isGreaterThanOrEqualTo(1250.0);
        for (String group : RelanceGauges.TASK_GROUPS) {
            assertThat(metrics).containsPattern("relance_tasks_open\\{[^}]*group=\"" + group + "\"[^}]*} ");
        }
        assertThat(metrics).containsPattern("relance_incidents_open\\{[^}]*} ");
    }

    @Test
    void prometheus_countsAFailedDelivery_byChannel() {
        ProcessInstance instance = register("06 12 34 56 78", true);
        at(DUE.minusDays(5), LocalTime.of(9, 0), PARIS);
        runDueJobs(instance);
        double before = value(scrape(), "relance_deliveries_failed_total", "channel=\"SMS\"");

        sms.down(true);
        at(DUE.plusDays(7), LocalTime.of(9, 0), PARIS);
        runDueJobsIgnoringFailures(instance);

        assertThat(value(scrape(), "relance_deliveries_failed_total", "channel=\"SMS\"")).isEqualTo(before + 1);
    }

    @Test
    void prometheus_needsALogin_andAGroupAllowedToReadMetrics() {
        assertThat(rest.getForEntity("/actuator/prometheus", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(rest.withBasicAuth("sam", "sam-test").getForEntity("/actuator/prometheus", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest.withBasicAuth("carl", "carl-test").getForEntity("/actuator/metrics", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void health_isOpenWithoutDetails_andDetailedForALoggedInUser() {
        ResponseEntity<JsonNode> anonymous = rest.getForEntity("/actuator/health", JsonNode.class);
        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(anonymous.getBody().get("status").asText()).isEqualTo("UP");
        assertThat(anonymous.getBody().has("components")).isFalse();
        assertThat(rest.getForEntity("/actuator/health/liveness", JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);

        JsonNode detailed = rest.withBasicAuth("carl", "carl-test").getForObject("/actuator/health", JsonNode.class);
        JsonNode components = detailed.get("components");
        assertThat(components).as(detailed.toString()).isNotNull();
        assertThat(components.get("db").get("status").asText()).isEqualTo("UP");
        assertThat(components.get("mail").get("status").asText()).as("GreenMail answers").isEqualTo("UP");
        assertThat(components.get("jobExecutor").get("status").asText()).isEqualTo("UP");
        assertThat(components.get("jobExecutor").get("details").get("jobExecution").asText())
                .as("the test profile disables it on purpose").isEqualTo("disabled");
    }

    @Test
    void aLineLoggedWhileTheSendJobRuns_namesTheInvoiceAndItsProcess(CapturedOutput output) {
        ProcessInstance instance = register();
        at(DUE.minusDays(5), LocalTime.of(9, 0), PARIS);
        int from = output.getOut().length();
        runDueJobs(instance);

        String logged = output.getOut().substring(from);
        assertThat(logged).as(logged).contains("[" + number + "] [" + instance.getId() + "]");
    }

    private ProcessInstance register() {
        return register(null, false);
    }

    private ProcessInstance register(String phone, boolean smsConsent) {
        registration.register(new InvoiceIntake(number, "C-" + number, "Boulangerie Dupont",
                "billing-" + number.toLowerCase() + "@customer.test", phone, "fr", "FR", "sme", "sam", ISSUED, DUE,
                Currency.getInstance("EUR"), new BigDecimal("1250.00"), new BigDecimal("1250.00"), null,
                "12 rue des Lilas", null, "69003", "Lyon", smsConsent));
        return instanceOf(number);
    }

    private String scrape() {
        ResponseEntity<String> scrape = rest.withBasicAuth("carl", "carl-test").getForEntity("/actuator/prometheus",
                String.class);
        assertThat(scrape.getStatusCode()).isEqualTo(HttpStatus.OK);
        return scrape.getBody();
    }

    /** The sample of {@code name} whose labels include every one given; 0 when there is none yet. */
    private static double value(String metrics, String name, String... labels) {
        Matcher sample = Pattern.compile("(?m)^" + name + "\\{([^}]*)} (\\S+)").matcher(metrics);
        while (sample.find()) {
            String found = sample.group(1);
            boolean all = true;
            for (String label : labels) {
                all &= found.contains(label);
            }
            if (all) {
                return Double.parseDouble(sample.group(2));
            }
        }
        return 0;
    }
}
