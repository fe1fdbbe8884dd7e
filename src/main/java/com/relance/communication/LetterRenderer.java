package com.relance.communication;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.slf4j.Slf4jLogger;
import com.openhtmltopdf.util.XRLog;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.springframework.stereotype.Component;

/**
 * Renders postal letters and invoice copies to A4 PDF: Thymeleaf (HTML mode) fills
 * {@code templates/layout/letter.html} or {@code invoice-copy.html} with the labels of
 * {@code templates/labels_<language>.properties} (English when a language or a key is missing),
 * then openhtmltopdf lays the XHTML out with the PDF base-14 fonts (Helvetica, WinAnsi characters).
 * The letter's recipient block sits in the window of a DL envelope (window on the right).
 */
@Component
public class LetterRenderer {

    static final String LAYOUT_FOLDER = "templates/layout/";
    static final String FALLBACK_LANGUAGE = "en";

    static {
        // Through SLF4J, so logging.level applies: its own console handler printed timings per PDF.
        XRLog.setLoggerImpl(new Slf4jLogger());
    }

    private final Layouts layouts;

    public LetterRenderer(Layouts layouts) {
        this.layouts = layouts;
    }

    /** The letter as an A4 PDF, page numbers "Page X of Y" at the bottom of every page. */
    public byte[] render(Letter letter) {
        return render(letter, null, null, null);
    }

    /** The letter with payment instructions (bank details, reference, QR code) under its invoices. */
    public byte[] render(Letter letter, PaymentBlock payment) {
        return render(letter, null, null, payment);
    }

    /**
     * A letter that lists several invoices (a customer's grouped reminder), carries the customer's
     * statement of account and the payment instructions; each of the three may be null.
     */
    public byte[] render(Letter letter, InvoiceList list, StatementOfAccount statement, PaymentBlock payment) {
        Objects.requireNonNull(letter, "letter");
        Letter printable = printable(letter);
        return pdf("letter", printable.language(), printable.subject(), model(printable, list, statement, payment));
    }

    /** The XHTML that {@link #render(Letter, InvoiceList, StatementOfAccount, PaymentBlock)} lays out. */
    String html(Letter letter, InvoiceList list, StatementOfAccount statement, PaymentBlock payment) {
        Letter printable = printable(letter);
        return html("letter", printable.language(), model(printable, list, statement, payment));
    }

    /** A one-page copy of the invoice, to attach to a reminder. */
    public byte[] renderInvoiceCopy(InvoiceCopy copy) {
        Objects.requireNonNull(copy, "copy");
        InvoiceCopy printable = printable(copy);
        Map<String, Object> model = new HashMap<>();
        model.put("copy", printable);
        return pdf("invoice-copy", printable.language(), printable.invoiceNumber(), model);
    }

    /** The XHTML that {@link #render(Letter)} lays out (for tests and troubleshooting). */
    String html(Letter letter) {
        return html(letter, null, null, null);
    }

    private static Map<String, Object> model(Letter printable, InvoiceList list, StatementOfAccount statement,
                                             PaymentBlock payment) {
        Map<String, Object> model = model(printable);
        model.put("list", list == null ? null : list.printable());
        model.put("statement", statement == null ? null : statement.printable());
        model.put("payment", printable(payment));
        return model;
    }

    private static Map<String, Object> model(Letter letter) {
        Map<String, Object> model = new HashMap<>();
        model.put("letter", letter);
        model.put("senderContact", lines(letter.senderContact()));
        model.put("paragraphs", nonNull(letter.paragraphs()).stream().map(LetterRenderer::lines).toList());
        model.put("invoices", nonNull(letter.invoices()));
        model.put("extras", nonNull(letter.extras()));
        return model;
    }

    private String html(String template, String language, Map<String, Object> model) {
        String lang = language == null || language.isBlank() ? FALLBACK_LANGUAGE : language.strip();
        Locale locale = Locale.forLanguageTag(lang);
        model.put("lang", locale.getLanguage().isEmpty() ? FALLBACK_LANGUAGE : locale.toLanguageTag());
        // French typography puts a (non-breaking) space before a colon.
        model.put("colon", "fr".equals(locale.getLanguage()) ? "\u00A0:" : ":");
        return layouts.html(template, lang, model);
    }

