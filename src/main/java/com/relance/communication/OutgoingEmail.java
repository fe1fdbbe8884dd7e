package com.relance.communication;

import com.relance.invoice.Invoice;
import java.util.Map;

/**
 * An email to send exactly once. {@code idempotencyKey} names the occasion (process instance,
 * stage, channel): the same key never produces a second message.
 */
public record OutgoingEmail(String idempotencyKey, Invoice invoice, String processInstanceId, String stage,
                            String recipient, String template, String language, Map<String, Object> model) {
}
