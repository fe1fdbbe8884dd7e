package com.relance.communication;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LetterRendererTest {

    private static final float POINTS_PER_MM = 72f / 25.4f;
    private static final Path OUT = Path.of("target", "letters");

    private static final PostalAddress CREDITOR = new PostalAddress("Atelier Lumière SARL", List.of(
            "14 rue des Tanneurs", "69002 Lyon", "France"));
    private static final String CREDITOR_CONTACT = "Service clients : comptabilite@atelier-lumiere.fr\n"
            + "Tél. 04 78 12 34 56 · SIRET 812 345 678 00021";
    private static final PostalAddress CUSTOMER = new PostalAddress("Boulangerie Martin & Fils SAS", List.of(
            "Service comptabilité fournisseurs", "27 avenue Jean Jaurès", "13005 Marseille", "France"));

    private final LetterRenderer renderer = new LetterRenderer(new Layouts());

    @BeforeAll
    static void outputFolder() throws IOException {
        Files.createDirectories(OUT);
    }

    @Test
    void formalNoticeInFrenchIsARegisteredLetterWithTheInvoicesAndCharges() throws IOException {
        Letter letter = formalNoticeFr();
        byte[] pdf = renderer.render(letter);
        write("formal-notice-fr", pdf);

        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isEqualTo(1);
            PDRectangle a4 = document.getPage(0).getMediaBox();
            assertThat(a4.getWidth() / POINTS_PER_MM).isCloseTo(210f, org.assertj.core.data.Offset.offset(0.5f));
            assertThat(a4.getHeight() / POINTS_PER_MM).isCloseTo(297f, org.assertj.core.data.Offset.offset(0.5f));
            assertThat(document.getDocumentInformation().getTitle()).isEqualTo(letter.subject());
            assertThat(document.getDocumentCatalog().getLanguage()).isEqualTo("fr");

            String text = text(document);
            assertThat(text).contains(
                    "Boulangerie Martin & Fils SAS", "Service comptabilité fournisseurs", "27 avenue Jean Jaurès",
                    "13005 Marseille", "France",
                    "Atelier Lumière SARL", "14 rue des Tanneurs", "69002 Lyon",
                    "Lyon, le 8 avril 2026", "Notre référence : C-1042 / MED-2026-0007",
                    "Objet : Mise en demeure de payer : factures FA-2026-0042 et FA-2026-0057",
                    "Lettre recommandée avec accusé de réception",
                    "Facture", "Date d'émission", "Échéance", "Montant", "Restant dû", "Jours de", "retard",
                    "FA-2026-0042 02/02/2026 04/03/2026 1 250,00 € 1 250,00 € 35",
                    "FA-2026-0057 16/02/2026 18/03/2026 3 480,60 € 2 480,60 € 21",
                    "Pénalités de retard (taux légal 10,15 %) 26,66 €",
                    "Indemnité forfaitaire pour frais de recouvrement (2 × 40 €) 80,00 €",
                    "Total dû 3 837,26 €",
                    "Page 1 sur 1");
            // The registered mark stands above the subject, the place and date above both.
            assertThat(text.indexOf("Lyon, le 8 avril 2026"))
                    .isLessThan(text.indexOf("Lettre recommandée avec accusé de réception"));
            assertThat(text.indexOf("Lettre recommandée avec accusé de réception")).isLessThan(text.indexOf("Objet"));
            // A paragraph's single line breaks stay line breaks.
            assertThat(text).contains("Atelier Lumière SARL\nService recouvrement");
        }
    }

    @Test
    void accentsEuroAndGuillemetsPrintWithTheBuiltInFonts() throws IOException {
        String words = "Créances échues à régler, façon « Straße » über el año : 1 250,00 € – l’œuvre…";
        Letter letter = letter("fr", "Caractères", List.of(words,
                // What Java's French NumberFormat produces: narrow no-break space between thousands.
                "Montant : " + java.text.NumberFormat.getCurrencyInstance(java.util.Locale.FRANCE).format(1250)),
                List.of(), false);
        try (PDDocument document = Loader.loadPDF(renderer.render(letter))) {
            String text = text(document);
            assertThat(text).contains(words, "Montant : 1 250,00 €").doesNotContain("#");
        }
    }

    @Test
    void levelTwoReminderInEnglishIsNotRegistered() throws IOException {
        byte[] pdf = renderer.render(levelTwoEn());
        write("level2-en", pdf);

        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getDocumentCatalog().getLanguage()).isEqualTo("en");
            String text = text(document);
            assertThat(text).contains("Harbourside Bakery Ltd", "Our reference: INV-2026-0042",
                    "Subject: Second reminder: invoice INV-2026-0042 is 36 days overdue",
                    "Invoice", "Issue date", "Due date", "Amount", "Outstanding", "Days late",
                    "INV-2026-0042 2 February 2026 3 March 2026 €1,250.00 €1,250.00 36", "Total due €1,250.00",
                    "Page 1 of 1")
                    .doesNotContain("Registered letter", "acknowledgement of receipt", "recommandée");
        }
    }

    @Test
    void customerNameIsPrintedLiterallyNeverAsMarkup() throws IOException {
        String name = "Dupont <script>alert(1)</script> & \"Fils\"";
        PostalAddress recipient = new PostalAddress(name, List.of("3 place du Marché", "75011 Paris", "France"));
        Letter letter = new Letter("fr", CREDITOR, CREDITOR_CONTACT, recipient, "Lyon, le 8 avril 2026", "C-<b>7</b>",
                "Relance : facture FA-2026-0099 pour " + name,
                List.of("Madame, Monsieur,", "Cher client " + name + ", merci de régler."),
                List.of(new LetterLine("FA-2026-0099", "02/02/2026", "04/03/2026", "90,00 €", "90,00 €", 35)),
                List.of(new AmountLine("<i>Pénalités</i>", "1,00 €")), "91,00 €", false);

        assertThat(renderer.html(letter))
                .doesNotContain("<script>", "<b>7</b>", "<i>Pénalités</i>")
                .contains("Dupont &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Fils&quot;");
        try (PDDocument document = Loader.loadPDF(renderer.render(letter))) {
            String text = text(document);
            assertThat(text).contains(name, "Notre référence : C-<b>7</b>", "<i>Pénalités</i> 1,00 €",
                    "Cher client " + name + ", merci de régler.");
            assertThat(document.getDocumentInformation().getTitle()).isEqualTo(letter.subject());
            assertThat(text.split("alert\\(1\\)", -1)).hasSize(4); // address, subject, paragraph: text each time
        }
    }

    @Test
    void sixtyInvoicesRunOverPagesWithTheTableHeaderRepeatedAndPageNumbers() throws IOException {
        List<LetterLine> invoices = IntStream.rangeClosed(1, 60)
                .mapToObj(i -> new LetterLine("INV-2025-%04d".formatted(100 + i), "%d October 2025".formatted(i % 28 + 1),
                        "%d November 2025".formatted(i % 28 + 1), "€%,d.50".formatted(100 * i + 1000),
                        "€%,d.50".formatted(100 * i + 1000), 120 + i))
                .toList();
        Letter letter = new Letter("en", CREDITOR, CREDITOR_CONTACT, harbourside(), "Lyon, 8 April 2026",
                "C-2077", "Statement of overdue invoices", List.of("Dear Sir or Madam,",
                "The following 60 invoices are overdue. Please pay them now, quoting their numbers.",
                "Regards,\nAccounts receivable, Atelier Lumière SARL"),
                invoices, List.of(new AmountLine("Late-payment interest", "€1,234.56")), "€245,064.56", false);
        byte[] pdf = renderer.render(letter);
        write("statement-60-en", pdf);

        try (PDDocument document = Loader.loadPDF(pdf)) {
            int pages = document.getNumberOfPages();
            assertThat(pages).isGreaterThanOrEqualTo(2);
            for (int page = 1; page <= pages; page++) {
                assertThat(text(document, page, page)).contains("Page " + page + " of " + pages);
            }
            String second = text(document, 2, 2);
            assertThat(second).contains("Invoice Issue date Due date Amount Outstanding Days late");
            String all = text(document);
            invoices.forEach(line -> assertThat(all).contains(line.invoiceNumber() + " "));
            assertThat(text(document, pages, pages)).contains("INV-2025-0160", "Total due €245,064.56");
            png("statement-60-en-page2", document, 1);
        }
    }

    @Test
    void recipientAddressShowsThroughTheEnvelopeWindow() throws IOException {
        try (PDDocument document = Loader.loadPDF(renderer.render(formalNoticeFr()))) {
            List<TextPosition> name = positionsOf(document, CUSTOMER.name());
            TextPosition first = name.get(0);
            assertThat(first.getFont().getName()).isEqualTo("Helvetica-Bold");
            float x = first.getXDirAdj() / POINTS_PER_MM;
            float y = first.getYDirAdj() / POINTS_PER_MM; // baseline, from the top edge
            assertThat(x).isBetween(105f, 200f);
            assertThat(y).isBetween(45f, 90f);
            TextPosition last = name.get(name.size() - 1);
            assertThat((last.getXDirAdj() + last.getWidthDirAdj()) / POINTS_PER_MM).isLessThan(200f);

            List<TextPosition> country = positionsOf(document, "13005 Marseille");
            assertThat(country.get(0).getYDirAdj() / POINTS_PER_MM).isBetween(45f, 90f);
        }
    }

    @Test
    void invoiceCopyShowsTheInvoiceAndBothParties() throws IOException {
        InvoiceCopy copy = new InvoiceCopy("fr", CREDITOR, CUSTOMER, "FA-2026-0042", "02/02/2026", "04/03/2026",
                "1 250,00 €", "1 250,00 €");
        byte[] pdf = renderer.renderInvoiceCopy(copy);
        write("invoice-copy-fr", pdf);

        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isEqualTo(1);
            assertThat(document.getDocumentCatalog().getLanguage()).isEqualTo("fr");
            String text = text(document);
            assertThat(text).contains("Copie de facture", "FA-2026-0042", "Vendeur", "Acheteur",
                    "Atelier Lumière SARL", "14 rue des Tanneurs", "Boulangerie Martin & Fils SAS",
                    "27 avenue Jean Jaurès", "02/02/2026", "04/03/2026", "1 250,00 €", "Restant dû");
        }
    }

    @Test
    void aLanguageWithoutLabelsFallsBackToEnglish() throws IOException {
        Letter letter = letter("pt", "Zahlungserinnerung: Rechnung RE-2026-0042",
                List.of("Sehr geehrte Damen und Herren,", "bitte überweisen Sie den offenen Betrag."),
                List.of(new LetterLine("RE-2026-0042", "02.02.2026", "04.03.2026", "1.250,00 €", "1.250,00 €", 35)),
                true);
        try (PDDocument document = Loader.loadPDF(renderer.render(letter))) {
            assertThat(document.getDocumentCatalog().getLanguage()).isEqualTo("pt");
            assertThat(text(document)).contains("Registered letter with acknowledgement of receipt",
                    "Subject: Zahlungserinnerung", "Days late", "Total due", "Page 1 of 1",
                    "bitte überweisen Sie den offenen Betrag.").doesNotContain("??");
        }
    }

    @Test
    void pageLabelsGoIntoTheCssOfThePageFooter() {
        assertThat(renderer.html(formalNoticeFr()))
                .contains("content: \"Page \" counter(page) \" sur \" counter(pages);", "<html", "lang=\"fr\"")
                .doesNotContain("??");
    }

    @Test
    void firstPagesArePicturesAPersonCanCheck() throws IOException {
        png("formal-notice-fr", renderer.render(formalNoticeFr()));
        png("level2-en", renderer.render(levelTwoEn()));
        png("invoice-copy-fr", renderer.renderInvoiceCopy(new InvoiceCopy("fr", CREDITOR, CUSTOMER, "FA-2026-0042",
                "02/02/2026", "04/03/2026", "1 250,00 €", "1 250,00 €")));
        assertThat(OUT.resolve("formal-notice-fr.png")).exists();
        assertThat(OUT.resolve("level2-en.png")).exists();
    }

    @Test
    void aLetterWithMissingPartsStillRenders() throws IOException {
        byte[] pdf = renderer.render(new Letter(null, null, null, null, null, null, "Reminder", null, null, null,
                null, false));
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(text(document)).contains("Subject: Reminder", "Page 1 of 1").doesNotContain("Total due");
        }
    }

    // --- sample letters -------------------------------------------------------------------------------------

    private static Letter formalNoticeFr() {
        return new Letter("fr", CREDITOR, CREDITOR_CONTACT, CUSTOMER, "Lyon, le 8 avril 2026",
                "C-1042 / MED-2026-0007",
                "Mise en demeure de payer : factures FA-2026-0042 et FA-2026-0057",
                List.of("MISE EN DEMEURE",
                        "Madame, Monsieur,",
                        "Malgré nos relances des 12 et 26 mars 2026 et notre appel téléphonique du 1er avril, "
                                + "nos factures FA-2026-0042 et FA-2026-0057 demeurent impayées.",
                        "Par la présente, nous vous mettons en demeure de nous régler la somme de 3 837,26 € "
                                + "au plus tard le 23 avril 2026, en rappelant les références ci-dessous.",
                        "Des pénalités de retard au taux légal applicable courent depuis le lendemain de chaque "
                                + "échéance, et une indemnité forfaitaire pour frais de recouvrement de 40 euros est "
                                + "due pour chaque facture (articles L441-10 et D441-5 du Code de commerce).",
                        "À défaut de règlement intégral au 23 avril 2026, nous transmettrons cette créance à une "
                                + "société de recouvrement ou engagerons une procédure d'injonction de payer, sans "
                                + "autre avis, les frais afférents restant à votre charge.",
                        "Atelier Lumière SARL\nService recouvrement\nrecouvrement@atelier-lumiere.fr · 04 78 12 34 50"),
                List.of(new LetterLine("FA-2026-0042", "02/02/2026", "04/03/2026", "1 250,00 €", "1 250,00 €", 35),
                        new LetterLine("FA-2026-0057", "16/02/2026", "18/03/2026", "3 480,60 €", "2 480,60 €", 21)),
                List.of(new AmountLine("Pénalités de retard (taux légal 10,15 %)", "26,66 €"),
                        new AmountLine("Indemnité forfaitaire pour frais de recouvrement (2 × 40 €)", "80,00 €")),
                "3 837,26 €", true);
    }

    private static Letter levelTwoEn() {
        return new Letter("en", CREDITOR, "Accounts receivable\nar@atelier-lumiere.fr · +33 4 78 12 34 56",
                harbourside(), "Lyon, 8 April 2026", "INV-2026-0042",
                "Second reminder: invoice INV-2026-0042 is 36 days overdue",
                List.of("Dear Harbourside Bakery Ltd,",
                        "Despite our previous reminder, invoice INV-2026-0042 of 2 February 2026, due on 3 March 2026, "
                                + "is still unpaid: €1,250.00 is now 36 days overdue.",
                        "We ask you to pay this amount now, quoting reference INV-2026-0042. Under our terms and the "
                                + "law on late payment in commercial transactions, late payment makes late-payment "
                                + "interest and a fixed compensation for recovery costs due.",
                        "One of our collectors will call you in the next few days. If you dispute this invoice, or "
                                + "cannot pay it in full now, reply to this letter so that we can agree on a solution.",
                        "Regards,\nAccounts receivable, Atelier Lumière SARL\nar@atelier-lumiere.fr · +33 4 78 12 34 56"),
                List.of(new LetterLine("INV-2026-0042", "2 February 2026", "3 March 2026", "€1,250.00", "€1,250.00",
                        36)),
                List.of(), "€1,250.00", false);
    }

    private static PostalAddress harbourside() {
        return new PostalAddress("Harbourside Bakery Ltd", List.of("Unit 4, Wapping Wharf", "Bristol BS1 6WP",
                "United Kingdom"));
    }

    private static Letter letter(String language, String subject, List<String> paragraphs, List<LetterLine> invoices,
                                 boolean registered) {
        return new Letter(language, CREDITOR, CREDITOR_CONTACT, CUSTOMER, "Lyon, 8.4.2026", "C-1042", subject,
                paragraphs, invoices, List.of(), invoices.isEmpty() ? null : invoices.get(0).outstanding(),
                registered);
    }

    // --- PDF helpers ----------------------------------------------------------------------------------------

    /** The document's text, every run of spaces (including no-break spaces) as one space, line breaks kept. */
    private static String text(PDDocument document) throws IOException {
        return text(document, 1, Integer.MAX_VALUE);
    }

    private static String text(PDDocument document, int from, int to) throws IOException {
        PDFTextStripper stripper = new PDFTextStripper();
        stripper.setStartPage(from);
        stripper.setEndPage(to);
        stripper.setLineSeparator("\n");
        return normalize(stripper.getText(document));
    }

    private static String normalize(String text) {
        return text.replaceAll("[ \\t\\u00A0\\u202F]+", " ").replaceAll(" ?\\n ?", "\n");
    }

    /** The glyphs of the first line of page 1 that contains the text. */
    private static List<TextPosition> positionsOf(PDDocument document, String wanted) throws IOException {
        List<TextPosition> found = new ArrayList<>();
        PDFTextStripper stripper = new PDFTextStripper() {
            @Override
            protected void writeString(String text, List<TextPosition> positions) throws IOException {
                int at = text.indexOf(wanted);
                if (found.isEmpty() && at >= 0 && positions.size() == text.length()) {
                    found.addAll(positions.subList(at, at + wanted.length()));
                }
                super.writeString(text, positions);
            }
        };
        stripper.setStartPage(1);
        stripper.setEndPage(1);
        stripper.getText(document);
        assertThat(found).as("position of '%s'", wanted).isNotEmpty();
        return found;
    }

    private static void write(String name, byte[] pdf) throws IOException {
        Files.write(OUT.resolve(name + ".pdf"), pdf);
    }

    /** Page 1 as a 100 dpi PNG next to the PDF, for a person to look at. */
    private static void png(String name, byte[] pdf) throws IOException {
        write(name, pdf);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            png(name, document, 0);
        }
    }

    private static void png(String name, PDDocument document, int pageIndex) throws IOException {
        BufferedImage image = new PDFRenderer(document).renderImageWithDPI(pageIndex, 100);
        ImageIO.write(image, "png", OUT.resolve(name + ".png").toFile());
    }
}
