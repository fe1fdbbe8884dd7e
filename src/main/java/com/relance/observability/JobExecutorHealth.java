package com.relance.observability;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health component {@code jobExecutor}: UP when Camunda's job executor is active (timers fire,
 * reminders go), UP with detail {@code jobExecution: disabled} when configuration turned it off on
 * purpose ({@code camunda.bpm.job-execution.enabled=false}: tests, a node that only serves the
 * webapps), DOWN when it should run and does not. Named {@code jobExecutorHealthIndicator}, it
 * replaces the starter's indicator, which reports a disabled executor as DOWN.
 */
@Component("jobExecutorHealthIndicator")
class JobExecutorHealth implements HealthIndicator {

    private final ProcessEngine engine;
    private final boolean enabled;

    JobExecutorHealth(ProcessEngine engine, @Value("${camunda.bpm.job-execution.enabled:true}") boolean enabled) {
        this.engine = engine;
        this.enabled = enabled;
    }

    @Override
    public Health health() {
        if (!enabled) {
            return Health.up().withDetail("jobExecution", "disabled").build();
        }
        ProcessEngineConfiguration configuration = engine.getProcessEngineConfiguration();
        // The public API has no job executor: it is only on the implementation's configuration,
        // kept to this one class.
        JobExecutor executor = configuration instanceof ProcessEngineConfigurationImpl impl ? impl.getJobExecutor() : null;
        if (executor == null) {
            return Health.down().withDetail("jobExecution", "enabled, but the engine has no job executor").build();
        }
        Health.Builder health = executor.isActive() ? Health.up() : Health.down();
        return health.withDetail("jobExecution", executor.isActive() ? "active" : "enabled, not active")
                .withDetail("lockOwner", String.valueOf(executor.getLockOwner()))
                .withDetail("maxJobsPerAcquisition", executor.getMaxJobsPerAcquisition())
                .build();
    }
}
