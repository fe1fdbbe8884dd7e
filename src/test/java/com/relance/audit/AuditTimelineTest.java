package com.relance.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.relance.DunningTestSupport;
import com.relance.Invoices;
import com.relance.communication.Communication;
import com.relance.communication.CommunicationRepository;
import com.relance.invoice.Invoice;
import com.relance.invoice.InvoiceIntake;
import com.relance.invoice.InvoiceRegistration;
import com.relance.invoice.InvoiceRepository;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An auditor reads one invoice's whole story over real HTTP: an invoice driven through pre-due,
 * level 1, level 2, a collector's call (claimed and submitted over the engine REST API) and a
 * payment; its trail as JSON, CSV and PDF, the readable page and the search.
 */
class AuditTimelineTest extends DunningTestSupport {

    private static final LocalDate ISSUED = LocalDate.of(2026, 3, 1);
    private static final LocalDate DUE = LocalDate.of(2026, 3, 31);
    private static final LocalTime NINE = LocalTime.of(9, 0);

    @Autowired
    TestRestTemplate rest;
    @Autowired
    InvoiceRegistration registration;
    @Autowired
    InvoiceRepository invoices;
    @Autowired
    CommunicationRepository communications;
    @Autowired
    TaskService tasks;
    @Autowired
    HistoryService history;
    @Autowired
    RepositoryService repository;
    @Autowired
    JdbcTemplate jdbc;
    @LocalServerPort
    int port;

    private String number;
    private ProcessInstance instance;

