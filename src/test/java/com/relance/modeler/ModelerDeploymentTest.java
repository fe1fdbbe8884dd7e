package com.relance.modeler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.relance.DunningTestSupport;
import com.relance.Invoices;
import com.relance.dunning.ProcessVariables;
import com.relance.invoice.InvoiceRegistration;
import com.relance.invoice.InvoiceRepository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/**
 * A credit manager edits invoice-dunning.bpmn in Camunda Modeler and deploys it over
 * /engine-rest the way the Modeler does (probes, then a multipart deployment with source "Camunda
 * Modeler" and duplicate filtering): new invoices run on the new version, running ones keep theirs
 * until migrated. The restart rule (a restart does not put the classpath version back on top) is
 * tested in {@code DeploymentOnRestartTest}, with the other second application contexts.
 */
class ModelerDeploymentTest extends DunningTestSupport {

    private static final AtomicInteger EDITS = new AtomicInteger();
    private static final LocalDate ISSUED = LocalDate.of(2026, 3, 1);
    private static final LocalDate DUE = LocalDate.of(2026, 3, 31);

    @Autowired
    TestRestTemplate rest;
    @Autowired
    RepositoryService repository;
    @Autowired
    InvoiceRegistration registration;
    @Autowired
    InvoiceRepository invoices;

    private final List<String> deployments = new ArrayList<>();

    /**
     * Another test's wrong password for carl locks him until a time of the engine clock, which these
     * tests move back to 2026: he would stay locked out of engine-rest.
     */
    @BeforeEach
    void carlIsNotLockedOut() {
        engine.getIdentityService().unlockUser("carl");
    }

    /** Other tests start invoices on the latest version: each Modeler deployment goes again. */
    @AfterEach
    void deleteModelerDeployments() {
        deployments.forEach(id -> repository.deleteDeployment(id, true));
    }

    @Test
    void aCreditManager_deploysFromTheModeler_newInvoicesRunOnTheNewVersion_runningOnesKeepTheirs() throws IOException {
        ProcessInstance before = register();
        ProcessDefinition previous = latest();
        probe("carl", HttpStatus.OK);

        ResponseEntity<JsonNode> deployed = modelerDeploy("carl", edited());

        assertThat(deployed.getStatusCode()).as(String.valueOf(deployed.getBody())).isEqualTo(HttpStatus.OK);
        deployments.add(deployed.getBody().get("id").asText());
        assertThat(deployed.getBody().get("source").asText()).isEqualTo("Camunda Modeler");
        ProcessDefinition now = latest();
        assertThat(now.getVersion()).isEqualTo(previous.getVersion() + 1);
        assertThat(now.getDeploymentId()).isEqualTo(deployed.getBody().get("id").asText());
        assertThat(deployed.getBody().path("deployedProcessDefinitions").has(now.getId())).isTrue();

        ProcessInstance after = register();
        assertThat(after.getProcessDefinitionId()).isEqualTo(now.getId());
        assertThat(instanceOf(before.getBusinessKey()).getProcessDefinitionId()).isEqualTo(previous.getId());

        // The same file again: duplicate filtering deploys nothing new.
        ResponseEntity<JsonNode> again = modelerDeploy("carl", lastEdit);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        if (again.getBody().hasNonNull("id") && !again.getBody().get("id").asText().equals(now.getDeploymentId())) {
            deployments.add(again.getBody().get("id").asText());
        }
        assertThat(latest().getId()).isEqualTo(now.getId());
    }

