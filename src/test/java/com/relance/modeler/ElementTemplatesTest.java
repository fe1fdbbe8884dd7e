package com.relance.modeler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.relance.RelanceTest;
import com.relance.dunning.DunningSchedule;
import com.relance.dunning.DunningStage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * element-templates/*.json keep the shape Camunda Modeler (Camunda 7 element-template schema) reads,
 * and name only what the application has: every delegate expression a Spring bean of the right
 * kind, every stage a ladder stage. The full JSON-schema validation runs in the build's lint step
 * (.ci/lint, npm run lint:templates).
 */
class ElementTemplatesTest extends RelanceTest {

    private static final String SCHEMA = "https://unpkg.com/@camunda/element-templates-json-schema/resources/schema.json";
    /** The Camunda 7 schema's binding types (no task listener, no timer, no retry cycle among them). */
    private static final Set<String> BINDINGS = Set.of("property", "camunda:property", "camunda:inputParameter",
            "camunda:outputParameter", "camunda:in", "camunda:out", "camunda:in:businessKey",
            "camunda:executionListener", "camunda:field", "camunda:errorEventDefinition");
    /** Property types each binding accepts, as the schema restricts them. */
    private static final Map<String, Set<String>> TYPES = Map.of(
            "property", Set.of("String", "Text", "Hidden", "Dropdown", "Boolean"),
            "camunda:inputParameter", Set.of("String", "Text", "Hidden", "Dropdown"),
            "camunda:property", Set.of("String", "Hidden", "Dropdown"));
    private static final Pattern BEAN = Pattern.compile("^\\$\\{([A-Za-z][A-Za-z0-9]*)}$");

    @Autowired
    ApplicationContext context;

    @Test
    void everyTemplate_hasTheSchemasShape_andAUniqueIdAndVersion() throws IOException {
        List<JsonNode> templates = templates();
        assertThat(templates).hasSizeGreaterThanOrEqualTo(6);
        Set<String> ids = new HashSet<>();
        for (JsonNode template : templates) {
            String id = template.path("id").asText();
            assertThat(template.path("$schema").asText()).as(id).isEqualTo(SCHEMA);
            for (String key : List.of("name", "id", "appliesTo", "properties", "version")) {
                assertThat(template.has(key)).as(id + " has " + key).isTrue();
            }
            assertThat(template.path("version").isNumber()).as(id + " version").isTrue();
            assertThat(ids.add(id + "@" + template.path("version").asText())).as("unique " + id).isTrue();
            assertThat(template.path("appliesTo")).as(id).isNotEmpty();
            template.path("appliesTo").forEach(type -> assertThat(type.asText()).startsWith("bpmn:"));
            for (JsonNode property : template.path("properties")) {
                JsonNode binding = property.path("binding");
                String type = binding.path("type").asText();
                assertThat(BINDINGS).as(id + " binding").contains(type);
                assertThat(binding.path("name").asText()).as(id + " binding name").isNotBlank();
                if (TYPES.containsKey(type)) {
                    assertThat(TYPES.get(type)).as(id + " " + binding).contains(property.path("type").asText());
                }
                if (property.path("type").asText().equals("Dropdown")) {
                    assertThat(property.path("choices")).as(id + " choices").isNotEmpty();
                }
            }
        }
    }

    @Test
    void everyDelegateExpression_namesAJavaDelegateBean() throws IOException {
        List<String> beans = new ArrayList<>();
        for (JsonNode template : templates()) {
            for (JsonNode property : template.path("properties")) {
                if (property.path("binding").path("name").asText().equals("camunda:delegateExpression")) {
                    Matcher bean = BEAN.matcher(property.path("value").asText());
                    assertThat(bean.matches()).as(property.toString()).isTrue();
                    beans.add(bean.group(1));
                    assertThat(context.getBean(bean.group(1))).as(bean.group(1)).isInstanceOf(JavaDelegate.class);
                }
            }
        }
        assertThat(beans).contains("sendReminder", "informSalesperson", "handOverToAgency", "computeLateCharges");
    }

    @Test
    void stageChoices_areLadderStages_andTheDocumentedExpressionsExist() throws Exception {
        for (JsonNode template : templates()) {
            for (JsonNode property : template.path("properties")) {
                if (property.path("binding").path("name").asText().equals("reminderStage")
                        && property.path("type").asText().equals("Dropdown")) {
                    property.path("choices").forEach(c -> assertThat(DunningStage.isKnown(c.path("value").asText()))
                            .as(c.toString()).isTrue());
                }
            }
            // What a template cannot bind is described for the modeller to type: it must exist.
            String description = template.path("description").asText();
            for (Matcher named = Pattern.compile("\\$\\{([A-Za-z]+)(?:\\.([A-Za-z]+)\\(execution\\))?}").matcher(description);
                 named.find(); ) {
                Object bean = context.getBean(named.group(1));
                if (named.group(2) != null) {
                    assertThat(bean.getClass().getMethod(named.group(2), VariableScope.class)).isNotNull();
                }
            }
        }
        assertThat(context.getBean("dunningSchedule")).isInstanceOf(DunningSchedule.class);
    }

    static List<JsonNode> templates() throws IOException {
        List<JsonNode> all = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.list(Path.of("element-templates"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode root = json.readTree(file.toFile());
                if (root.isArray()) {
                    root.forEach(all::add);
                } else {
                    all.add(root);
                }
            }
        }
        return all;
    }
}
