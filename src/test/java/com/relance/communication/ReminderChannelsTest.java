package com.relance.communication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.relance.DunningTestSupport;
import com.relance.Invoices;
import com.relance.SmsGatewayStub;
import com.relance.invoice.InvoiceIntake;
import com.relance.invoice.InvoiceRegistration;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Currency;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Each stage reaches the customer by the channels its policy names (default policy: pre-due by
 * email with an invoice copy, level 1 by email and SMS, level 2 by email, letter and SMS), as
 * their contact data and consent allow: real SMTP (GreenMail), a real HTTP SMS gateway on
 * loopback, letters as PDF read back with PDFBox.
 */
class ReminderChannelsTest extends DunningTestSupport {

    private static final LocalDate ISSUED = LocalDate.of(2026, 3, 1);
    private static final LocalDate DUE = LocalDate.of(2026, 3, 31);
    private static final LocalTime NINE = LocalTime.of(9, 0);

    @Autowired
    InvoiceRegistration registration;
    @Autowired
    CommunicationRepository communications;
    @Autowired
    TestRestTemplate rest;
    @Autowired
    ObjectMapper json;

    private String number;
    private String email;

    @BeforeEach
    void newNumber() {
        number = Invoices.nextNumber();
        email = "billing-" + number.toLowerCase() + "@customer.test";
        at(LocalDate.of(2026, 3, 2), LocalTime.of(10, 0), PARIS);
    }

    @Test
    void preDueReminder_isHtmlWithAPlainTextAlternative_anInvoiceCopyAndTheAnswerLink() throws Exception {
        ProcessInstance instance = register(customer("Boulangerie Dupont", email, "+33 1 23 45 67 89", false));
        at(DUE.minusDays(5), NINE, PARIS);
        runDueJobs(instance);

        MimeMessage reminder = single(mailsTo(email));
        assertThat(reminder.getContentType()).startsWith("multipart/mixed");
        assertThat(reminder.getHeader("Content-Language")[0]).isEqualTo("fr");
        assertThat(reminder.getHeader("X-Relance-Invoice")[0]).isEqualTo(number);
        Communication sent = sent(instance, "PRE_DUE", "EMAIL");
        assertThat(reminder.getMessageID()).isEqualTo(sent.getMessageId());
        assertThat(body(reminder)).startsWith("Madame, Monsieur,").contains("Restant dû: 1\u202f250,00\u00a0€")
                .contains("http://relance.test/portal/");
        assertThat(html(reminder)).contains("<table", "Boulangerie Dupont", "href=\"http://relance.test/portal/",
                "Répondre en ligne");
        byte[] copy = attachments(reminder).get("invoice-" + number + ".pdf");
        assertThat(pdfText(copy)).contains("Copie de facture", number, "Boulangerie Dupont");
        assertThat(sms.received()).as("no consent, no SMS").isEmpty();
    }

