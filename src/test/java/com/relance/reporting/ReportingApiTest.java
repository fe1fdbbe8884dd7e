package com.relance.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.relance.DunningTestSupport;
import com.relance.invoice.InvoiceIntake;
import com.relance.invoice.InvoicePayments;
import com.relance.invoice.InvoiceRegistration;
import com.relance.invoice.InvoiceRepository;
import com.relance.invoice.OutstandingByAge;
import com.relance.invoice.PaymentRequest;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The dashboards' API against invoices registered, paid, promised and disputed through Relance
 * itself. Each test seeds invoices in a currency no other test uses, so its figures are exactly
 * the seeded ones; the figures other tests share (reminders, promises, disputes) are compared
 * before and after.
 */
class ReportingApiTest extends DunningTestSupport {

    private static final LocalDate TODAY = LocalDate.of(2026, 6, 15);

    @Autowired
    TestRestTemplate rest;
    @Autowired
    InvoiceRegistration registration;
    @Autowired
    InvoicePayments payments;
    @Autowired
    InvoiceRepository invoices;

    @BeforeEach
    void today() {
        engine.getIdentityService().unlockUser("carl"); // another test's wrong password may have locked him
        at(TODAY, LocalTime.of(10, 0), PARIS);
    }

    private TestRestTemplate as(String user) {
        return rest.withBasicAuth(user, user + "-test");
    }

