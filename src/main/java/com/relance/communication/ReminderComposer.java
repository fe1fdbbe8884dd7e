package com.relance.communication;

import com.relance.invoice.Customer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.stereotype.Component;

/**
 * Puts a reminder's words into each channel's form: the email's plain text and HTML (with the
 * invoice table and the customer's answer link), the A4 letter PDF, the SMS text.
 */
@Component
class ReminderComposer {

    static final String REMINDER_FOLDER = "reminder";
    static final String SMS_FOLDER = "sms";

    private final MessageTemplates templates;
    private final Layouts layouts;
    private final LetterRenderer letters;
    private final Creditor creditor;
    private final Clock clock;

    ReminderComposer(MessageTemplates templates, Layouts layouts, LetterRenderer letters, Creditor creditor, Clock clock) {
        this.templates = templates;
        this.layouts = layouts;
        this.letters = letters;
        this.creditor = creditor;
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
        String html = layouts.html("email", language, model);
        String plain = text.body() + "\n" + plainTable(r, language)
                + (r.portalLink() == null ? "" : "\n" + layouts.label("portal.invite", language) + "\n" + r.portalLink() + "\n");
        List<ComposedMessage.Document> documents = new ArrayList<>();
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
        return new ComposedMessage(to, null, text.language(), "", body, null, null, body);
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
                "application/pdf", letters.render(letter));
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
