package com.relance.dunning;

import com.relance.communication.Channel;
import com.relance.communication.Communication;
import com.relance.communication.CommunicationHistory;
import com.relance.communication.MessageGroup;
import com.relance.communication.MessageGroups;
import com.relance.communication.Reminder;
import com.relance.communication.Reminders;
import com.relance.invoice.Invoice;
import com.relance.invoice.InvoiceRepository;
import com.relance.invoice.InvoiceStatus;
import com.relance.policy.LateCharges;
import com.relance.policy.PolicyVariables;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.RuntimeService;
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
 * <p>
 * One message per customer (F8): when the policy groups messages ({@code groupMessages}) and the
 * customer has other open invoices, the email and letter of a pre-due, level 1 or level 2 reminder
 * are not sent here but enrolled in the customer's grouped message ({@link MessageGroups}); the
 * {@code customer-message} process sends that once, after a short gathering delay, and each
 * invoice's communication entry then points to it. Not grouped: the SMS (one short text an
 * invoice), reviewed reminders and the formal notice (a collector approved one invoice's words),
 * and tasks with their own text or channels.
 */
@Component("sendReminder")
public class SendReminder implements JavaDelegate {

    static final String GROUP_PROCESS_KEY = "customer-message";
    static final String MESSAGE_GROUP_ID = "messageGroupId";
    static final String SEND_AT = "sendAt";

    private static final Logger log = LoggerFactory.getLogger(SendReminder.class);

    private final DunningInvoices invoices;
    private final InvoiceRepository invoiceRepository;
    private final ReminderRequests requests;
    private final Reminders reminders;
    private final MessageGroups groups;
    private final CommunicationHistory history;
    private final Clock clock;

    public SendReminder(DunningInvoices invoices, InvoiceRepository invoiceRepository, ReminderRequests requests,
                        Reminders reminders, MessageGroups groups, CommunicationHistory history, Clock clock) {
        this.invoices = invoices;
        this.invoiceRepository = invoiceRepository;
        this.requests = requests;
        this.reminders = reminders;
        this.groups = groups;
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
        List<Instant> times = new ArrayList<>();
        String family = groupFamily(stageName, invoice, execution);
        if (family == null) {
            reminders.send(reminder).stream().map(Communication::getSentAt).forEach(times::add);
        } else {
            List<Channel> channels = reminders.channelsOf(reminder);
            List<Channel> alone = channels.stream().filter(c -> c == Channel.SMS).toList();
            // Enrolment first: it writes in its own transactions, before this one touches the invoice row.
            for (Channel channel : channels.stream().filter(c -> c != Channel.SMS).toList()) {
                MessageGroups.Enrolment enrolment = groups.enrol(reminder, channel, family, reminder.attachInvoiceCopy());
                times.add(enrolment.group().getSendAt());
                if (enrolment.startsSender()) {
                    startSender(enrolment.group(), execution);
                }
            }
            if (!alone.isEmpty()) {
                reminders.send(reminder.withChannels(alone)).stream().map(Communication::getSentAt).forEach(times::add);
            }
        }
        if (reminder.showCharges()) {
            // What the customer was told is owed, on the invoice: interest as of today (a running
            // total), the fixed compensation once.
            LocalDate today = LocalDate.now(clock.withZone(invoice.getCustomer().zone()));
            LateCharges charges = requests.charges(invoice, execution, today);
            invoice.recordLateCharges(charges.interest(), charges.compensation(), today);
        }

        invoice.setDunningStage(stageName);
        execution.setVariable(ProcessVariables.STAGE, stageName);
        // A grouped reminder counts from when its message goes (the gathering delay later).
        Instant last = times.stream().filter(Objects::nonNull).max(Comparator.naturalOrder()).orElseThrow();
        execution.setVariable(ProcessVariables.LAST_REMINDER_SENT_AT, Date.from(last));
        // A grouped reminder is counted as sent: its message goes within the gathering delay.
        long sent = history.remindersSent(invoice, DunningStage.reminderStages());
        boolean countedAlready = history.of(invoice).stream()
                .anyMatch(c -> stageName.equals(c.getStage()) && c.getSentAt() != null);
        execution.setVariable(ProcessVariables.REMINDERS_SENT, family != null && !countedAlready ? sent + 1 : sent);
    }

    /**
     * The family this reminder is grouped in, or null when it goes on its own: the policy says not
     * to group, the stage has no family, a collector reviewed it, the task has its own text or
     * channels, or the customer has no other open invoice to group it with.
     */
    private String groupFamily(String stageName, Invoice invoice, DelegateExecution execution) {
        if (!Boolean.TRUE.equals(execution.getVariable(PolicyVariables.GROUP_MESSAGES))
                || !DunningStage.isKnown(stageName)) {
            return null;
        }
        DunningStage stage = DunningStage.valueOf(stageName);
        if (stage.groupFamily() == null
                || (stage.reviewVariable() != null && Boolean.TRUE.equals(execution.getVariable(stage.reviewVariable())))
                || given(execution, ProcessVariables.REMINDER_TEMPLATE) || given(execution, ProcessVariables.REMINDER_CHANNELS)) {
            return null;
        }
        if (invoiceRepository.countByCustomerIdAndStatusAndIdNot(invoice.getCustomer().getId(), InvoiceStatus.OPEN,
                invoice.getId()) == 0) {
            return null; // nothing could join it: it goes at once, as before
        }
        return stage.groupFamily();
    }

    private static boolean given(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        return value != null && !value.toString().isBlank();
    }

    /**
     * The enrolment that created the group starts its one sender, in this job's transaction: if the
     * job rolls back, its retry (the same enrolment) starts it again.
     */
    private static void startSender(MessageGroup group, DelegateExecution execution) {
        if (group.getStatus() == MessageGroup.Status.SENT || group.getStatus() == MessageGroup.Status.EMPTY) {
            return;
        }
        RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
        if (runtime.createProcessInstanceQuery().processDefinitionKey(GROUP_PROCESS_KEY)
                .processInstanceBusinessKey(group.businessKey()).count() > 0) {
            return;
        }
        runtime.startProcessInstanceByKey(GROUP_PROCESS_KEY, group.businessKey(), Map.of(MESSAGE_GROUP_ID, group.getId(),
                SEND_AT, Date.from(group.getSendAt()), ProcessVariables.CUSTOMER_NUMBER,
                execution.getVariable(ProcessVariables.CUSTOMER_NUMBER) == null ? ""
                        : execution.getVariable(ProcessVariables.CUSTOMER_NUMBER)));
    }
}
