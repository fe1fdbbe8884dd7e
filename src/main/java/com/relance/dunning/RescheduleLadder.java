package com.relance.dunning;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Reschedule the ladder": the waiting stages' timers are recalculated from the new policy. */
@Component("rescheduleLadder")
public class RescheduleLadder implements JavaDelegate {

    private final LadderJobs jobs;

    public RescheduleLadder(LadderJobs jobs) {
        this.jobs = jobs;
    }

    @Override
    public void execute(DelegateExecution execution) {
        jobs.timers(execution).forEach(jobs::recalculate);
    }
}
