package com.relance.invoice;

import java.time.Instant;
import java.util.List;

/** What the dunning process says about an invoice; implemented where the process lives. */
public interface DunningProgress {

    Summary of(Invoice invoice);

    record Summary(String processInstanceId, boolean running, Hold hold, List<OpenTask> openTasks,
                   List<Message> messages) {
    }

    /** An active dunning hold. */
    record Hold(Instant until, String reason, String placedBy) {
    }

    record OpenTask(String id, String name, String taskDefinitionKey, String assignee, List<String> candidateGroups,
                    Instant created, Instant due) {
    }

    /**
     * A message sent (or to be sent) about the invoice.
     *
     * @param approvedBy  the collector who approved its text in a review, or null
     * @param edited      the collector changed the drafted text
     * @param deliveredVia where the channel handed it: an SMTP server, an SMS gateway, a print folder
     * @param documents   links to the PDFs that went with it (the letter, an invoice copy)
     */
    record Message(long id, String stage, String channel, String recipient, String subject, String status,
                   Instant sentAt, String approvedBy, boolean edited, String deliveredVia, List<Document> documents) {
    }

    record Document(String kind, String fileName, String href) {
    }
}
