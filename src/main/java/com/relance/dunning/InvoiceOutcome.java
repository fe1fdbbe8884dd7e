package com.relance.dunning;

import com.relance.invoice.InvoiceStatus;
import java.time.Clock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service tasks that end the dunning with an outcome recorded on the invoice; one bean per BPMN element. */
abstract class InvoiceOutcome implements JavaDelegate {

    private final DunningInvoices invoices;
    private final Clock clock;
    private final InvoiceStatus outcome;

    InvoiceOutcome(DunningInvoices invoices, Clock clock, InvoiceStatus outcome) {
        this.invoices = invoices;
        this.clock = clock;
        this.outcome = outcome;
    }

    @Override
    public void execute(DelegateExecution execution) {
        invoices.of(execution).close(outcome, clock.instant());
    }

    /** "Open the litigation case" (before legal prepares the file). */
    @Component("openLitigation")
    static class OpenLitigation extends InvoiceOutcome {
        OpenLitigation(DunningInvoices invoices, Clock clock) {
            super(invoices, clock, InvoiceStatus.LITIGATION);
        }
    }

    /** "Write off the invoice" (bad debt). */
    @Component("writeOffInvoice")
    static class WriteOffInvoice extends InvoiceOutcome {
        WriteOffInvoice(DunningInvoices invoices, Clock clock) {
            super(invoices, clock, InvoiceStatus.WRITTEN_OFF);
        }
    }

    /** "Cancel the invoice" (the dispute was justified). */
    @Component("cancelInvoice")
    static class CancelInvoice extends InvoiceOutcome {
        CancelInvoice(DunningInvoices invoices, Clock clock) {
            super(invoices, clock, InvoiceStatus.CANCELLED);
        }
    }

    /** "Stop dunning" (the collector cancelled the formal notice). */
    @Component("stopDunning")
    static class StopDunning extends InvoiceOutcome {
        StopDunning(DunningInvoices invoices, Clock clock) {
            super(invoices, clock, InvoiceStatus.DUNNING_STOPPED);
        }
    }
}