    @Test
    void level2_goesByEmailAndLetter_theLetterIsKeptAndDownloadable() throws Exception {
        ProcessInstance instance = register(customer("Boulangerie Dupont", email, "+33 1 23 45 67 89", false));
        driveTo(instance, DUE.plusDays(30));

        Communication letter = sent(instance, "LEVEL_2", "LETTER");
        assertThat(letter.getPostalAddress()).isEqualTo("Boulangerie Dupont\n12 rue des Lilas\n69003 Lyon\nFRANCE");
        assertThat(letter.getDeliveredVia()).isEqualTo("kept in Relance for printing");
        JsonNode view = rest.withBasicAuth("audrey", "audrey-test").getForObject("/api/invoices/" + number, JsonNode.class);
        JsonNode listed = find(view.get("communications"), letter.getId());
        String href = listed.get("documents").get(0).get("href").asText();

        ResponseEntity<byte[]> pdf = rest.withBasicAuth("audrey", "audrey-test").getForEntity(href, byte[].class);
        assertThat(pdf.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(pdf.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PDF);
        assertThat(pdfText(pdf.getBody())).contains("Boulangerie Dupont", "12 rue des Lilas", "69003 Lyon", number,
                "Pénalités de retard", "Indemnité forfaitaire pour frais de recouvrement", "40,00",
                // F8: level 2 carries the customer's statement of account, on the letter's second page.
                "Relevé de compte", "Solde dû EUR", "Page 2 sur 2");
        assertThat(rest.getForEntity(href, byte[].class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(body(last(mailsTo(email)))).contains("Pénalités de retard", "Indemnité forfaitaire");
    }

    @Test
    void anSmsGoesOnceThroughTheGateway_evenWhenItsJobRunsAgain() throws Exception {
        ProcessInstance instance = register(customer("Boulangerie Dupont", email, "06 12 34 56 78", true));
        driveTo(instance, DUE.plusDays(7));
        assertThat(sms.received()).hasSize(1);

        // The same stage's job again (a retry, a second node): nothing new goes out on any channel.
        runtime.createProcessInstanceModification(instance.getId()).startBeforeActivity("Task_SendLevel1Reminder").execute();
        Job again = management.createJobQuery().processInstanceId(instance.getId()).activityId("Task_SendLevel1Reminder")
                .singleResult();
        management.executeJob(again.getId());

        List<SmsGatewayStub.Received> received = sms.received();
        assertThat(received).hasSize(1);
        assertThat(received.get(0).authorization()).isEqualTo("Bearer test-sms-token");
        assertThat(received.get(0).idempotencyKey()).isEqualTo(instance.getId() + "/LEVEL_1/SMS/1");
        JsonNode request = json.readTree(received.get(0).json());
        assertThat(request.get("to").asText()).isEqualTo("+33612345678");
        assertThat(request.get("text").asText()).contains(number).doesNotContain("\u00a0", "\u202f");
        assertThat(request.get("encoding").asText()).isEqualTo("GSM-7");
        assertThat(request.get("segments").asInt()).isEqualTo(1);
        assertThat(mailsTo(email).stream().filter(m -> subject(m).startsWith("Relance"))).hasSize(1);
    }

    @Test
    void gatewayDown_theEmailGoesAnyway_theSmsEndsAsAnIncident_andGoesOnceWhenRetried() {
        ProcessInstance instance = register(customer("Boulangerie Dupont", email, "06 12 34 56 78", true));
        driveTo(instance, DUE.plusDays(7).minusDays(1));
        at(DUE.plusDays(7), NINE, PARIS);
        sms.down(true);
        Job send = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            runDueJobsIgnoringFailures(instance);
            send = management.createJobQuery().processInstanceId(instance.getId()).activityId("Task_SendLevel1Reminder")
                    .singleResult();
            if (send == null || send.getRetries() == 0) {
                break;
            }
            at(send.getDuedate().toInstant());
        }
        assertThat(send.getRetries()).isZero();
        assertThat(runtime.createIncidentQuery().processInstanceId(instance.getId()).singleResult().getIncidentMessage())
                .contains("SMS", "503");
        assertThat(mailsTo(email).stream().filter(m -> subject(m).startsWith("Relance"))).as("email sent once").hasSize(1);

        sms.down(false);
        management.setJobRetries(send.getId(), 1);
        management.executeJob(send.getId());

        assertThat(sms.received()).hasSize(1);
        assertThat(mailsTo(email).stream().filter(m -> subject(m).startsWith("Relance"))).hasSize(1);
        assertThat(instance).isWaitingAt("Timer_Level2Due");
    }

    @Test
    void aCustomerWithoutEmail_getsALetterInstead() {
        ProcessInstance instance = register(customer("Atelier Sans Courriel", null, null, false));
        at(DUE.minusDays(5), NINE, PARIS);
        runDueJobs(instance);

        assertThat(communications.findByIdempotencyKey(instance.getId() + "/PRE_DUE/EMAIL/1")).isEmpty();
        assertThat(sent(instance, "PRE_DUE", "LETTER").getRecipient()).isEqualTo("Atelier Sans Courriel");
        assertThat(instance).isWaitingAt("Timer_Level1Due");
    }

    @Test
    void customerNamesAreEscaped_inTheHtmlEmail_andPrintedAsText_inTheLetter() throws Exception {
        String name = "Dupont <script>alert(1)</script> & \"Fils\"";
        ProcessInstance instance = register(customer(name, email, null, false));
        driveTo(instance, DUE.plusDays(30));

        String html = html(last(mailsTo(email)));
        assertThat(html).contains("Dupont &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Fils&quot;")
                .doesNotContain("<script>");
        Communication letter = sent(instance, "LEVEL_2", "LETTER");
        byte[] pdf = documents(letter).get(0).getContent();
        assertThat(pdfText(pdf)).contains(name);
    }

    private ProcessInstance register(InvoiceIntake intake) {
        registration.register(intake);
        return instanceOf(intake.invoiceNumber());
    }

    /** Runs every stage up to {@code day} at 09:00 (no review asked, the call task left open). */
    private void driveTo(ProcessInstance instance, LocalDate day) {
        for (LocalDate stage : List.of(DUE.minusDays(5), DUE.plusDays(7), DUE.plusDays(30))) {
            if (!stage.isAfter(day)) {
                at(stage, NINE, PARIS);
                runDueJobs(instance);
            }
        }
    }

    private InvoiceIntake customer(String name, String mail, String phone, boolean smsConsent) {
        return new InvoiceIntake(number, "C-" + number, name, mail, phone, "fr", "FR", "sme", "sam", ISSUED, DUE,
                Currency.getInstance("EUR"), new BigDecimal("1250.00"), new BigDecimal("1250.00"), null,
                "12 rue des Lilas", null, "69003", "Lyon", smsConsent);
    }

    private Communication sent(ProcessInstance instance, String stage, String channel) {
        Communication c = communications.findByIdempotencyKey(instance.getId() + "/" + stage + "/" + channel + "/1")
                .orElseThrow(() -> new AssertionError("no " + stage + " " + channel + " message"));
        assertThat(c.getStatus()).isEqualTo(CommunicationStatus.SENT);
        return c;
    }

    @Autowired
    CommunicationHistory history;

    private List<CommunicationDocument> documents(Communication c) {
        return history.documentsOf(c);
    }

    private static JsonNode find(JsonNode communications, long id) {
        for (JsonNode c : communications) {
            if (c.get("id").asLong() == id) {
                return c;
            }
        }
        throw new AssertionError("message " + id + " not listed in " + communications);
    }

    private static String pdfText(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    private static MimeMessage single(List<MimeMessage> messages) {
        assertThat(messages).hasSize(1);
        return messages.get(0);
    }

    private static MimeMessage last(List<MimeMessage> messages) {
        return messages.get(messages.size() - 1);
    }
}
