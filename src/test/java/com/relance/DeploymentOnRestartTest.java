package com.relance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * bpmn/ (processes and decisions) and forms/ are deployed at start-up; a restart with unchanged files
 * deploys nothing new, and leaves a version deployed from Camunda Modeler the latest.
 */
class DeploymentOnRestartTest {

    @TempDir
    Path data;

    @Test
    void restartWithoutChanges_createsNoNewVersions() {
        String url = "jdbc:h2:file:" + data.resolve("relance").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";

        List<String> first = deployedResources(url);
        Deployment firstDeployment;
        try (ConfigurableApplicationContext app = start(url)) {
            RepositoryService repository = app.getBean(RepositoryService.class);
            firstDeployment = repository.createDeploymentQuery().singleResult();
            assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("invoice-dunning").count()).isEqualTo(1);
            assertThat(repository.createDecisionDefinitionQuery().decisionDefinitionKey("dunning-policy").count()).isEqualTo(1);
        }
        try (ConfigurableApplicationContext app = start(url)) {
            RepositoryService repository = app.getBean(RepositoryService.class);
            assertThat(repository.createDeploymentQuery().count()).isEqualTo(1);
            assertThat(repository.createDeploymentQuery().singleResult().getId()).isEqualTo(firstDeployment.getId());
            assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("invoice-dunning").singleResult()
                    .getVersion()).isEqualTo(1);
            assertThat(repository.createDecisionDefinitionQuery().decisionDefinitionKey("dunning-policy").singleResult()
                    .getVersion()).isEqualTo(1);
        }
        assertThat(first).contains("invoice-dunning.bpmn", "dunning-policy.dmn", "call-customer.form",
                "review-formal-notice.form", "decide-escalation.form", "prepare-litigation-file.form",
                "resolve-dispute.form");
    }

    /**
     * The restart rule: the app deploys its classpath bpmn/ and forms/ at start-up under its own
     * deployment name, with duplicate filtering against its own previous deployment. A Modeler
     * deployment (another name, source "Camunda Modeler") does not count as a change, so a restart
     * with unchanged files deploys nothing and the Modeler's version stays the latest.
     */
    @Test
    void aRestart_afterAModelerDeployment_keepsTheModelersVersionLatest() throws IOException {
        String url = "jdbc:h2:file:" + data.resolve("relance").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
        String edited = Files.readString(Path.of("bpmn/invoice-dunning.bpmn"), StandardCharsets.UTF_8)
                .replaceFirst("camunda:versionTag=\"[^\"]*\"", "camunda:versionTag=\"modeler-edit\"");
        String modelerDefinition;
        try (ConfigurableApplicationContext app = start(url)) {
            RepositoryService repository = app.getBean(RepositoryService.class);
            assertThat(latestIn(repository).getVersion()).isEqualTo(1);
            repository.createDeployment().name("invoice-dunning").source("Camunda Modeler").enableDuplicateFiltering(true)
                    .addString("invoice-dunning.bpmn", edited).deploy();
            modelerDefinition = latestIn(repository).getId();
            assertThat(latestIn(repository).getVersion()).isEqualTo(2);
        }
        try (ConfigurableApplicationContext app = start(url)) {
            RepositoryService repository = app.getBean(RepositoryService.class);
            assertThat(repository.createDeploymentQuery().count()).isEqualTo(2);
            ProcessDefinition latest = latestIn(repository);
            assertThat(latest.getId()).isEqualTo(modelerDefinition);
            assertThat(latest.getVersion()).isEqualTo(2);
            assertThat(repository.createDeploymentQuery().deploymentId(latest.getDeploymentId()).singleResult().getSource())
                    .isEqualTo("Camunda Modeler");
        }
    }

    private static ProcessDefinition latestIn(RepositoryService repository) {
        return repository.createProcessDefinitionQuery().processDefinitionKey("invoice-dunning").latestVersion()
                .singleResult();
    }

    private static List<String> deployedResources(String url) {
        try (ConfigurableApplicationContext app = start(url)) {
            RepositoryService repository = app.getBean(RepositoryService.class);
            String id = repository.createDeploymentQuery().singleResult().getId();
            return repository.getDeploymentResourceNames(id).stream()
                    .map(name -> name.substring(name.lastIndexOf('/') + 1)).toList();
        }
    }

    /**
     * Its own engine name: closing these contexts unregisters their engine from the JVM-wide
     * registry the REST API looks engines up in, which must not remove the shared test context's
     * "default" engine.
     */
    private static ConfigurableApplicationContext start(String url) {
        return new SpringApplicationBuilder(RelanceApplication.class).profiles("test")
                .run("--spring.datasource.url=" + url, "--server.port=0",
                        "--camunda.bpm.process-engine-name=restartTest");
    }
}
