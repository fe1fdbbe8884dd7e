package com.relance.dunning;

import com.relance.communication.CommunicationHistory;
import com.relance.communication.InvoiceFacts;
import com.relance.invoice.Customer;
import com.relance.invoice.Invoice;
import com.relance.invoice.InvoiceRepository;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task listener on every user task of the ladder (event "create"): the task's name and
 * description carry invoice, customer, amount and days late so a Tasklist list reads without
 * opening tasks, and the form's facts are fresh. With the task input {@code involveSalesperson}
 * = true the customer's salesperson becomes a candidate user.
 */
@Component("invoiceTaskDetails")
public class InvoiceTaskDetails implements TaskListener {

    /** Input parameter of a user task (BPMN): the customer's salesperson may work it too. */
    static final String INVOLVE_SALESPERSON = "involveSalesperson";

    private final InvoiceRepository invoices;
    private final CommunicationHistory history;
    private final Clock clock;

    public InvoiceTaskDetails(InvoiceRepository invoices, CommunicationHistory history, Clock clock) {
        this.invoices = invoices;
        this.history = history;
        this.clock = clock;
    }

    @Override
    public void notify(DelegateTask task) {
        String number = task.getExecution().getProcessBusinessKey();
        Invoice invoice = invoices.findByNumber(number).orElseThrow();
        Customer customer = invoice.getCustomer();
        LocalDate today = LocalDate.now(clock.withZone(customer.zone()));
        long daysLate = invoice.daysLate(today);
        String outstanding = InvoiceFacts.money(invoice, invoice.getOutstandingAmount(), Locale.ENGLISH);
        task.setName(task.getName() + " · " + invoice.getNumber() + " · " + customer.getName());
        task.setDescription(customer.getName() + " (" + customer.getNumber() + "), invoice " + invoice.getNumber()
                + ": " + outstanding + " outstanding, " + daysLate + " days late");
        task.setVariableLocal(ProcessVariables.DAYS_LATE, daysLate);
        task.setVariableLocal(ProcessVariables.OUTSTANDING_DISPLAY, outstanding);
        task.setVariableLocal(ProcessVariables.REMINDERS_SENT, history.remindersSent(invoice));
        if (Boolean.TRUE.equals(task.getExecution().getVariableLocal(INVOLVE_SALESPERSON)) && customer.getSalesRep() != null) {
            task.addCandidateUser(customer.getSalesRep());
        }
    }
}