    @Test
    void creditManagementAccountingAuditorsAndAdminsRead_salespeopleAndLegalAreRefused() {
        for (String user : List.of("carl", "colette", "audrey", "root")) {
            assertThat(as(user).getForEntity("/api/reports/dashboard", JsonNode.class).getStatusCode())
                    .as(user).isEqualTo(HttpStatus.OK);
        }
        for (String user : List.of("sam", "lea")) {
            ResponseEntity<JsonNode> refused = as(user).getForEntity("/api/reports/aging", JsonNode.class);
            assertThat(refused.getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        }
        assertThat(rest.getForEntity("/api/reports/aging", JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(as("carl").postForEntity("/api/reports/aging", Map.of(), JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
    }

    /**
     * Seeded in CZK, as of 15 June 2026:
     * <pre>
     * invoice  issued  due    amount  paid                 open on 06-15  days late  bucket
     * X1       04-10   05-10  3000    1000 on 05-20         2000           36         31-60
     * X2       05-05   06-04  2000                          2000           11         1-30
     * X3       06-01   07-01  1500                          1500           -16        not due
     * X4       03-20   04-19   500    500 on 04-25 (paid)      0
     * X5       02-01   03-03   700                           700           104        over 90
     * X6       03-01   03-31   400                           400           76         61-90
     * aging: not due 1500 (1), 1-30 2000 (1), 31-60 2000 (1), 61-90 400 (1), over 90 700 (1); 6600 (5)
     *
     * sales: Feb 700, Mar 900 (X4 + X6), Apr 3000, May 2000, Jun 1-15 1500
     * receivables: 04-30 = X1 3000 + X5 700 + X6 400 = 4100 (X4 paid 04-25)
     *              05-31 = X1 2000 + X2 2000 + X5 700 + X6 400 = 5100, of which not due X2 2000
     *              06-15 = 6600, of which not due X3 1500
     * DSO 06-15: 6600 - Jun 1500 = 5100 (15 days) - May 2000 = 3100 (31) - Apr 3000 = 100 (30),
     *            Mar 900 covers 100: 100/900*31 = 3.44 -> 15 + 31 + 30 + 3.44 = 79.4
     * DSO 05-31: 5100 - May 2000 = 3100 (31) - Apr 3000 = 100 (30), Mar 100/900*31 = 3.44 -> 64.4
     * CEI May:  (4100 + 2000 - 5100) / (4100 + 2000 - 2000) = 1000 / 4100 = 24.4
     * CEI June: (5100 + 1500 - 6600) / (5100 + 1500 - 1500) = 0 / 5100 = 0.0
     * </pre>
     */
    @Test
    void agingDsoAndCei_ofTheSeededInvoices() {
        String x1 = invoice("CZK", "3000", "2026-04-10", "2026-05-10");
        invoice("CZK", "2000", "2026-05-05", "2026-06-04");
        invoice("CZK", "1500", "2026-06-01", "2026-07-01");
        String x4 = invoice("CZK", "500", "2026-03-20", "2026-04-19");
        invoice("CZK", "700", "2026-02-01", "2026-03-03");
        invoice("CZK", "400", "2026-03-01", "2026-03-31");
        payments.record(x1, new PaymentRequest(new BigDecimal("1000"), "CZK", LocalDate.of(2026, 5, 20), "CZ-1"), "colette");
        payments.record(x4, new PaymentRequest(new BigDecimal("500"), "CZK", LocalDate.of(2026, 4, 25), "CZ-4"), "colette");

        JsonNode aging = row(as("audrey").getForObject("/api/reports/aging", JsonNode.class), "CZK");
        assertThat(aging.get("cells").findValuesAsText("bucket"))
                .containsExactly("NOT_DUE", "DAYS_1_30", "DAYS_31_60", "DAYS_61_90", "OVER_90");
        assertThat(aging.get("cells").findValues("amount")).extracting(JsonNode::intValue)
                .containsExactly(1500, 2000, 2000, 400, 700);
        assertThat(aging.get("cells").findValues("count")).extracting(JsonNode::intValue).containsExactly(1, 1, 1, 1, 1);
        assertThat(aging.get("total").decimalValue()).isEqualByComparingTo("6600");
        // The same buckets as the metrics' aggregate query.
        OutstandingByAge gauges = invoices.outstandingByAge(TODAY).stream()
                .filter(r -> r.currency().equals(Currency.getInstance("CZK"))).findFirst().orElseThrow();
        assertThat(List.of(gauges.notDue(), gauges.late1To30(), gauges.late31To60(), gauges.late61To90(), gauges.lateOver90()))
                .extracting(BigDecimal::intValue).containsExactly(1500, 2000, 2000, 400, 700);

        JsonNode periods = row(as("carl").getForObject("/api/reports/collection", JsonNode.class), "CZK").get("periods");
        assertThat(periods).hasSize(12);
        JsonNode may = periods.get(10);
        JsonNode june = periods.get(11);
        assertThat(may.get("month").asText()).isEqualTo("2026-05");
        assertThat(may.get("openingReceivables").decimalValue()).isEqualByComparingTo("4100");
        assertThat(may.get("closingReceivables").decimalValue()).isEqualByComparingTo("5100");
        assertThat(may.get("closingCurrentReceivables").decimalValue()).isEqualByComparingTo("2000");
        assertThat(may.get("dso").decimalValue()).isEqualByComparingTo("64.4");
        assertThat(may.get("cei").decimalValue()).isEqualByComparingTo("24.4");
        assertThat(june.get("month").asText()).isEqualTo("2026-06");
        assertThat(june.get("end").asText()).isEqualTo("2026-06-15");
        assertThat(june.get("sales").decimalValue()).isEqualByComparingTo("1500");
        assertThat(june.get("dso").decimalValue()).isEqualByComparingTo("79.4");
        assertThat(june.get("cei").decimalValue()).isEqualByComparingTo("0.0");

        JsonNode stages = as("colette").getForObject("/api/reports/stages", JsonNode.class);
        JsonNode czk = stage(stages, "CZK", "NONE");
        assertThat(czk.get("amount").decimalValue()).isEqualByComparingTo("6600");
        assertThat(czk.get("count").intValue()).isEqualTo(5);
    }

    /**
     * In HUF: the first reminders of two overdue invoices go out (caught up at registration), a
     * promise is taken on one and kept, the other is disputed.
     */
    @Test
    void remindersPerChannel_amountPerStage_promisesKept_andOpenDisputes() {
        JsonNode before = as("colette").getForObject("/api/reports/dashboard", JsonNode.class);
        String promised = invoice("HUF", "2000", "2026-05-05", "2026-06-04");
        String disputed = invoice("HUF", "400", "2026-03-01", "2026-03-31");
        runDueJobs(instanceOf(promised));
        runDueJobs(instanceOf(disputed));

        assertThat(as("colette").postForEntity("/api/invoices/" + promised + "/promises",
                Map.of("promisedDate", "2026-06-19"), JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(as("colette").postForEntity("/api/invoices/" + disputed + "/disputes",
                Map.of("reason", "Goods returned"), JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        runDueJobs(instanceOf(disputed));

        JsonNode pending = as("colette").getForObject("/api/reports/dashboard", JsonNode.class);
        assertThat(pending.at("/promises/pending").intValue()).isEqualTo(before.at("/promises/pending").intValue() + 1);
        assertThat(pending.at("/disputes/count").intValue()).isEqualTo(before.at("/disputes/count").intValue() + 1);
        assertThat(pending.at("/disputes/amountByCurrency/HUF").decimalValue()).isEqualByComparingTo("400");
        assertThat(pending.at("/disputes/invoiceNumbers").toString()).contains(disputed);
        assertThat(pending.at("/remindersByChannel/EMAIL").asLong(0))
                .isEqualTo(before.at("/remindersByChannel/EMAIL").asLong(0) + 2);
        JsonNode june = pending.get("reminders").get(11);
        assertThat(june.get("month").asText()).isEqualTo("2026-06");
        // Both were overdue at registration: the ladder caught up with level 1 (no pre-due note after the due date).
        JsonNode level1 = stage(pending.get("stages"), "HUF", "LEVEL_1");
        assertThat(level1.get("amount").decimalValue()).isEqualByComparingTo("2400");
        assertThat(level1.get("count").intValue()).isEqualTo(2);

        // Paid in full on 06-21: within 06-19 + 3 days of grace.
        at(LocalDate.of(2026, 6, 21), LocalTime.of(10, 0), PARIS);
        payments.record(promised, new PaymentRequest(new BigDecimal("2000"), "HUF", LocalDate.of(2026, 6, 21), "HU-1"), "colette");
        JsonNode kept = as("colette").getForObject("/api/reports/promises", JsonNode.class);
        assertThat(kept.get("kept").intValue()).isEqualTo(before.at("/promises/kept").intValue() + 1);
        assertThat(kept.get("pending").intValue()).isEqualTo(before.at("/promises/pending").intValue());
    }

    /** A collector's promise on the level-2 call counts too; it is broken once its date plus grace has passed unpaid. */
    @Test
    void aPromiseTakenOnTheLevel2Call_countsPendingThenBroken() {
        // Monday 11 May, in the morning window: the overdue level 1 goes at once, level 2 (and the call) a week later.
        at(LocalDate.of(2026, 5, 11), LocalTime.of(10, 0), PARIS);
        String number = invoice("PLN", "900", "2026-03-01", "2026-03-31");
        runDueJobs(instanceOf(number));
        at(LocalDate.of(2026, 5, 18), LocalTime.of(9, 0), PARIS);
        runDueJobs(instanceOf(number));
        JsonNode before = as("colette").getForObject("/api/reports/promises", JsonNode.class);

        org.camunda.bpm.engine.task.Task call = engine.getTaskService().createTaskQuery()
                .processInstanceId(instanceOf(number).getId()).taskDefinitionKey("Task_CallCustomer").singleResult();
        engine.getTaskService().complete(call.getId(), Map.of("callOutcome", "promise", "promisedDate", "2026-05-25"));

        JsonNode pending = as("colette").getForObject("/api/reports/promises", JsonNode.class);
        assertThat(pending.get("pending").intValue()).isEqualTo(before.get("pending").intValue() + 1);
        assertThat(pending.get("broken").intValue()).isEqualTo(before.get("broken").intValue());

        // 25 May + 3 days of grace = 28 May; on the 29th, unpaid, it is broken.
        at(LocalDate.of(2026, 5, 29), LocalTime.of(10, 0), PARIS);
        JsonNode broken = as("colette").getForObject("/api/reports/promises", JsonNode.class);
        assertThat(broken.get("broken").intValue()).isEqualTo(before.get("broken").intValue() + 1);
    }

    private String invoice(String currency, String amount, String issued, String due) {
        String number = com.relance.Invoices.nextNumber();
        InvoiceIntake intake = com.relance.Invoices.intake(number, "fr", "FR", currency, amount, amount,
                LocalDate.parse(issued), LocalDate.parse(due));
        registration.register(intake);
        return number;
    }

    private static JsonNode row(JsonNode rows, String currency) {
        for (JsonNode row : rows) {
            if (row.get("currency").asText().equals(currency)) {
                return row;
            }
        }
        throw new AssertionError("no " + currency + " row in " + rows);
    }

    private static JsonNode stage(JsonNode stages, String currency, String stage) {
        for (JsonNode row : stages) {
            if (row.get("currency").asText().equals(currency) && row.get("stage").asText().equals(stage)) {
                return row;
            }
        }
        throw new AssertionError("no " + currency + "/" + stage + " in " + stages);
    }
}
