package com.relance.communication;

import com.relance.invoice.Invoice;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What was sent about an invoice, read from the communication log. */
@Service
@Transactional(readOnly = true)
public class CommunicationHistory {

    private final CommunicationRepository repository;
    private final CommunicationDocumentRepository documents;

    public CommunicationHistory(CommunicationRepository repository, CommunicationDocumentRepository documents) {
        this.repository = repository;
        this.documents = documents;
    }

    /** The PDFs that went with a message (metadata and content). */
    public List<CommunicationDocument> documentsOf(Communication communication) {
        return documents.findByCommunicationIdOrderByIdAsc(communication.getId());
    }

    public Optional<CommunicationDocument> document(long communicationId, long documentId) {
        return documents.findById(documentId).filter(d -> d.getCommunicationId() == communicationId);
    }

    /** Where the API serves a document. */
    public static String documentHref(long communicationId, long documentId) {
        return "/api/communications/" + communicationId + "/documents/" + documentId;
    }

    public List<Communication> of(Invoice invoice) {
        return repository.findByInvoiceOrderByCreatedAtAscIdAsc(invoice);
    }

    /** Reminders delivered to the customer so far: stages that reached them by at least one channel. */
    public long remindersSent(Invoice invoice, List<String> customerStages) {
        return repository.countStagesSent(invoice, customerStages);
    }
}
