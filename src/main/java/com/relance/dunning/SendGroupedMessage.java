package com.relance.dunning;

import com.relance.communication.MessageGroups;
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
        groups.send(groupId, m -> requests.groupedLine(m.getInvoice(), m.getStage(), m.isStatesCharges(), m.isInvoiceCopy()));
    }
}
