package com.relance.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationListener;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The dunning policy table ({@code bpmn/dunning-policy.dmn}) on Camunda's standalone DMN engine:
 * which row each customer gets, every output of that row with its Java type, and the invariants
 * every row must keep whatever a credit manager edits in the Modeler.
 */
class DunningPolicyDecisionTest {

    static final String RESOURCE = "bpmn/dunning-policy.dmn";
    static final String DMN = "https://www.omg.org/spec/DMN/20191111/MODEL/";

    static final List<String> OUTPUTS = List.of("preDueReminder", "preDueOffsetDays", "level1OffsetDays",
            "level2OffsetDays", "formalNoticeOffsetDays", "escalationOffsetDays", "preDueChannels", "level1Channels",
            "level2Channels", "formalNoticeChannels", "level1Review", "level2Review", "salesApprovalRequired",
            "invoiceCopyStages", "minimumAmount", "paymentTolerance", "litigationThreshold", "lateCharges", "groupMessages");
    static final Set<String> CHANNELS = Set.of("EMAIL", "SMS", "LETTER");
    static final Set<String> STAGES = Set.of("PRE_DUE", "LEVEL_1", "LEVEL_2", "FORMAL_NOTICE");

    static DmnEngine engine;
    static DmnDecision decision;
    /** Ids of the rules the last evaluation matched (FIRST: at most one). */
    static final List<String> matchedRules = new ArrayList<>();

    @BeforeAll
    static void parse() throws Exception {
        DefaultDmnEngineConfiguration configuration =
                (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
        DmnDecisionTableEvaluationListener recorder = event -> event.getMatchingRules().stream()
                .map(DmnEvaluatedDecisionRule::getId).forEach(matchedRules::add);
        configuration.customPostDecisionTableEvaluationListeners(List.of(recorder));
        engine = configuration.buildEngine();
        try (InputStream dmn = resource()) {
            decision = engine.parseDecision("dunning-policy", dmn);
        }
    }

    @BeforeEach
    void forget() {
        matchedRules.clear();
    }

    static InputStream resource() {
        InputStream in = DunningPolicyDecisionTest.class.getClassLoader().getResourceAsStream(RESOURCE);
        assertThat(in).as(RESOURCE + " on the classpath").isNotNull();
        return in;
    }

    static VariableMap inputs(String segment, String risk, String country, Object amount) {
        return Variables.createVariables().putValue("customerSegment", segment).putValue("riskClass", risk)
                .putValue("customerCountry", country).putValue("invoiceAmount", amount);
    }

    static Map<String, Object> evaluate(VariableMap variables) {
        matchedRules.clear();
        DmnDecisionTableResult result = engine.evaluateDecisionTable(decision, variables);
        DmnDecisionRuleResult single = result.getSingleResult();
        assertThat(single).as("a row matches %s", variables).isNotNull();
        return single.getEntryMap();
    }

    // ---- the rows, as a credit manager reads them -------------------------------------------------

    static final List<String> SMS_LADDER = List.of("EMAIL", "EMAIL,SMS", "EMAIL,LETTER,SMS", "EMAIL,LETTER");

    /** One row's outputs, each in the Java type the table's typeRef gives (integer, double, boolean). */
    static Map<String, Object> row(boolean preDue, int preDueDays, int level1, int level2, int formalNotice,
            int escalation, List<String> channels, boolean level1Review, boolean level2Review, boolean salesApproval,
            String invoiceCopyStages, double minimum, double tolerance, double litigation, boolean lateCharges) {
        return row(preDue, preDueDays, level1, level2, formalNotice, escalation, channels, level1Review, level2Review,
                salesApproval, invoiceCopyStages, minimum, tolerance, litigation, lateCharges, "groupMessages", true);
    }

    /** A row whose one boolean output {@code name} (such as groupMessages) is {@code value}. */
    static Map<String, Object> row(boolean preDue, int preDueDays, int level1, int level2, int formalNotice,
            int escalation, List<String> channels, boolean level1Review, boolean level2Review, boolean salesApproval,
            String invoiceCopyStages, double minimum, double tolerance, double litigation, boolean lateCharges,
            String name, boolean value) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("preDueReminder", preDue);
        row.put("preDueOffsetDays", preDueDays);
        row.put("level1OffsetDays", level1);
        row.put("level2OffsetDays", level2);
        row.put("formalNoticeOffsetDays", formalNotice);
        row.put("escalationOffsetDays", escalation);
        row.put("preDueChannels", channels.get(0));
        row.put("level1Channels", channels.get(1));
        row.put("level2Channels", channels.get(2));
        row.put("formalNoticeChannels", channels.get(3));
        row.put("level1Review", level1Review);
        row.put("level2Review", level2Review);
        row.put("salesApprovalRequired", salesApproval);
        row.put("invoiceCopyStages", invoiceCopyStages);
        row.put("minimumAmount", minimum);
        row.put("paymentTolerance", tolerance);
        row.put("litigationThreshold", litigation);
        row.put("lateCharges", lateCharges);
        // Every typology gets one message per customer, except the public sector (see that row).
        row.put("groupMessages", true);
        row.put(name, value);
        return row;
    }

