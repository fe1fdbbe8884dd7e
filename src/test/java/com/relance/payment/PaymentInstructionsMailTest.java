package com.relance.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.relance.DunningTestSupport;
import com.relance.Invoices;
import com.relance.invoice.InvoiceRegistration;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A reminder as the customer's mail client receives it (GreenMail): bank details and the RF
 * reference in both parts, and for a euro invoice the EPC QR code as an inline image (cid:) that
 * decodes to the transfer a banking app would prepare. A pound invoice gets the bank details only.
 */
class PaymentInstructionsMailTest extends DunningTestSupport {

    private static final LocalDate ISSUED = LocalDate.of(2026, 3, 1);
    private static final LocalDate DUE = LocalDate.of(2026, 3, 31);
    private static final String IBAN = "DE89 3704 0044 0532 0130 00";

    @Autowired
    InvoiceRegistration registration;
    @Autowired
    PaymentReferences references;

    @Test
    void euroReminder_carriesTheQrCodeInline_andTheReferenceInBothParts() throws Exception {
        String number = Invoices.nextNumber();
        MimeMessage reminder = preDueReminder(number, Invoices.french(number, ISSUED, DUE));
        CreditorReference reference = CreditorReference.forInvoice(number);

        assertThat(html(reminder)).contains("cid:payment-qr", IBAN, "COBADEFFXXX", reference.printed(),
                "Coordonnées de paiement", "https://pay.relance.test/invoices/" + number + "?amount=1250.00&amp;currency=EUR&amp;ref="
                        + reference.value());
        assertThat(body(reminder)).contains("Coordonnées de paiement", "IBAN: " + IBAN, "Référence: " + reference.printed());

        List<Part> images = inlineImages(reminder);
        assertThat(images).singleElement().satisfies(image -> {
            assertThat(image.getContentType()).startsWith("image/png");
            assertThat(((jakarta.mail.internet.MimePart) image).getContentID()).isEqualTo("<payment-qr>");
            assertThat(image.getDisposition()).isEqualToIgnoringCase(Part.INLINE);
        });
        assertThat(attachments(reminder)).as("the QR is shown, not attached").doesNotContainKey("payment-qr.png");
        EpcQr qr = EpcQr.read(images.get(0).getInputStream().readAllBytes());
        assertThat(qr.errorCorrection()).isEqualTo("M");
        assertThat(qr.fields()).containsExactly("BCD", "002", "1", "SCT", "COBADEFFXXX", "Relance Demo SAS",
                "DE89370400440532013000", "EUR1250.00", "", reference.value());
        // Relance keeps what it printed, for the bank statements to come.
        assertThat(references.invoicesOf(reference)).containsExactly(number);
    }

    @Test
    void poundReminder_hasTheBankDetailsAndReference_butNoQrCode() throws Exception {
        String number = Invoices.nextNumber();
        MimeMessage reminder = preDueReminder(number, Invoices.british(number, ISSUED, DUE));
        CreditorReference reference = CreditorReference.forInvoice(number);

        assertThat(html(reminder)).contains("Payment details", IBAN, reference.printed(), "£980.50")
                .doesNotContain("cid:payment-qr", "EPC QR");
        assertThat(body(reminder)).contains("IBAN: " + IBAN, "Reference: " + reference.printed());
        assertThat(inlineImages(reminder)).isEmpty();
    }

    private MimeMessage preDueReminder(String number, com.relance.invoice.InvoiceIntake intake) {
        at(LocalDate.of(2026, 3, 2), LocalTime.of(10, 0), PARIS);
        registration.register(intake);
        ProcessInstance instance = instanceOf(number);
        at(DUE.minusDays(5), LocalTime.of(9, 0), intake.customerCountry().equals("GB") ? java.time.ZoneId.of("Europe/London") : PARIS);
        runDueJobs(instance);
        List<MimeMessage> mails = mailsTo("billing-" + number.toLowerCase() + "@customer.test");
        assertThat(mails).hasSize(1);
        return mails.get(0);
    }

    private static List<Part> inlineImages(Part part) throws Exception {
        List<Part> found = new ArrayList<>();
        if (part.isMimeType("image/*") && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            found.add(part);
        } else if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                found.addAll(inlineImages(child));
            }
        }
        return found;
    }
}
