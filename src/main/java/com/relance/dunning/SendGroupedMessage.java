package com.relance.dunning;

import com.relance.communication.MessageGroups;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Send the grouped message" ({@code customer-message}): closes the customer's message group and
 * sends it once, listing every enrolled invoice still open, each with its facts and charges as of
 * today. A channel failure fails the job: its retry sends the same message with the same
 * Message-ID, and only what has not gone yet.
 */
@Component("sendGroupedMessage")
public class SendGroupedMessage implements JavaDelegate {

    private final MessageGroups groups;
    private final ReminderRequests requests;

    public SendGroupedMessage(MessageGroups groups, ReminderRequests requests) {
        this.groups = groups;
        this.requests = requests;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long groupId = ((Number) execution.getVariable(SendReminder.MESSAGE_GROUP_ID)).longValue();
        RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
        groups.send(groupId, m -> requests.groupedLine(m.getInvoice(), m.getStage(), m.isStatesCharges(), m.isInvoiceCopy()),
                m -> leaveOut(runtime, m.getProcessInstanceId()));
    }

    /**
     * An invoice still open whose dunning ended (cancelled, stopped) or was put on hold (a dispute, a
     * promise, a salesperson's hold) since it enrolled: a hold stops queued reminders, this one too.
     */
    private static String leaveOut(RuntimeService runtime, String processInstanceId) {
        if (processInstanceId == null) {
            return null;
        }
        if (runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).count() == 0) {
            return "dunning ended before the message went";
        }
        if (runtime.getVariable(processInstanceId, ProcessVariables.HOLD_STARTED_AT) != null) {
            return "dunning on hold when the message went";
        }
        return null;
    }
}
