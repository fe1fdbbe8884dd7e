package com.relance.reporting;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Collection;

/**
 * The promise-to-pay kept rate. A promise (from the customer's link or recorded by a collector or
 * salesperson) is kept when its invoice was paid (status PAID: within the policy's tolerance) by
 * the promised date plus the policy's grace days, the day the last payment was made counting; it
 * is broken when that day has passed without it. Promises still running, and promises on invoices
 * that closed otherwise before their deadline (cancelled, credited), are neither.
 * Rate = kept / (kept + broken) × 100.
 */
public final class PromiseKeeping {

    /**
     * @param paidOn the date of the invoice's last payment when the invoice ended paid, else null
     * @param closedOtherwiseOn the day the invoice closed without being paid (cancelled, credit note, ...), else null
     */
    public record Promise(long answerId, String invoiceNumber, LocalDate promisedDate, LocalDate paidOn,
                          LocalDate closedOtherwiseOn) {
    }

    public enum Outcome { KEPT, BROKEN, PENDING, VOID }

    /** @param rate percent (one decimal), null when no promise has come to its deadline yet */
    public record Summary(long kept, long broken, long pending, long voided, BigDecimal rate) {
    }

    private PromiseKeeping() {
    }

    public static Outcome outcome(Promise promise, int graceDays, LocalDate today) {
        LocalDate deadline = promise.promisedDate().plusDays(graceDays);
        if (promise.paidOn() != null && !promise.paidOn().isAfter(deadline)) {
            return Outcome.KEPT;
        }
        if (promise.closedOtherwiseOn() != null && !promise.closedOtherwiseOn().isAfter(deadline)) {
            return Outcome.VOID;
        }
        return today.isAfter(deadline) ? Outcome.BROKEN : Outcome.PENDING;
    }

    public static Summary of(Collection<Promise> promises, int graceDays, LocalDate today) {
        long kept = 0, broken = 0, pending = 0, voided = 0;
        for (Promise promise : promises) {
            switch (outcome(promise, graceDays, today)) {
                case KEPT -> kept++;
                case BROKEN -> broken++;
                case PENDING -> pending++;
                case VOID -> voided++;
            }
        }
        BigDecimal rate = kept + broken == 0 ? null
                : BigDecimal.valueOf(kept * 100).divide(BigDecimal.valueOf(kept + broken), 1, RoundingMode.HALF_UP);
        return new Summary(kept, broken, pending, voided, rate);
    }
}
