package com.relance.dunning;

import com.relance.policy.PolicyVariables;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The ladder's clock during a dispute raised in the level-2 call: stopped when the dispute is
 * recorded, restarted when it is rejected, every later stage moved on by the days it was stopped
 * (BPMN execution listeners {@code ${ladderClock.stop(execution)}} / {@code restart}).
 */
@Component("ladderClock")
public class LadderClock {

    static final String STOPPED_AT = "ladderStoppedAt";

    private final Clock clock;

    public LadderClock(Clock clock) {
        this.clock = clock;
    }

    public void stop(DelegateExecution execution) {
        execution.getProcessInstance().setVariable(STOPPED_AT, Date.from(clock.instant()));
    }

    public void restart(DelegateExecution execution) {
        var instance = execution.getProcessInstance();
        if (!(instance.getVariable(STOPPED_AT) instanceof Date stopped)) {
            return;
        }
        long days = (Duration.between(stopped.toInstant(), clock.instant()).toHours() + 23) / 24; // started days count whole
        Object paused = instance.getVariable(PolicyVariables.PAUSED_DAYS);
        instance.setVariable(PolicyVariables.PAUSED_DAYS, (paused instanceof Number n ? n.intValue() : 0) + (int) days);
        instance.removeVariable(STOPPED_AT);
    }
}
