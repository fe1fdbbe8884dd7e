package com.relance.reporting;

import com.relance.invoice.InvoiceStatus;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;

/** The few facts of invoices and payments the collection measures are reconstructed from. */
public final class ReceivableFacts {

    private ReceivableFacts() {
    }

    /**
     * One invoice as the ledger knows it.
     *
     * @param closedOn the day it closed (any outcome), null while open
     */
    public record InvoiceFact(long id, Currency currency, LocalDate issueDate, LocalDate dueDate, BigDecimal amount,
                              InvoiceStatus status, LocalDate closedOn) {

        /** A cancelled invoice was never a sale: it counts neither in sales nor in receivables. */
        boolean voided() {
            return status == InvoiceStatus.CANCELLED;
        }

        /**
         * Credit-noted and written-off invoices leave the receivables on the day they closed without
         * (full) payment; every other one leaves them as its payments come in (an invoice with an
         * agency or in litigation is still owed).
         */
        boolean leftWithoutPaymentBy(LocalDate day) {
            return closedOn != null && !closedOn.isAfter(day)
                    && (status == InvoiceStatus.CREDITED || status == InvoiceStatus.WRITTEN_OFF);
        }
    }

    public record PaymentFact(long invoiceId, LocalDate paidOn, BigDecimal amount) {
    }
}
