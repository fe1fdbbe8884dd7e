package com.relance.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.relance.DunningTestSupport;
import com.relance.Invoices;
import jakarta.mail.internet.MimeMessage;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The intake API over real HTTP, with Basic auth against the engine's identities. */
class InvoiceApiTest extends DunningTestSupport {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    @Autowired
    TestRestTemplate rest;
    @Autowired
    InvoiceRepository invoices;

    private TestRestTemplate collector;
    private String number;

    @BeforeEach
    void setUp() {
        collector = rest.withBasicAuth("colette", "colette-test");
        number = Invoices.nextNumber();
        // A Monday inside the morning sending window (09:00-11:00 London): an overdue stage goes at once.
        at(LocalDate.of(2026, 4, 20), LocalTime.of(10, 0), LONDON);
    }

    private Map<String, Object> invoiceJson(String amount) {
        Map<String, Object> json = new java.util.LinkedHashMap<>();
        json.put("invoiceNumber", number);
        json.put("customerNumber", "C-" + number);
        json.put("customerName", "Brown & Sons <Ltd>");
        json.put("customerEmail", "ap-" + number.toLowerCase() + "@brown.test");
        json.put("customerPhone", "+44 20 7946 0000");
        json.put("customerLanguage", "en");
        json.put("customerCountry", "GB");
        json.put("customerSegment", "sme");
        json.put("salesRep", "sam");
        json.put("issueDate", "2026-03-01");
        json.put("dueDate", "2026-03-31");
        json.put("currency", "GBP");
        json.put("amount", new java.math.BigDecimal(amount));
        json.put("openAmount", new java.math.BigDecimal(amount));
        return json;
    }

    @Test
    void postedInvoice_startsOneProcess_andItsReminderReachesTheCustomerOverSmtp() {
        ResponseEntity<JsonNode> created = collector.postForEntity("/api/invoices", invoiceJson("1980.50"), JsonNode.class);

        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(created.getHeaders().getLocation()).hasToString("/api/invoices/" + number);
        assertThat(created.getBody().get("status").asText()).isEqualTo("OPEN");
        assertThat(created.getBody().get("dunningActive").asBoolean()).isTrue();
        assertThat(created.getBody().get("outstandingAmount").decimalValue()).isEqualByComparingTo("1980.50");
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(number).count()).isEqualTo(1);

        // 20 days late when registered: level 1 is overdue and goes out at once.
        ProcessInstance instance = instanceOf(number);
        runDueJobs(instance);
        List<MimeMessage> sent = mailsTo("ap-" + number.toLowerCase() + "@brown.test");
        assertThat(sent).hasSize(1);
        assertThat(subject(sent.get(0))).isEqualTo("Reminder: invoice " + number + " is overdue");
        assertThat(body(sent.get(0))).contains("Dear Brown & Sons <Ltd>,", "£1,980.50 remains unpaid", "31 March 2026");

