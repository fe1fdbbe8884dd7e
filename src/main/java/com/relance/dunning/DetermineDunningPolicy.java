package com.relance.dunning;

import com.relance.invoice.Invoice;
import com.relance.policy.DunningPolicy;
import com.relance.policy.PolicyVariables;
import java.time.Clock;
import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Determine the dunning policy": sets the policy's timings as process variables. A pre-due
 * reminder is dropped once the due date has passed: its text ("coming due") would be untrue.
 */
@Component("determineDunningPolicy")
public class DetermineDunningPolicy implements JavaDelegate {

    private final DunningInvoices invoices;
    private final DunningPolicy policy;
    private final Clock clock;

    public DetermineDunningPolicy(DunningInvoices invoices, DunningPolicy policy, Clock clock) {
        this.invoices = invoices;
        this.policy = policy;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Invoice invoice = invoices.of(execution);
        execution.setVariables(policy.variablesFor(invoice));
        LocalDate today = LocalDate.now(clock.withZone(invoice.getCustomer().zone()));
        boolean notDueYet = today.isBefore(invoice.getDueDate());
        execution.setVariable(PolicyVariables.PRE_DUE_REMINDER, policy.preDueReminder() && notDueYet);
    }
}