    static final Map<String, Object> HIGH_RISK_INDIVIDUAL = row(true, -7, 3, 15, 25, 35, SMS_LADDER, false, true,
            false, "PRE_DUE", 10, 0.50, 3000, false);
    static final Map<String, Object> HIGH_RISK = row(true, -7, 3, 15, 25, 35, SMS_LADDER, false, true, false,
            "PRE_DUE", 0, 1.00, 5000, true);
    static final Map<String, Object> KEY_ACCOUNT = row(true, -7, 10, 35, 50, 70,
            List.of("EMAIL", "EMAIL", "EMAIL,LETTER", "EMAIL,LETTER"), true, true, true, "PRE_DUE,LEVEL_1", 50, 5.00,
            20000, true);
    static final Map<String, Object> PUBLIC_SECTOR = row(false, -5, 15, 45, 60, 90,
            List.of("EMAIL", "EMAIL,LETTER", "EMAIL,LETTER", "EMAIL,LETTER"), false, true, false, "LEVEL_1", 100, 1.00,
            50000, true, "groupMessages", false);
    static final Map<String, Object> INDIVIDUAL = row(true, -3, 7, 21, 35, 50, SMS_LADDER, false, true, false,
            "PRE_DUE", 10, 0.50, 3000, false);
    static final Map<String, Object> LARGE_SME_INVOICE = row(true, -5, 7, 30, 45, 60, SMS_LADDER, false, true, false,
            "PRE_DUE,LEVEL_1", 0, 1.00, 10000, true);
    /** The historic defaults of relance.policy in application.yml. */
    static final Map<String, Object> SME = row(true, -5, 7, 30, 45, 60, SMS_LADDER, false, false, false,
            "PRE_DUE,LEVEL_1", 0, 1.00, 10000, true);

