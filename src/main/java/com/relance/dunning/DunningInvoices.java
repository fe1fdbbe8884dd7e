package com.relance.dunning;

import com.relance.invoice.Invoice;
import com.relance.invoice.InvoiceRepository;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** The invoice a dunning execution is about: its business key is the invoice number. */
@Component
class DunningInvoices {

    private final InvoiceRepository invoices;

    DunningInvoices(InvoiceRepository invoices) {
        this.invoices = invoices;
    }

    Invoice of(DelegateExecution execution) {
        String number = execution.getProcessBusinessKey();
        return invoices.findByNumber(number)
                .orElseThrow(() -> new IllegalStateException("Process " + execution.getProcessInstanceId()
                        + " has business key " + number + " but no such invoice exists"));
    }
}
