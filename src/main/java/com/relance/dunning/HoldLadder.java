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

    /** Input of the "Hold the ladder …" tasks of a promise or dispute: until when (a salesperson's hold sets it itself). */
    static final String PAUSE_UNTIL = "pauseUntil";

    @Override
    public void execute(DelegateExecution execution) {
        Object until = execution.getVariableLocal(PAUSE_UNTIL);
        if (until instanceof Date date) {
            execution.getProcessInstance().setVariable(ProcessVariables.HOLD_UNTIL_DATE, date);
        }
        execution.getProcessInstance().setVariable(ProcessVariables.HOLD_STARTED_AT, Date.from(clock.instant()));
        jobs.timers(execution).forEach(jobs::recalculate);
        jobs.continuations(execution, false).forEach(jobs::suspend);
    }
}
