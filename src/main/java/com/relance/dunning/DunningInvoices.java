package com.relance.dunning;

import com.relance.invoice.Invoice;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.hibernate.Session;
import org.springframework.stereotype.Component;

/** The invoice a dunning execution is about: its business key is the invoice number. */
@Component
class DunningInvoices {

    @PersistenceContext
    private EntityManager entities;

    /**
     * By natural id, not by query: an invoice registered earlier in the same transaction (a
     * 1,000-line import starts 1,000 processes) comes from the persistence context, without the
     * flush a query forces, which dirty-checks every entity of the batch each time.
     */
    Invoice of(DelegateExecution execution) {
        String number = execution.getProcessBusinessKey();
        Invoice invoice = entities.unwrap(Session.class).bySimpleNaturalId(Invoice.class).load(number);
        if (invoice == null) {
            throw new IllegalStateException("Process " + execution.getProcessInstanceId()
                    + " has business key " + number + " but no such invoice exists");
        }
        return invoice;
    }
}