    @BeforeEach
    void paidAfterACall() {
        number = Invoices.nextNumber();
        at(LocalDate.of(2026, 3, 2), LocalTime.of(10, 0), PARIS);
        registration.register(Invoices.french(number, ISSUED, DUE));
        instance = instanceOf(number);
        for (LocalDate stage : List.of(DUE.minusDays(5), DUE.plusDays(7), DUE.plusDays(30))) {
            at(stage, NINE, PARIS);
            runDueJobs(instance);
        }
        at(LocalDate.of(2026, 5, 4), LocalTime.of(10, 0), PARIS);
        Task call = tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey("Task_CallCustomer")
                .singleResult();
        assertThat(colette().postForEntity("/engine-rest/task/" + call.getId() + "/claim", Map.of("userId", "colette"),
                String.class).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(colette().postForEntity("/engine-rest/task/" + call.getId() + "/submit-form",
                Map.of("variables", Map.of("callOutcome", Map.of("value", "reached"))), String.class).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        runDueJobs(instance);
        at(LocalDate.of(2026, 5, 5), LocalTime.of(11, 0), PARIS);
        ResponseEntity<String> paid = colette().postForEntity("/api/invoices/" + number + "/payments",
                jsonBody(Map.of("amount", "1250.00", "currency", "EUR", "paidOn", "2026-05-05", "reference", "VIR-" + number)),
                String.class);
        assertThat(paid.getStatusCode()).as(paid.getBody()).isEqualTo(HttpStatus.CREATED);
        runDueJobs(instance);
    }

    @Test
    void theJsonTimeline_tellsTheWholeStoryInTimeOrder() {
        ResponseEntity<JsonNode> response = audrey().getForEntity("/api/audit/invoices/" + number, JsonNode.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode audit = response.getBody();
        assertThat(audit.get("invoice").get("number").asText()).isEqualTo(number);
        assertThat(audit.get("invoice").get("status").asText()).isEqualTo("PAID");
        assertThat(audit.get("invoice").get("customerName").asText()).isEqualTo("Client " + number);

        int definitionVersion = repository.createProcessDefinitionQuery()
                .processDefinitionId(history.createHistoricProcessInstanceQuery().processInstanceId(instance.getId())
                        .singleResult().getProcessDefinitionId()).singleResult().getVersion();
        JsonNode process = audit.get("process");
        assertThat(process.get("definitionKey").asText()).isEqualTo("invoice-dunning");
        assertThat(process.get("version").asInt()).isEqualTo(definitionVersion);
        assertThat(process.get("versionTag").asText()).isEqualTo("1.3.0");
        assertThat(process.get("state").asText()).isEqualTo("COMPLETED");

        HistoricDecisionInstance evaluated = history.createHistoricDecisionInstanceQuery()
                .processInstanceId(instance.getId()).list().get(0);
        int decisionVersion = repository.getDecisionDefinition(evaluated.getDecisionDefinitionId()).getVersion();
        JsonNode decision = audit.get("decisions").get(0);
        assertThat(decision.get("key").asText()).isEqualTo("dunning-policy");
        assertThat(decision.get("version").asInt()).isEqualTo(decisionVersion);
        assertThat(decision.get("inputs").size()).isPositive();
        assertThat(decision.get("outputs").get(0).size()).as("the matched rule and its outputs").isGreaterThan(1);

        List<JsonNode> entries = new ArrayList<>();
        audit.get("entries").forEach(entries::add);
        for (int i = 1; i < entries.size(); i++) {
            assertThat(entries.get(i).get("at").asText()).as("time order").isGreaterThanOrEqualTo(entries.get(i - 1).get("at").asText());
        }
        int started = index(entries, e -> kind(e, "process") && what(e).contains("started")
                && detail(e, "version").equals(String.valueOf(definitionVersion)) && detail(e, "versionTag").equals("1.3.0"));
        int decided = index(entries, e -> kind(e, "decision") && detail(e, "decisionKey").equals("dunning-policy")
                && detail(e, "version").equals(String.valueOf(decisionVersion)) && e.get("details").has("matched rules"));
        Invoice invoice = invoices.findByNumber(number).orElseThrow();
        List<Integer> reminders = new ArrayList<>();
        for (String stage : List.of("PRE_DUE", "LEVEL_1", "LEVEL_2")) {
            Communication sent = communications.findByInvoiceOrderByCreatedAtAscIdAsc(invoice).stream()
                    .filter(c -> c.getStage().equals(stage) && c.getChannel().equals("EMAIL")).findFirst().orElseThrow();
            assertThat(mailsTo(sent.getRecipient()).stream().map(m -> subject(m))).contains(sent.getSubject());
            reminders.add(index(entries, e -> kind(e, "communication") && detail(e, "stage").equals(stage)
                    && detail(e, "channel").equals("EMAIL") && detail(e, "subject").equals(sent.getSubject())
                    && detail(e, "body").equals(sent.getBody()) && detail(e, "status").equals("SENT")));
        }
        int claimed = index(entries, e -> kind(e, "task-link") && detail(e, "type").equals("assignee")
                && detail(e, "userId").equals("colette"));
        int outcome = index(entries, e -> (kind(e, "form") && detail(e, "field").equals("callOutcome")
                && detail(e, "value").equals("reached") && "colette".equals(who(e))));
        int completed = index(entries, e -> kind(e, "task") && what(e).startsWith("Task completed: Call the customer")
                && "colette".equals(who(e)));
        index(entries, e -> kind(e, "user-operation") && what(e).startsWith("Complete") && "colette".equals(who(e)));
        int payment = index(entries, e -> kind(e, "payment") && "colette".equals(who(e))
                && detail(e, "amount").equals("1250.00") && detail(e, "reference").equals("VIR-" + number));
        int ended = index(entries, e -> kind(e, "process") && what(e).startsWith("Process ended"));

        assertThat(List.of(started, decided, reminders.get(0), reminders.get(1), reminders.get(2), claimed, completed,
                payment, ended)).isSorted();
        assertThat(outcome).isLessThanOrEqualTo(completed);
    }

    @Test
    void theCsvExport_hasAHeaderAndOneRowPerEntry_andIsRecordedWithTheAuditor() throws IOException {
        int entries = audrey().getForObject("/api/audit/invoices/" + number, JsonNode.class).get("entries").size();

        ResponseEntity<String> csv = audrey().getForEntity("/api/audit/invoices/" + number + ".csv", String.class);

        assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(csv.getHeaders().getContentType().isCompatibleWith(MediaType.parseMediaType("text/csv"))).isTrue();
        assertThat(csv.getBody()).startsWith("at,kind,what,who,details\r\n");
        List<CSVRecord> rows;
        try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv.getBody()))) {
            rows = parser.getRecords();
        }
        assertThat(rows).as("the JSON call before is listed as an export").hasSize(entries + 1);
        assertThat(rows.stream().filter(r -> r.get("kind").equals("export")).map(r -> r.get("what") + " by " + r.get("who")))
                .containsExactly("Audit trail exported as json by audrey");
        assertThat(rows.stream().filter(r -> r.get("kind").equals("communication"))
                .anyMatch(r -> r.get("details").contains("body: Madame, Monsieur,"))).isTrue();
        assertThat(jdbc.queryForList("select user_id, format from audit_export where invoice_number = ? order by id",
                number)).containsExactly(Map.of("USER_ID", "audrey", "FORMAT", "json"),
                Map.of("USER_ID", "audrey", "FORMAT", "csv"));
    }

