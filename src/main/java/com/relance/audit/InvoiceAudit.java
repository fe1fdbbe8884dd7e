package com.relance.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Everything an auditor reads about one invoice: its facts, its process, the decisions, the timeline. */
public record InvoiceAudit(Map<String, String> invoice, Process process, List<Decision> decisions,
                           List<TimelineEntry> entries) {

    /** The dunning process that followed the invoice (its latest instance when there were several). */
    public record Process(String instanceId, String definitionKey, Integer version, String versionTag,
                          Instant started, Instant ended, String state) {
    }

    /** One evaluation of a DMN decision: which definition version decided, on what, and what it said. */
    public record Decision(Instant evaluatedAt, String key, String name, Integer version, String versionTag,
                           String activityId, Map<String, String> inputs, List<Map<String, String>> outputs) {
    }
}
