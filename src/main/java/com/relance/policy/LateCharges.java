package com.relance.policy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;

/**
 * Statutory charges on one late invoice as of a date.
 *
 * @param jurisdiction the law applied
 * @param currency the invoice currency; interest and compensation are in it
 * @param interestFrom first day of interest: the day after the due date
 * @param asOf last day of interest (inclusive)
 * @param daysLate days from {@code interestFrom} to {@code asOf}, both included; 0 when not late
 * @param ratePercent yearly rate of the last period, in percent; 0 when not late
 * @param interest the interest, rounded half-up to the currency's minor unit
 * @param compensation the fixed compensation, owed once per invoice; 0 when not late or none applies
 * @param periods the parts of the lateness charged at one rate each, in order
 */
public record LateCharges(
        Jurisdiction jurisdiction,
        Currency currency,
        LocalDate interestFrom,
        LocalDate asOf,
        long daysLate,
        BigDecimal ratePercent,
        BigDecimal interest,
        BigDecimal compensation,
        List<InterestPeriod> periods) {

    public LateCharges {
        periods = List.copyOf(periods);
    }

    /** Charges on an invoice that is not late on {@code asOf}: no interest and no compensation. */
    public static LateCharges none(Jurisdiction jurisdiction, Currency currency, LocalDate dueDate, LocalDate asOf) {
        BigDecimal zero = BigDecimal.ZERO.setScale(Math.max(currency.getDefaultFractionDigits(), 0));
        return new LateCharges(jurisdiction, currency, dueDate.plusDays(1), asOf, 0, BigDecimal.ZERO, zero, zero,
                List.of());
    }

    public boolean isLate() {
        return daysLate > 0;
    }

    /** What the customer owes with the charges: {@code outstanding} + interest + compensation. */
    public BigDecimal total(BigDecimal outstanding) {
        return outstanding.add(interest).add(compensation);
    }
}
