package com.relance.communication;

import static org.assertj.core.api.Assertions.assertThat;

import com.relance.invoice.Customer;
import com.relance.invoice.Invoice;
import com.relance.payment.CreditorAccount;
import com.relance.payment.PaymentDetails;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import com.relance.payment.EpcQr;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every stage in every language, on every channel, as the customer receives it: the email's text
 * and HTML, the letter's PDF, the SMS. A missing label, a broken layout or an untranslated stage
 * fails here. Renders the formal-notice letters to PNG under {@code target/letters/} for a look.
 */
class ReminderComposerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-05-15T07:00:00Z"), ZoneOffset.UTC);
    private static final Creditor CREDITOR = new Creditor("Martin Industrie SAS", "credit@martin.example",
            "+33 1 23 45 67 89", "1 rue de l'Exemple, 75001 Paris, France");

    static final CreditorAccount ACCOUNT = new CreditorAccount("Martin Industrie SAS", "FR76 3000 6000 0112 3456 7890 189",
            "RLNCFRPP", "https://pay.martin.example/{invoice}?amount={amount}&ref={reference}");

    private final ReminderComposer composer = new ReminderComposer(new MessageTemplates(), new Layouts(),
            new LetterRenderer(new Layouts()), CREDITOR, new PaymentDetails(ACCOUNT, (reference, invoices) -> { }),
            ReminderComposerTest::statement, CLOCK);

    /** A customer's statement as the database would give it: two open items, a credit note, a payment. */
    static StatementOfAccount statement(com.relance.invoice.Customer customer, java.util.Locale locale,
                                        java.time.LocalDate today) {
        return new StatementOfAccount("15 May 2026",
                List.of(new StatementOfAccount.Item("FA-2026-0042", "1 March 2026", "31 March 2026", "€1,250.00",
                        "€1,000.00", 45), new StatementOfAccount.Item("FA-2026-0077", "2 April 2026", "2 May 2026",
                        "€300.00", "€300.00", 13)),
                List.of(new StatementOfAccount.Movement("FA-2026-0011", "3 April 2026", "", "-€100.00")),
                List.of(new StatementOfAccount.Movement("FA-2026-0042", "20 April 2026", "VIR-0420", "-€250.00")),
                List.of(new StatementOfAccount.Balance("EUR", "€1,300.00")));
    }

    static List<Arguments> stagesAndLanguages() {
        List<Arguments> all = new ArrayList<>();
        for (String stage : List.of("PRE_DUE", "LEVEL_1", "LEVEL_2", "FORMAL_NOTICE")) {
            for (String language : MessageTemplatesTest.LANGUAGES) {
                all.add(Arguments.of(stage, language));
            }
        }
        return all;
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("stagesAndLanguages")
    void everyStage_inEveryLanguage_composesOnEveryChannel(String stage, String language) throws IOException {
        Reminder reminder = reminder(stage, language, "Dupont <script>alert(1)</script> & \"Fils\"");
        RenderedMessage text = composer.text(reminder);
        assertThat(text.language()).isEqualTo(language);

        ComposedMessage email = composer.compose(Channel.EMAIL, reminder, text);
        assertThat(email.body()).startsWith(text.body()).contains("http://relance.test/portal/token");
        assertThat(email.html()).contains("lang=\"" + language + "\"", "&lt;script&gt;", "http://relance.test/portal/token")
                .doesNotContain("<script>", "??");
        if (stage.equals("LEVEL_2") || stage.equals("FORMAL_NOTICE")) {
            assertThat(email.html()).contains(reminder.charges().compensation(), reminder.charges().totalDue());
        }
        // From level 2 on, the customer's statement of account (embedded, both parts).
        boolean statement = stage.equals("LEVEL_2") || stage.equals("FORMAL_NOTICE");
        String title = new Layouts().label("statement.title", language);
        assertThat(email.html().contains("VIR-0420") && email.html().contains(title)).as("statement in HTML").isEqualTo(statement);
        assertThat(email.body().contains("VIR-0420") && email.body().contains("€1,300.00")).as("statement in text")
                .isEqualTo(statement);

        ComposedMessage letter = composer.compose(Channel.LETTER, reminder, text);
        String pdf = pdfText(letter.documents().get(0).content());
        assertThat(pdf).contains("INV-2026-0042", "Dupont <script>alert(1)</script> & \"Fils\"", "1 place Bellecour")
                .doesNotContain("??");
        assertThat(pdf.contains(label(language))).as("registered mark").isEqualTo(stage.equals("FORMAL_NOTICE"));
        assertThat(pdf.contains("VIR-0420")).as("statement in the letter").isEqualTo(statement);

        ComposedMessage sms = composer.compose(Channel.SMS, reminder, text);
        assertThat(sms.recipient()).isEqualTo("+33612345678");
        assertThat(SmsText.of(sms.body()).segments()).as(sms.body()).isEqualTo(1);

        // Payment instructions on every channel, in the customer's language.
        Layouts layouts = new Layouts();
        assertThat(email.html()).contains(layouts.label("payment.details", language), IBAN, REFERENCE, "cid:payment-qr",
                "https://pay.martin.example/INV-2026-0042?amount=1250.00&amp;ref=RF73INV20260042");
        assertThat(email.body()).contains(layouts.label("payment.details", language), IBAN, "RLNCFRPP", REFERENCE,
                layouts.label("payment.quoteReference", language));
        assertThat(email.documents()).filteredOn(d -> d.kind() == CommunicationDocument.Kind.INLINE_IMAGE)
                .singleElement().satisfies(d -> assertThat(d.fileName()).isEqualTo("payment-qr.png"));
        assertThat(pdf.replaceAll("\\s+", " ")).contains(IBAN, REFERENCE, "RLNCFRPP");
        // The SMS carries the reference when it fits in the segment the text takes anyway.
        String withReference = text(sms.body(), language);
        assertThat(sms.body().contains("RF73INV20260042"))
                .isEqualTo(SmsText.of(withReference).segments() == 1 || sms.body().contains("RF73"));
    }

    private static final String IBAN = "FR76 3000 6000 0112 3456 7890 189";
    private static final String REFERENCE = "RF73 INV2 0260 042";

    /** The SMS without the reference plus the reference: what fits or not. */
    private static String text(String body, String language) {
        return body.contains(" RF73") ? body : body + " " + new Layouts().label("payment.shortReference", language)
                + " RF73INV20260042";
    }

    @Test
    void letterQrCode_decodesFromTheImageInThePdf_andFromThePrintedPage() throws Exception {
        Path folder = Files.createDirectories(Path.of("target", "letters"));
        Reminder reminder = reminder("LEVEL_2", "fr", "Boulangerie Dupont SARL");
        byte[] pdf = composer.compose(Channel.LETTER, reminder, composer.text(reminder)).documents().get(0).content();
        Files.write(folder.resolve("reminder-payment-qr-fr.pdf"), pdf);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            // The payment details follow the invoices on the first page; the statement of account follows.
            assertThat(document.getNumberOfPages()).isEqualTo(2);
            BufferedImage page = new PDFRenderer(document).renderImageWithDPI(0, 150);
            Path png = folder.resolve("reminder-payment-qr-fr.png");
            ImageIO.write(page, "png", png.toFile());

            List<BufferedImage> images = new ArrayList<>();
            collectImages(document.getPage(0).getResources(), images);
            assertThat(images).hasSize(1);
            EpcQr embedded = EpcQr.read(images.get(0));
            assertThat(embedded.errorCorrection()).isEqualTo("M");
            assertThat(embedded.fields()).containsExactly("BCD", "002", "1", "SCT", "RLNCFRPP", "Martin Industrie SAS",
                    "FR7630006000011234567890189", "EUR1250.00", "", "RF73INV20260042");
            // What a phone sees on the printed page: the whole A4 page at 150 dpi.
            assertThat(EpcQr.read(page).text()).isEqualTo(embedded.text());
        }
    }

    @Test
    void poundReminder_hasBankDetailsAndReference_butNoQrCode() throws IOException {
        Reminder reminder = reminder("LEVEL_1", "en", "Harbourside Bakery Ltd", "GBP");
        RenderedMessage text = composer.text(reminder);
        ComposedMessage email = composer.compose(Channel.EMAIL, reminder, text);
        assertThat(email.html()).contains(IBAN, REFERENCE, "£1,250.00").doesNotContain("cid:payment-qr", "EPC QR");
        assertThat(email.documents()).noneMatch(d -> d.kind() == CommunicationDocument.Kind.INLINE_IMAGE);
        assertThat(email.body()).contains(IBAN, REFERENCE);
        byte[] pdf = composer.compose(Channel.LETTER, reminder, text).documents().get(0).content();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            List<BufferedImage> images = new ArrayList<>();
            collectImages(document.getPage(0).getResources(), images);
            assertThat(images).isEmpty();
            assertThat(new PDFTextStripper().getText(document)).contains(IBAN, REFERENCE);
        }
    }

    private static void collectImages(PDResources resources, List<BufferedImage> images) throws IOException {
        if (resources == null) {
            return;
        }
        for (COSName name : resources.getXObjectNames()) {
            PDXObject object = resources.getXObject(name);
            if (object instanceof PDImageXObject image) {
                images.add(image.getImage());
            } else if (object instanceof PDFormXObject form) {
                collectImages(form.getResources(), images);
            }
        }
    }

    static List<Arguments> familiesAndLanguages() {
        List<Arguments> all = new ArrayList<>();
        for (String stage : List.of("PRE_DUE", "LEVEL_1", "LEVEL_2")) {
            for (String language : MessageTemplatesTest.LANGUAGES) {
                all.add(Arguments.of(stage, language));
            }
        }
        return all;
    }

    @ParameterizedTest(name = "grouped {0} in {1}")
    @MethodSource("familiesAndLanguages")
    void groupedMessage_inEveryLanguage_listsEveryInvoice_withTotalsPerCurrency(String stage, String language)
            throws IOException {
        Reminder first = reminder(stage, language, "Dupont <script>alert(1)</script> & \"Fils\"");
        Customer customer = first.invoice().getCustomer();
        Invoice second = new Invoice("INV-2026-0077", customer, LocalDate.of(2026, 3, 3), LocalDate.of(2026, 4, 2),
                Currency.getInstance("GBP"), new BigDecimal("300.00"), new BigDecimal("300.00"), CLOCK.instant());
        boolean charges = stage.equals("LEVEL_2");
        List<GroupedInvoice> lines = List.of(
                new GroupedInvoice(stage, first.facts(), charges ? first.charges() : null, Currency.getInstance("EUR"),
                        new BigDecimal("1250.00"), charges ? new BigDecimal("58.73") : BigDecimal.ZERO,
                        charges ? new BigDecimal("1308.73") : new BigDecimal("1250.00"), false,
                        "http://relance.test/portal/token-0042"),
                new GroupedInvoice(stage, InvoiceFacts.of(second, customer.locale(), LocalDate.of(2026, 5, 15)), null,
                        Currency.getInstance("GBP"), new BigDecimal("300.00"), BigDecimal.ZERO, new BigDecimal("300.00"),
                        true, "http://relance.test/portal/token-0077"));
        String family = stage.equals("PRE_DUE") ? "PRE_DUE" : "REMINDER";
        GroupMessage group = new GroupMessage(42, customer, family, stage, lines, List.of(first.invoice(), second));

        ComposedMessage email = composer.composeGroup(Channel.EMAIL, group);
        assertThat(email.language()).isEqualTo(language);
        assertThat(email.subject()).contains("2").doesNotContain("[", "??");
        assertThat(email.body()).contains("INV-2026-0042", "INV-2026-0077", "EUR", "GBP").doesNotContain("??");
        assertThat(email.html()).contains("INV-2026-0042", "INV-2026-0077", "&lt;script&gt;",
                "http://relance.test/portal/token-0042", "http://relance.test/portal/token-0077")
                .doesNotContain("<script>", "??");
        assertThat(email.body()).contains("http://relance.test/portal/token-0042", "http://relance.test/portal/token-0077");
        assertThat(email.documents()).extracting(ComposedMessage.Document::fileName)
                .containsExactly("invoice-INV-2026-0077.pdf");
        assertThat(email.html().contains("VIR-0420")).as("statement").isEqualTo(charges);

        String pdf = pdfText(composer.composeGroup(Channel.LETTER, group).documents().get(0).content());
        assertThat(pdf).contains("INV-2026-0042", "INV-2026-0077", "Dupont <script>alert(1)</script> & \"Fils\"")
                .doesNotContain("??");
        assertThat(pdf.contains("VIR-0420")).as("statement in the letter").isEqualTo(charges);
    }

    @Test
    void formalNoticeLetters_renderToPng_forAPersonToLookAt() throws IOException {
        Path folder = Files.createDirectories(Path.of("target", "letters"));
        for (String language : List.of("fr", "en", "de")) {
            Reminder reminder = reminder("FORMAL_NOTICE", language, "Boulangerie Dupont SARL");
            byte[] pdf = composer.compose(Channel.LETTER, reminder, composer.text(reminder)).documents().get(0).content();
            Files.write(folder.resolve("composed-formal-notice-" + language + ".pdf"), pdf);
            try (PDDocument document = Loader.loadPDF(pdf)) {
                BufferedImage page = new PDFRenderer(document).renderImageWithDPI(0, 100);
                Path png = folder.resolve("composed-formal-notice-" + language + ".png");
                ImageIO.write(page, "png", png.toFile());
                assertThat(Files.size(png)).isGreaterThan(10_000);
            }
        }
    }

    private static String label(String language) {
        return new Layouts().label("letter.registered", language);
    }

    private static Reminder reminder(String stage, String language, String customerName) {
        return reminder(stage, language, customerName, "EUR");
    }

    private static Reminder reminder(String stage, String language, String customerName, String currency) {
        Customer customer = new Customer("C-7");
        customer.setName(customerName);
        customer.setLanguage(language);
        customer.setCountry("FR");
        customer.setTimeZone("Europe/Paris");
        customer.setEmail("compta@dupont.example");
        customer.setPhone("06 12 34 56 78");
        customer.setSmsConsent(true);
        customer.setAddressLine1("1 place Bellecour");
        customer.setPostalCode("69002");
        customer.setCity("Lyon");
        Invoice invoice = new Invoice("INV-2026-0042", customer, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31),
                Currency.getInstance(currency), new BigDecimal("1250.00"), new BigDecimal("1250.00"), CLOCK.instant());
        Locale locale = customer.locale();
        InvoiceFacts facts = InvoiceFacts.of(invoice, locale, LocalDate.of(2026, 5, 15));
        ChargesFacts charges = new ChargesFacts("12,15 %", InvoiceFacts.date(LocalDate.of(2026, 4, 1), locale),
                InvoiceFacts.money(invoice, new BigDecimal("18.73"), locale),
                InvoiceFacts.money(invoice, new BigDecimal("40.00"), locale),
                InvoiceFacts.money(invoice, new BigDecimal("1308.73"), locale), true);
        boolean formal = stage.equals("FORMAL_NOTICE");
        return new Reminder(invoice, "pi-1", stage, template(stage), 1,
                List.of(Channel.EMAIL, Channel.LETTER, Channel.SMS), stage.equals("PRE_DUE"), formal,
                stage.equals("LEVEL_2") || formal, facts, charges, InvoiceFacts.date(LocalDate.of(2026, 5, 23), locale),
                "http://relance.test/portal/token");
    }

    private static String template(String stage) {
        return switch (stage) {
            case "PRE_DUE" -> "pre-due";
            case "LEVEL_1" -> "level1";
            case "LEVEL_2" -> "level2";
            default -> "formal-notice";
        };
    }

    private static String pdfText(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }
}
