package com.relance.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.relance.DunningTestSupport;
import com.relance.Invoices;
import com.relance.dunning.ProcessVariables;
import com.relance.invoice.InvoiceRegistration;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/**
 * Who sees and changes what, over real HTTP: Relance's API and the engine REST API (whose
 * authorization checks run for the calling user). Two invoices at the dispute stage: one of
 * sam's customers, one of sophie's.
 */
class AuthorizationTest extends DunningTestSupport {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    InvoiceRegistration registration;
    @Autowired
    TaskService tasks;
    @Autowired
    RepositoryService repository;

    private String samsInvoice;
    private String sophiesInvoice;
    private Task samsDispute;
    private Task sophiesDispute;

    @BeforeEach
    void twoDisputes() {
        samsInvoice = Invoices.nextNumber();
        sophiesInvoice = Invoices.nextNumber();
        samsDispute = disputeOf(samsInvoice, "sam");
        sophiesDispute = disputeOf(sophiesInvoice, "sophie");
    }

    private Task disputeOf(String number, String salesRep) {
        // Monday 11 May, inside the morning sending window: overdue level 1 goes at once, level 2 a week later.
        at(LocalDate.of(2026, 5, 11), LocalTime.of(10, 0), PARIS);
        registration.register(Invoices.french(number, "sme", salesRep, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31)));
        ProcessInstance instance = instanceOf(number);
        runDueJobs(instance);
        at(LocalDate.of(2026, 5, 18), LocalTime.of(9, 0), PARIS);
        runDueJobs(instance);
        Task call = tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult();
        tasks.complete(call.getId(), Map.of(ProcessVariables.CALL_OUTCOME, "dispute", ProcessVariables.DISPUTE_REASON, "Late"));
        runDueJobs(instance);
        return tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey("Task_ResolveDispute")
                .singleResult();
    }

    private TestRestTemplate as(String user) {
        return rest.withBasicAuth(user, user + "-test");
    }

    private static HttpEntity<Void> json() {
        HttpHeaders headers = new HttpHeaders();
        headers.setAccept(List.of(MediaType.APPLICATION_JSON));
        return new HttpEntity<>(headers);
    }

    @Test
    void aSalesperson_seesOnlyTheirOwnCustomersInvoices() {
        assertThat(as("sam").getForEntity("/api/invoices/" + samsInvoice, JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(as("sam").getForEntity("/api/invoices/" + sophiesInvoice, JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(as("colette").getForEntity("/api/invoices/" + sophiesInvoice, JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void aSalesperson_seesAndWorksOnlyTheirOwnCustomersTasksAndInstances() {
        TestRestTemplate sam = as("sam");
        JsonNode own = sam.exchange("/engine-rest/task?processInstanceBusinessKey=" + samsInvoice, HttpMethod.GET, json(),
                JsonNode.class).getBody();
        assertThat(own).hasSize(1);
        assertThat(own.get(0).get("id").asText()).isEqualTo(samsDispute.getId());
        assertThat(sam.exchange("/engine-rest/task?processInstanceBusinessKey=" + sophiesInvoice, HttpMethod.GET, json(),
                JsonNode.class).getBody()).isEmpty();
        assertThat(sam.exchange("/engine-rest/task/" + sophiesDispute.getId(), HttpMethod.GET, json(), String.class)
                .getStatusCode().value()).isIn(403, 404);
        assertThat(sam.exchange("/engine-rest/process-instance?businessKey=" + samsInvoice, HttpMethod.GET, json(),
                JsonNode.class).getBody()).hasSize(1);
        assertThat(sam.exchange("/engine-rest/process-instance/" + sophiesDispute.getProcessInstanceId(), HttpMethod.GET,
                json(), String.class).getStatusCode().value()).isIn(403, 404);

        ResponseEntity<String> foreign = sam.postForEntity("/engine-rest/task/" + sophiesDispute.getId() + "/complete",
                Map.of("variables", Map.of("disputeOutcome", Map.of("value", "rejected"))), String.class);
        assertThat(foreign.getStatusCode().value()).isIn(403, 404);
        assertThat(tasks.createTaskQuery().taskId(sophiesDispute.getId()).count()).isEqualTo(1);

        ResponseEntity<String> mine = sam.postForEntity("/engine-rest/task/" + samsDispute.getId() + "/complete",
                Map.of("variables", Map.of("disputeOutcome", Map.of("value", "rejected"),
                        "resolutionNotes", Map.of("value", "Settled with the buyer"))), String.class);
        assertThat(mine.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    }

    @Test
    void aCollector_readsEveryDunningTask_butWorksOnlyAccountingsOwn() {
        // The engine's grant on accounting's own task lets it work the task, not read it: reading comes
        // from READ_TASK on the definition (one row, which keeps the Tasklist's query fast).
        Authorization perTask = engine.getAuthorizationService().createAuthorizationQuery()
                .groupIdIn(Groups.ACCOUNTING).resourceType(Resources.TASK).resourceId(samsDispute.getId()).singleResult();
        assertThat(perTask.isPermissionGranted(Permissions.UPDATE)).isTrue();
        assertThat(perTask.isPermissionGranted(Permissions.READ)).isFalse();

        runtime.createProcessInstanceModification(sophiesDispute.getProcessInstanceId())
                .startBeforeActivity("Task_DecideEscalation").execute();
        Task escalation = tasks.createTaskQuery().processInstanceId(sophiesDispute.getProcessInstanceId())
                .taskDefinitionKey("Task_DecideEscalation").singleResult();
        TestRestTemplate colette = as("colette");
        assertThat(colette.exchange("/engine-rest/task?candidateGroup=accounting&processInstanceBusinessKey=" + samsInvoice,
                HttpMethod.GET, json(), JsonNode.class).getBody()).hasSize(1);
        assertThat(colette.exchange("/engine-rest/task/" + escalation.getId(), HttpMethod.GET, json(), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);

        assertThat(colette.postForEntity("/engine-rest/task/" + escalation.getId() + "/claim", Map.of("userId", "colette"),
                String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(colette.postForEntity("/engine-rest/task/" + escalation.getId() + "/complete", Map.of(), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(tasks.createTaskQuery().taskId(escalation.getId()).singleResult().getAssignee()).isNull();

        assertThat(colette.postForEntity("/engine-rest/task/" + samsDispute.getId() + "/claim", Map.of("userId", "colette"),
                String.class).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(tasks.createTaskQuery().taskId(samsDispute.getId()).singleResult().getAssignee()).isEqualTo("colette");
    }

    @Test
    void theEngineChecksAuthorizationsWithoutReadingEveryGroupIdFirst() {
        // AuthorizedGroups: its manager replaces the engine's, whose pre-filter scans the whole table per command.
        var configuration = (org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        assertThat(configuration.getSessionFactories().get(org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager.class)
                .openSession()).isInstanceOf(AuthorizedGroups.Manager.class);
        assertThat(new AuthorizedGroups.Manager().filterAuthenticatedGroupIds(List.of(Groups.ACCOUNTING, "no-grants")))
                .containsExactly(Groups.ACCOUNTING, "no-grants");
    }

    @Test
    void anAuditor_readsButCannotClaimCompleteDeleteOrDeploy() {
        TestRestTemplate audrey = as("audrey");
        assertThat(audrey.exchange("/engine-rest/task?processInstanceBusinessKey=" + samsInvoice, HttpMethod.GET, json(),
                JsonNode.class).getBody()).hasSize(1);
        long deployments = repository.createDeploymentQuery().count();

        assertThat(audrey.postForEntity("/engine-rest/task/" + samsDispute.getId() + "/claim", Map.of("userId", "audrey"),
                String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(audrey.postForEntity("/engine-rest/task/" + samsDispute.getId() + "/complete", Map.of(), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(audrey.exchange("/engine-rest/process-instance/" + samsDispute.getProcessInstanceId(), HttpMethod.DELETE,
                json(), String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(deploy(audrey).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        Task after = tasks.createTaskQuery().taskId(samsDispute.getId()).singleResult();
        assertThat(after).isNotNull();
        assertThat(after.getAssignee()).isNull();
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(samsDispute.getProcessInstanceId()).count())
                .isEqualTo(1);
        assertThat(repository.createDeploymentQuery().count()).isEqualTo(deployments);
    }

    @Test
    void anAuditor_cannotRecordAPayment() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> refused = as("audrey").postForEntity("/api/invoices/" + samsInvoice + "/payments",
                new HttpEntity<>(Map.of("amount", "1250.00", "currency", "EUR", "paidOn", "2026-05-18",
                        "reference", "AUDIT-PROBE"), headers), String.class);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        JsonNode invoice = as("colette").getForObject("/api/invoices/" + samsInvoice, JsonNode.class);
        assertThat(invoice.get("status").asText()).isEqualTo("OPEN");
        assertThat(invoice.get("payments")).isEmpty();
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(samsInvoice).count()).isEqualTo(1);
    }

    @Test
    void aCreditManager_deploysOverEngineRest() {
        ResponseEntity<JsonNode> deployed = deploy(as("carl"));
        assertThat(deployed.getStatusCode()).isEqualTo(HttpStatus.OK);
        repository.deleteDeployment(deployed.getBody().get("id").asText(), true);
    }

    @Test
    void withoutLogin_theWebappsApiRefuses_andTheTasklistAsksForALogin() {
        assertThat(rest.getForEntity("/camunda/api/engine/engine/default/task", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(rest.getForEntity("/engine-rest/task", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(rest.getForEntity("/api/invoices/" + samsInvoice, String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void nobodyCanCreateTheFirstAdministratorThroughTheWebapps() {
        ResponseEntity<String> setup = rest.postForEntity("/camunda/api/admin/setup/default/user/create",
                Map.of("profile", Map.of("id", "intruder", "firstName", "I", "lastName", "N", "email", "i@n.test"),
                        "credentials", Map.of("password", "Intruder-1234")), String.class);
        assertThat(setup.getStatusCode()).as(setup.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(engine.getIdentityService().createUserQuery().userId("intruder").count()).isZero();
    }

    private <T> ResponseEntity<T> deploy(TestRestTemplate client, Class<T> type) {
        String bpmn = """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="http://relance.test">
                  <bpmn:process id="probe" name="Probe" isExecutable="true" camunda:historyTimeToLive="1">
                    <bpmn:startEvent id="s" name="Start" />
                  </bpmn:process>
                </bpmn:definitions>
                """;
        LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("deployment-name", "probe");
        parts.add("deployment-source", "Camunda Modeler");
        parts.add("probe.bpmn", new ByteArrayResource(bpmn.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return "probe.bpmn";
            }
        });
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        headers.setAccept(List.of(MediaType.APPLICATION_JSON));
        return client.postForEntity("/engine-rest/deployment/create", new HttpEntity<>(parts, headers), type);
    }

    private ResponseEntity<JsonNode> deploy(TestRestTemplate client) {
        return deploy(client, JsonNode.class);
    }
}
