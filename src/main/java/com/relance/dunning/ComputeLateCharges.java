package com.relance.dunning;

import com.relance.invoice.Invoice;
import com.relance.policy.LateCharges;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Compute late charges" (element template): the statutory interest and fixed compensation the
 * invoice carries as of today in the customer's time zone, with the customer's contractual rate
 * where the law lets it apply, and none when the policy says the customer is not owed them
 * (consumers), exactly as a level 2 reminder states them. Sets {@code lateInterest},
 * {@code lateCompensation} and {@code lateChargesTotal} (interest + compensation) as plain decimals
 * in the invoice currency, for a later gateway, task or text. Records nothing on the invoice:
 * the reminder that states the charges does that.
 */
@Component("computeLateCharges")
public class ComputeLateCharges implements JavaDelegate {

    private final DunningInvoices invoices;
    private final ReminderRequests requests;
    private final Clock clock;

    public ComputeLateCharges(DunningInvoices invoices, ReminderRequests requests, Clock clock) {
        this.invoices = invoices;
        this.requests = requests;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Invoice invoice = invoices.of(execution);
        LocalDate today = LocalDate.now(clock.withZone(invoice.getCustomer().zone()));
        LateCharges charges = requests.charges(invoice, execution, today);
        BigDecimal total = charges.interest().add(charges.compensation());
        execution.setVariable(ProcessVariables.LATE_INTEREST, charges.interest().toPlainString());
        execution.setVariable(ProcessVariables.LATE_COMPENSATION, charges.compensation().toPlainString());
        execution.setVariable(ProcessVariables.LATE_CHARGES_TOTAL, total.toPlainString());
    }
}