    @Test
    void thePdfExport_isAPdfWithTheInvoiceAndTheRemindersSubjects() throws IOException {
        ResponseEntity<byte[]> pdf = audrey().getForEntity("/api/audit/invoices/" + number + ".pdf", byte[].class);

        assertThat(pdf.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(pdf.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PDF);
        String text;
        try (PDDocument document = Loader.loadPDF(pdf.getBody())) {
            text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
        Communication level1 = communications.findByInvoiceOrderByCreatedAtAscIdAsc(invoices.findByNumber(number)
                .orElseThrow()).stream().filter(c -> c.getStage().equals("LEVEL_1")).findFirst().orElseThrow();
        assertThat(text).contains(number, level1.getSubject().replaceAll("\\s+", " "));
        assertThat(jdbc.queryForObject("select count(*) from audit_export where invoice_number = ? and format = 'pdf'"
                + " and user_id = 'audrey'", Long.class, number)).isEqualTo(1);
    }

    @Test
    void thePage_showsTheTimelineEscaped_withLinksToExportsAndDocuments() throws Exception {
        String other = Invoices.nextNumber();
        InvoiceIntake base = Invoices.french(other, ISSUED, DUE);
        registration.register(new InvoiceIntake(other, base.customerNumber(), "<script>alert(1)</script>",
                base.customerEmail(), base.customerPhone(), base.customerLanguage(), base.customerCountry(),
                base.customerSegment(), base.salesRep(), ISSUED, DUE, base.currency(), base.amount(), base.openAmount(),
                null, base.customerAddressLine1(), null, base.customerPostalCode(), base.customerCity(), null));
        String session = login("audrey");

        HttpResponse<String> page = page(session, "/audit/invoices/" + other);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert");

        HttpResponse<String> paid = page(session, "/audit/invoices/" + number);
        assertThat(paid.body()).contains("Task completed: Call the customer", "href=\"/audit/invoices/" + number + ".csv\"",
                "href=\"/audit/invoices/" + number + ".pdf\"", "href=\"/api/communications/");
        HttpResponse<String> csv = page(session, "/audit/invoices/" + number + ".csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body()).startsWith("at,kind,what,who,details");
    }

    @Test
    void theSearch_filtersByOutcomeAndByUserWhoActed() throws Exception {
        String untouched = Invoices.nextNumber();
        registration.register(Invoices.french(untouched, ISSUED, DUE));
        String session = login("audrey");

        String paid = page(session, "/audit?outcome=PAID&customer=" + enc("C-T-")).body();
        assertThat(paid).contains(">" + number + "<").doesNotContain(">" + untouched + "<");
        String open = page(session, "/audit?outcome=OPEN&customer=" + enc(untouched)).body();
        assertThat(open).contains(">" + untouched + "<");
        String byColette = page(session, "/audit?user=colette").body();
        assertThat(byColette).contains(">" + number + "<").doesNotContain(">" + untouched + "<");
        assertThat(page(session, "/audit?user=lea&customer=" + enc(number)).body()).contains("No invoice matches.");
        assertThat(page(session, "/audit?stage=LEVEL_2&customer=" + enc(number)).body()).contains(">" + number + "<");
    }

    @Test
    void aSalesperson_isRefused_andWithoutLoginTheApiAndPagesAskForOne() throws Exception {
        assertThat(rest.withBasicAuth("sam", "sam-test").getForEntity("/api/audit/invoices/" + number, String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest.withBasicAuth("sam", "sam-test").getForEntity("/api/audit/invoices/" + number + ".csv",
                String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        String sam = login("sam");
        assertThat(page(sam, "/audit").statusCode()).isEqualTo(403);
        assertThat(page(sam, "/audit/invoices/" + number).statusCode()).isEqualTo(403);
        assertThat(jdbc.queryForObject("select count(*) from audit_export where invoice_number = ?", Long.class, number))
                .isZero();

        assertThat(rest.getForEntity("/api/audit/invoices/" + number, String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        HttpResponse<String> anonymous = page(null, "/audit/invoices/" + number);
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location").orElseThrow()).endsWith("/login");

        for (String user : List.of("colette", "carl")) {
            assertThat(rest.withBasicAuth(user, user + "-test").getForEntity("/api/audit/invoices/" + number,
                    String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        }
    }

    // --- helpers ---------------------------------------------------------------------------------

    private TestRestTemplate audrey() {
        return rest.withBasicAuth("audrey", "audrey-test");
    }

    private TestRestTemplate colette() {
        return rest.withBasicAuth("colette", "colette-test");
    }

    private static HttpEntity<Map<String, String>> jsonBody(Map<String, String> body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }

    private static int index(List<JsonNode> entries, Predicate<JsonNode> test) {
        for (int i = 0; i < entries.size(); i++) {
            if (test.test(entries.get(i))) {
                return i;
            }
        }
        throw new AssertionError("no such entry in " + entries);
    }

    private static boolean kind(JsonNode e, String kind) {
        return e.get("kind").asText().equals(kind);
    }

    private static String what(JsonNode e) {
        return e.get("what").asText();
    }

    private static String who(JsonNode e) {
        return e.get("who").isNull() ? null : e.get("who").asText();
    }

    private static String detail(JsonNode e, String key) {
        JsonNode v = e.get("details").get(key);
        return v == null ? "" : v.asText();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    // A browser's login: the pages use a login form (session cookie, CSRF token), not HTTP Basic.
    private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private String login(String user) throws Exception {
        HttpResponse<String> form = browser.send(HttpRequest.newBuilder(uri("/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher csrf = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"").matcher(form.body());
        assertThat(csrf.find()).as(form.body()).isTrue();
        String cookie = cookie(form);
        HttpResponse<String> done = browser.send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookie)
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + user + "-test&_csrf="
                        + enc(csrf.group(1)))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(done.statusCode()).isEqualTo(302);
        assertThat(done.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        return cookie(done);
    }

    private HttpResponse<String> page(String session, String path) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Accept", "text/html");
        if (session != null) {
            request.header("Cookie", session);
        }
        return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String cookie(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
