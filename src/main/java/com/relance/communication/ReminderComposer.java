package com.relance.communication;

import com.relance.invoice.Customer;
import com.relance.payment.PaymentDetails;
import com.relance.payment.PaymentInstructions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.stereotype.Component;

/**
 * Puts a reminder's words into each channel's form: the email's plain text and HTML (with the
 * invoice table and the customer's answer link), the A4 letter PDF, the SMS text. Each carries the
 * payment instructions (bank details and RF reference; the EPC QR code in the HTML email and the
 * letter when the invoice is in euros).
 */
@Component
class ReminderComposer {

    static final String REMINDER_FOLDER = "reminder";
    static final String SMS_FOLDER = "sms";
    /** The HTML email's QR image: an inline part (cid:), which mail clients show where they block data: URIs. */
    static final String QR_FILE = "payment-qr.png";

    private final MessageTemplates templates;
    private final Layouts layouts;
    private final LetterRenderer letters;
    private final Creditor creditor;
    private final PaymentDetails paymentDetails;
    private final Clock clock;

    ReminderComposer(MessageTemplates templates, Layouts layouts, LetterRenderer letters, Creditor creditor,
                     PaymentDetails paymentDetails, Clock clock) {
        this.templates = templates;
        this.layouts = layouts;
        this.letters = letters;
        this.creditor = creditor;
        this.paymentDetails = paymentDetails;
        this.clock = clock;
    }

    /** The stage's words from its template, in the customer's language (or English). */
    RenderedMessage text(Reminder reminder) {
        return templates.render(REMINDER_FOLDER, reminder.template(), reminder.invoice().getCustomer().getLanguage(),
                model(reminder));
    }

    ComposedMessage compose(Channel channel, Reminder reminder, RenderedMessage text) {
        return switch (channel) {
            case EMAIL -> email(reminder, text);
            case LETTER -> letter(reminder, text);
            case SMS -> sms(reminder);
        };
    }

    private ComposedMessage email(Reminder r, RenderedMessage text) {
        String language = text.language();
        Map<String, Object> model = tableModel(r);
        model.put("subject", text.subject());
        model.put("paragraphs", paragraphs(text.body()));
        model.put("portalLink", r.portalLink());
        Optional<PaymentInstructions> payment = paymentDetails.forInvoice(r.invoice());
        model.put("payment", payment.map(p -> block(p, r, language, p.hasQr() ? "cid:" + EmailSender.contentId(QR_FILE) : null))
                .orElse(null));
        String html = layouts.html("email", language, model);
        String plain = text.body() + "\n" + plainTable(r, language)
                + payment.map(p -> "\n" + plainPayment(p, r, language)).orElse("")
                + (r.portalLink() == null ? "" : "\n" + layouts.label("portal.invite", language) + "\n" + r.portalLink() + "\n");
        List<ComposedMessage.Document> documents = new ArrayList<>();
        payment.filter(PaymentInstructions::hasQr).ifPresent(p -> documents.add(new ComposedMessage.Document(
                CommunicationDocument.Kind.INLINE_IMAGE, QR_FILE, "image/png", p.qrPng())));
        if (r.attachInvoiceCopy()) {
            documents.add(invoiceCopy(r, language));
        }
        if (r.registered()) {
            documents.add(letterDocument(r, text));
        }
        return new ComposedMessage(r.invoice().getCustomer().getEmail(), null, language, text.subject(), plain, html,
                documents, text.body());
    }

    /** The HTML table's facts for the plain-text part: label, value, a line each. */
    private String plainTable(Reminder r, String language) {
        InvoiceFacts f = r.facts();
        StringBuilder lines = new StringBuilder()
                .append(layouts.label("invoice.number", language)).append(": ").append(f.number()).append('\n')
                .append(layouts.label("invoice.dueDate", language)).append(": ").append(f.dueDate()).append('\n')
                .append(layouts.label("invoice.outstanding", language)).append(": ").append(f.outstanding()).append('\n');
        if (r.showCharges() && r.charges() != null) {
            lines.append(layouts.label("charges.interest", language)).append(" (").append(r.charges().rate()).append("): ")
                    .append(r.charges().interest()).append('\n')
                    .append(layouts.label("charges.compensation", language)).append(": ")
                    .append(r.charges().compensation()).append('\n');
        }
        return lines.append(layouts.label("invoice.total", language)).append(": ").append(totalDue(r)).append('\n')
                .toString();
    }

    /** The payment instructions as lines of text: the plain-text email part. */
    private String plainPayment(PaymentInstructions p, Reminder r, String language) {
        PaymentBlock b = block(p, r, language, null);
        StringBuilder lines = new StringBuilder(layouts.label("payment.details", language)).append('\n')
                .append(layouts.label("payment.beneficiary", language)).append(": ").append(b.beneficiary()).append('\n')
                .append(layouts.label("payment.iban", language)).append(": ").append(b.iban()).append('\n');
        if (b.bic() != null) {
            lines.append(layouts.label("payment.bic", language)).append(": ").append(b.bic()).append('\n');
        }
        lines.append(layouts.label("payment.reference", language)).append(": ").append(b.reference()).append('\n');
        if (b.amount() != null) {
            lines.append(layouts.label("payment.amount", language)).append(": ").append(b.amount()).append('\n');
        }
        lines.append(layouts.label("payment.quoteReference", language)).append('\n');
        if (b.payLink() != null) {
            lines.append(layouts.label("payment.payOnline", language)).append(": ").append(b.payLink()).append('\n');
        }
        return lines.toString();
    }

