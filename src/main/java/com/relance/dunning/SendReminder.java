package com.relance.dunning;

import com.relance.communication.Communication;
import com.relance.communication.CommunicationHistory;
import com.relance.communication.Creditor;
import com.relance.communication.EmailDelivery;
import com.relance.communication.InvoiceFacts;
import com.relance.communication.OutgoingEmail;
import com.relance.invoice.Customer;
import com.relance.invoice.Invoice;
import com.relance.policy.PolicyVariables;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * "Send the … reminder" / "Send the formal notice": the stage comes from the task's input
 * {@code reminderStage}. Runs in its own job (asyncBefore in the BPMN): SMTP down fails the job,
 * which retries and then shows as an incident; a retry after a successful send sends nothing.
 */
@Component("sendReminder")
public class SendReminder implements JavaDelegate {

    private static final Logger log = LoggerFactory.getLogger(SendReminder.class);

    private final DunningInvoices invoices;
    private final EmailDelivery email;
    private final CommunicationHistory history;
    private final Creditor creditor;
    private final Clock clock;

    public SendReminder(DunningInvoices invoices, EmailDelivery email, CommunicationHistory history, Creditor creditor,
                        Clock clock) {
        this.invoices = invoices;
        this.email = email;
        this.history = history;
        this.creditor = creditor;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        DunningStage stage = DunningStage.valueOf((String) execution.getVariable(ProcessVariables.REMINDER_STAGE));
        Invoice invoice = invoices.of(execution);
        if (invoice.getStatus().isClosed()) {
            log.warn("Invoice {} is {}: no {} reminder", invoice.getNumber(), invoice.getStatus(), stage);
            return;
        }
        Customer customer = invoice.getCustomer();
        LocalDate today = LocalDate.now(clock.withZone(customer.zone()));
        Map<String, Object> model = new HashMap<>();
        model.put("invoice", InvoiceFacts.of(invoice, customer.locale(), today));
        model.put("creditor", creditor);
        Object deadlineDays = execution.getVariable(PolicyVariables.FORMAL_NOTICE_DEADLINE_DAYS);
        model.put("deadline", InvoiceFacts.date(today.plusDays(((Number) deadlineDays).longValue()), customer.locale()));

        Communication sent = email.deliver(new OutgoingEmail(
                execution.getProcessInstanceId() + "/" + stage + "/email", invoice, execution.getProcessInstanceId(),
                stage.name(), customer.getEmail(), stage.template(), customer.getLanguage(), model));

        invoice.setDunningStage(stage.name());
        execution.setVariable(ProcessVariables.STAGE, stage.name());
        execution.setVariable(ProcessVariables.LAST_REMINDER_SENT_AT, Date.from(sent.getSentAt()));
        execution.setVariable(ProcessVariables.REMINDERS_SENT, history.remindersSent(invoice));
    }
}
