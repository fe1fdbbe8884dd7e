package com.relance.audit;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * The configured retention ({@code relance.history.retention-days}) applies to every deployed
 * process and decision definition, including the shipped models whose {@code historyTimeToLive}
 * (required by the engine and by the Modeler's lint) only gives the default: an operator changes
 * how long history is kept in configuration, not by redeploying models. Runs at every start-up,
 * so versions deployed from the Modeler get it at the next start at the latest.
 */
@Component
class HistoryRetention implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(HistoryRetention.class);

    private final RepositoryService repository;
    private final int retentionDays;

    HistoryRetention(RepositoryService repository, @Value("${relance.history.retention-days}") int retentionDays) {
        this.repository = repository;
        this.retentionDays = retentionDays;
    }

    @Override
    public void run(ApplicationArguments args) {
        apply(retentionDays);
    }

    /** @return how many definitions changed */
    int apply(int days) {
        int changed = 0;
        for (ProcessDefinition definition : repository.createProcessDefinitionQuery().list()) {
            if (!Integer.valueOf(days).equals(definition.getHistoryTimeToLive())) {
                repository.updateProcessDefinitionHistoryTimeToLive(definition.getId(), days);
                changed++;
            }
        }
        for (DecisionDefinition definition : repository.createDecisionDefinitionQuery().list()) {
            if (!Integer.valueOf(days).equals(definition.getHistoryTimeToLive())) {
                repository.updateDecisionDefinitionHistoryTimeToLive(definition.getId(), days);
                changed++;
            }
        }
        if (changed > 0) {
            log.info("History of {} definition(s) now kept {} days (relance.history.retention-days)", changed, days);
        }
        return changed;
    }
}
