package com.relance.invoice;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;

/**
 * An invoice holding money received beyond what it asked for, to refund or allocate, with the date
 * of its last payment. {@code salesRep} serves the caller's row-level check only.
 */
public record OverpaidInvoice(String invoiceNumber, String customerNumber, String customerName, String salesRep,
                              Currency currency, BigDecimal overpaidAmount, LocalDate lastPaidOn) {
}
