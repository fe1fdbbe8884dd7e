package com.relance.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.relance.DunningTestSupport;
import com.relance.EngineClock;
import com.relance.Invoices;
import com.relance.invoice.Invoice;
import com.relance.invoice.InvoiceIntake;
import com.relance.invoice.InvoicePayments;
import com.relance.invoice.InvoiceRegistration;
import com.relance.invoice.InvoiceRepository;
import com.relance.invoice.InvoiceStatus;
import com.relance.invoice.PaymentRequest;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
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
 * The customer's answer page over real HTTP, reached through the link of a real pre-due email:
 * what a genuine link lets a customer do without logging in, and what everything else gets.
 * (All requests come from 127.0.0.1 and share one rate-limit window: about 14 answers' worth of
 * the 30 an hour allowed.)
 */
class PortalTest extends DunningTestSupport {

    private static final String BASE_URL = "http://relance.test";
    private static final LocalDate ISSUED = LocalDate.of(2026, 3, 1);
    private static final LocalDate DUE = LocalDate.of(2026, 3, 31);
    private static final LocalDate PRE_DUE = LocalDate.of(2026, 3, 26);
    private static final LocalTime NINE = LocalTime.of(9, 0);
    private static final byte[] PDF = ("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")
            .getBytes(StandardCharsets.US_ASCII);

    @Autowired
    TestRestTemplate rest;
    @Autowired
    InvoiceRegistration registration;
    @Autowired
    InvoicePayments payments;
    @Autowired
    InvoiceRepository invoices;
    @Autowired
    CustomerAnswerRepository answers;
    @Autowired
    TaskService tasks;
    @Autowired
    HistoryService history;

    private String number;
    private ProcessInstance instance;
    /** "/portal/<token>", as the pre-due email links to it. */
    private String page;

    @BeforeEach
    void invoiceWithItsPreDueEmail() {
        number = Invoices.nextNumber();
        page = linkFromPreDueEmail(Invoices.french(number, ISSUED, DUE));
        instance = instanceOf(number);
    }

    // --- a genuine link ---------------------------------------------------------------------------

