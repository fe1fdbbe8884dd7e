package com.relance.dunning;

import com.relance.invoice.Invoice;
import com.relance.policy.DunningPolicy;
import com.relance.policy.PolicyVariables;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Apply the dunning policy": the row the business rule task "Determine the dunning policy" chose
 * from {@code dunning-policy.dmn} becomes the ladder's variables (checked: a table edited into
 * nonsense fails here, as an incident, instead of dunning wrongly). A pre-due reminder is dropped
 * once the due date has passed: its text ("coming due") would be untrue.
 */
@Component("applyDunningPolicy")
public class ApplyDunningPolicy implements JavaDelegate {

    private final DunningInvoices invoices;
    private final DunningPolicy policy;
    private final Clock clock;

    public ApplyDunningPolicy(DunningInvoices invoices, DunningPolicy policy, Clock clock) {
        this.invoices = invoices;
        this.policy = policy;
        this.clock = clock;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void execute(DelegateExecution execution) {
        Invoice invoice = invoices.of(execution);
        Map<String, Object> decided = (Map<String, Object>) execution.getVariable(PolicyVariables.DECISION_RESULT);
        if (decided == null) {
            throw new IllegalStateException("dunning-policy gave no result for invoice " + invoice.getNumber()
                    + ": the table needs a row for every customer (a last row with '-' everywhere)");
        }
        Map<String, Object> variables = policy.variablesFor(decided, invoice.getOutstandingAmount());
        LocalDate today = LocalDate.now(clock.withZone(invoice.getCustomer().zone()));
        boolean notDueYet = today.isBefore(invoice.getDueDate());
        variables.put(PolicyVariables.PRE_DUE_REMINDER, (Boolean) variables.get(PolicyVariables.PRE_DUE_REMINDER) && notDueYet);
        execution.setVariables(variables);
    }
}
