package com.relance.invoice;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A payment as posted to {@code /api/invoices/{number}/payments}; checked by {@link InvoicePayments}. */
public record PaymentRequest(BigDecimal amount, String currency, LocalDate paidOn, String reference) {
}