    private byte[] pdf(String template, String language, String title, Map<String, Object> model) {
        String html;
        try {
            html = html(template, language, model);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Cannot fill the " + template + " layout for '" + title + "': "
                    + e.getMessage(), e);
        }
        // Our own document, so that its catalogue carries the language (openhtmltopdf sets it for PDF/UA only).
        // The renderer saves and closes it (closing twice is harmless); the title comes from the layout's <title>.
        try (ByteArrayOutputStream out = new ByteArrayOutputStream(); PDDocument document = new PDDocument()) {
            document.getDocumentCatalog().setLanguage((String) model.get("lang"));
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.usePDDocument(document);
            builder.withHtmlContent(html, baseUri());
            builder.withProducer("Relance");
            builder.toStream(out);
            builder.run();
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot render the " + template + " PDF for '" + title + "': "
                    + e.getMessage(), e);
        }
    }

    private String baseUri() {
        var folder = getClass().getClassLoader().getResource(LAYOUT_FOLDER);
        return folder == null ? null : folder.toExternalForm();
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list.stream().filter(Objects::nonNull).toList();
    }

    /** A text's lines, so that single line breaks print as line breaks. */
    private static List<String> lines(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.strip().split("\\R")).map(String::stripTrailing).toList();
    }

    private static Letter printable(Letter l) {
        return new Letter(l.language(), printable(l.sender()), printable(l.senderContact()), printable(l.recipient()),
                printable(l.placeAndDate()), printable(l.reference()), printable(l.subject()),
                l.paragraphs() == null ? null : l.paragraphs().stream().map(LetterRenderer::printable).toList(),
                l.invoices() == null ? null : l.invoices().stream().map(LetterRenderer::printable).toList(),
                l.extras() == null ? null : l.extras().stream().map(LetterRenderer::printable).toList(),
                printable(l.totalDue()), l.registered());
    }

    private static PaymentBlock printable(PaymentBlock p) {
        return p == null ? null : new PaymentBlock(printable(p.beneficiary()), p.iban(), p.bic(), p.reference(),
                printable(p.amount()), p.payLink(), p.qrSrc());
    }

    private static InvoiceCopy printable(InvoiceCopy c) {
        return new InvoiceCopy(c.language(), printable(c.seller()), printable(c.buyer()), printable(c.invoiceNumber()),
                printable(c.issueDate()), printable(c.dueDate()), printable(c.amount()), printable(c.outstanding()));
    }

    private static PostalAddress printable(PostalAddress a) {
        return a == null ? new PostalAddress("", List.of())
                : new PostalAddress(printable(a.name()), a.lines().stream().map(LetterRenderer::printable).toList());
    }

    private static LetterLine printable(LetterLine l) {
        return l == null ? null : new LetterLine(printable(l.invoiceNumber()), printable(l.issueDate()),
                printable(l.dueDate()), printable(l.amount()), printable(l.outstanding()), l.daysLate());
    }

    private static AmountLine printable(AmountLine l) {
        return l == null ? null : new AmountLine(printable(l.label()), printable(l.amount()));
    }

    /**
     * The text with the characters that the base-14 fonts lack (WinAnsi) replaced by their look-alikes:
     * Java formats French amounts with a narrow no-break space ({@code 1 250,00 €}), which would print as '#'.
     * For every PDF Relance lays out with those fonts (letters, invoice copies, audit exports).
     */
    public static String printable(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(switch (c) {
                case '\u202F', '\u2000', '\u2001', '\u2002', '\u2003', '\u2004', '\u2005', '\u2006', '\u2007', '\u2008',
                     '\u2009', '\u200A' -> '\u00A0';
                case '\u2010', '\u2011', '\u2012' -> '-';
                case '\u2212' -> '-';
                default -> c;
            });
        }
        return out.toString();
    }
}
