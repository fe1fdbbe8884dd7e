package com.relance.dunning;

import java.time.Clock;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Hold the ladder": no stage moves on until the hold ends. Waiting timers are pushed to the
 * hold's end (the schedule reads {@code dunningHoldUntil}); a reminder already queued waits too.
 * User tasks stay open: people may still act on the invoice.
 */
@Component("holdLadder")
public class HoldLadder implements JavaDelegate {

    private final LadderJobs jobs;
    private final Clock clock;

    public HoldLadder(LadderJobs jobs, Clock clock) {
        this.jobs = jobs;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.getProcessInstance().setVariable(ProcessVariables.HOLD_STARTED_AT, Date.from(clock.instant()));
        jobs.timers(execution).forEach(jobs::recalculate);
        jobs.continuations(execution, false).forEach(jobs::suspend);
    }
}
