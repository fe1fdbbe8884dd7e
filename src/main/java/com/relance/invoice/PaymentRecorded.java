package com.relance.invoice;

/** Published inside the payment's transaction; {@code settled} when the invoice now counts as paid. */
public record PaymentRecorded(Invoice invoice, Payment payment, boolean settled) {
}
