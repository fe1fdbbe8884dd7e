package com.relance.dunning;

import com.relance.communication.Communication;
import com.relance.communication.CommunicationHistory;
import com.relance.communication.Reminder;
import com.relance.communication.Reminders;
import com.relance.invoice.Invoice;
import com.relance.policy.LateCharges;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * "Send the … reminder" / "Send the formal notice": the stage comes from the task's input
 * {@code reminderStage}; its channels from the policy, or from the optional input
 * {@code reminderChannels}; its text from the stage, or from the optional input {@code reminderTemplate}.
 * A stage that is not a {@link DunningStage} (a rung added in the Modeler, such as {@code LEVEL_3})
 * needs {@code reminderTemplate}, goes on EMAIL unless {@code reminderChannels} says otherwise, and
 * states no late charges and carries no invoice copy. Runs in its own job (asyncBefore in the
 * BPMN): a channel down fails the job, which retries and then shows as an incident; a retry sends
 * only what has not gone yet. A reviewed reminder sends the text the collector approved.
 */
@Component("sendReminder")
public class SendReminder implements JavaDelegate {

    private static final Logger log = LoggerFactory.getLogger(SendReminder.class);

    private final DunningInvoices invoices;
    private final ReminderRequests requests;
    private final Reminders reminders;
    private final CommunicationHistory history;
    private final Clock clock;

    public SendReminder(DunningInvoices invoices, ReminderRequests requests, Reminders reminders,
                        CommunicationHistory history, Clock clock) {
        this.invoices = invoices;
        this.requests = requests;
        this.reminders = reminders;
        this.history = history;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String stageName = (String) execution.getVariable(ProcessVariables.REMINDER_STAGE);
        Invoice invoice = invoices.of(execution);
        if (invoice.getStatus().isClosed()) {
            log.warn("Invoice {} is {}: no {} reminder", invoice.getNumber(), invoice.getStatus(), stageName);
            return;
        }
        // A known stage, or a rung added in the Modeler (its template and channels are the task's inputs).
        Reminder reminder = requests.of(stageName, invoice, execution.getProcessInstanceId(), execution);
        List<Communication> sent = reminders.send(reminder);
        if (reminder.showCharges()) {
            // What the customer was told is owed, on the invoice: interest as of today (a running
            // total), the fixed compensation once.
            LocalDate today = LocalDate.now(clock.withZone(invoice.getCustomer().zone()));
            LateCharges charges = requests.charges(invoice, execution, today);
            invoice.recordLateCharges(charges.interest(), charges.compensation(), today);
        }

        invoice.setDunningStage(stageName);
        execution.setVariable(ProcessVariables.STAGE, stageName);
        Instant last = sent.stream().map(Communication::getSentAt).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).orElseThrow();
        execution.setVariable(ProcessVariables.LAST_REMINDER_SENT_AT, Date.from(last));
        execution.setVariable(ProcessVariables.REMINDERS_SENT,
                history.remindersSent(invoice, DunningStage.reminderStages()));
    }
}