    static Stream<Arguments> rows() {
        return Stream.of(
                arguments("DecisionRule_HighRiskIndividual", inputs("individual", "high", "FR", 250.0), HIGH_RISK_INDIVIDUAL),
                arguments("DecisionRule_HighRiskIndividual", inputs("individual", "high", "GB", 50000.0), HIGH_RISK_INDIVIDUAL),
                arguments("DecisionRule_HighRisk", inputs("sme", "high", "FR", 2000.0), HIGH_RISK),
                arguments("DecisionRule_HighRisk", inputs("sme", "high", "DE", 50000.0), HIGH_RISK),
                arguments("DecisionRule_HighRisk", inputs("key-account", "high", "FR", 80000.0), HIGH_RISK),
                arguments("DecisionRule_HighRisk", inputs(null, "high", "FR", 1000.0), HIGH_RISK),
                arguments("DecisionRule_HighRisk", inputs("", "high", "US", 1000.0), HIGH_RISK),
                arguments("DecisionRule_HighRisk", inputs("start-up", "high", null, null), HIGH_RISK),
                arguments("DecisionRule_KeyAccount", inputs("key-account", "low", "DE", 50000.0), KEY_ACCOUNT),
                arguments("DecisionRule_KeyAccount", inputs("key-account", null, "FR", 10.0), KEY_ACCOUNT),
                arguments("DecisionRule_KeyAccount", inputs("key-account", "medium", "US", null), KEY_ACCOUNT),
                arguments("DecisionRule_PublicSector", inputs("public-sector", "low", "FR", 120000.0), PUBLIC_SECTOR),
                arguments("DecisionRule_PublicSector", inputs("public-sector", "high", "FR", 5000.0), PUBLIC_SECTOR),
                arguments("DecisionRule_PublicSector", inputs("public-sector", null, "BE", null), PUBLIC_SECTOR),
                arguments("DecisionRule_Individual", inputs("individual", "low", "FR", 80.0), INDIVIDUAL),
                arguments("DecisionRule_Individual", inputs("individual", "medium", "ES", 20000.0), INDIVIDUAL),
                arguments("DecisionRule_Individual", inputs("individual", null, "FR", null), INDIVIDUAL),
                arguments("DecisionRule_LargeSmeInvoice", inputs("sme", "low", "FR", 10000.0), LARGE_SME_INVOICE),
                arguments("DecisionRule_LargeSmeInvoice", inputs("sme", null, "GB", 250000.0), LARGE_SME_INVOICE),
                arguments("DecisionRule_LargeSmeInvoice", inputs("sme", "medium", "FR", new BigDecimal("10000.00")),
                        LARGE_SME_INVOICE),
                arguments("DecisionRule_Sme", inputs("sme", "low", "FR", 9999.99), SME),
                arguments("DecisionRule_Sme", inputs("sme", "medium", "DE", new BigDecimal("1200.50")), SME),
                arguments("DecisionRule_Sme", inputs("sme", null, "FR", null), SME),
                arguments("DecisionRule_Default", inputs(null, null, null, null), SME),
                arguments("DecisionRule_Default", inputs("", null, "FR", 500.0), SME),
                arguments("DecisionRule_Default", inputs("   ", "low", "FR", 500.0), SME),
                arguments("DecisionRule_Default", inputs("start-up", "medium", "FR", 50000.0), SME),
                // Typologies are compared exactly: another spelling is not the key-account row.
                arguments("DecisionRule_Default", inputs("Key-Account", "low", "FR", 50000.0), SME),
                arguments("DecisionRule_Default", inputs("sme-xl", "unknown", "FR", 50000.0), SME));
    }

    @ParameterizedTest(name = "{0} for {1}")
    @MethodSource("rows")
    void eachCustomerGetsItsRow_withEveryOutput(String rule, VariableMap variables, Map<String, Object> expected) {
        Map<String, Object> outputs = evaluate(variables);

        assertThat(matchedRules).containsExactly(rule);
        // Map equality compares Integer with Integer, Double with Double: the types are checked too.
        assertThat(outputs).containsExactlyInAnyOrderEntriesOf(expected);
    }

    @Test
    void everyRowIsReachedByTheCasesAbove() throws Exception {
        Set<String> reached = new HashSet<>();
        rows().forEach(args -> {
            evaluate((VariableMap) args.get()[1]);
            reached.addAll(matchedRules);
        });

        assertThat(reached).containsExactlyInAnyOrderElementsOf(ruleIds(document()));
    }

    @Test
    void outputsComeBackInTheirJavaTypes() {
        Map<String, Object> outputs = evaluate(inputs("key-account", "low", "FR", 1000.0));

        assertThat(outputs).containsOnlyKeys(OUTPUTS);
        for (String name : List.of("preDueReminder", "level1Review", "level2Review", "salesApprovalRequired", "lateCharges",
                "groupMessages")) {
            assertThat(outputs.get(name)).as(name).isInstanceOf(Boolean.class);
        }
        for (String name : List.of("preDueOffsetDays", "level1OffsetDays", "level2OffsetDays", "formalNoticeOffsetDays",
                "escalationOffsetDays")) {
            assertThat(outputs.get(name)).as(name).isInstanceOf(Integer.class);
        }
        for (String name : List.of("minimumAmount", "paymentTolerance", "litigationThreshold")) {
            assertThat(outputs.get(name)).as(name).isInstanceOf(Double.class);
        }
        for (String name : List.of("preDueChannels", "level1Channels", "level2Channels", "formalNoticeChannels",
                "invoiceCopyStages")) {
            assertThat(outputs.get(name)).as(name).isInstanceOf(String.class);
        }
    }

    @Test
    void nullRiskClassAndBlankSegment_fallToTheDefault() {
        Map<String, Object> outputs = evaluate(inputs("", null, "FR", 1500.0));

        assertThat(matchedRules).containsExactly("DecisionRule_Default");
        assertThat(outputs).containsExactlyInAnyOrderEntriesOf(SME);
    }

