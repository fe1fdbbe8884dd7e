package com.relance.simulation;

import com.relance.invoice.FieldError;
import com.relance.invoice.InvalidInvoiceException;
import com.relance.policy.DunningPolicy;
import com.relance.policy.PolicyVariables;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Output;
import org.springframework.stereotype.Component;

/**
 * The {@code dunning-policy} tables a what-if may play: any deployed version, or a draft file not
 * deployed at all. Both are parsed by a DMN engine of their own, in memory: evaluating them
 * writes no decision history and touches no process.
 */
@Component
public class PolicyTables {

    /** The outputs DunningPolicy.variablesFor reads: a draft without one of them is refused. */
    static final List<String> REQUIRED_OUTPUTS = List.of(PolicyVariables.PRE_DUE_REMINDER,
            PolicyVariables.PRE_DUE_OFFSET_DAYS, PolicyVariables.LEVEL1_OFFSET_DAYS, PolicyVariables.LEVEL2_OFFSET_DAYS,
            PolicyVariables.FORMAL_NOTICE_OFFSET_DAYS, PolicyVariables.ESCALATION_OFFSET_DAYS,
            PolicyVariables.PRE_DUE_CHANNELS, PolicyVariables.LEVEL1_CHANNELS, PolicyVariables.LEVEL2_CHANNELS,
            PolicyVariables.FORMAL_NOTICE_CHANNELS, PolicyVariables.LEVEL1_REVIEW, PolicyVariables.LEVEL2_REVIEW,
            PolicyVariables.SALES_APPROVAL_REQUIRED, PolicyVariables.INVOICE_COPY_STAGES, PolicyVariables.MINIMUM_AMOUNT,
            PolicyVariables.PAYMENT_TOLERANCE, PolicyVariables.LITIGATION_THRESHOLD, PolicyVariables.LATE_CHARGES);

    /** Largest draft accepted (the real table is about 30 kB). */
    static final int MAX_DRAFT_BYTES = 1_000_000;

    public record Version(String id, int version, String versionTag, Instant deployedAt, boolean latest) {
    }

    /** A parsed table, ready to decide for an invoice's inputs. */
    public record Table(String label, DmnDecision decision, DmnEngine engine) {

        /** The matching row, by output name; a table matching nothing or more than once is unusable. */
        public Map<String, Object> decide(Map<String, Object> inputs) {
            DmnDecisionResultEntries row = engine.evaluateDecision(decision, Variables.fromMap(inputs)).getSingleResult();
            if (row == null) {
                throw new IllegalArgumentException("no row of the policy matches " + inputs);
            }
            return new HashMap<>(row.getEntryMap());
        }
    }

    private final RepositoryService repository;
    // Thread-safe once built; its own configuration, so nothing it does reaches the process engine.
    private final DmnEngine engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();

    PolicyTables(RepositoryService repository) {
        this.repository = repository;
    }

    /** Every deployed version, newest first. */
    public List<Version> versions() {
        List<DecisionDefinition> definitions = repository.createDecisionDefinitionQuery()
                .decisionDefinitionKey(DunningPolicy.DECISION).orderByDecisionDefinitionVersion().desc().list();
        Map<String, Date> deployed = new HashMap<>();
        List<Version> versions = new ArrayList<>();
        for (int i = 0; i < definitions.size(); i++) {
            DecisionDefinition d = definitions.get(i);
            Date at = deployed.computeIfAbsent(d.getDeploymentId(), id -> repository.createDeploymentQuery()
                    .deploymentId(id).singleResult().getDeploymentTime());
            versions.add(new Version(d.getId(), d.getVersion(), d.getVersionTag(), at.toInstant(), i == 0));
        }
        return versions;
    }

    /**
     * A deployed version (null: the latest).
     *
     * @throws InvalidInvoiceException naming {@code version} when there is no such version
     */
    public Table deployed(Integer version) {
        var query = repository.createDecisionDefinitionQuery().decisionDefinitionKey(DunningPolicy.DECISION);
        DecisionDefinition definition = (version == null ? query.latestVersion() : query.decisionDefinitionVersion(version))
                .singleResult();
        if (definition == null) {
            throw new InvalidInvoiceException(List.of(new FieldError("version",
                    "no deployed version " + version + " of " + DunningPolicy.DECISION)));
        }
        try (InputStream xml = repository.getDecisionModel(definition.getId())) {
            DmnModelInstance model = Dmn.readModelFromStream(xml);
            return new Table("version " + definition.getVersion()
                    + (definition.getVersionTag() == null ? "" : " (" + definition.getVersionTag() + ")"),
                    engine.parseDecision(DunningPolicy.DECISION, model), engine);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A draft file, checked: readable DMN, a decision table with the key {@code dunning-policy}, and
     * every output the ladder needs.
     *
     * @throws InvalidInvoiceException naming {@code draft}, one error per problem found
     */
    public Table draft(String fileName, byte[] dmn) {
        if (dmn == null || dmn.length == 0) {
            throw refused("the file is empty: choose a .dmn file");
        }
        if (dmn.length > MAX_DRAFT_BYTES) {
            throw refused("the file is larger than " + MAX_DRAFT_BYTES / 1000 + " kB");
        }
        DmnModelInstance model;
        try {
            model = Dmn.readModelFromStream(new ByteArrayInputStream(dmn));
        } catch (RuntimeException e) {
            throw refused("not a DMN file Camunda can read: " + rootMessage(e));
        }
        if (!(model.getModelElementById(DunningPolicy.DECISION) instanceof Decision decision)) {
            throw refused("it has no decision with the id '" + DunningPolicy.DECISION + "'");
        }
        if (!(decision.getExpression() instanceof DecisionTable table)) {
            throw refused("the decision '" + DunningPolicy.DECISION + "' is not a decision table");
        }
        Set<String> outputs = table.getOutputs().stream().map(Output::getName).collect(Collectors.toSet());
        List<FieldError> missing = REQUIRED_OUTPUTS.stream().filter(o -> !outputs.contains(o))
                .map(o -> new FieldError("draft", "the decision table has no output named '" + o + "'")).toList();
        if (!missing.isEmpty()) {
            throw new InvalidInvoiceException(missing);
        }
        try {
            return new Table("draft " + (fileName == null || fileName.isBlank() ? "file" : fileName),
                    engine.parseDecision(DunningPolicy.DECISION, model), engine);
        } catch (RuntimeException e) {
            throw refused("the decision table cannot be evaluated: " + rootMessage(e));
        }
    }

    private static InvalidInvoiceException refused(String message) {
        return new InvalidInvoiceException(List.of(new FieldError("draft", message)));
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.length() > 300 ? message.substring(0, 300) + "…" : message;
    }
}