    @Test
    void get_validLink_showsTheInvoiceAndTheThreeFormsWithoutLogin() {
        ResponseEntity<String> response = rest.getForEntity(page, String.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
        String html = response.getBody();
        assertThat(html).contains("<h1>Invoice " + number + "</h1>", "Client " + number, "2026-03-31")
                // fr-FR: 1 250,00 € (grouping and currency separators are no-break spaces)
                .containsPattern("Still to pay</dt><dd>1[ \\u00a0\\u202f]250,00[ \\u00a0\\u202f]€</dd>")
                .contains("action=\"" + page + "/promise\"", "action=\"" + page + "/dispute\"", "action=\"" + page + "/paid\"")
                .contains("min=\"2026-03-26\"", "max=\"2026-05-25\""); // promise: from today, within 60 days
        assertThat(html).doesNotContain("name=\"username\"", "jsessionid", "_csrf");
        assertThat(response.getHeaders().get(HttpHeaders.SET_COOKIE)).as("no session for a customer").isNull();
    }

    @Test
    void get_customerNameWithMarkup_isEscapedOnThePage() {
        String other = Invoices.nextNumber();
        InvoiceIntake base = Invoices.french(other, ISSUED, DUE);
        InvoiceIntake intake = new InvoiceIntake(other, base.customerNumber(), "Dupont <script>alert(1)</script> & \"Fils\"",
                base.customerEmail(), base.customerPhone(), base.customerLanguage(), base.customerCountry(),
                base.customerSegment(), base.salesRep(), ISSUED, DUE, base.currency(), base.amount(), base.openAmount(),
                null, base.customerAddressLine1(), null, base.customerPostalCode(), base.customerCity(), null);
        String link = linkFromPreDueEmail(intake);

        ResponseEntity<String> response = rest.getForEntity(link, String.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).contains("Dupont &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Fils&quot;")
                .doesNotContain("<script>alert");
    }

    @Test
    void postPromise_validDate_thanksStoresThePromiseAndHoldsTheLadder() {
        assertThat(storedAnswers()).isEmpty();
        assertThat(followUps()).isEmpty();

        ResponseEntity<String> response = postForm(page + "/promise", Map.of("promisedDate", "2026-04-10"));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).contains("Thank you", "We have noted your promise to pay invoice " + number + ".");
        List<CustomerAnswer> stored = storedAnswers();
        assertThat(stored).hasSize(1);
        CustomerAnswer answer = stored.get(0);
        assertThat(answer.getKind()).isEqualTo(CustomerAnswer.Kind.PROMISE);
        assertThat(answer.getPromisedDate()).isEqualTo(LocalDate.of(2026, 4, 10));
        assertThat(answer.getLinkIssuedAt()).isEqualTo(PRE_DUE.atTime(NINE).atZone(PARIS).toInstant());
        assertThat(answer.getAnsweredAt()).isEqualTo(PRE_DUE.atTime(NINE).atZone(PARIS).toInstant());
        runDueJobs(instance);
        // The ladder waits for the promised date plus 3 days' grace: level 1 (7 April) moves to 13 April.
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
                .activityId("Task_HoldForPromise").finished().count()).isEqualTo(1);
        assertThat(management.createJobQuery().processInstanceId(instance.getId()).activityId("Timer_Level1Due")
                .singleResult().getDuedate().toInstant())
                .isEqualTo(LocalDate.of(2026, 4, 13).atTime(NINE).atZone(PARIS).toInstant());
        assertThat(followUps()).isEmpty();
    }

    @Test
    void postDispute_withPdfAttachment_storesTheDocumentAndTellsTheSalesperson() {
        assertThat(mailsTo("sam@relance.test")).isEmpty();

        ResponseEntity<String> response = postDispute(page, "Two boxes arrived damaged", PDF, "../../bon de livraison.pdf",
                MediaType.APPLICATION_PDF);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).contains("We have received your dispute about invoice " + number + ".");
        List<CustomerAnswer> stored = storedAnswers();
        assertThat(stored).hasSize(1);
        CustomerAnswer answer = stored.get(0);
        assertThat(answer.getKind()).isEqualTo(CustomerAnswer.Kind.DISPUTE);
        assertThat(answer.getReason()).isEqualTo("Two boxes arrived damaged");
        assertThat(answer.getAttachmentName()).as("the path is dropped").isEqualTo("bon de livraison.pdf");
        assertThat(answer.getAttachmentType()).isEqualTo("application/pdf");
        assertThat(answer.getAttachment()).isEqualTo(PDF);

        assertThat(mailsTo("sam@relance.test")).as("the salesperson hears of it when the job runs").isEmpty();
        runDueJobs(instance);
        List<MimeMessage> toSam = mailsTo("sam@relance.test");
        assertThat(toSam).hasSize(1);
        assertThat(body(toSam.get(0))).contains("Two boxes arrived damaged");
        Task resolve = tasks.createTaskQuery().processInstanceId(instance.getId())
                .taskDefinitionKey("Task_ResolveCustomerDispute").singleResult();
        assertThat(resolve).as("a dispute to resolve").isNotNull();
        assertThat(tasks.getVariable(resolve.getId(), CustomerAnswers.ANSWER)).isEqualTo("DISPUTE");
        assertThat(tasks.getVariable(resolve.getId(), CustomerAnswers.DISPUTE_ATTACHMENT)).isEqualTo("bon de livraison.pdf");
    }

    @Test
    void postDispute_attachmentOfExactly5MB_isAccepted() {
        byte[] fiveMegabytes = Arrays.copyOf(PDF, (int) PortalController.MAX_ATTACHMENT_BYTES);

        ResponseEntity<String> response = postDispute(page, "See the delivery note", fiveMegabytes, "scan.jpg",
                MediaType.IMAGE_JPEG);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(storedAnswers()).singleElement().satisfies(a -> {
            assertThat(a.getAttachmentType()).isEqualTo("image/jpeg");
            assertThat(a.getAttachment()).hasSize(5 * 1024 * 1024);
        });
    }

    @Test
    void postPaid_referenceAndDate_storesThePaymentClaim() {
        ResponseEntity<String> response = postForm(page + "/paid", Map.of("reference", "VIR-123", "paidOn", "2026-03-25"));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).contains("We have noted that you paid invoice " + number + ".");
        assertThat(storedAnswers()).singleElement().satisfies(a -> {
            assertThat(a.getKind()).isEqualTo(CustomerAnswer.Kind.PAID);
            assertThat(a.getPaymentReference()).isEqualTo("VIR-123");
            assertThat(a.getPaidOn()).isEqualTo(LocalDate.of(2026, 3, 25));
        });
        assertThat(followUps()).singleElement()
                .satisfies(t -> assertThat(tasks.getVariable(t.getId(), CustomerAnswers.ANSWER)).isEqualTo("PAID"));
        assertThat(invoices.findByNumber(number).orElseThrow().getStatus())
                .as("a claim, not a payment: the invoice stays open").isEqualTo(InvoiceStatus.OPEN);
    }

    // --- bad input: 400, the page again with the error, nothing stored ------------------------------

    @Test
    void postPromise_dateInThePast_is400NamingTheError_andChangesNothing() {
        ResponseEntity<String> response = postForm(page + "/promise", Map.of("promisedDate", "2026-03-25"));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).contains("<h1>Invoice " + number + "</h1>",
                "<p class=\"error\">The date must be today or later.</p>");
        assertNothingAnswered();
    }

    @Test
    void postPromise_dateBeyond60Days_is400() {
        ResponseEntity<String> response = postForm(page + "/promise", Map.of("promisedDate", "2026-05-26"));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).contains("Please choose a date within 60 days.");
        assertNothingAnswered();
    }

    @Test
    void postDispute_withoutReason_is400NamingTheError_andChangesNothing() {
        ResponseEntity<String> response = postDispute(page, "   ", PDF, "proof.pdf", MediaType.APPLICATION_PDF);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).contains("Please tell us what is wrong with the invoice.");
        assertNothingAnswered();
    }

    @Test
    void postDispute_textAttachment_is400NamingTheError_andChangesNothing() {
        ResponseEntity<String> response = postDispute(page, "Wrong quantity", "not a pdf".getBytes(StandardCharsets.UTF_8),
                "notes.txt", MediaType.TEXT_PLAIN);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).contains("Please attach a PDF, PNG or JPEG file.")
                .doesNotContain("Please tell us what is wrong");
        assertNothingAnswered();
    }

    @Test
    void postDispute_attachmentOver5MB_is400NamingTheError_andChangesNothing() {
        byte[] tooBig = Arrays.copyOf(PDF, (int) PortalController.MAX_ATTACHMENT_BYTES + 1);

        ResponseEntity<String> response = postDispute(page, "Wrong quantity", tooBig, "scan.pdf", MediaType.APPLICATION_PDF);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).contains("The document must be 5 MB or smaller.");
        assertNothingAnswered();
    }

    // --- links that are not usable ------------------------------------------------------------------

    @Test
    void forgedLink_flippedSignatureOrAnotherSecret_is403AndChangesNothing() {
        int at = page.indexOf('.') + 10; // inside the signature
        String flipped = page.substring(0, at) + (page.charAt(at) == 'A' ? 'B' : 'A') + page.substring(at + 1);
        PortalLinks otherSecret = new PortalLinks(new PortalProperties("not-the-test-portal-secret-0123456789",
                BASE_URL, Duration.ofDays(60), 30, 60), new EngineClock());
        String foreign = "/portal/" + otherSecret.token(number, "C-" + number);

        for (String forged : List.of(flipped, foreign)) {
            assertThat(forged).isNotEqualTo(page);
            ResponseEntity<String> view = rest.getForEntity(forged, String.class);
            assertThat(view.getStatusCode()).as(forged).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(view.getBody()).contains("This link is not valid").doesNotContain(number);
            ResponseEntity<String> promise = postForm(forged + "/promise", Map.of("promisedDate", "2026-04-10"));
            assertThat(promise.getStatusCode()).as(forged).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(promise.getBody()).contains("This link is not valid");
        }
        assertNothingAnswered();
    }

    @Test
    void expiredLink_61DaysLater_is410AndChangesNothing() {
        Instant issued = PRE_DUE.atTime(NINE).atZone(PARIS).toInstant();
        at(issued.plus(Duration.ofDays(60)).minusSeconds(60));
        assertThat(rest.getForEntity(page, String.class).getStatusCode()).as("a minute before it expires")
                .isEqualTo(HttpStatus.OK);

        at(issued.plus(Duration.ofDays(61)));
        ResponseEntity<String> view = rest.getForEntity(page, String.class);
        ResponseEntity<String> promise = postForm(page + "/promise", Map.of("promisedDate", "2026-06-01"));

        assertThat(view.getStatusCode()).isEqualTo(HttpStatus.GONE);
        assertThat(view.getBody()).contains("This link has expired");
        assertThat(promise.getStatusCode()).isEqualTo(HttpStatus.GONE);
        assertThat(promise.getBody()).contains("This link has expired");
        assertNothingAnswered();
    }

    @Test
    void linkOfAnInvoicePaidInFull_is410NothingToAnswer_andChangesNothing() {
        assertThat(rest.getForEntity(page, String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        at(PRE_DUE.plusDays(1), NINE, PARIS);
        payments.record(number, new PaymentRequest(new BigDecimal("1250.00"), "EUR", PRE_DUE.plusDays(1), "BANK-1"),
                "colette");
        assertThat(invoices.findByNumber(number).orElseThrow().getStatus()).isEqualTo(InvoiceStatus.PAID);

        ResponseEntity<String> view = rest.getForEntity(page, String.class);
        ResponseEntity<String> paid = postForm(page + "/paid", Map.of("reference", "VIR-123", "paidOn", "2026-03-25"));

        assertThat(view.getStatusCode()).isEqualTo(HttpStatus.GONE);
        assertThat(view.getBody()).contains("Nothing to answer on this invoice");
        assertThat(paid.getStatusCode()).isEqualTo(HttpStatus.GONE);
        assertThat(paid.getBody()).contains("Nothing to answer on this invoice");
        assertThat(storedAnswers()).isEmpty();
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
                .activityId("StartEvent_CustomerAnswered").count()).isZero();
    }

    @Test
    void portalNeedsNoLogin_butTheApiStillDoes_401WithoutCredentials() {
        assertThat(rest.getForEntity(page, String.class).getStatusCode()).isEqualTo(HttpStatus.OK);

        assertThat(rest.getForEntity("/api/invoices/" + number, String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(rest.withBasicAuth("colette", "colette-test").getForEntity("/api/invoices/" + number, String.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    // --- helpers ------------------------------------------------------------------------------------

    /** Registers the invoice on 2 March, runs its pre-due reminder on 26 March, returns the email's link path. */
    private String linkFromPreDueEmail(InvoiceIntake intake) {
        at(LocalDate.of(2026, 3, 2), LocalTime.of(10, 0), PARIS);
        registration.register(intake);
        at(PRE_DUE, NINE, PARIS);
        runDueJobs(instanceOf(intake.invoiceNumber()));
        List<MimeMessage> sent = mailsTo(intake.customerEmail());
        assertThat(sent).hasSize(1);
        String link = body(sent.get(0)).lines().filter(l -> l.startsWith(BASE_URL + "/portal/")).findFirst()
                .orElseThrow();
        return link.strip().substring(BASE_URL.length());
    }

    private ResponseEntity<String> postForm(String path, Map<String, String> fields) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        fields.forEach(form::add);
        return rest.postForEntity(path, new HttpEntity<>(form, headers), String.class);
    }

    private ResponseEntity<String> postDispute(String path, String reason, byte[] file, String fileName, MediaType type) {
        HttpHeaders fileHeaders = new HttpHeaders();
        fileHeaders.setContentType(type);
        LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("reason", reason);
        parts.add("attachment", new HttpEntity<>(new ByteArrayResource(file) {
            @Override
            public String getFilename() {
                return fileName;
            }
        }, fileHeaders));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return rest.postForEntity(path + "/dispute", new HttpEntity<>(parts, headers), String.class);
    }

    private List<CustomerAnswer> storedAnswers() {
        Invoice invoice = invoices.findByNumber(number).orElseThrow();
        return answers.findByInvoiceOrderByAnsweredAtAsc(invoice);
    }

    private List<Task> followUps() {
        return tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey("Task_FollowUpCustomerAnswer")
                .list();
    }

    /** No answer stored, none reached the process (not even waiting in a job), no follow-up task. */
    private void assertNothingAnswered() {
        assertThat(storedAnswers()).isEmpty();
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
                .activityId("StartEvent_CustomerAnswered").count()).isZero();
        assertThat(followUps()).isEmpty();
    }
}
