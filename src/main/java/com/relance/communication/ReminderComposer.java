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
    static final String GROUPED_FOLDER = "grouped";

    private final MessageTemplates templates;
    private final Layouts layouts;
    private final LetterRenderer letters;
    private final Creditor creditor;
    private final PaymentDetails paymentDetails;
    private final StatementSource statements;
    private final Clock clock;

    ReminderComposer(MessageTemplates templates, Layouts layouts, LetterRenderer letters, Creditor creditor,
                     PaymentDetails paymentDetails, StatementSource statements, Clock clock) {
        this.templates = templates;
        this.layouts = layouts;
        this.letters = letters;
        this.creditor = creditor;
        this.paymentDetails = paymentDetails;
        this.statements = statements;
        this.clock = clock;
    }

    /** Level 2 and the formal notice carry the customer's statement of account (embedded in the email and letter). */
    static boolean carriesStatement(String stage) {
        return "LEVEL_2".equals(stage) || "FORMAL_NOTICE".equals(stage);
    }

    private StatementOfAccount statement(Customer customer, String stage, String language) {
        if (!carriesStatement(stage)) {
            return null;
        }
        return statements.of(customer, Locale.forLanguageTag(language + "-" + customer.getCountry()),
                LocalDate.now(clock.withZone(customer.zone())));
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
        Locale locale = locale(r, language);
        model.put("payment", payment.map(p -> block(p, locale, p.hasQr() ? "cid:" + EmailSender.contentId(QR_FILE) : null))
                .orElse(null));
        StatementOfAccount statement = statement(r.invoice().getCustomer(), r.stage(), language);
        model.put("statement", statement);
        String html = layouts.html("email", language, model);
        String plain = text.body() + "\n" + plainTable(r, language)
                + (statement == null ? "" : "\n" + plainStatement(statement, language))
                + payment.map(p -> "\n" + plainPayment(p, locale, language)).orElse("")
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
    private String plainPayment(PaymentInstructions p, Locale locale, String language) {
        PaymentBlock b = block(p, locale, null);
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

    private static PaymentBlock block(PaymentInstructions p, Locale locale, String qrSrc) {
        String amount = p.amount() == null ? null : InvoiceFacts.money(p.currency(), p.amount(), locale);
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
                "application/pdf", letters.render(letter, null, statement(customer, r.stage(), language),
                        paymentDetails.forInvoice(r.invoice()).map(p -> block(p, locale, p.qrDataUri())).orElse(null)));
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

    /**
     * A grouped message: the family's text ({@code grouped/<family>_<language>.txt}), the
     * list of its invoices with totals per currency and, from level 2 on, the statement of account.
     */
    ComposedMessage composeGroup(Channel channel, GroupMessage g) {
        Customer customer = g.customer();
        String language = templates.exists(GROUPED_FOLDER, g.template(), customer.getLanguage())
                ? customer.getLanguage() : MessageTemplates.FALLBACK_LANGUAGE;
        Locale locale = Locale.forLanguageTag(language + "-" + customer.getCountry());
        InvoiceList list = InvoiceList.of(g.invoices(), locale);
        StatementOfAccount statement = statement(customer, g.stage(), language);
        // One reference (and one QR amount when all are in euros) for the whole message.
        Optional<PaymentInstructions> payment = paymentDetails.forInvoices(customer.getNumber(), g.listed());
        Map<String, Object> model = new HashMap<>();
        model.put("customerName", customer.getName());
        model.put("customerNumber", customer.getNumber());
        model.put("count", g.invoices().size());
        model.put("totals", list.totals().stream().map(InvoiceList.Total::due).toList());
        model.put("firm", !"PRE_DUE".equals(g.stage()) && !"LEVEL_1".equals(g.stage()));
        model.put("charges", list.showCharges());
        model.put("creditor", creditor);
        RenderedMessage text = templates.render(GROUPED_FOLDER, g.template(), language, model);
        String reference = customer.getNumber();
        return switch (channel) {
            case EMAIL -> {
                Map<String, Object> layout = new HashMap<>();
                layout.put("invoice", g.invoices().get(0).facts());
                layout.put("creditor", creditor);
                layout.put("subject", text.subject());
                layout.put("paragraphs", paragraphs(text.body()));
                layout.put("portalLink", null);
                layout.put("list", list);
                layout.put("statement", statement);
                layout.put("payment", payment.map(p -> block(p, locale, p.hasQr() ? "cid:" + EmailSender.contentId(QR_FILE)
                        : null)).orElse(null));
                String html = layouts.html("email", language, layout);
                String plain = text.body() + "\n" + plainList(list, language)
                        + (statement == null ? "" : "\n" + plainStatement(statement, language))
                        + payment.map(p -> "\n" + plainPayment(p, locale, language)).orElse("");
                List<ComposedMessage.Document> documents = new ArrayList<>();
                payment.filter(PaymentInstructions::hasQr).ifPresent(p -> documents.add(new ComposedMessage.Document(
                        CommunicationDocument.Kind.INLINE_IMAGE, QR_FILE, "image/png", p.qrPng())));
                for (GroupedInvoice i : g.invoices()) {
                    if (i.invoiceCopy()) {
                        InvoiceFacts f = i.facts();
                        documents.add(new ComposedMessage.Document(CommunicationDocument.Kind.INVOICE_COPY,
                                "invoice-" + f.number() + ".pdf", "application/pdf",
                                letters.renderInvoiceCopy(new InvoiceCopy(language, sender(), recipient(customer),
                                        f.number(), f.issueDate(), f.dueDate(), f.amount(), f.outstanding()))));
                    }
                }
                yield new ComposedMessage(customer.getEmail(), null, language, text.subject(), plain, html, documents,
                        text.body());
            }
            case LETTER -> {
                List<String> block = new ArrayList<>();
                block.add(customer.getName());
                block.addAll(customer.postalAddressLines());
                Letter letter = new Letter(language, sender(), creditor.email() + " · " + creditor.phone(),
                        recipient(customer), InvoiceFacts.date(LocalDate.now(clock.withZone(customer.zone())), locale),
                        reference, text.subject(), paragraphs(text.body()), List.of(), List.of(), null,
                        "FORMAL_NOTICE".equals(g.stage()));
                ComposedMessage.Document pdf = new ComposedMessage.Document(CommunicationDocument.Kind.LETTER,
                        customer.getNumber() + "-group-" + g.groupId() + ".pdf", "application/pdf",
                        letters.render(letter, list, statement,
                                payment.map(p -> block(p, locale, p.qrDataUri())).orElse(null)));
                yield new ComposedMessage(customer.getName(), String.join("\n", block), language, text.subject(),
                        text.body(), null, List.of(pdf), text.body());
            }
            case SMS -> throw new IllegalStateException("SMS reminders are not grouped");
        };
    }

    /** The invoice list for the plain-text part: one line an invoice, then the totals per currency. */
    private String plainList(InvoiceList list, String language) {
        StringBuilder out = new StringBuilder();
        String sep = " · ";
        for (InvoiceList.Row r : list.rows()) {
            out.append(layouts.label("invoice.number", language)).append(' ').append(r.number()).append(sep)
                    .append(layouts.label("invoice.issueDate", language)).append(' ').append(r.issueDate()).append(sep)
                    .append(layouts.label("invoice.dueDate", language)).append(' ').append(r.dueDate()).append(sep)
                    .append(layouts.label("invoice.amount", language)).append(' ').append(r.amount()).append(sep)
                    .append(layouts.label("invoice.outstanding", language)).append(' ').append(r.outstanding()).append(sep)
                    .append(layouts.label("invoice.daysLate", language)).append(' ').append(r.daysLate());
            if (!r.interest().isEmpty()) {
                out.append(sep).append(layouts.label("charges.interest", language)).append(' ').append(r.interest())
                        .append(sep).append(layouts.label("charges.compensation", language)).append(' ')
                        .append(r.compensation());
            }
            out.append(sep).append(layouts.label("list.due", language)).append(' ').append(r.due()).append('\n');
            if (r.portalLink() != null) {
                out.append("  ").append(layouts.label("portal.button", language)).append(": ").append(r.portalLink())
                        .append('\n');
            }
        }
        for (InvoiceList.Total t : list.totals()) {
            out.append(layouts.label("list.total", language)).append(' ').append(t.currency()).append(": ")
                    .append(t.due()).append('\n');
        }
        return out.toString();
    }

    private String plainStatement(StatementOfAccount s, String language) {
        StringBuilder out = new StringBuilder(layouts.label("statement.title", language)).append(" (")
                .append(layouts.label("statement.asOf", language)).append(' ').append(s.asOf()).append(")\n");
        out.append(layouts.label("statement.openItems", language)).append(":\n");
        for (StatementOfAccount.Item i : s.openItems()) {
            out.append("  ").append(i.number()).append(" · ").append(i.issueDate()).append(" · ").append(i.dueDate())
                    .append(" · ").append(i.amount()).append(" · ").append(i.outstanding()).append('\n');
        }
        out.append(layouts.label("statement.credits", language)).append(":\n");
        s.credits().forEach(m -> out.append("  ").append(m.invoiceNumber()).append(" · ").append(m.date()).append(" · ")
                .append(m.amount()).append('\n'));
        if (s.credits().isEmpty()) {
            out.append("  ").append(layouts.label("statement.none", language)).append('\n');
        }
        out.append(layouts.label("statement.payments", language)).append(":\n");
        s.payments().forEach(m -> out.append("  ").append(m.invoiceNumber()).append(" · ").append(m.date())
                .append(m.reference().isEmpty() ? "" : " · " + m.reference()).append(" · ").append(m.amount()).append('\n'));
        if (s.payments().isEmpty()) {
            out.append("  ").append(layouts.label("statement.none", language)).append('\n');
        }
        for (StatementOfAccount.Balance b : s.balances()) {
            out.append(layouts.label("statement.balance", language)).append(' ').append(b.currency()).append(": ")
                    .append(b.amount()).append('\n');
        }
        return out.toString();
    }

    static List<String> paragraphs(String body) {
        return Arrays.stream(body.strip().split("\\n\\s*\\n")).map(String::strip).filter(p -> !p.isEmpty()).toList();
    }
}
