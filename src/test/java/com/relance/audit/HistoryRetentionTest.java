package com.relance.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.relance.RelanceTest;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;

/** History is kept ten years (French accounting records) and cleaned up at night only. */
class HistoryRetentionTest extends RelanceTest {

    @org.springframework.beans.factory.annotation.Autowired
    HistoryRetention retention;

    @Test
    void theEngineKeepsHistoryTenYears_andCleansUpBetweenOneAndFive() {
        // impl API, acceptable in a test: the public API does not expose the engine's configuration
        ProcessEngineConfigurationImpl configuration = ((ProcessEngineImpl) engine).getProcessEngineConfiguration();
        assertThat(configuration.getHistoryTimeToLive()).isEqualTo("P3650D");
        assertThat(configuration.getHistoryCleanupBatchWindowStartTime()).isEqualTo("01:00");
        assertThat(configuration.getHistoryCleanupBatchWindowEndTime()).isEqualTo("05:00");
    }

    @Test
    void theConfiguredRetention_appliesToTheShippedModelsToo() {
        var repository = engine.getRepositoryService();
        try {
            assertThat(retention.apply(4000)).isPositive();

            assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("invoice-dunning").list())
                    .allSatisfy(d -> assertThat(d.getHistoryTimeToLive()).isEqualTo(4000));
            assertThat(repository.createDecisionDefinitionQuery().decisionDefinitionKey("dunning-policy").list())
                    .allSatisfy(d -> assertThat(d.getHistoryTimeToLive()).isEqualTo(4000));
            assertThat(retention.apply(4000)).as("nothing left to change").isZero();
        } finally {
            retention.apply(3650);
        }
    }
}
