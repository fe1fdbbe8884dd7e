package com.relance.banking;

import static com.relance.banking.CamtFiles.invoice;
import static com.relance.banking.CamtFiles.nextNumber;
import static com.relance.banking.CamtFiles.read;
import static com.relance.banking.CamtFiles.uniqueAmount;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.relance.DunningTestSupport;
import com.relance.invoice.Invoice;
import com.relance.invoice.InvoiceRegistration;
import com.relance.invoice.InvoiceRepository;
import com.relance.invoice.InvoiceStatus;
import com.relance.invoice.PaymentRepository;
import com.relance.payment.CreditorReference;
import com.relance.payment.PaymentDetails;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/**
 * camt.053/054 statements over HTTP: credits matched by RF reference, invoice number, amount and
 * customer, posted like any payment (full ends the dunning, partial continues); the rest to an
 * accounting task with candidates; a statement imported twice posts nothing twice; a malformed
 * file is refused whole.
 */
class BankStatementImportTest extends DunningTestSupport {

    static final LocalDate ISSUED = LocalDate.of(2026, 3, 1);
    static final LocalDate DUE = LocalDate.of(2026, 3, 31);

    @Autowired
    TestRestTemplate rest;
    @Autowired
    InvoiceRegistration registration;
    @Autowired
    InvoiceRepository invoices;
    @Autowired
    PaymentRepository payments;
    @Autowired
    BankStatementLineRepository lines;
    @Autowired
    PaymentDetails paymentDetails;
    @Autowired
    TaskService tasks;

    private TestRestTemplate collector;

    @BeforeEach
    void collectorAtWork() {
        collector = rest.withBasicAuth("colette", "colette-test");
        at(LocalDate.of(2026, 4, 20), LocalTime.of(15, 0), PARIS);
    }

    private String register(String amount) {
        String number = nextNumber();
        registration.register(invoice(number, "C-" + number, amount, "EUR", ISSUED, DUE));
        return number;
    }

