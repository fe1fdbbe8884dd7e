package com.relance.policy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of statutory late-payment charges ({@code relance.late-payment}). Reference rates
 * change every half-year, so they are dated entries here, never constants in code.
 *
 * @param defaultJurisdiction the law for a customer country not listed in {@code jurisdictions} (EU if unset)
 * @param jurisdictions the law by customer country (ISO 3166-1 alpha-2)
 * @param fixedCompensation the fixed compensation per late invoice under EU and FR law, by invoice
 *        currency; a currency not listed gets none (GB law sets its own sums in GBP)
 * @param referenceRates by name ({@value #ECB}, {@value #BOE}, {@value #FR_LEGAL}): percent rates,
 *        each in force from its date until the next entry's
 */
@ConfigurationProperties("relance.late-payment")
public record LatePaymentProperties(
        Jurisdiction defaultJurisdiction,
        Map<String, Jurisdiction> jurisdictions,
        Map<Currency, BigDecimal> fixedCompensation,
        Map<String, List<DatedRate>> referenceRates) {

    /** ECB main refinancing operations rate (EU and FR interest). */
    public static final String ECB = "ECB";
    /** Bank of England base rate (GB interest), keyed by the reference date (31 December, 30 June). */
    public static final String BOE = "BOE";
    /** French legal interest rate for professional creditors (floor of a French contractual rate). */
    public static final String FR_LEGAL = "FR_LEGAL";

    private static final Set<String> RATE_NAMES = Set.of(ECB, BOE, FR_LEGAL);

    /** A rate in percent, in force from {@code from} until the next entry of its table. */
    public record DatedRate(LocalDate from, BigDecimal rate) {

        public DatedRate {
            if (from == null || rate == null) {
                throw new IllegalArgumentException("relance.late-payment.reference-rates: each entry needs a from date and a rate");
            }
        }
    }

    public LatePaymentProperties {
        defaultJurisdiction = defaultJurisdiction == null ? Jurisdiction.EU : defaultJurisdiction;
        jurisdictions = normalizedCountries(jurisdictions);
        fixedCompensation = fixedCompensation == null ? Map.of() : Map.copyOf(fixedCompensation);
        fixedCompensation.forEach((currency, amount) -> {
            if (amount.signum() < 0) {
                throw new IllegalArgumentException("relance.late-payment.fixed-compensation." + currency + " is negative");
            }
        });
        referenceRates = sortedTables(referenceRates);
    }

    /** The law for a customer country; the default one for a country not listed. */
    public Jurisdiction jurisdictionOf(String country) {
        Objects.requireNonNull(country, "country");
        return jurisdictions.getOrDefault(country.trim().toUpperCase(Locale.ROOT), defaultJurisdiction);
    }

    /**
     * The rate of table {@code name} in force on {@code date}: the entry with the latest date on or
     * before it.
     *
     * @throws IllegalStateException when no entry covers the date: a formal notice must not be
     *         computed with a guessed rate
     */
    public BigDecimal rateOn(String name, LocalDate date) {
        List<DatedRate> table = referenceRates.getOrDefault(name, List.of());
        DatedRate inForce = null;
        for (DatedRate entry : table) {
            if (entry.from().isAfter(date)) {
                break;
            }
            inForce = entry;
        }
        if (inForce == null) {
            String key = "relance.late-payment.reference-rates." + name;
            throw new IllegalStateException(table.isEmpty()
                    ? "No " + name + " reference rate is configured (" + key + "); it is needed for " + date
                    : "No " + name + " reference rate is configured for " + date + ": " + key
                            + " starts on " + table.get(0).from() + "; add the official rate in force on " + date);
        }
        return inForce.rate();
    }

    private static Map<String, Jurisdiction> normalizedCountries(Map<String, Jurisdiction> byCountry) {
        Map<String, Jurisdiction> normalized = new HashMap<>();
        if (byCountry != null) {
            byCountry.forEach((country, jurisdiction) -> {
                if (jurisdiction == null
                        || normalized.put(country.trim().toUpperCase(Locale.ROOT), jurisdiction) != null) {
                    throw new IllegalArgumentException("relance.late-payment.jurisdictions." + country
                            + ": one jurisdiction per country");
                }
            });
        }
        return Map.copyOf(normalized);
    }

    private static Map<String, List<DatedRate>> sortedTables(Map<String, List<DatedRate>> tables) {
        Map<String, List<DatedRate>> sorted = new HashMap<>();
        if (tables != null) {
            tables.forEach((name, entries) -> {
                if (!RATE_NAMES.contains(name)) {
                    throw new IllegalArgumentException("relance.late-payment.reference-rates." + name
                            + " is not a known rate; known: " + RATE_NAMES);
                }
                List<DatedRate> table = new ArrayList<>(entries == null ? List.of() : entries);
                table.sort(Comparator.comparing(DatedRate::from));
                for (int i = 1; i < table.size(); i++) {
                    if (table.get(i).from().equals(table.get(i - 1).from())) {
                        throw new IllegalArgumentException("relance.late-payment.reference-rates." + name
                                + " has two rates from " + table.get(i).from());
                    }
                }
                sorted.put(name, List.copyOf(table));
            });
        }
        return Map.copyOf(sorted);
    }
}
