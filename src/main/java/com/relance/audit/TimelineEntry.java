package com.relance.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One thing that happened to an invoice: when, what kind of record it comes from (process,
 * activity, task, variable, decision, communication, payment, answer, export…), a one-line
 * description, who did it (null when the application did it on its own), and the exact values.
 */
public record TimelineEntry(Instant at, String kind, String what, String who, Map<String, String> details) {
}
