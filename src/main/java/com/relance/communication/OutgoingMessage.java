package com.relance.communication;

import com.relance.invoice.Invoice;
import java.util.function.Supplier;

/**
 * A message to deliver exactly once. {@code idempotencyKey} names the occasion (process instance,
 * stage, channel, round): the same key never produces a second message. {@code composer} runs only
 * the first time the key is seen; later attempts send what was recorded then.
 */
public record OutgoingMessage(String idempotencyKey, Invoice invoice, String processInstanceId, String stage,
                              Channel channel, Supplier<ComposedMessage> composer) {
}
