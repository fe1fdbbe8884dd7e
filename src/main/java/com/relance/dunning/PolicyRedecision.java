package com.relance.dunning;

import com.relance.invoice.CustomerTypologyChanged;
import com.relance.invoice.Invoice;
import com.relance.invoice.InvoiceRepository;
import com.relance.invoice.InvoiceStatus;
import com.relance.policy.PolicyDecision;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A customer's typology or risk class changed: each of their invoices still being dunned decides
 * its policy again ("Customer typology changed" in the BPMN), in the transaction of the change.
 */
@Component
class PolicyRedecision {

    static final String MESSAGE = "CustomerTypologyChanged";

    private final InvoiceRepository invoices;
    private final RuntimeService runtime;

    PolicyRedecision(InvoiceRepository invoices, RuntimeService runtime) {
        this.invoices = invoices;
        this.runtime = runtime;
    }

    @EventListener
    void onTypologyChanged(CustomerTypologyChanged event) {
        for (Invoice invoice : invoices.findByCustomerNumberAndStatusOrderByNumber(event.customer().getNumber(),
                InvoiceStatus.OPEN)) {
            String instance = invoice.getProcessInstanceId();
            if (instance == null || runtime.createProcessInstanceQuery().processInstanceId(instance).count() == 0) {
                continue;
            }
            runtime.createMessageCorrelation(MESSAGE).processInstanceId(instance)
                    .setVariables(PolicyDecision.inputs(invoice)).correlate();
        }
    }
}
