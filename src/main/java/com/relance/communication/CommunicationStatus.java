package com.relance.communication;

public enum CommunicationStatus {
    /** Rendered and recorded, not yet handed to the channel. */
    PENDING,
    /** An attempt is under way (or was interrupted by a crash: see EmailDelivery). */
    SENDING,
    /** The channel accepted it. */
    SENT,
    /** The last attempt failed; the job retries. */
    FAILED
}
