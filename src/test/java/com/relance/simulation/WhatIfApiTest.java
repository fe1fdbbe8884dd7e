package com.relance.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.relance.DunningTestSupport;
import com.relance.Invoices;
import com.relance.invoice.InvoiceRegistration;
import com.relance.policy.PolicyVariables;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.HistoryService;
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
import org.springframework.util.MultiValueMap;

/** The what-if over HTTP: a background job with a Location to follow; bad drafts refused; nothing changed. */
class WhatIfApiTest extends DunningTestSupport {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    InvoiceRegistration registration;
    @Autowired
    PolicyTables tables;
    @Autowired
    WhatIf whatIf;
    @Autowired
    DecisionService decisions;
    @Autowired
    HistoryService history;

    @BeforeEach
    void today() {
        engine.getIdentityService().unlockUser("carl"); // another test's wrong password may have locked him
        at(LocalDate.of(2026, 9, 1), LocalTime.of(10, 0), PARIS);
        registration.register(Invoices.french(Invoices.nextNumber(), LocalDate.of(2026, 8, 1), LocalDate.of(2026, 8, 31)));
    }

    private TestRestTemplate as(String user) {
        return rest.withBasicAuth(user, user + "-test");
    }

    @Test
    void aSimulationRunsInTheBackground_itsJobGivesProgressThenTheResult_andNothingIsWritten() throws Exception {
        long decisionsBefore = history.createHistoricDecisionInstanceQuery().count();
        long instancesBefore = runtime.createProcessInstanceQuery().count();
        long jobsBefore = management.createJobQuery().count();

        ResponseEntity<JsonNode> started = as("carl").postForEntity("/api/simulations", form("days", "60"), JsonNode.class);

        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        URI location = started.getHeaders().getLocation();
        assertThat(location.getPath()).isEqualTo("/api/jobs/" + started.getBody().get("id").asText());
        JsonNode job = finished("carl", location.getPath());
        assertThat(job.get("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(job.get("percent").intValue()).isEqualTo(100);
        JsonNode report = job.get("result");
        assertThat(report.get("policy").asText()).startsWith("version ");
        assertThat(report.get("days").intValue()).isEqualTo(60);
        assertThat(report.at("/result/invoices").intValue()).isPositive();
        assertThat(report.at("/result/reminders").size()).isEqualTo(60);
        assertThat(report.at("/result/from").asText()).isEqualTo("2026-09-01");

        assertThat(history.createHistoricDecisionInstanceQuery().count()).as("no decision history").isEqualTo(decisionsBefore);
        assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(instancesBefore);
        assertThat(management.createJobQuery().count()).isEqualTo(jobsBefore);

        // Someone else's job does not exist for them; salespeople and auditors may not simulate.
        assertThat(as("colette").getForEntity(location.getPath(), JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(as("sam").postForEntity("/api/simulations", form("days", "30"), JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(as("audrey").getForEntity(location.getPath(), JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void aDraftTableRuns_anInvalidDraftIsRefusedAsProblemJson_andNoJobStarts() throws Exception {
        byte[] table = Files.readAllBytes(Path.of("bpmn", "dunning-policy.dmn"));
        MultiValueMap<String, Object> draft = form("days", "30");
        draft.add("draft", file("draft.dmn", table));
        ResponseEntity<JsonNode> started = as("colette").postForEntity("/api/simulations", multipart(draft), JsonNode.class);
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(finished("colette", started.getHeaders().getLocation().getPath()).at("/result/policy").asText())
                .isEqualTo("draft draft.dmn");

        MultiValueMap<String, Object> broken = form("days", "30");
        broken.add("draft", file("broken.dmn", "<definitions>not a table".getBytes(StandardCharsets.UTF_8)));
        ResponseEntity<JsonNode> refused = as("colette").postForEntity("/api/simulations", multipart(broken), JsonNode.class);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(refused.getBody().at("/errors/0/field").asText()).isEqualTo("draft");
        assertThat(refused.getBody().has("id")).isFalse();

        ResponseEntity<JsonNode> badDays = as("colette").postForEntity("/api/simulations", form("days", "45"), JsonNode.class);
        assertThat(badDays.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(badDays.getBody().at("/errors/0/field").asText()).isEqualTo("days");
        ResponseEntity<JsonNode> noVersion = as("colette").postForEntity("/api/simulations",
                form("days", "30", "version", "999"), JsonNode.class);
        assertThat(noVersion.getBody().at("/errors/0/field").asText()).isEqualTo("version");
    }

    @Test
    void theDeployedTableDecidesInMemoryAsTheEngineDoes() {
        PolicyTables.Table latest = tables.deployed(null);
        for (String segment : List.of("sme", "key-account", "public-sector", "individual", "retail")) {
            for (String risk : new String[] {null, "high"}) {
                for (double amount : new double[] {500, 15000}) {
                    Map<String, Object> inputs = new HashMap<>();
                    inputs.put(PolicyVariables.CUSTOMER_SEGMENT, segment);
                    inputs.put(PolicyVariables.RISK_CLASS, risk);
                    inputs.put(PolicyVariables.CUSTOMER_COUNTRY, "FR");
                    inputs.put(PolicyVariables.INVOICE_AMOUNT, amount);
                    Map<String, Object> engine = decisions.evaluateDecisionTableByKey("dunning-policy", inputs)
                            .getSingleResult().getEntryMap();
                    assertThat(latest.decide(inputs)).as(inputs.toString()).isEqualTo(engine);
                }
            }
        }
        assertThat(tables.versions()).first().satisfies(v -> assertThat(v.latest()).isTrue());
    }

    @Test
    void whoActsAtEachStage_isReadFromTheDeployedProcess() {
        LadderSimulation.Tasks tasks = whatIf.tasks();
        assertThat(tasks.callCustomer().group()).isEqualTo("accounting");
        assertThat(tasks.callCustomer().name()).isEqualTo("Call the customer");
        assertThat(tasks.reviewFormalNotice().group()).isEqualTo("accounting");
        assertThat(tasks.approveFormalNotice().group()).isEqualTo("credit-management");
        assertThat(tasks.decideEscalation().group()).isEqualTo("credit-management");
    }

    private JsonNode finished(String user, String path) throws InterruptedException {
        // The job runs on a worker thread of its own: poll it as the page does (bounded).
        for (int i = 0; i < 300; i++) {
            JsonNode job = as(user).getForObject(path, JsonNode.class);
            if (job.get("state").asText().equals("SUCCEEDED") || job.get("state").asText().equals("FAILED")) {
                return job;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the simulation did not finish in 30 s");
    }

    private static MultiValueMap<String, Object> form(String... pairs) {
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            form.add(pairs[i], pairs[i + 1]);
        }
        return form;
    }

    private static HttpEntity<MultiValueMap<String, Object>> multipart(MultiValueMap<String, Object> parts) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return new HttpEntity<>(parts, headers);
    }

    private static ByteArrayResource file(String name, byte[] content) {
        return new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return name;
            }
        };
    }
}
