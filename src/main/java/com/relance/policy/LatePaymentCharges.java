package com.relance.policy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * Statutory late-payment interest and fixed compensation on a B2B invoice, by the customer's
 * jurisdiction. Interest is simple, per day late from the day after the due date up to and
 * including the as-of date, on the outstanding amount, over a 365-day year:
 * <ul>
 * <li>EU (Directive 2011/7/EU): ECB main refinancing rate + 8 points, the ECB rate being the one in
 * force on 1 January for January–June and on 1 July for July–December; a lateness spanning
 * half-years is charged half-year by half-year.</li>
 * <li>FR (Code de commerce L441-10): ECB rate + 10 points, same half-years; a contractual rate
 * replaces it, but never below 3 × the legal interest rate (professional creditors) of the
 * half-year.</li>
 * <li>GB (Late Payment of Commercial Debts (Interest) Act 1998): Bank of England base rate + 8
 * points, the base rate being the one in force on 31 December for a debt late from January–June and
 * on 30 June for one late from July–December, fixed for the whole lateness.</li>
 * </ul>
 * Under EU and GB law a contractual rate replaces the statutory one only when higher. Reference
 * rates come from {@link LatePaymentProperties}; a date they do not cover is an error, never a guess.
 */
@Component
public class LatePaymentCharges {

    // The points above the reference rate and the French floor are set by law; the rates they
    // apply to change, so those are configuration.
    private static final BigDecimal EU_POINTS = new BigDecimal("8");
    private static final BigDecimal FR_POINTS = new BigDecimal("10");
    private static final BigDecimal GB_POINTS = new BigDecimal("8");
    private static final BigDecimal FR_LEGAL_RATE_MULTIPLE = new BigDecimal("3");
    /** 100 (percent) × 365 days. */
    private static final BigDecimal PERCENT_DAYS_PER_YEAR = new BigDecimal("36500");
    private static final int PERIOD_INTEREST_SCALE = 6;

    // GB fixed sums (1998 Act, s.5A), by the debt's principal in GBP.
    private static final Currency GBP = Currency.getInstance("GBP");
    private static final BigDecimal GB_LOWER_BAND = new BigDecimal("1000");
    private static final BigDecimal GB_UPPER_BAND = new BigDecimal("10000");
    private static final BigDecimal GB_SUM_SMALL = new BigDecimal("40");
    private static final BigDecimal GB_SUM_MEDIUM = new BigDecimal("70");
    private static final BigDecimal GB_SUM_LARGE = new BigDecimal("100");

    private final LatePaymentProperties properties;

    public LatePaymentCharges(LatePaymentProperties properties) {
        this.properties = properties;
    }

    /** The law for a customer country (ISO 3166-1 alpha-2); the configured default for one not listed. */
    public Jurisdiction jurisdictionOf(String country) {
        return properties.jurisdictionOf(country);
    }

    /**
     * The statutory charges on one invoice as of a date. Not late ({@code asOf} on or before the due
     * date): no interest and no compensation.
     * <p>
     * The fixed compensation is owed once per invoice as soon as it is late, and this method returns
     * it on every call for a late invoice: the caller records it on the invoice once claimed so that
     * it is never charged twice. EU and FR: the configured amount for the invoice currency, none if
     * that currency is not configured. GB: GBP 40 for a principal under 1,000, GBP 70 under 10,000,
     * GBP 100 from 10,000; none for an invoice in another currency (the Act's sums are in GBP).
     *
     * @param customerCountry ISO 3166-1 alpha-2 country of the customer, chooses the law
     * @param invoiceAmount the principal of the debt (GB fixed sum bands)
     * @param outstanding the amount unpaid, on which interest runs
     * @param currency the invoice currency; amounts are rounded half-up to its minor unit
     * @param dueDate the last day to pay without charges
     * @param asOf the last day charged
     * @param contractRatePercentOrNull a yearly rate agreed with the customer, in percent, or null
     * @throws IllegalStateException when a reference rate needed is not configured for its date
     */
    public LateCharges compute(String customerCountry, BigDecimal invoiceAmount, BigDecimal outstanding,
            Currency currency, LocalDate dueDate, LocalDate asOf, BigDecimal contractRatePercentOrNull) {
        Objects.requireNonNull(invoiceAmount, "invoiceAmount");
        Objects.requireNonNull(outstanding, "outstanding");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(dueDate, "dueDate");
        Objects.requireNonNull(asOf, "asOf");
        if (invoiceAmount.signum() < 0 || outstanding.signum() < 0) {
            throw new IllegalArgumentException("Invoice and outstanding amounts must not be negative");
        }
        if (contractRatePercentOrNull != null && contractRatePercentOrNull.signum() < 0) {
            throw new IllegalArgumentException("A contractual rate must not be negative");
        }
        int scale = currency.getDefaultFractionDigits();
        if (scale < 0) {
            throw new IllegalArgumentException(currency + " has no minor unit to round to");
        }
        Jurisdiction jurisdiction = jurisdictionOf(customerCountry);
        if (!asOf.isAfter(dueDate)) {
            return LateCharges.none(jurisdiction, currency, dueDate, asOf);
        }
        LocalDate interestFrom = dueDate.plusDays(1);
        List<Span> spans = jurisdiction == Jurisdiction.GB
                ? List.of(new Span(interestFrom, asOf, gbRate(interestFrom, contractRatePercentOrNull)))
                : halfYears(interestFrom, asOf, jurisdiction, contractRatePercentOrNull);

        List<InterestPeriod> periods = new ArrayList<>();
        BigDecimal exactInterestTimesPercentDays = BigDecimal.ZERO;
        long daysLate = 0;
        for (Span span : spans) {
            long days = ChronoUnit.DAYS.between(span.from(), span.to()) + 1;
            BigDecimal product = outstanding.multiply(span.ratePercent()).multiply(BigDecimal.valueOf(days));
            exactInterestTimesPercentDays = exactInterestTimesPercentDays.add(product);
            daysLate += days;
            periods.add(new InterestPeriod(span.from(), span.to(), days, span.ratePercent(),
                    product.divide(PERCENT_DAYS_PER_YEAR, PERIOD_INTEREST_SCALE, RoundingMode.HALF_UP)));
        }
        // Sum the exact period amounts, then round once.
        BigDecimal interest = exactInterestTimesPercentDays.divide(PERCENT_DAYS_PER_YEAR, scale, RoundingMode.HALF_UP);
        BigDecimal compensation = compensation(jurisdiction, invoiceAmount, currency).setScale(scale, RoundingMode.HALF_UP);
        return new LateCharges(jurisdiction, currency, interestFrom, asOf, daysLate,
                spans.get(spans.size() - 1).ratePercent(), interest, compensation, periods);
    }

