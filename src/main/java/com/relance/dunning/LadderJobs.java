package com.relance.dunning;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.springframework.stereotype.Component;

/**
 * The jobs that move the ladder on: every job of the instance except those of the event
 * subprocess the calling step sits in (a hold, a change of policy).
 */
@Component
class LadderJobs {

    private final ManagementService management;

    LadderJobs(ManagementService management) {
        this.management = management;
    }

    /** Waiting timers of the ladder. */
    List<Job> timers(DelegateExecution holdStep) {
        return outsideHold(holdStep, management.createJobQuery().processInstanceId(holdStep.getProcessInstanceId())
                .timers().list());
    }

    /** Queued continuations (a reminder about to be sent), active or suspended. */
    List<Job> continuations(DelegateExecution holdStep, boolean suspended) {
        var query = management.createJobQuery().processInstanceId(holdStep.getProcessInstanceId()).messages();
        return outsideHold(holdStep, (suspended ? query.suspended() : query.active()).list());
    }

    private List<Job> outsideHold(DelegateExecution holdStep, List<Job> jobs) {
        Set<String> holdJobs = holdActivities(holdStep).stream()
                .flatMap(activity -> management.createJobQuery().processInstanceId(holdStep.getProcessInstanceId())
                        .activityId(activity).list().stream())
                .map(Job::getId).collect(Collectors.toSet());
        return jobs.stream().filter(job -> !holdJobs.contains(job.getId())).toList();
    }

    /** The elements of the event subprocess the calling task sits in (its own timer among them). */
    private static Set<String> holdActivities(DelegateExecution holdStep) {
        FlowElement element = holdStep.getBpmnModelElementInstance();
        if (!(element.getParentElement() instanceof SubProcess hold)) {
            return Set.of(); // on the ladder itself: every job is the ladder's
        }
        return hold.getFlowElements().stream().map(FlowElement::getId).collect(Collectors.toSet());
    }

    void recalculate(Job timer) {
        management.recalculateJobDuedate(timer.getId(), false);
    }

    void suspend(Job job) {
        management.suspendJobById(job.getId());
    }

    void activate(Job job) {
        management.activateJobById(job.getId());
    }
}