        JsonNode view = collector.getForObject("/api/invoices/" + number, JsonNode.class);
        assertThat(view.get("stage").asText()).isEqualTo("LEVEL_1");
        assertThat(view.get("communications")).hasSize(1);
        assertThat(view.get("communications").get(0).get("status").asText()).isEqualTo("SENT");
        assertThat(view.get("daysLate").asInt()).isEqualTo(20);
    }

    @Test
    void aBrowsersAcceptHeader_stillGetsJson() {
        collector.postForEntity("/api/invoices", invoiceJson("100.00"), JsonNode.class);
        HttpHeaders browser = new HttpHeaders();
        // application/xml ranks above */*: with an XML converter present, Spring MVC would choose it.
        browser.set(HttpHeaders.ACCEPT, "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");

        ResponseEntity<String> view = collector.exchange("/api/invoices/" + number, HttpMethod.GET,
                new HttpEntity<>(browser), String.class);

        assertThat(view.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(view.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
        assertThat(view.getBody()).startsWith("{");
    }

    @Test
    void sameInvoicePostedAgain_is200WithTheExisting_andStartsNoSecondProcess() {
        collector.postForEntity("/api/invoices", invoiceJson("100.00"), JsonNode.class);

        ResponseEntity<JsonNode> again = collector.postForEntity("/api/invoices", invoiceJson("100.00"), JsonNode.class);

        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(again.getBody().get("invoiceNumber").asText()).isEqualTo(number);
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(number).count()).isEqualTo(1);
    }

    @Test
    void sameNumberWithOtherData_is409_andChangesNothing() {
        collector.postForEntity("/api/invoices", invoiceJson("100.00"), JsonNode.class);

        ResponseEntity<JsonNode> conflict = collector.postForEntity("/api/invoices", invoiceJson("150.00"), JsonNode.class);

        assertThat(conflict.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(conflict.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(invoices.findByNumber(number).orElseThrow().getAmount()).isEqualByComparingTo("100.00");
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(number).count()).isEqualTo(1);
    }

    @Test
    void badInvoice_is400ProblemNamingEveryBadField_andStoresNothing() {
        Map<String, Object> json = invoiceJson("100.00");
        json.put("customerEmail", "not-an-email");
        json.put("customerCountry", "XX");
        json.put("dueDate", "2026-13-01");
        json.put("amount", "12,50");
        json.put("currency", "EURO");
        json.remove("customerName");
        json.put("dueDat", "2026-03-31");
        long before = invoices.count();

        ResponseEntity<JsonNode> response = collector.postForEntity("/api/invoices", json, JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        List<String> fields = new ArrayList<>();
        response.getBody().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).containsExactlyInAnyOrder("dueDat", "customerName", "customerEmail", "customerCountry", "dueDate",
                "currency", "amount");
        assertThat(invoices.count()).isEqualTo(before);
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(number).count()).isZero();
    }

    @Test
    void invoiceWithNothingOpen_isStoredButNotDunned() {
        Map<String, Object> json = invoiceJson("100.00");
        json.put("openAmount", 0);

        ResponseEntity<JsonNode> response = collector.postForEntity("/api/invoices", json, JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(response.getBody().get("status").asText()).isEqualTo("PAID");
        assertThat(response.getBody().get("dunningActive").asBoolean()).isFalse();
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(number).count()).isZero();
    }

    @Test
    void fullPaymentOverTheApi_endsDunning_andShowsTheInvoicePaid() {
        collector.postForEntity("/api/invoices", invoiceJson("100.00"), JsonNode.class);
        ProcessInstance instance = instanceOf(number);

        ResponseEntity<JsonNode> paid = collector.postForEntity("/api/invoices/" + number + "/payments",
                Map.of("amount", 100.00, "currency", "GBP", "paidOn", "2026-04-19", "reference", "BACS-778"), JsonNode.class);

        assertThat(paid.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(paid.getBody().get("status").asText()).isEqualTo("PAID");
        assertThat(paid.getBody().get("payments").get(0).get("recordedBy").asText()).isEqualTo("colette");
        org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat(instance).isEnded()
                .hasPassed("End_DunningEndedPaid");

        // The bank file replayed: same reference, same amount, recognised.
        ResponseEntity<JsonNode> replay = collector.postForEntity("/api/invoices/" + number + "/payments",
                Map.of("amount", 100.00, "currency", "GBP", "paidOn", "2026-04-19", "reference", "BACS-778"), JsonNode.class);
        assertThat(replay.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(replay.getBody().get("payments")).hasSize(1);
    }

    @Test
    void badPayments_areRefusedWithTheFieldNamed() {
        collector.postForEntity("/api/invoices", invoiceJson("100.00"), JsonNode.class);

        ResponseEntity<JsonNode> wrongCurrency = collector.postForEntity("/api/invoices/" + number + "/payments",
                Map.of("amount", 10, "currency", "EUR", "paidOn", "2026-04-19"), JsonNode.class);
        assertThat(wrongCurrency.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(wrongCurrency.getBody().get("errors").get(0).get("field").asText()).isEqualTo("currency");

        ResponseEntity<JsonNode> notANumber = collector.postForEntity("/api/invoices/" + number + "/payments",
                Map.of("amount", "ten", "currency", "GBP", "paidOn", "2026-04-19"), JsonNode.class);
        assertThat(notANumber.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(notANumber.getBody().get("errors").get(0).get("field").asText()).isEqualTo("amount");

        ResponseEntity<JsonNode> unknown = collector.postForEntity("/api/invoices/NOPE-" + number + "/payments",
                Map.of("amount", 10, "currency", "GBP", "paidOn", "2026-04-19"), JsonNode.class);
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);

        assertThat(invoices.findByNumber(number).orElseThrow().getOutstandingAmount()).isEqualByComparingTo("100.00");
    }

    @Test
    void withoutLogin_everyApiIsRefused() {
        assertThat(rest.getForEntity("/api/invoices/" + number, JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(rest.postForEntity("/api/invoices", invoiceJson("1.00"), JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(rest.getForEntity("/engine-rest/process-definition", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        // carl only: a wrong password locks the account for a while (the engine's brute-force delay).
        assertThat(rest.withBasicAuth("carl", "wrong").getForEntity("/api/invoices/" + number, JsonNode.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(rest.withBasicAuth("nobody", "nothing").getForEntity("/api/invoices/" + number, JsonNode.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(invoices.findByNumber(number)).isEmpty();
    }

    @Test
    void auditorsRead_butCannotRegisterOrPay() {
        collector.postForEntity("/api/invoices", invoiceJson("100.00"), JsonNode.class);
        TestRestTemplate auditor = rest.withBasicAuth("audrey", "audrey-test");

        assertThat(auditor.getForEntity("/api/invoices/" + number, JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        ResponseEntity<JsonNode> pay = auditor.postForEntity("/api/invoices/" + number + "/payments",
                Map.of("amount", 100, "currency", "GBP", "paidOn", "2026-04-19"), JsonNode.class);
        assertThat(pay.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(pay.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(invoices.findByNumber(number).orElseThrow().getOutstandingAmount()).isEqualByComparingTo("100.00");
    }
}
