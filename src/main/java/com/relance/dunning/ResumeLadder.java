package com.relance.dunning;

import com.relance.policy.PolicyVariables;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Resume the ladder": the hold ended or was lifted. The ladder resumes at the stage it was at,
 * its clock moved on by the days spent on hold (so no burst of overdue reminders).
 */
@Component("resumeLadder")
public class ResumeLadder implements JavaDelegate {

    private final LadderJobs jobs;
    private final Clock clock;

    public ResumeLadder(LadderJobs jobs, Clock clock) {
        this.jobs = jobs;
        this.clock = clock;
    }

    /** Input: false when the time waited must not move the ladder's dates (a broken promise). */
    static final String MOVES_DATES = "movesDates";

    @Override
    public void execute(DelegateExecution execution) {
        var instance = execution.getProcessInstance();
        Instant started = ((Date) instance.getVariable(ProcessVariables.HOLD_STARTED_AT)).toInstant();
        long heldDays = (Duration.between(started, clock.instant()).toHours() + 23) / 24; // started days count whole
        if (Boolean.FALSE.equals(execution.getVariableLocal(MOVES_DATES))) {
            heldDays = 0; // a broken promise: the stage that is due now goes out now
        }
        Object paused = instance.getVariable(PolicyVariables.PAUSED_DAYS);
        instance.setVariable(PolicyVariables.PAUSED_DAYS, (paused instanceof Number n ? n.intValue() : 0) + (int) heldDays);
        instance.removeVariable(ProcessVariables.HOLD_UNTIL_DATE);
        instance.removeVariable(ProcessVariables.HOLD_STARTED_AT);
        jobs.timers(execution).forEach(jobs::recalculate);
        jobs.continuations(execution, true).forEach(jobs::activate);
    }
}
