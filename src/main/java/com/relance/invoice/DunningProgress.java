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

    record Message(String stage, String channel, String recipient, String subject, String status, Instant sentAt) {
    }
}
