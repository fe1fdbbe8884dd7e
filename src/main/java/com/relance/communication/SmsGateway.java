package com.relance.communication;

/** Hands an SMS to whatever sends it; configured by {@code relance.sms.gateway}. */
public interface SmsGateway {

    /**
     * Returns once the message is accepted, or had already been accepted under the same
     * idempotency key (a retry after a lost answer must not send it twice).
     *
     * @throws SmsDeliveryException refused or unreachable; retry with the same message
     * @throws IllegalArgumentException the text is longer than the configured number of segments
     */
    void send(SmsMessage message);
}
