package com.relance.dunning;

import com.relance.communication.CommunicationHistory;
import com.relance.communication.InvoiceFacts;
import com.relance.invoice.Customer;
import com.relance.invoice.Invoice;
import com.relance.invoice.InvoiceRepository;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Comment;
import org.springframework.beans.factory.annotation.Value;
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
    private final TaskService tasks;
    private final Clock clock;
    private final int responseDays;

    public InvoiceTaskDetails(InvoiceRepository invoices, CommunicationHistory history, TaskService tasks, Clock clock,
                              @Value("${relance.tasks.response-days:2}") int responseDays) {
        this.invoices = invoices;
        this.history = history;
        this.tasks = tasks;
        this.clock = clock;
        this.responseDays = responseDays;
    }

    /**
     * 50, plus up to 30 for lateness (10 a month) and up to 20 for the amount at stake (one
     * decade of amount each, from 1,000): a Tasklist sorted by priority puts the big, old debts first.
     */
    static int priority(long daysLate, BigDecimal outstanding) {
        int lateness = (int) Math.min(30, daysLate / 30 * 10);
        int amount = outstanding.compareTo(BigDecimal.ONE) < 1 ? 0
                : (int) Math.max(0, Math.min(20, (Math.floor(Math.log10(outstanding.doubleValue())) - 2) * 5));
        return 50 + lateness + amount;
    }

    private String commentsSoFar(DelegateTask task) {
        List<Comment> comments = tasks.getProcessInstanceComments(task.getProcessInstanceId());
        if (comments.isEmpty()) {
            return "";
        }
        return comments.stream().sorted(Comparator.comparing(Comment::getTime))
                .map(c -> c.getTime().toInstant().truncatedTo(ChronoUnit.MINUTES) + " " + c.getUserId() + ": " + c.getFullMessage())
                .collect(Collectors.joining("\n"));
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
        task.setVariableLocal(ProcessVariables.REMINDERS_SENT, history.remindersSent(invoice, DunningStage.reminderStages()));
        task.setVariableLocal(ProcessVariables.COMMENTS_SO_FAR, commentsSoFar(task));
        task.setPriority(priority(daysLate, invoice.getOutstandingAmount()));
        task.setDueDate(Date.from(clock.instant().plus(Duration.ofDays(responseDays))));
        if (Boolean.TRUE.equals(task.getExecution().getVariableLocal(INVOLVE_SALESPERSON)) && customer.getSalesRep() != null) {
            task.addCandidateUser(customer.getSalesRep());
        }
    }
}
