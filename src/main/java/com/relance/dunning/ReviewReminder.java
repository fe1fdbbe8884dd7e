package com.relance.dunning;

import com.relance.communication.Channel;
import com.relance.communication.RenderedMessage;
import com.relance.communication.Reminder;
import com.relance.communication.Reminders;
import com.relance.invoice.Invoice;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * "Review the … reminder" / "Review the formal notice": when the task is created, the reminder is
 * drafted on its channels and its words shown in the form ({@code reminderSubject},
 * {@code reminderBody}); when the collector approves, the words they submit replace the draft,
 * recorded with their name. The send task then sends exactly that.
 * <p>
 * The words live on the task's own scope (its input mapping makes it one), so the form's submission
 * overwrites them there and they vanish with the task.
 */
@Component("reviewReminder")
public class ReviewReminder implements TaskListener {

    static final String SUBJECT = "reminderSubject";
    static final String BODY = "reminderBody";
    static final String CHANNELS = "reminderChannels";

    private final DunningInvoices invoices;
    private final ReminderRequests requests;
    private final Reminders reminders;

    public ReviewReminder(DunningInvoices invoices, ReminderRequests requests, Reminders reminders) {
        this.invoices = invoices;
        this.requests = requests;
        this.reminders = reminders;
    }

    @Override
    public void notify(DelegateTask task) {
        DelegateExecution execution = task.getExecution();
        DunningStage stage = DunningStage.valueOf((String) execution.getVariable(ProcessVariables.REMINDER_STAGE));
        Invoice invoice = invoices.of(execution);
        Reminder reminder = requests.of(stage, invoice, execution.getProcessInstanceId(), execution);
        if (TaskListener.EVENTNAME_CREATE.equals(task.getEventName())) {
            RenderedMessage draft = reminders.draft(reminder);
            execution.setVariableLocal(SUBJECT, draft.subject());
            execution.setVariableLocal(BODY, draft.body());
            execution.setVariableLocal(CHANNELS, reminders.channelsOf(reminder).stream().map(Channel::name)
                    .collect(Collectors.joining(", ")));
        } else if (TaskListener.EVENTNAME_COMPLETE.equals(task.getEventName()) && approved(execution)) {
            String subject = (String) execution.getVariable(SUBJECT);
            String body = (String) execution.getVariable(BODY);
            if (subject == null || subject.isBlank() || body == null || body.isBlank()) {
                throw new IllegalArgumentException("The reminder's subject and text must not be empty");
            }
            reminders.approve(reminder, subject, body, reviewer(task));
        }
    }

    /** The formal-notice review may also hold or cancel; a plain reminder review only approves. */
    private static boolean approved(DelegateExecution execution) {
        Object decision = execution.getVariable(ProcessVariables.REVIEW_DECISION);
        return !DunningStage.FORMAL_NOTICE.name().equals(execution.getVariable(ProcessVariables.REMINDER_STAGE))
                || "approve".equals(decision);
    }

    private static String reviewer(DelegateTask task) {
        var current = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        if (current != null && current.getUserId() != null) {
            return current.getUserId();
        }
        return task.getAssignee() == null ? "unknown" : task.getAssignee();
    }
}