    /** Variables the process never set behave as null: no failure, the default row. */
    @Test
    void missingVariables_fallToTheDefault() {
        Map<String, Object> outputs = evaluate(Variables.createVariables());

        assertThat(matchedRules).containsExactly("DecisionRule_Default");
        assertThat(outputs).containsExactlyInAnyOrderEntriesOf(SME);
    }

    // ---- invariants over every combination a process may pass ------------------------------------

    static final List<String> SEGMENTS = Arrays.asList("key-account", "sme", "public-sector", "individual", "", null,
            "start-up");
    static final List<String> RISKS = Arrays.asList("low", "medium", "high", null, "");
    static final List<String> COUNTRIES = Arrays.asList("FR", "GB", "DE", "US", null);
    static final List<Object> AMOUNTS = Arrays.asList(null, 0.0, 49.99, 9999.99, 10000.0, 1_000_000.0,
            new BigDecimal("15000.00"));

    static Stream<VariableMap> everyCombination() {
        List<VariableMap> all = new ArrayList<>();
        for (String segment : SEGMENTS) {
            for (String risk : RISKS) {
                for (String country : COUNTRIES) {
                    for (Object amount : AMOUNTS) {
                        all.add(inputs(segment, risk, country, amount));
                    }
                }
            }
        }
        return all.stream();
    }

    @Test
    void everyRow_keepsTheLadderInOrder_andOnlyKnownChannelsAndStages() {
        everyCombination().forEach(variables -> {
            Map<String, Object> o = evaluate(variables);
            String row = matchedRules + " for " + variables;

            assertThat(o).as(row).containsOnlyKeys(OUTPUTS);
            assertThat(o.values()).as(row).doesNotContainNull();
            int preDue = (Integer) o.get("preDueOffsetDays");
            int level1 = (Integer) o.get("level1OffsetDays");
            int level2 = (Integer) o.get("level2OffsetDays");
            int formalNotice = (Integer) o.get("formalNoticeOffsetDays");
            int escalation = (Integer) o.get("escalationOffsetDays");
            assertThat(preDue).as(row).isNegative();
            assertThat(level1).as(row).isPositive().isGreaterThan(preDue);
            assertThat(level2).as(row).isGreaterThan(level1);
            assertThat(formalNotice).as(row).isGreaterThan(level2);
            assertThat(escalation).as(row).isGreaterThan(formalNotice);

            for (String stage : List.of("preDueChannels", "level1Channels", "level2Channels", "formalNoticeChannels")) {
                List<String> channels = List.of(((String) o.get(stage)).split(","));
                assertThat(channels).as(stage + " " + row).isNotEmpty().doesNotHaveDuplicates()
                        .allSatisfy(channel -> assertThat(CHANNELS).contains(channel));
            }
            String copies = (String) o.get("invoiceCopyStages");
            if (!copies.isEmpty()) {
                assertThat(copies.split(",")).as(row).doesNotHaveDuplicates()
                        .allSatisfy(stage -> assertThat(STAGES).contains(stage));
            }
            assertThat((Double) o.get("minimumAmount")).as(row).isNotNegative();
            assertThat((Double) o.get("paymentTolerance")).as(row).isNotNegative();
            assertThat((Double) o.get("litigationThreshold")).as(row).isPositive();
        });
    }

    @Test
    void consumers_neverGetLateCharges() {
        everyCombination().filter(v -> "individual".equals(v.get("customerSegment"))).forEach(variables ->
                assertThat(evaluate(variables).get("lateCharges")).as(matchedRules + " for " + variables)
                        .isEqualTo(false));
    }

    @Test
    void businesses_getLateCharges() {
        everyCombination().filter(v -> !"individual".equals(v.get("customerSegment"))).forEach(variables ->
                assertThat(evaluate(variables).get("lateCharges")).as(matchedRules + " for " + variables)
                        .isEqualTo(true));
    }

    // ---- the file as Camunda Modeler writes and reads it ------------------------------------------