    @Test
    void aDiagramDeployedAlone_findsItsForms_inTheTasklist() throws IOException {
        ResponseEntity<JsonNode> deployed = modelerDeploy("carl", edited());
        assertThat(deployed.getStatusCode()).isEqualTo(HttpStatus.OK);
        deployments.add(deployed.getBody().get("id").asText());
        ProcessInstance instance = register();
        assertThat(instance.getProcessDefinitionId()).isEqualTo(latest().getId());
        // A payment claim from the customer opens a task with a form at once.
        runtime.createMessageCorrelation("CustomerAnswered").processInstanceId(instance.getId())
                .setVariablesLocal(java.util.Map.of("customerAnswer", "PAID", "paymentReference", "VIR-1",
                        "paidOn", "2026-03-01"))
                .correlate();
        var task = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult();

        // What the Tasklist fetches to render the task's Camunda Form.
        ResponseEntity<String> form = rest.withBasicAuth("carl", "carl-test")
                .getForEntity("/engine-rest/task/" + task.getId() + "/deployed-form", String.class);

        assertThat(form.getStatusCode()).as(form.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(form.getBody()).contains("\"id\": \"follow-up-customer-answer\"");
    }

    @Test
    void collectorsAndAuditors_cannotDeploy() throws IOException {
        long deploymentsBefore = repository.createDeploymentQuery().count();
        ProcessDefinition previous = latest();
        for (String user : List.of("colette", "audrey")) {
            ResponseEntity<JsonNode> refused = modelerDeploy(user, edited());
            // The engine's AuthorizationException (no CREATE on DEPLOYMENT), mapped by engine-rest.
            assertThat(refused.getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(refused.getBody().path("type").asText()).isEqualTo("AuthorizationException");
        }
        assertThat(repository.createDeploymentQuery().count()).isEqualTo(deploymentsBefore);
        assertThat(latest().getId()).isEqualTo(previous.getId());
    }

    @Test
    void aWaitingInstance_isMigratedToTheModelersVersion_andWaitsAtTheSameActivity() throws IOException {
        ProcessInstance waiting = register();
        assertThat(waiting).isWaitingAt("Timer_PreDueReminderDue");
        ProcessDefinition source = latest();
        ResponseEntity<JsonNode> deployed = modelerDeploy("carl", edited());
        assertThat(deployed.getStatusCode()).as(String.valueOf(deployed.getBody())).isEqualTo(HttpStatus.OK);
        deployments.add(deployed.getBody().get("id").asText());
        ProcessDefinition target = latest();

        ObjectMapper json = new ObjectMapper();
        ObjectNode generate = json.createObjectNode().put("sourceProcessDefinitionId", source.getId())
                .put("targetProcessDefinitionId", target.getId()).put("updateEventTriggers", true);
        ResponseEntity<JsonNode> plan = as("carl").postForEntity("/engine-rest/migration/generate", jsonBody(generate),
                JsonNode.class);
        assertThat(plan.getStatusCode()).as(String.valueOf(plan.getBody())).isEqualTo(HttpStatus.OK);

        ObjectNode execute = json.createObjectNode();
        execute.set("migrationPlan", plan.getBody());
        execute.putArray("processInstanceIds").add(waiting.getId());
        execute.put("skipCustomListeners", true);
        ResponseEntity<String> migrated = as("carl").postForEntity("/engine-rest/migration/execute", jsonBody(execute),
                String.class);
        assertThat(migrated.getStatusCode()).as(migrated.getBody()).isEqualTo(HttpStatus.NO_CONTENT);

        ProcessInstance moved = instanceOf(waiting.getBusinessKey());
        assertThat(moved.getProcessDefinitionId()).isEqualTo(target.getId());
        assertThat(moved).isWaitingAt("Timer_PreDueReminderDue");
        assertThat(timer(moved, "Timer_PreDueReminderDue").getProcessDefinitionId()).isEqualTo(target.getId());
    }

    @Test
    void aStageAddedInTheModeler_withTheSendReminderTemplatesInputs_isSentOnce() throws IOException {
        String bpmn = original()
                .replace("      <bpmn:outgoing>Flow_SendLevel1Reminder_Level2Due</bpmn:outgoing>\n    </bpmn:serviceTask>",
                        "      <bpmn:outgoing>Flow_SendLevel1Reminder_SendLevel3Reminder</bpmn:outgoing>\n    </bpmn:serviceTask>")
                .replace("<bpmn:sequenceFlow id=\"Flow_SendLevel1Reminder_Level2Due\" sourceRef=\"Task_SendLevel1Reminder\"",
                        """
                        <bpmn:serviceTask id="Task_SendLevel3Reminder" name="Send the level 3 reminder" camunda:delegateExpression="${sendReminder}" camunda:asyncBefore="true">
                              <bpmn:extensionElements>
                                <camunda:failedJobRetryTimeCycle>R5/PT5M</camunda:failedJobRetryTimeCycle>
                                <camunda:inputOutput>
                                  <camunda:inputParameter name="reminderStage">LEVEL_3</camunda:inputParameter>
                                  <camunda:inputParameter name="reminderChannels">EMAIL</camunda:inputParameter>
                                  <camunda:inputParameter name="reminderTemplate">level2</camunda:inputParameter>
                                </camunda:inputOutput>
                              </bpmn:extensionElements>
                              <bpmn:incoming>Flow_SendLevel1Reminder_SendLevel3Reminder</bpmn:incoming>
                              <bpmn:outgoing>Flow_SendLevel1Reminder_Level2Due</bpmn:outgoing>
                            </bpmn:serviceTask>
                            <bpmn:sequenceFlow id="Flow_SendLevel1Reminder_SendLevel3Reminder" sourceRef="Task_SendLevel1Reminder" targetRef="Task_SendLevel3Reminder" />
                            <bpmn:sequenceFlow id="Flow_SendLevel1Reminder_Level2Due" sourceRef="Task_SendLevel3Reminder\"""");
        assertThat(bpmn).contains("Task_SendLevel3Reminder\" targetRef=\"Timer_Level2Due\"");
        ResponseEntity<JsonNode> deployed = modelerDeploy("carl", bpmn);
        assertThat(deployed.getStatusCode()).as(String.valueOf(deployed.getBody())).isEqualTo(HttpStatus.OK);
        deployments.add(deployed.getBody().get("id").asText());

        ProcessInstance instance = register();
        String email = "billing-" + instance.getBusinessKey().toLowerCase() + "@customer.test";
        at(LocalDate.of(2026, 3, 26), LocalTime.of(9, 0), PARIS);
        runDueJobs(instance);
        at(LocalDate.of(2026, 4, 7), LocalTime.of(9, 0), PARIS);
        runDueJobs(instance);
        runDueJobs(instance);

        assertThat(instance).hasPassed("Task_SendLevel1Reminder", "Task_SendLevel3Reminder").isWaitingAt("Timer_Level2Due");
        assertThat(mailsTo(email)).hasSize(3); // pre-due, level 1, level 3
        assertThat(subject(mailsTo(email).get(2))).isNotEqualTo(subject(mailsTo(email).get(1)));
        assertThat(invoices.findByNumber(instance.getBusinessKey()).orElseThrow().getDunningStage()).isEqualTo("LEVEL_3");
        assertThat(runtime.getVariable(instance.getId(), ProcessVariables.STAGE)).isEqualTo("LEVEL_3");
    }

    private ProcessInstance register() {
        at(LocalDate.of(2026, 3, 2), LocalTime.of(10, 0), PARIS);
        String number = Invoices.nextNumber();
        registration.register(Invoices.french(number, ISSUED, DUE));
        return instanceOf(number);
    }

    private ProcessDefinition latest() {
        return repository.createProcessDefinitionQuery().processDefinitionKey(ProcessVariables.PROCESS_KEY)
                .latestVersion().singleResult();
    }

    private void probe(String user, HttpStatus expected) {
        assertThat(as(user).getForEntity("/engine-rest/deployment?maxResults=0", String.class).getStatusCode())
                .isEqualTo(expected);
        ResponseEntity<JsonNode> version = as(user).getForEntity("/engine-rest/version", JsonNode.class);
        assertThat(version.getStatusCode()).isEqualTo(expected);
        assertThat(version.getBody().get("version").asText()).startsWith("7.24");
    }

    private String lastEdit;

    /** invoice-dunning.bpmn as a Modeler user changes it: here a new version tag, every time another. */
    private String edited() throws IOException {
        lastEdit = original().replaceFirst("camunda:versionTag=\"[^\"]*\"",
                "camunda:versionTag=\"modeler-" + System.nanoTime() + "-" + EDITS.incrementAndGet() + "\"");
        return lastEdit;
    }

    private static String original() throws IOException {
        return Files.readString(Path.of("bpmn/invoice-dunning.bpmn"), StandardCharsets.UTF_8);
    }

    private ResponseEntity<JsonNode> modelerDeploy(String user, String bpmn) {
        LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("deployment-name", "invoice-dunning");
        parts.add("deployment-source", "Camunda Modeler");
        parts.add("enable-duplicate-filtering", "true");
        parts.add("deploy-changed-only", "true");
        parts.add("invoice-dunning.bpmn", new ByteArrayResource(bpmn.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return "invoice-dunning.bpmn";
            }
        });
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        headers.setAccept(List.of(MediaType.APPLICATION_JSON));
        return as(user).postForEntity("/engine-rest/deployment/create", new HttpEntity<>(parts, headers), JsonNode.class);
    }

    private static HttpEntity<String> jsonBody(JsonNode body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setAccept(List.of(MediaType.APPLICATION_JSON));
        return new HttpEntity<>(body.toString(), headers);
    }

    private TestRestTemplate as(String user) {
        return rest.withBasicAuth(user, user + "-test");
    }
}