    private record Span(LocalDate from, LocalDate to, BigDecimal ratePercent) {
    }

    /** EU and FR: one span per half-year, each at its own rate. */
    private List<Span> halfYears(LocalDate from, LocalDate to, Jurisdiction jurisdiction, BigDecimal contractRate) {
        List<Span> spans = new ArrayList<>();
        for (LocalDate start = from; !start.isAfter(to); ) {
            LocalDate halfYearStart = start.getMonthValue() <= 6
                    ? LocalDate.of(start.getYear(), Month.JANUARY, 1)
                    : LocalDate.of(start.getYear(), Month.JULY, 1);
            LocalDate halfYearEnd = halfYearStart.plusMonths(6).minusDays(1);
            LocalDate end = halfYearEnd.isBefore(to) ? halfYearEnd : to;
            spans.add(new Span(start, end, euOrFrRate(jurisdiction, halfYearStart, contractRate)));
            start = end.plusDays(1);
        }
        return spans;
    }

    private BigDecimal euOrFrRate(Jurisdiction jurisdiction, LocalDate halfYearStart, BigDecimal contractRate) {
        if (jurisdiction == Jurisdiction.FR) {
            if (contractRate == null) {
                return properties.rateOn(LatePaymentProperties.ECB, halfYearStart).add(FR_POINTS);
            }
            BigDecimal floor = properties.rateOn(LatePaymentProperties.FR_LEGAL, halfYearStart)
                    .multiply(FR_LEGAL_RATE_MULTIPLE);
            return contractRate.max(floor);
        }
        return higherOf(properties.rateOn(LatePaymentProperties.ECB, halfYearStart).add(EU_POINTS), contractRate);
    }

    /** GB: the base rate on 31 December (late from January–June) or 30 June (late from July–December). */
    private BigDecimal gbRate(LocalDate interestFrom, BigDecimal contractRate) {
        LocalDate referenceDate = interestFrom.getMonthValue() <= 6
                ? LocalDate.of(interestFrom.getYear() - 1, Month.DECEMBER, 31)
                : LocalDate.of(interestFrom.getYear(), Month.JUNE, 30);
        return higherOf(properties.rateOn(LatePaymentProperties.BOE, referenceDate).add(GB_POINTS), contractRate);
    }

    private static BigDecimal higherOf(BigDecimal statutoryRate, BigDecimal contractRate) {
        return contractRate == null ? statutoryRate : statutoryRate.max(contractRate);
    }

    private BigDecimal compensation(Jurisdiction jurisdiction, BigDecimal invoiceAmount, Currency currency) {
        if (jurisdiction != Jurisdiction.GB) {
            return properties.fixedCompensation().getOrDefault(currency, BigDecimal.ZERO);
        }
        if (!GBP.equals(currency)) {
            return BigDecimal.ZERO;
        }
        if (invoiceAmount.compareTo(GB_LOWER_BAND) < 0) {
            return GB_SUM_SMALL;
        }
        return invoiceAmount.compareTo(GB_UPPER_BAND) < 0 ? GB_SUM_MEDIUM : GB_SUM_LARGE;
    }
}
