package com.relance.communication;

/** The SMS gateway refused the message or could not be reached; the job retries and ends as an incident. */
public class SmsDeliveryException extends RuntimeException {

    public SmsDeliveryException(String message) {
        super(message);
    }

    public SmsDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
