package com.relance.policy;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Part of the lateness charged at one rate: a half-year under EU and FR law, the whole lateness
 * under GB law.
 *
 * @param from first day charged
 * @param to last day charged (inclusive)
 * @param days days charged, {@code from} and {@code to} included
 * @param ratePercent yearly rate applied, in percent
 * @param interest outstanding × rate / 100 × days / 365, to 6 decimals (for display: the total is
 *        rounded once from the exact amounts)
 */
public record InterestPeriod(LocalDate from, LocalDate to, long days, BigDecimal ratePercent, BigDecimal interest) {
}
