package com.relance.communication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.relance.dunning.HandOverToAgency;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Every template file renders with the model its sender gives it: a misspelt variable, a syntax
 * error or an SMS too long for one segment fails here, not in a customer's inbox.
 */
class MessageTemplatesTest {

    static final List<String> LANGUAGES = List.of("en", "fr", "de", "es", "it", "nl");
    static final List<String> STAGES = List.of("pre-due", "level1", "level2", "formal-notice");

    private final MessageTemplates templates = new MessageTemplates();

    static final InvoiceFacts FACTS = new InvoiceFacts("INV-2026-0042", "Dupont <SA> & \"Fils\"", "C-7",
            "12 septembre 2026", "12 novembre 2026", "1 250,00 €", "1 250,00 €", 30, "EUR");
    static final Creditor CREDITOR = new Creditor("Martin Industrie SAS", "credit@relance.test", "+33 1 23 45 67 89",
            "1 rue de l'Exemple, 75001 Paris, France");
    static final ChargesFacts CHARGES = new ChargesFacts("12,15 %", "13 novembre 2026", "12,48 €", "40,00 €",
            "1 302,48 €", true);

    static List<String> templateFiles(String folder) throws IOException {
        Resource[] files = new PathMatchingResourcePatternResolver()
                .getResources("classpath*:templates/" + folder + "/*.txt");
        return Arrays.stream(files).map(Resource::getFilename).map(n -> n.substring(0, n.length() - ".txt".length()))
                .sorted().toList();
    }

    static List<String> reminderFiles() throws IOException {
        return templateFiles("reminder");
    }

    static List<String> smsFiles() throws IOException {
        return templateFiles("sms");
    }

    static List<String> internalFiles() throws IOException {
        return templateFiles("email");
    }

    static Map<String, Object> reminderModel() {
        return Map.of("invoice", FACTS, "creditor", CREDITOR, "deadline", "8 décembre 2026", "charges", CHARGES);
    }

    private static Map<String, Object> internalModel(String template) {
        return switch (template) {
            case "salesperson-level2", "salesperson-formal-notice", "salesperson-dispute" -> Map.of("invoice", FACTS,
                    "salespersonName", "Sam", "customerEmail", "a@b.test", "customerPhone", "+33 2",
                    "tasklistUrl", "http://localhost/camunda/app/tasklist/", "disputeReason", "Goods damaged");
            case "collector-broken-promise" -> Map.of("invoice", FACTS, "promisedDate", "10 April 2026");
            case "agency-handover" -> Map.of("invoice", FACTS, "customer", new com.relance.invoice.Customer("C-7"),
                    "dossier", List.of(new HandOverToAgency.DossierEntry("1 April 2026", "LEVEL_1", "a@b.test", "Reminder")));
            default -> throw new AssertionError("No test model for template " + template + ": add one here");
        };
    }

    @ParameterizedTest
    @MethodSource("reminderFiles")
    void everyReminderText_rendersWithASubjectAndABody(String file) {
        String stage = file.substring(0, file.lastIndexOf('_'));
        String language = file.substring(file.lastIndexOf('_') + 1);

        RenderedMessage message = templates.render("reminder", stage, language, reminderModel());

        assertThat(message.language()).isEqualTo(language);
        assertThat(message.subject()).isNotBlank().doesNotContain("null", "[(", "${");
        assertThat(message.body()).contains("INV-2026-0042", "Martin Industrie SAS").doesNotContain("[(", "${", "[#", "null");
    }

