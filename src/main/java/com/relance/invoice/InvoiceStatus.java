package com.relance.invoice;

/** Where an invoice stands commercially; the dunning stage is tracked separately. */
public enum InvoiceStatus {
    /** Open amount left and being dunned (or waiting for its first stage). */
    OPEN,
    /** Outstanding amount at or below the payment tolerance. */
    PAID,
    /** A credit note, after a dispute, brought the outstanding amount within the tolerance. */
    CREDITED,
    /** Cancelled after a justified dispute. */
    CANCELLED,
    /** A collector stopped dunning at the formal-notice review. */
    DUNNING_STOPPED,
    COLLECTION_AGENCY,
    LITIGATION,
    WRITTEN_OFF;

    public boolean isClosed() {
        return this != OPEN;
    }
}
