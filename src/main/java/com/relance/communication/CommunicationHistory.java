package com.relance.communication;

import com.relance.invoice.Invoice;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What was sent about an invoice, read from the communication log. */
@Service
@Transactional(readOnly = true)
public class CommunicationHistory {

    private final CommunicationRepository repository;

    public CommunicationHistory(CommunicationRepository repository) {
        this.repository = repository;
    }

    public List<Communication> of(Invoice invoice) {
        return repository.findByInvoiceOrderByCreatedAtAscIdAsc(invoice);
    }

    /** Reminders delivered to the customer so far: stages that reached them by at least one channel. */
    public long remindersSent(Invoice invoice, List<String> customerStages) {
        return repository.countStagesSent(invoice, customerStages);
    }
}
