package com.relance.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.relance.DunningTestSupport;
import com.relance.Invoices;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/** Payments from a bank/ERP export over HTTP: all or nothing, replays recognised, overpayments flagged. */
@ExtendWith(OutputCaptureExtension.class)
class PaymentImportTest extends DunningTestSupport {

    private static final String HEADER = "invoice_number,amount,currency,paid_on,reference\r\n";
    private static final LocalDate ISSUED = LocalDate.of(2026, 3, 1);
    private static final LocalDate DUE = LocalDate.of(2026, 3, 31);

    @Autowired
    TestRestTemplate rest;
    @Autowired
    InvoiceRegistration registration;
    @Autowired
    InvoiceRepository invoices;
    @Autowired
    PaymentRepository payments;

    private TestRestTemplate collector;
    /** Two open invoices of EUR 1,250.00 each, customers of salesperson sam. */
    private String a, b;

    @BeforeEach
    void twoOpenInvoices() {
        collector = rest.withBasicAuth("colette", "colette-test");
        at(LocalDate.of(2026, 4, 20), LocalTime.of(15, 0), PARIS);
        a = Invoices.nextNumber();
        b = Invoices.nextNumber();
        registration.register(Invoices.french(a, ISSUED, DUE));
        registration.register(Invoices.french(b, ISSUED, DUE));
    }

    private static String line(String invoice, String amount, String currency, String paidOn, String reference) {
        return String.join(",", invoice, amount, currency, paidOn, reference) + "\r\n";
    }