    @Test
    void credits_matchedByReference_byInvoiceNumber_andByAmountAndCustomer_postLikeAnyPayment() {
        String a = register("1250.00");
        String b = register("1250.00");
        String amountC = uniqueAmount();
        String c = register(amountC);
        ProcessInstance processA = instanceOf(a);
        ProcessInstance processB = instanceOf(b);
        String xml = read("camt053-v02-matched.xml", Map.of("STMT", CamtFiles.statementId(), "A", a, "B", b, "C", c,
                "RF_A", CreditorReference.forInvoice(a).printed(), "AMOUNT_C", amountC));

        ResponseEntity<JsonNode> response = post(xml, MediaType.APPLICATION_XML);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode body = response.getBody();
        assertThat(body.get("credits").asInt()).isEqualTo(3);
        assertThat(body.get("posted").asInt()).isEqualTo(3);
        assertThat(body.get("skipped").asInt()).as("the bank fee (a debit)").isEqualTo(1);
        assertThat(body.get("invoicesSettled").asInt()).isEqualTo(2);
        assertThat(outcomes(body)).containsExactly(
                "1:POSTED:REFERENCE:" + a, "2:POSTED:INVOICE_NUMBER:" + b, "3:POSTED:AMOUNT_AND_CUSTOMER:" + c);

        // Full payment: paid, its dunning ended as paid. Partial: the ladder goes on with the balance.
        assertThat(invoices.findByNumber(a).orElseThrow().getStatus()).isEqualTo(InvoiceStatus.PAID);
        BpmnAwareTests.assertThat(processA).isEnded().hasPassed("End_DunningEndedPaid");
        Invoice partly = invoices.findByNumber(b).orElseThrow();
        assertThat(partly.getStatus()).isEqualTo(InvoiceStatus.OPEN);
        assertThat(partly.getOutstandingAmount()).isEqualByComparingTo("750.00");
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(processB.getId()).active().count()).isEqualTo(1);
        assertThat(new BigDecimal((String) runtime.getVariable(processB.getId(), "outstandingAmount")))
                .isEqualByComparingTo("750.00");
        assertThat(invoices.findByNumber(c).orElseThrow().getStatus()).isEqualTo(InvoiceStatus.PAID);
        // Recorded like any payment: booking date, the importer's name, the line's key as reference.
        assertThat(payments.findByInvoiceOrderByPaidOnAscIdAsc(partly)).singleElement().satisfies(p -> {
            assertThat(p.getPaidOn()).isEqualTo(LocalDate.of(2026, 4, 18));
            assertThat(p.getRecordedBy()).isEqualTo("colette");
            assertThat(p.getReference()).startsWith("camt:DE89370400440532013000:");
        });
    }

    @Test
    void sameStatementTwice_postsNothingTwice_andSaysAlreadyImported() {
        String a = register("1250.00");
        String b = register("1250.00");
        String amountC = uniqueAmount();
        String c = register(amountC);
        String xml = read("camt053-v02-matched.xml", Map.of("STMT", CamtFiles.statementId(), "A", a, "B", b, "C", c,
                "RF_A", CreditorReference.forInvoice(a).value(), "AMOUNT_C", amountC));
        assertThat(post(xml, MediaType.APPLICATION_XML).getBody().get("posted").asInt()).isEqualTo(3);
        long paymentsBefore = payments.count();
        long linesBefore = lines.count();

        ResponseEntity<JsonNode> again = upload(xml, "statement.xml");

        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode body = again.getBody();
        assertThat(body.get("posted").asInt()).isZero();
        assertThat(body.get("alreadyImported").asInt()).isEqualTo(3);
        assertThat(body.get("message").asText()).startsWith("already imported");
        assertThat(payments.count()).isEqualTo(paymentsBefore);
        assertThat(lines.count()).isEqualTo(linesBefore);
        assertThat(invoices.findByNumber(b).orElseThrow().getOutstandingAmount()).isEqualByComparingTo("750.00");
        assertThat(invoices.findByNumber(a).orElseThrow().getOverpaidAmount()).isNull();
    }

    @Test
    void notificationThenStatement_ofTheSameCredit_postsOnce_andAGroupReferencePaysEachInvoice() {
        String g1 = nextNumber();
        String g2 = nextNumber();
        String customer = "C-" + g1;
        registration.register(invoice(g1, customer, "400.00", "EUR", ISSUED, DUE));
        registration.register(invoice(g2, customer, "600.00", "EUR", ISSUED, DUE));
        // The group's reference as a grouped reminder prints it (and Relance keeps it).
        CreditorReference group = paymentDetails.forInvoices(customer,
                List.of(invoices.findByNumber(g1).orElseThrow(), invoices.findByNumber(g2).orElseThrow()))
                .orElseThrow().reference();
        Map<String, String> values = Map.of("STMT", CamtFiles.statementId(), "G1", g1, "G2", g2, "AMOUNT_G", "1000.00",
                "RF_G", group.printed());

        JsonNode noon = post(read("camt054-v04-notification.xml", values), MediaType.TEXT_XML).getBody();
        assertThat(outcomes(noon)).containsExactly("1:POSTED:REFERENCE:" + g1 + "," + g2);
        assertThat(invoices.findByNumber(g1).orElseThrow().getStatus()).isEqualTo(InvoiceStatus.PAID);
        assertThat(invoices.findByNumber(g2).orElseThrow().getStatus()).isEqualTo(InvoiceStatus.PAID);
        long paymentsAfterNoon = payments.count();

        JsonNode evening = post(read("camt053-same-entry.xml", values), MediaType.APPLICATION_XML).getBody();

        assertThat(outcomes(evening)).containsExactly("1:ALREADY_IMPORTED:REFERENCE:" + g1 + "," + g2);
        assertThat(payments.count()).isEqualTo(paymentsAfterNoon);
        assertThat(invoices.findByNumber(g2).orElseThrow().getOverpaidAmount()).isNull();
    }

    @Test
    void unmatchedAndAmbiguousCredits_becomeAccountingTasks_withTheirCandidates() {
        String d1 = nextNumber();
        String d2 = nextNumber();
        String customerD = "C-" + d1;
        String amountD = uniqueAmount();
        registration.register(invoice(d1, customerD, amountD, "EUR", ISSUED, DUE));
        registration.register(invoice(d2, customerD, amountD, "EUR", ISSUED, DUE));
        String e = register("1250.00");
        String xml = read("camt053-v08-review.xml", Map.of("STMT", CamtFiles.statementId(), "AMOUNT_X", uniqueAmount(),
                "AMOUNT_D", amountD, "NAME_D", "Client " + customerD, "E", e, "AMOUNT_Y", uniqueAmount(), "D1", d1, "D2", d2));
        long paymentsBefore = payments.count();

        JsonNode body = post(xml, MediaType.APPLICATION_XML).getBody();

        assertThat(body.get("credits").asInt()).isEqualTo(4);
        assertThat(body.get("skipped").asInt()).as("a pending entry is no booked credit").isEqualTo(1);
        assertThat(outcomes(body)).containsExactly("1:IN_REVIEW:null:", "2:IN_REVIEW:null:",
                "3:POSTED:INVOICE_NUMBER:" + e, "3:IN_REVIEW:null:");
        assertThat(payments.count()).isEqualTo(paymentsBefore + 1);
        JsonNode ambiguous = body.get("lines").get(1);
        assertThat(ambiguous.get("reviewReason").asText()).contains("2 open invoices of Client " + customerD);
        assertThat(ambiguous.get("candidates")).extracting(JsonNode::asText).containsExactly(d1, d2);
        assertThat(body.get("lines").get(0).get("candidates")).isEmpty();

        // Each goes to accounting as a task of its own bank-line-review instance, the candidates listed.
        Task task = tasks.createTaskQuery().processInstanceId(ambiguous.get("reviewProcessInstanceId").asText())
                .singleResult();
        assertThat(task.getTaskDefinitionKey()).isEqualTo("Task_ReviewBankLine");
        assertThat(tasks.createTaskQuery().taskId(task.getId()).taskCandidateGroup("accounting").count()).isEqualTo(1);
        assertThat(task.getDescription()).contains("EUR " + amountD, "Client " + customerD);
        @SuppressWarnings("unchecked")
        List<Map<String, String>> options = (List<Map<String, String>>) runtime.getVariable(task.getProcessInstanceId(),
                "candidateOptions");
        assertThat(options).extracting(o -> o.get("value")).containsExactly(d1, d2);
        assertThat((String) runtime.getVariable(task.getProcessInstanceId(), "candidatesText")).contains(d1, d2);
        BankStatementLine line = lines.findById(((Number) runtime.getVariable(task.getProcessInstanceId(), "bankLineId"))
                .longValue()).orElseThrow();
        assertThat(line.getStatus()).isEqualTo(BankStatementLine.Status.IN_REVIEW);
        assertThat(line.getDebtorName()).isEqualTo("Client " + customerD);
        // The batch booking's transactions are imported one by one, each with its own key.
        assertThat(body.get("lines").get(2).get("key").asText()).endsWith("-A3:1");
        assertThat(body.get("lines").get(3).get("key").asText()).endsWith("-A3:2");

        // Imported again: the same tasks, no new ones.
        long reviews = runtime.createProcessInstanceQuery().processDefinitionKey("bank-line-review").count();
        JsonNode again = post(xml, MediaType.APPLICATION_XML).getBody();
        assertThat(again.get("alreadyImported").asInt()).isEqualTo(4);
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("bank-line-review").count()).isEqualTo(reviews);
    }

    @Test
    void malformedFiles_areRefusedWhole_namingLineAndElement_andNothingIsWritten() {
        String a = register("1250.00");
        long paymentsBefore = payments.count();
        long linesBefore = lines.count();
        long reviewsBefore = runtime.createProcessInstanceQuery().processDefinitionKey("bank-line-review").count();

        JsonNode notXml = refused(post(read("malformed-not-xml.txt", Map.of()), MediaType.APPLICATION_XML));
        assertThat(error(notXml, 0)).startsWith("1:null:not well-formed XML");

        JsonNode wrongNamespace = refused(upload(read("malformed-wrong-namespace.xml", Map.of()), "pain.xml"));
        assertThat(error(wrongNamespace, 0)).startsWith("3:Document:not a camt.053 or camt.054 message")
                .contains("pain.001.001.03");

        JsonNode badEntries = refused(post(read("malformed-amount-and-currency.xml",
                Map.of("STMT", CamtFiles.statementId(), "A", a)), MediaType.APPLICATION_XML));
        assertThat(errors(badEntries)).containsExactly(
                "18:Stmt/Ntry[2]/Amt:missing: the entry's amount",
                "24:Stmt/Ntry[3]/Amt/@Ccy:must be an ISO 4217 currency code, is 'EURO'");

        JsonNode doctype = refused(post(read("malformed-doctype.xml", Map.of()), MediaType.APPLICATION_XML));
        assertThat(error(doctype, 0)).contains("DOCTYPE is not allowed").doesNotContain("root:");

        JsonNode truncated = refused(post(read("malformed-truncated.xml", Map.of()), MediaType.APPLICATION_XML));
        assertThat(error(truncated, 0)).contains("not well-formed XML");

        assertThat(payments.count()).isEqualTo(paymentsBefore);
        assertThat(lines.count()).isEqualTo(linesBefore);
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("bank-line-review").count()).isEqualTo(reviewsBefore);
        assertThat(invoices.findByNumber(a).orElseThrow().getOutstandingAmount()).isEqualByComparingTo("1250.00");
    }

    @Test
    void onlyThePaymentGroupsMayImport() {
        String xml = read("malformed-wrong-namespace.xml", Map.of());
        assertThat(rest.withBasicAuth("audrey", "audrey-test").postForEntity("/api/payments/bank-statements",
                entity(xml, MediaType.APPLICATION_XML), String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest.withBasicAuth("sam", "sam-test").postForEntity("/api/payments/bank-statements",
                entity(xml, MediaType.APPLICATION_XML), String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest.postForEntity("/api/payments/bank-statements", entity(xml, MediaType.APPLICATION_XML),
                String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    private ResponseEntity<JsonNode> post(String xml, MediaType type) {
        return collector.postForEntity("/api/payments/bank-statements", entity(xml, type), JsonNode.class);
    }

    private static HttpEntity<byte[]> entity(String xml, MediaType type) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(type);
        return new HttpEntity<>(xml.getBytes(StandardCharsets.UTF_8), headers);
    }

    private ResponseEntity<JsonNode> upload(String xml, String fileName) {
        LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("file", new ByteArrayResource(xml.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return fileName;
            }
        });
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return collector.postForEntity("/api/payments/bank-statements", new HttpEntity<>(parts, headers), JsonNode.class);
    }

    private static JsonNode refused(ResponseEntity<JsonNode> response) {
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().get("type").asText()).isEqualTo("urn:relance:problem:import-rejected");
        return response.getBody();
    }

    private static String error(JsonNode problem, int index) {
        return errors(problem).get(index);
    }

    private static List<String> errors(JsonNode problem) {
        List<String> all = new ArrayList<>();
        problem.get("errors").forEach(e -> all.add(e.get("line").asLong() + ":" + e.get("column").asText() + ":"
                + e.get("message").asText()));
        return all;
    }

    /** entry:outcome:matchedBy:invoices paid, per credit. */
    private static List<String> outcomes(JsonNode body) {
        List<String> all = new ArrayList<>();
        body.get("lines").forEach(l -> {
            List<String> numbers = new ArrayList<>();
            l.get("invoiceNumbers").forEach(n -> numbers.add(n.asText()));
            all.add(l.get("entry").asInt() + ":" + l.get("outcome").asText() + ":" + l.get("matchedBy").asText() + ":"
                    + String.join(",", numbers));
        });
        return all;
    }
}
