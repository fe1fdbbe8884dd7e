package com.relance.payment;

import java.util.Collection;

/** Where issued creditor references are kept with their invoices ({@link PaymentReferences}). */
@FunctionalInterface
public interface IssuedReferences {

    /** Remembers that {@code reference} stands for {@code invoiceNumbers}; known pairs are left as they are. */
    void remember(CreditorReference reference, Collection<String> invoiceNumbers);
}