    private PaymentBlock block(PaymentInstructions p, Reminder r, String language, String qrSrc) {
        String amount = p.amount() == null ? null : InvoiceFacts.money(r.invoice(), p.amount(), locale(r, language));
        return new PaymentBlock(p.beneficiary(), p.printedIban(), p.bic(), p.printedReference(), amount, p.payLink(), qrSrc);
    }

    private ComposedMessage letter(Reminder r, RenderedMessage text) {
        Customer customer = r.invoice().getCustomer();
        List<String> block = new ArrayList<>();
        block.add(customer.getName());
        block.addAll(customer.postalAddressLines());
        String address = String.join("\n", block);
        return new ComposedMessage(customer.getName(), address, text.language(), text.subject(), text.body(), null,
                List.of(letterDocument(r, text)), text.body());
    }

    private ComposedMessage sms(Reminder r) {
        Customer customer = r.invoice().getCustomer();
        String to = ChannelChoice.mobile(customer).orElseThrow(() -> new IllegalStateException(
                "Customer " + customer.getNumber() + " has no mobile number for SMS"));
        RenderedMessage text = templates.renderText(SMS_FOLDER, r.template(), customer.getLanguage(), model(r));
        // Number formats put (narrow) no-break spaces in amounts: outside the GSM alphabet, they would
        // turn the whole SMS into UCS-2 (70 characters a segment).
        String body = text.body().replace('\u00A0', ' ').replace('\u202F', ' ');
        body = withReference(body, r, text.language());
        return new ComposedMessage(to, null, text.language(), "", body, null, null, body);
    }

    /**
     * The SMS with the payment reference added when it fits in the segments the text already takes
     * (an SMS costs per segment, and bank details do not fit one): the reference is what lets a
     * payment be matched by itself.
     */
    private String withReference(String body, Reminder r, String language) {
        Optional<PaymentInstructions> payment = paymentDetails.forInvoice(r.invoice());
        if (payment.isEmpty()) {
            return body;
        }
        String longer = body + " " + layouts.label("payment.shortReference", language) + " " + payment.get().reference().value();
        SmsText with = SmsText.of(longer);
        SmsText without = SmsText.of(body);
        return with.segments() <= Math.max(1, without.segments()) && with.encoding() == without.encoding() ? with.text() : body;
    }

    private ComposedMessage.Document letterDocument(Reminder r, RenderedMessage text) {
        String language = text.language();
        Locale locale = locale(r, language);
        Customer customer = r.invoice().getCustomer();
        List<AmountLine> extras = r.showCharges() && r.charges() != null
                ? List.of(new AmountLine(layouts.label("charges.interest", language) + " (" + r.charges().rate() + ")",
                        r.charges().interest()),
                new AmountLine(layouts.label("charges.compensation", language), r.charges().compensation()))
                : List.of();
        Letter letter = new Letter(language, sender(), creditor.email() + " · " + creditor.phone(), recipient(customer),
                InvoiceFacts.date(LocalDate.now(clock.withZone(customer.zone())), locale), r.invoice().getNumber(),
                text.subject(), paragraphs(text.body()), List.of(line(r.facts())), extras, totalDue(r), r.registered());
        return new ComposedMessage.Document(CommunicationDocument.Kind.LETTER,
                r.invoice().getNumber() + "-" + r.stage().toLowerCase(Locale.ROOT) + "-" + r.round() + ".pdf",
                "application/pdf", letters.render(letter, paymentDetails.forInvoice(r.invoice())
                        .map(p -> block(p, r, language, p.qrDataUri())).orElse(null)));
    }

    private ComposedMessage.Document invoiceCopy(Reminder r, String language) {
        Customer customer = r.invoice().getCustomer();
        InvoiceFacts f = r.facts();
        byte[] pdf = letters.renderInvoiceCopy(new InvoiceCopy(language, sender(), recipient(customer), f.number(),
                f.issueDate(), f.dueDate(), f.amount(), f.outstanding()));
        return new ComposedMessage.Document(CommunicationDocument.Kind.INVOICE_COPY, "invoice-" + f.number() + ".pdf",
                "application/pdf", pdf);
    }

    private Map<String, Object> tableModel(Reminder r) {
        Map<String, Object> model = new HashMap<>();
        model.put("invoice", r.facts());
        model.put("charges", r.showCharges() ? r.charges() : null);
        model.put("totalDue", totalDue(r));
        model.put("creditor", creditor);
        return model;
    }

    private static String totalDue(Reminder r) {
        return r.showCharges() && r.charges() != null ? r.charges().totalDue() : r.facts().outstanding();
    }

    Map<String, Object> model(Reminder r) {
        Map<String, Object> model = new HashMap<>();
        model.put("invoice", r.facts());
        model.put("creditor", creditor);
        model.put("deadline", r.deadline());
        model.put("charges", r.charges());
        return model;
    }

    private PostalAddress sender() {
        return new PostalAddress(creditor.name(), Arrays.stream(creditor.address().split(",\\s*")).toList());
    }

    private static PostalAddress recipient(Customer customer) {
        return new PostalAddress(customer.getName(), customer.postalAddressLines());
    }

    private static LetterLine line(InvoiceFacts f) {
        return new LetterLine(f.number(), f.issueDate(), f.dueDate(), f.amount(), f.outstanding(), f.daysLate());
    }

    private static Locale locale(Reminder r, String language) {
        return Locale.forLanguageTag(language + "-" + r.invoice().getCustomer().getCountry());
    }

    static List<String> paragraphs(String body) {
        return Arrays.stream(body.strip().split("\\n\\s*\\n")).map(String::strip).filter(p -> !p.isEmpty()).toList();
    }
}
