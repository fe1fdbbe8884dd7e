package com.relance.communication;

/**
 * One SMS to send.
 *
 * @param idempotencyKey the same for every retry of this message, so the gateway sends it once
 * @param to the recipient in E.164 ({@link PhoneNumbers#toE164})
 * @param text the body, within the configured number of segments
 */
public record SmsMessage(String idempotencyKey, String to, String text) {

    public SmsMessage {
        // Blank values would be sent as-is and fail at the provider, far from the bug.
        requireText(idempotencyKey, "idempotencyKey");
        requireText(to, "to");
        requireText(text, "text");
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("SMS " + name + " is missing");
        }
    }
}
