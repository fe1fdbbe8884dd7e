package com.relance.dunning;

import com.relance.invoice.Invoice;
import com.relance.invoice.PaymentPolicy;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Apply the credit note": the dispute ends with a credit note of {@code creditNoteAmount}; the
 * invoice owes that much less and, within the policy's tolerance, nothing any more
 * ({@code invoiceSettled}). Later reminders state the lower amount.
 */
@Component("applyCreditNote")
public class ApplyCreditNote implements JavaDelegate {

    static final String CREDIT_NOTE_AMOUNT = "creditNoteAmount";
    static final String INVOICE_SETTLED = "invoiceSettled";

    private final DunningInvoices invoices;
    private final PaymentPolicy tolerance;
    private final Clock clock;

    public ApplyCreditNote(DunningInvoices invoices, PaymentPolicy tolerance, Clock clock) {
        this.invoices = invoices;
        this.tolerance = tolerance;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Invoice invoice = invoices.of(execution);
        Object amount = execution.getVariable(CREDIT_NOTE_AMOUNT);
        if (!(amount instanceof Number number)) {
            throw new IllegalArgumentException("The credit note needs an amount (creditNoteAmount), got " + amount);
        }
        // Form numbers arrive as Integer, Long or Double: through their text, not binary floating point.
        BigDecimal credit = new BigDecimal(number.toString())
                .setScale(invoice.getCurrency().getDefaultFractionDigits(), RoundingMode.HALF_UP);
        invoice.applyCreditNote(credit, tolerance.toleranceFor(invoice), clock.instant());
        execution.getProcessInstance().setVariable(ProcessVariables.OUTSTANDING_AMOUNT,
                invoice.getOutstandingAmount().toPlainString());
        execution.setVariable(INVOICE_SETTLED, invoice.getStatus().isClosed());
    }
}