    @Test
    void goodFile_settlesOneInvoiceFully_andAnotherPartly() {
        ProcessInstance processA = instanceOf(a);
        ProcessInstance processB = instanceOf(b);
        String csv = HEADER
                + line(a, "1250.00", "EUR", "2026-04-18", "VIR-" + a)
                + line(b, "500", "EUR", "2026-04-19", "VIR-" + b);

        ResponseEntity<JsonNode> response = upload(csv);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode body = response.getBody();
        assertThat(body.get("recorded").asInt()).isEqualTo(2);
        assertThat(body.get("alreadyRecorded").asInt()).isZero();
        assertThat(body.get("invoicesSettled").asInt()).isEqualTo(1);
        assertThat(outcomes(body)).containsExactly("2:RECORDED:settled", "3:RECORDED:open");
        assertThat(body.get("results").get(1).get("outstandingAmount").decimalValue()).isEqualByComparingTo("750.00");

        Invoice paid = invoices.findByNumber(a).orElseThrow();
        assertThat(paid.getStatus()).isEqualTo(InvoiceStatus.PAID);
        assertThat(paid.getOutstandingAmount()).isEqualByComparingTo("0");
        assertThat(paid.getOverpaidAmount()).isNull();
        Invoice partly = invoices.findByNumber(b).orElseThrow();
        assertThat(partly.getStatus()).isEqualTo(InvoiceStatus.OPEN);
        assertThat(partly.getOutstandingAmount()).isEqualByComparingTo("750.00");
        assertThat(payments.findByInvoiceOrderByPaidOnAscIdAsc(partly)).singleElement()
                .satisfies(p -> assertThat(p.getRecordedBy()).isEqualTo("colette"));

        // The settled invoice's dunning ended as paid; the other one goes on, knowing what is still open.
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(processA.getId()).count()).isZero();
        BpmnAwareTests.assertThat(processA).isEnded().hasPassed("End_DunningEndedPaid");
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(processB.getId()).active().count()).isEqualTo(1);
        assertThat(new BigDecimal((String) runtime.getVariable(processB.getId(), "outstandingAmount")))
                .isEqualByComparingTo("750.00");
    }

    @Test
    void fileWithTwoBadLines_is400ListingBoth_andStoresNothing() {
        String unknown = "NOPE-" + a;
        String csv = HEADER
                + line(a, "1250.00", "EUR", "2026-04-18", "GOOD-" + a)
                + line(unknown, "10.00", "EUR", "2026-04-18", "LOST-1")
                + line(b, "100.00", "GBP", "2026-04-18", "WRONG-CCY")
                + line(b, "100.00", "EUR", "2026-04-18", "GOOD-" + b);
        long paymentsBefore = payments.count();
        BigDecimal outstandingA = invoices.findByNumber(a).orElseThrow().getOutstandingAmount();
        BigDecimal outstandingB = invoices.findByNumber(b).orElseThrow().getOutstandingAmount();

        ResponseEntity<JsonNode> response = upload(csv);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(lineErrors(response.getBody())).containsExactly("3:invoice_number", "4:currency");
        assertThat(response.getBody().get("errors").get(0).get("message").asText()).isEqualTo("no invoice " + unknown);
        assertThat(response.getBody().get("errors").get(1).get("message").asText()).contains("EUR");

        // Not even the good lines: the file is all or nothing.
        assertThat(payments.count()).isEqualTo(paymentsBefore);
        assertThat(invoices.findByNumber(a).orElseThrow().getOutstandingAmount()).isEqualByComparingTo(outstandingA)
                .isEqualByComparingTo("1250.00");
        assertThat(invoices.findByNumber(b).orElseThrow().getOutstandingAmount()).isEqualByComparingTo(outstandingB);
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(a).active().count()).isEqualTo(1);
    }

    @Test
    void everyKindOfBadLine_isNamedWithItsColumn() {
        String csv = HEADER
                + line(a, "-5.00", "EUR", "2026-04-18", "NEG")
                + line(a, "10.001", "EUR", "2026-04-18", "DECIMALS")
                + line(a, "10.00", "EUR", "2026-04-31", "BAD-DATE")
                + line(a, "10.00", "EUR", "2026-04-18", "")
                + line(b, "10.00", "EUR", "2026-04-18", "TWICE")
                + line(b, "10.00", "EUR", "2026-04-18", "TWICE")
                + line(a, "\"1,000.00\"", "EUR", "2026-04-18", "COMMA")
                + "only,three,cells\r\n";
        long paymentsBefore = payments.count();

        ResponseEntity<JsonNode> response = upload(csv);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(lineErrors(response.getBody())).containsExactly("2:amount", "3:amount", "4:paid_on", "5:reference",
                "7:reference", "8:amount", "9:null");
        assertThat(response.getBody().get("errors").get(4).get("message").asText()).contains("duplicates line 6");
        assertThat(payments.count()).isEqualTo(paymentsBefore);
    }

    @Test
    void bomAndAQuotedReferenceWithAComma_areReadAsWritten() {
        String reference = "VIR 2026-04, lot 7";
        String csv = "\uFEFF" + HEADER + line(a, "100.00", "EUR", "2026-04-18", "\"" + reference + "\"");
        assertThat(payments.findByInvoiceOrderByPaidOnAscIdAsc(invoices.findByNumber(a).orElseThrow())).isEmpty();

        ResponseEntity<JsonNode> response = uploadMultipart(csv);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody().get("results").get(0).get("reference").asText()).isEqualTo(reference);
        Invoice invoice = invoices.findByNumber(a).orElseThrow();
        assertThat(payments.findByInvoiceOrderByPaidOnAscIdAsc(invoice)).singleElement()
                .satisfies(p -> assertThat(p.getReference()).isEqualTo(reference));
        assertThat(invoice.getOutstandingAmount()).isEqualByComparingTo("1150.00");
    }

    @Test
    void sameFilePostedTwice_isRecognised_andNothingCountsTwice() {
        String csv = HEADER
                + line(a, "1250.00", "EUR", "2026-04-18", "VIR-" + a)
                + line(b, "300.00", "EUR", "2026-04-18", "VIR-" + b);
        ResponseEntity<JsonNode> first = upload(csv);
        assertThat(first.getBody().get("recorded").asInt()).isEqualTo(2);
        long paymentsAfterFirst = payments.count();

        ResponseEntity<JsonNode> second = upload(csv);

        assertThat(second.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(second.getBody().get("recorded").asInt()).isZero();
        assertThat(second.getBody().get("alreadyRecorded").asInt()).isEqualTo(2);
        assertThat(second.getBody().get("invoicesSettled").asInt()).isZero();
        assertThat(outcomes(second.getBody())).containsExactly("2:ALREADY_RECORDED:open", "3:ALREADY_RECORDED:open");
        assertThat(payments.count()).isEqualTo(paymentsAfterFirst);
        assertThat(invoices.findByNumber(b).orElseThrow().getOutstandingAmount()).isEqualByComparingTo("950.00");
        assertThat(invoices.findByNumber(a).orElseThrow().getOverpaidAmount()).isNull();

        // The same reference with another amount is not a replay: the file is refused, naming it.
        ResponseEntity<JsonNode> changed = upload(HEADER + line(b, "301.00", "EUR", "2026-04-18", "VIR-" + b));
        assertThat(changed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(lineErrors(changed.getBody())).containsExactly("2:reference");
        assertThat(invoices.findByNumber(b).orElseThrow().getOutstandingAmount()).isEqualByComparingTo("950.00");
    }

    @Test
    void twoHalvesOfOneInvoiceInOneFile_theSecondSettlesIt() {
        ProcessInstance process = instanceOf(a);
        String csv = HEADER
                + line(a, "625.00", "EUR", "2026-04-17", "HALF-1")
                + line(a, "625.00", "EUR", "2026-04-18", "HALF-2");

        ResponseEntity<JsonNode> response = upload(csv);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody().get("recorded").asInt()).isEqualTo(2);
        assertThat(response.getBody().get("invoicesSettled").asInt()).isEqualTo(1);
        assertThat(outcomes(response.getBody())).containsExactly("2:RECORDED:open", "3:RECORDED:settled");
        assertThat(response.getBody().get("results").get(0).get("outstandingAmount").decimalValue())
                .isEqualByComparingTo("625.00");
        Invoice invoice = invoices.findByNumber(a).orElseThrow();
        assertThat(invoice.getStatus()).isEqualTo(InvoiceStatus.PAID);
        assertThat(invoice.getOutstandingAmount()).isEqualByComparingTo("0");
        assertThat(payments.findByInvoiceOrderByPaidOnAscIdAsc(invoice)).hasSize(2);
        BpmnAwareTests.assertThat(process).isEnded().hasPassed("End_DunningEndedPaid");
    }

    @Test
    void overpayment_isRecordedWhole_flagged_andListed(CapturedOutput output) {
        ProcessInstance process = instanceOf(a);
        assertThat(overpaidNumbers(collector)).doesNotContain(a, b);
        // The second line finds the dunning already ended by the first: recorded all the same, as overpaid.
        String csv = HEADER
                + line(a, "1300.00", "EUR", "2026-04-17", "OVER-1")
                + line(a, "20.00", "EUR", "2026-04-18", "OVER-2")
                + line(b, "1250.00", "EUR", "2026-04-18", "EXACT");

        ResponseEntity<JsonNode> response = upload(csv);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode body = response.getBody();
        assertThat(body.get("recorded").asInt()).isEqualTo(3);
        assertThat(body.get("invoicesSettled").asInt()).isEqualTo(2);
        assertThat(body.get("overpaid").asInt()).isEqualTo(2);
        assertThat(body.get("results").get(0).get("overpaidAmount").decimalValue()).isEqualByComparingTo("50.00");
        assertThat(body.get("results").get(1).get("overpaidAmount").decimalValue()).isEqualByComparingTo("20.00");
        assertThat(body.get("results").get(2).get("overpaidAmount").isNull()).isTrue();
        BpmnAwareTests.assertThat(process).isEnded().hasPassed("End_DunningEndedPaid");

        JsonNode view = collector.getForObject("/api/invoices/" + a, JsonNode.class);
        assertThat(view.get("overpaidAmount").decimalValue()).isEqualByComparingTo("70.00");
        assertThat(view.get("outstandingAmount").decimalValue()).isEqualByComparingTo("0.00");
        List<BigDecimal> paid = new ArrayList<>();
        view.get("payments").forEach(p -> paid.add(p.get("amount").decimalValue()));
        assertThat(paid).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("1300.00"), new BigDecimal("20.00"));
        assertThat(collector.getForObject("/api/invoices/" + b, JsonNode.class).get("overpaidAmount").isNull()).isTrue();
        assertThat(output.getOut()).contains("Invoice " + a + " overpaid by 50.00 EUR", "Invoice " + a + " overpaid by 20.00 EUR");

        // Any Relance group reads the list; a salesperson only for their own customers.
        TestRestTemplate auditor = rest.withBasicAuth("audrey", "audrey-test");
        ResponseEntity<JsonNode> list = auditor.getForEntity("/api/payments/overpayments", JsonNode.class);
        assertThat(list.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode entry = find(list.getBody(), a);
        assertThat(entry.get("customerNumber").asText()).isEqualTo("C-" + a);
        assertThat(entry.get("customerName").asText()).isEqualTo("Client " + a);
        assertThat(entry.get("currency").asText()).isEqualTo("EUR");
        assertThat(entry.get("overpaidAmount").decimalValue()).isEqualByComparingTo("70.00");
        assertThat(entry.get("lastPaidOn").asText()).isEqualTo("2026-04-18");
        assertThat(overpaidNumbers(auditor)).contains(a).doesNotContain(b);
        assertThat(overpaidNumbers(rest.withBasicAuth("sam", "sam-test"))).contains(a);
        assertThat(overpaidNumbers(rest.withBasicAuth("sophie", "sophie-test"))).doesNotContain(a);
    }

    @Test
    void paymentForAnInvoiceWithNothingOutstanding_isAnOverpaymentOnTheSingleApiToo() {
        upload(HEADER + line(a, "1250.00", "EUR", "2026-04-18", "FULL"));
        assertThat(invoices.findByNumber(a).orElseThrow().getOverpaidAmount()).isNull();

        ResponseEntity<JsonNode> again = collector.postForEntity("/api/invoices/" + a + "/payments",
                Map.of("amount", 1250.00, "currency", "EUR", "paidOn", "2026-04-19", "reference", "PAID-TWICE"),
                JsonNode.class);

        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(again.getBody().get("overpaidAmount").decimalValue()).isEqualByComparingTo("1250.00");
        assertThat(again.getBody().get("payments")).hasSize(2);
        assertThat(again.getBody().get("status").asText()).isEqualTo("PAID");
    }

    @Test
    void singlePaymentForAnUnknownInvoice_is404NamingIt() {
        String unknown = "NOPE-" + a;
        long before = payments.count();

        ResponseEntity<JsonNode> response = collector.postForEntity("/api/invoices/" + unknown + "/payments",
                Map.of("amount", 10.00, "currency", "EUR", "paidOn", "2026-04-19", "reference", "LOST"), JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().get("detail").asText()).isEqualTo("No invoice " + unknown);
        assertThat(payments.count()).isEqualTo(before);
    }

    @Test
    void withoutLogin_is401_andASalespersonMayNotImport() {
        String csv = HEADER + line(a, "1250.00", "EUR", "2026-04-18", "NO-" + a);
        HttpHeaders headers = csvHeaders();

        ResponseEntity<JsonNode> anonymous = rest.postForEntity("/api/payments/import",
                new HttpEntity<>(csv.getBytes(StandardCharsets.UTF_8), headers), JsonNode.class);
        ResponseEntity<JsonNode> anonymousList = rest.getForEntity("/api/payments/overpayments", JsonNode.class);
        ResponseEntity<JsonNode> sales = rest.withBasicAuth("sam", "sam-test").postForEntity("/api/payments/import",
                new HttpEntity<>(csv.getBytes(StandardCharsets.UTF_8), headers), JsonNode.class);

        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(anonymousList.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(sales.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(sales.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(payments.findByInvoiceOrderByPaidOnAscIdAsc(invoices.findByNumber(a).orElseThrow())).isEmpty();
        assertThat(invoices.findByNumber(a).orElseThrow().getOutstandingAmount()).isEqualByComparingTo("1250.00");
        // the control: the same file from an accounting user goes through
        assertThat(upload(csv).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(invoices.findByNumber(a).orElseThrow().getOutstandingAmount()).isEqualByComparingTo("0");
    }

    private static List<String> outcomes(JsonNode summary) {
        List<String> outcomes = new ArrayList<>();
        summary.get("results").forEach(r -> outcomes.add(r.get("line").asInt() + ":" + r.get("outcome").asText() + ":"
                + (r.get("settled").asBoolean() ? "settled" : "open")));
        return outcomes;
    }

    private static List<String> lineErrors(JsonNode problem) {
        List<String> errors = new ArrayList<>();
        problem.get("errors").forEach(e -> errors.add(e.get("line").asInt() + ":" + e.get("column").asText()));
        return errors;
    }

    private static List<String> overpaidNumbers(TestRestTemplate user) {
        List<String> numbers = new ArrayList<>();
        user.getForObject("/api/payments/overpayments", JsonNode.class).forEach(o -> numbers.add(o.get("invoiceNumber").asText()));
        return numbers;
    }

    private static JsonNode find(JsonNode list, String invoiceNumber) {
        for (JsonNode entry : list) {
            if (entry.get("invoiceNumber").asText().equals(invoiceNumber)) {
                return entry;
            }
        }
        throw new AssertionError(invoiceNumber + " is not listed in " + list);
    }

    private static HttpHeaders csvHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(new MediaType("text", "csv", StandardCharsets.UTF_8));
        return headers;
    }

    private ResponseEntity<JsonNode> upload(String csv) {
        return collector.postForEntity("/api/payments/import",
                new HttpEntity<>(csv.getBytes(StandardCharsets.UTF_8), csvHeaders()), JsonNode.class);
    }

    private ResponseEntity<JsonNode> uploadMultipart(String csv) {
        LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("file", new ByteArrayResource(csv.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return "bank-export.csv";
            }
        });
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return collector.postForEntity("/api/payments/import", new HttpEntity<>(parts, headers), JsonNode.class);
    }
}
