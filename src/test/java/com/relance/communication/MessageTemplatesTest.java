package com.relance.communication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.relance.dunning.HandOverToAgency;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Every template file renders with the model its sender gives it: a misspelt variable or a
 * syntax error fails here, not in a customer's inbox.
 */
class MessageTemplatesTest {

    private final MessageTemplates templates = new MessageTemplates();

    private static final InvoiceFacts FACTS = new InvoiceFacts("INV-42", "Dupont <SA> & \"Fils\"", "C-7", "1 March 2026",
            "31 March 2026", "€1,250.00", "€1,250.00", 30, "EUR");
    private static final Creditor CREDITOR = new Creditor("Relance SAS", "credit@relance.test", "+33 1", "Paris");

    static List<String> templateFiles() throws IOException {
        Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath*:templates/email/*.txt");
        return Arrays.stream(files).map(Resource::getFilename).map(n -> n.substring(0, n.length() - ".txt".length()))
                .sorted().toList();
    }

    private static Map<String, Object> modelFor(String template) {
        return switch (template) {
            case "pre-due", "level1", "level2", "formal-notice" ->
                    Map.of("invoice", FACTS, "creditor", CREDITOR, "deadline", "8 April 2026");
            case "salesperson-level2", "salesperson-formal-notice", "salesperson-dispute" -> Map.of("invoice", FACTS,
                    "salespersonName", "Sam", "customerEmail", "a@b.test", "customerPhone", "+33 2",
                    "tasklistUrl", "http://localhost/camunda/app/tasklist/", "disputeReason", "Goods damaged");
            case "agency-handover" -> Map.of("invoice", FACTS, "customer", new com.relance.invoice.Customer("C-7"),
                    "dossier", List.of(new HandOverToAgency.DossierEntry("1 April 2026", "LEVEL_1", "a@b.test", "Reminder")));
            default -> throw new AssertionError("No test model for template " + template + ": add one here");
        };
    }

    @ParameterizedTest
    @MethodSource("templateFiles")
    void everyTemplateRenders_withASubjectAndABody(String file) {
        String template = file.substring(0, file.lastIndexOf('_'));
        String language = file.substring(file.lastIndexOf('_') + 1);

        RenderedMessage message = templates.render(template, language, modelFor(template));

        assertThat(message.language()).isEqualTo(language);
        assertThat(message.subject()).isNotBlank().doesNotContain("null", "[(", "${");
        assertThat(message.body()).contains("INV-42").doesNotContain("[(", "${", "[#");
    }

    @Test
    void everyCustomerStage_existsInEnglishAndFrench() throws IOException {
        assertThat(templateFiles()).contains("pre-due_en", "pre-due_fr", "level1_en", "level1_fr", "level2_en", "level2_fr",
                "formal-notice_en", "formal-notice_fr");
    }

    @Test
    void aLanguageWithoutTemplates_fallsBackToEnglish() {
        RenderedMessage message = templates.render("level1", "de", modelFor("level1"));

        assertThat(message.language()).isEqualTo("en");
        assertThat(message.subject()).isEqualTo("Reminder: invoice INV-42 is overdue");
    }

    @Test
    void customerNamesArePrintedAsText_inPlainTextMail() {
        RenderedMessage message = templates.render("level1", "en", modelFor("level1"));

        assertThat(message.body()).startsWith("Dear Dupont <SA> & \"Fils\",\n");
    }

    @Test
    void aMisspeltVariable_failsRendering() {
        assertThatThrownBy(() -> templates.render("level1", "en", Map.of("invoice", "not the facts", "creditor", CREDITOR)))
                .hasMessageContaining("number");
    }
}