    @ParameterizedTest
    @MethodSource("smsFiles")
    void everySmsText_fitsOneSegment(String file) {
        String stage = file.substring(0, file.lastIndexOf('_'));
        String language = file.substring(file.lastIndexOf('_') + 1);

        RenderedMessage sms = templates.renderText("sms", stage, language, reminderModel());
        SmsText text = SmsText.of(sms.body().replace('\u00A0', ' ').replace('\u202F', ' '));

        assertThat(sms.body()).contains("INV-2026-0042").doesNotContain("[(", "${", "\n");
        assertThat(text.segments()).as("%s: %s (%s, %d units)", file, sms.body(), text.encoding(), text.units())
                .isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("internalFiles")
    void everyInternalEmail_renders(String file) {
        String template = file.substring(0, file.lastIndexOf('_'));
        String language = file.substring(file.lastIndexOf('_') + 1);

        RenderedMessage message = templates.render("email", template, language, internalModel(template));

        assertThat(message.subject()).isNotBlank().doesNotContain("null", "[(", "${");
        assertThat(message.body()).contains("INV-2026-0042").doesNotContain("[(", "${", "[#");
    }

    @ParameterizedTest
    @MethodSource("reminderFiles")
    void aConsumer_isToldNoStatutoryLateCharges(String file) {
        String stage = file.substring(0, file.lastIndexOf('_'));
        String language = file.substring(file.lastIndexOf('_') + 1);
        // Figures no consumer text may print (a consumer's charges would be zero: these make a leak visible).
        ChargesFacts none = new ChargesFacts("9,99 %", "13 novembre 2026", "7,77 €", "6,66 €", "1 264,43 €", false);

        RenderedMessage message = templates.render("reminder", stage, language,
                Map.of("invoice", FACTS, "creditor", CREDITOR, "deadline", "8 décembre 2026", "charges", none));

        assertThat(message.body()).doesNotContain("9,99 %", "7,77 €", "6,66 €", "1 264,43 €", "L441", "[#", "[/]")
                .doesNotContain("\n\n\n");
        if (stage.equals("formal-notice")) {
            assertThat(message.body()).contains("1 250,00 €", "8 décembre 2026", "INV-2026-0042");
        }
    }

    static List<String> groupedFiles() throws IOException {
        return templateFiles("grouped");
    }

    /** A grouped message's texts (F8): every family in every language, firm or not, charges or not. */
    @ParameterizedTest
    @MethodSource("groupedFiles")
    void everyGroupedText_namesTheCustomer_theCount_andTheTotals(String file) throws IOException {
        String family = file.substring(0, file.lastIndexOf('_'));
        String language = file.substring(file.lastIndexOf('_') + 1);
        assertThat(groupedFiles()).contains("pre-due_" + language, "reminder_" + language);
        for (boolean firm : List.of(false, true)) {
            for (boolean charges : List.of(false, true)) {
                RenderedMessage message = templates.render("grouped", family, language, Map.of("customerName",
                        "Dupont <SA>", "customerNumber", "C-7", "count", 3, "totals", List.of("2 050,50 €", "300,00 £GB"),
                        "firm", firm, "charges", charges, "creditor", CREDITOR));
                assertThat(message.language()).isEqualTo(language);
                assertThat(message.subject()).contains("3", "2 050,50 € + 300,00 £GB").doesNotContain("null", "[", "${");
                assertThat(message.body()).contains("Dupont <SA>", "3", "Martin Industrie SAS")
                        .doesNotContain("[(", "${", "[#", "[/]", "null").doesNotContain("\n\n\n");
                assertThat(message.body().contains("L441") || message.body().contains("late payment")
                        || message.body().contains("Zahlungsverzug") || message.body().contains("morosidad")
                        || message.body().contains("ritardi") || message.body().contains("betalingsachterstand"))
                        .as("charges paragraph").isEqualTo(charges && family.equals("reminder"));
            }
        }
    }

    @Test
    void everyStage_hasItsTextAndSms_inEverySupportedLanguage() throws IOException {
        for (String stage : STAGES) {
            for (String language : LANGUAGES) {
                assertThat(reminderFiles()).contains(stage + "_" + language);
                assertThat(smsFiles()).contains(stage + "_" + language);
            }
        }
    }

    @Test
    void everyLabelFile_hasEveryEnglishLabel() throws IOException {
        Properties english = labels("en");
        for (String language : LANGUAGES) {
            assertThat(labels(language).stringPropertyNames()).as(language)
                    .containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
        }
    }

    @Test
    void aLanguageWithoutTemplates_fallsBackToEnglish() {
        RenderedMessage message = templates.render("reminder", "level1", "pt", reminderModel());

        assertThat(message.language()).isEqualTo("en");
        assertThat(message.subject()).isEqualTo("Reminder: invoice INV-2026-0042 is overdue");
    }

    @Test
    void customerNamesArePrintedAsText_inPlainText() {
        RenderedMessage message = templates.render("reminder", "level1", "en", reminderModel());

        assertThat(message.body()).startsWith("Dear Dupont <SA> & \"Fils\",\n");
    }

    @Test
    void aMisspeltVariable_failsRendering() {
        assertThatThrownBy(() -> templates.render("reminder", "level1", "en",
                Map.of("invoice", "not the facts", "creditor", CREDITOR, "charges", CHARGES, "deadline", "x")))
                .hasMessageContaining("number");
    }

    private static Properties labels(String language) throws IOException {
        Properties p = new Properties();
        try (InputStream in = MessageTemplatesTest.class.getResourceAsStream("/templates/labels_" + language + ".properties")) {
            assertThat(in).as("labels_" + language).isNotNull();
            p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return p;
    }
}