    static Document document() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        try (InputStream in = resource()) {
            return factory.newDocumentBuilder().parse(in);
        }
    }

    static List<String> ruleIds(Document document) {
        List<String> ids = new ArrayList<>();
        NodeList rules = document.getElementsByTagNameNS(DMN, "rule");
        for (int i = 0; i < rules.getLength(); i++) {
            ids.add(((Element) rules.item(i)).getAttribute("id"));
        }
        return ids;
    }

    /** The OMG DMN 1.3 schema as shipped in Camunda's DMN model API (with DMNDI, DC and DI). */
    @Test
    void theFile_isValidDmn13() throws Exception {
        var schemaUrl = DmnEngine.class.getClassLoader().getResource("org/camunda/bpm/model/dmn/schema/DMN13.xsd");
        assertThat(schemaUrl).isNotNull();
        var schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(schemaUrl);
        try (InputStream in = resource()) {
            schema.newValidator().validate(new StreamSource(in));
        }
    }

    @Test
    void theFile_isAModelerDecisionTable_withLabelsDescriptionsAndLayout() throws Exception {
        Document document = document();
        Element definitions = document.getDocumentElement();
        assertThat(definitions.getAttribute("exporter")).isEqualTo("Camunda Modeler");
        assertThat(definitions.getAttributeNS("http://camunda.org/schema/modeler/1.0", "executionPlatform"))
                .isEqualTo("Camunda Platform");
        assertThat(definitions.getAttributeNS("http://camunda.org/schema/modeler/1.0", "executionPlatformVersion"))
                .isEqualTo("7.24.0");

        NodeList decisions = document.getElementsByTagNameNS(DMN, "decision");
        assertThat(decisions.getLength()).isEqualTo(1);
        Element decisionElement = (Element) decisions.item(0);
        assertThat(decisionElement.getAttribute("id")).isEqualTo("dunning-policy");
        assertThat(decisionElement.getAttribute("name")).isEqualTo("Dunning policy");
        assertThat(decisionElement.getAttributeNS("http://camunda.org/schema/1.0/dmn", "historyTimeToLive"))
                .isEqualTo("3650");
        Element table = (Element) document.getElementsByTagNameNS(DMN, "decisionTable").item(0);
        assertThat(table.getAttribute("hitPolicy")).isEqualTo("FIRST");

        Map<String, Integer> ids = new HashMap<>();
        NodeList all = document.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            String id = ((Element) all.item(i)).getAttribute("id");
            if (!id.isEmpty()) {
                ids.merge(id, 1, Integer::sum);
            }
        }
        assertThat(ids).allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));

        for (String column : List.of("input", "output")) {
            NodeList columns = document.getElementsByTagNameNS(DMN, column);
            for (int i = 0; i < columns.getLength(); i++) {
                Element element = (Element) columns.item(i);
                assertThat(element.getAttribute("label")).as(element.getAttribute("id")).isNotBlank();
            }
        }
        List<String> outputNames = new ArrayList<>();
        NodeList outputs = document.getElementsByTagNameNS(DMN, "output");
        for (int i = 0; i < outputs.getLength(); i++) {
            outputNames.add(((Element) outputs.item(i)).getAttribute("name"));
        }
        assertThat(outputNames).containsExactlyElementsOf(OUTPUTS);

        NodeList rules = document.getElementsByTagNameNS(DMN, "rule");
        assertThat(rules.getLength()).isGreaterThanOrEqualTo(8);
        for (int i = 0; i < rules.getLength(); i++) {
            Element rule = (Element) rules.item(i);
            NodeList description = rule.getElementsByTagNameNS(DMN, "description");
            assertThat(description.getLength()).as(rule.getAttribute("id")).isEqualTo(1);
            assertThat(description.item(0).getTextContent()).as(rule.getAttribute("id")).isNotBlank();
        }
        Element last = (Element) rules.item(rules.getLength() - 1);
        NodeList lastEntries = last.getElementsByTagNameNS(DMN, "inputEntry");
        for (int i = 0; i < lastEntries.getLength(); i++) {
            assertThat(lastEntries.item(i).getTextContent().trim()).as("catch-all row").isIn("-", "");
        }

        NodeList shapes = document.getElementsByTagNameNS("https://www.omg.org/spec/DMN/20191111/DMNDI/", "DMNShape");
        assertThat(shapes.getLength()).isEqualTo(1);
        assertThat(((Element) shapes.item(0)).getAttribute("dmnElementRef")).isEqualTo("dunning-policy");
    }
}
