package com.relance.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.relance.policy.LatePaymentProperties.DatedRate;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Worked examples, each with its arithmetic. Interest = outstanding × rate / 100 × days / 365, from
 * the day after the due date to the as-of date included; the exact period amounts are summed, then
 * rounded half-up to the cent once.
 */
class LatePaymentChargesTest {

    static final Currency EUR = Currency.getInstance("EUR");
    static final Currency GBP = Currency.getInstance("GBP");

    /** The same tables as application.yml. */
    static LatePaymentProperties properties() {
        return properties(Map.of(EUR, new BigDecimal("40")));
    }

    static LatePaymentProperties properties(Map<Currency, BigDecimal> fixedCompensation) {
        Map<String, Jurisdiction> jurisdictions = new HashMap<>(Map.of("FR", Jurisdiction.FR, "GB", Jurisdiction.GB));
        for (String country : List.of("AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "GR", "HR", "HU",
                "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK")) {
            jurisdictions.put(country, Jurisdiction.EU);
        }
        return new LatePaymentProperties(Jurisdiction.EU, jurisdictions, fixedCompensation, Map.of(
                LatePaymentProperties.ECB, table(
                        "2024-01-01", "4.50", "2024-07-01", "4.25", "2025-01-01", "3.15",
                        "2025-07-01", "2.15", "2026-01-01", "2.15", "2026-07-01", "2.15"),
                LatePaymentProperties.BOE, table(
                        "2023-12-31", "5.25", "2024-06-30", "5.25", "2024-12-31", "4.75",
                        "2025-06-30", "4.25", "2025-12-31", "3.75", "2026-06-30", "3.75"),
                LatePaymentProperties.FR_LEGAL, table(
                        "2024-01-01", "4.22", "2024-07-01", "4.92", "2025-01-01", "3.71",
                        "2025-07-01", "2.76", "2026-01-01", "2.62", "2026-07-01", "2.62")));
    }

    static List<DatedRate> table(String... dateRatePairs) {
        return java.util.stream.IntStream.range(0, dateRatePairs.length / 2)
                .mapToObj(i -> new DatedRate(LocalDate.parse(dateRatePairs[2 * i]), new BigDecimal(dateRatePairs[2 * i + 1])))
                .toList();
    }

    final LatePaymentCharges charges = new LatePaymentCharges(properties());

    static BigDecimal amount(String value) {
        return new BigDecimal(value);
    }

    static LocalDate date(String value) {
        return LocalDate.parse(value);
    }

    LateCharges eur(String country, String amount, String due, String asOf, String contractRate) {
        return charges.compute(country, amount(amount), amount(amount), EUR, date(due), date(asOf),
                contractRate == null ? null : amount(contractRate));
    }

    LateCharges gbp(String amount, String due, String asOf) {
        return charges.compute("GB", amount(amount), amount(amount), GBP, date(due), date(asOf), null);
    }

    // --- FR ---

    @Test
    void frenchInvoiceWithinOneHalfYear() {
        // Due 2025-03-31, as of 2025-05-15: 30 days of April + 15 of May = 45 days, all in H1 2025.
        // Rate: ECB on 1 Jan 2025 3.15 + 10 = 13.15 %.
        // 10,000.00 × 13.15 × 45 / 36,500 = 5,917,500 / 36,500 = 162.1232876… → 162.12; + EUR 40.00.
        LateCharges c = eur("FR", "10000.00", "2025-03-31", "2025-05-15", null);

        assertThat(c.jurisdiction()).isEqualTo(Jurisdiction.FR);
        assertThat(c.interestFrom()).isEqualTo(date("2025-04-01"));
        assertThat(c.daysLate()).isEqualTo(45);
        assertThat(c.ratePercent()).isEqualByComparingTo("13.15");
        assertThat(c.interest()).isEqualTo(amount("162.12"));
        assertThat(c.compensation()).isEqualTo(amount("40.00"));
        assertThat(c.periods()).containsExactly(new InterestPeriod(
                date("2025-04-01"), date("2025-05-15"), 45, amount("13.15"), amount("162.123288")));
        // 10,000.00 + 162.12 + 40.00
        assertThat(c.total(amount("10000.00"))).isEqualTo(amount("10202.12"));
    }

    @Test
    void frenchInvoiceAcrossTwoHalfYearsUsesEachHalfYearsRate() {
        // Due 2025-06-15, as of 2025-07-20:
        //   2025-06-16..06-30: 15 days at 3.15 + 10 = 13.15 %: 10,000 × 13.15 × 15 / 36,500 = 1,972,500 / 36,500 = 54.0410959…
        //   2025-07-01..07-20: 20 days at 2.15 + 10 = 12.15 %: 10,000 × 12.15 × 20 / 36,500 = 2,430,000 / 36,500 = 66.5753424…
        //   sum: 4,402,500 / 36,500 = 120.6164383… → 120.62 (rounded once); + EUR 40.00.
        LateCharges c = eur("FR", "10000.00", "2025-06-15", "2025-07-20", null);

        assertThat(c.periods()).containsExactly(
                new InterestPeriod(date("2025-06-16"), date("2025-06-30"), 15, amount("13.15"), amount("54.041096")),
                new InterestPeriod(date("2025-07-01"), date("2025-07-20"), 20, amount("12.15"), amount("66.575342")));
        assertThat(c.daysLate()).isEqualTo(35);
        assertThat(c.ratePercent()).isEqualByComparingTo("12.15");
        assertThat(c.interest()).isEqualTo(amount("120.62"));
        assertThat(c.compensation()).isEqualTo(amount("40.00"));
    }

    @Test
    void frenchContractRateIsFlooredAtThreeTimesTheLegalRate() {
        // Same lateness as above: 45 days in H1 2025. Floor: 3 × 3.71 (legal rate H1 2025) = 11.13 %.
        // Contract 5 % < 11.13 % → 11.13 %: 10,000 × 11.13 × 45 / 36,500 = 5,008,500 / 36,500 = 137.2191780… → 137.22.
        LateCharges low = eur("FR", "10000.00", "2025-03-31", "2025-05-15", "5");
        assertThat(low.ratePercent()).isEqualByComparingTo("11.13");
        assertThat(low.interest()).isEqualTo(amount("137.22"));
        assertThat(low.compensation()).isEqualTo(amount("40.00"));

        // Contract 15 % > 11.13 % → 15 %: 10,000 × 15 × 45 / 36,500 = 6,750,000 / 36,500 = 184.9315068… → 184.93.
        LateCharges high = eur("FR", "10000.00", "2025-03-31", "2025-05-15", "15");
        assertThat(high.ratePercent()).isEqualByComparingTo("15");
        assertThat(high.interest()).isEqualTo(amount("184.93"));

        // Contract 12 %: below the statutory 13.15 % but above the floor: in France it still replaces it.
        // 10,000 × 12 × 45 / 36,500 = 5,400,000 / 36,500 = 147.9452054… → 147.95.
        LateCharges between = eur("FR", "10000.00", "2025-03-31", "2025-05-15", "12");
        assertThat(between.ratePercent()).isEqualByComparingTo("12");
        assertThat(between.interest()).isEqualTo(amount("147.95"));
    }

    @Test
    void frenchContractRateFloorFollowsTheHalfYear() {
        // Contract 5 %, due 2025-06-15, as of 2025-07-20:
        //   15 days at max(5, 3 × 3.71 = 11.13): 10,000 × 11.13 × 15 = 1,669,500
        //   20 days at max(5, 3 × 2.76 = 8.28):  10,000 × 8.28 × 20 = 1,656,000
        //   (1,669,500 + 1,656,000) / 36,500 = 3,325,500 / 36,500 = 91.1095890… → 91.11.
        LateCharges c = eur("FR", "10000.00", "2025-06-15", "2025-07-20", "5");

        assertThat(c.periods()).extracting(InterestPeriod::ratePercent)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(amount("11.13"), amount("8.28"));
        assertThat(c.interest()).isEqualTo(amount("91.11"));
    }

    // --- EU ---

    @Test
    void germanInvoiceGetsEcbPlusEightPoints() {
        // DE → EU. 45 days in H1 2025 at 3.15 + 8 = 11.15 %:
        // 10,000 × 11.15 × 45 / 36,500 = 5,017,500 / 36,500 = 137.4657534… → 137.47; + EUR 40.00 → total 10,177.47.
        LateCharges c = eur("DE", "10000.00", "2025-03-31", "2025-05-15", null);

        assertThat(c.jurisdiction()).isEqualTo(Jurisdiction.EU);
        assertThat(c.ratePercent()).isEqualByComparingTo("11.15");
        assertThat(c.interest()).isEqualTo(amount("137.47"));
        assertThat(c.compensation()).isEqualTo(amount("40.00"));
        assertThat(c.total(amount("10000.00"))).isEqualTo(amount("10177.47"));
    }

    @Test
    void euLatenessOverThreeHalfYears() {
        // DE, due 2024-11-30, as of 2025-07-10:
        //   2024-12-01..12-31:  31 days at 4.25 + 8 = 12.25 %: 12.25 × 31  = 379.75
        //   2025-01-01..06-30: 181 days at 3.15 + 8 = 11.15 %: 11.15 × 181 = 2,018.15
        //   2025-07-01..07-10:  10 days at 2.15 + 8 = 10.15 %: 10.15 × 10  = 101.50
        //   10,000 × (379.75 + 2,018.15 + 101.50) / 36,500 = 24,994,000 / 36,500 = 684.7671232… → 684.77.
        LateCharges c = eur("DE", "10000.00", "2024-11-30", "2025-07-10", null);

        assertThat(c.periods()).extracting(InterestPeriod::days).containsExactly(31L, 181L, 10L);
        assertThat(c.periods()).extracting(InterestPeriod::ratePercent)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(amount("12.25"), amount("11.15"), amount("10.15"));
        assertThat(c.daysLate()).isEqualTo(222);
        assertThat(c.ratePercent()).isEqualByComparingTo("10.15");
        assertThat(c.interest()).isEqualTo(amount("684.77"));
    }

    @Test
    void euContractRateAppliesOnlyWhenHigher() {
        // 45 days in H1 2025, statutory 11.15 %. Contract 9 % is lower → 11.15 % (137.47, as above).
        assertThat(eur("DE", "10000.00", "2025-03-31", "2025-05-15", "9").interest()).isEqualTo(amount("137.47"));
        // Contract 14 %: 10,000 × 14 × 45 / 36,500 = 6,300,000 / 36,500 = 172.6027397… → 172.60.
        LateCharges c = eur("DE", "10000.00", "2025-03-31", "2025-05-15", "14");
        assertThat(c.ratePercent()).isEqualByComparingTo("14");
        assertThat(c.interest()).isEqualTo(amount("172.60"));
    }

    @Test
    void interestIsOnTheOutstandingAmountAndRoundedHalfUpOnce() {
        // Invoice 10,000.00 of which 150.00 outstanding, DE, due 2025-01-31, as of 2025-04-14:
        // 28 (Feb) + 31 (Mar) + 14 (Apr) = 73 days at 11.15 %:
        // 150 × 11.15 × 73 / 36,500 = 122,092.5 / 36,500 = 3.345 exactly → 3.35 half-up (half-even would give 3.34).
        LateCharges c = charges.compute("DE", amount("10000.00"), amount("150.00"), EUR,
                date("2025-01-31"), date("2025-04-14"), null);

        assertThat(c.daysLate()).isEqualTo(73);
        assertThat(c.interest()).isEqualTo(amount("3.35"));
        assertThat(c.compensation()).isEqualTo(amount("40.00"));
        // 150.00 + 3.35 + 40.00
        assertThat(c.total(amount("150.00"))).isEqualTo(amount("193.35"));
    }

    @Test
    void euCompensationInAnotherCurrencyIsTheConfiguredAmountOrNone() {
        Currency sek = Currency.getInstance("SEK");
        // SEK not configured: no fixed compensation; interest as in EUR: 137.47 (see above).
        LateCharges none = charges.compute("SE", amount("10000.00"), amount("10000.00"), sek,
                date("2025-03-31"), date("2025-05-15"), null);
        assertThat(none.compensation()).isEqualTo(amount("0.00"));
        assertThat(none.interest()).isEqualTo(amount("137.47"));

        // Configured: SEK 450.
        LatePaymentCharges withSek = new LatePaymentCharges(
                properties(Map.of(EUR, amount("40"), sek, amount("450"))));
        assertThat(withSek.compute("SE", amount("10000.00"), amount("10000.00"), sek,
                date("2025-03-31"), date("2025-05-15"), null).compensation()).isEqualTo(amount("450.00"));
    }

    @Test
    void amountsAreRoundedToTheCurrencysMinorUnit() {
        // JPY has no minor unit. DE, JPY 1,000,000, 45 days at 11.15 %:
        // 1,000,000 × 11.15 × 45 / 36,500 = 13,746.575… → 13,747. No JPY compensation configured → 0.
        Currency jpy = Currency.getInstance("JPY");
        LateCharges c = charges.compute("DE", amount("1000000"), amount("1000000"), jpy,
                date("2025-03-31"), date("2025-05-15"), null);
        assertThat(c.interest()).isEqualTo(amount("13747"));
        assertThat(c.compensation()).isEqualTo(amount("0"));
    }

    // --- GB ---

    @Test
    void gbFixedSumByPrincipalBand() {
        // Any lateness; 1 day here. Bands on the invoice amount: under 1,000 → 40; 1,000 to under 10,000 → 70; else 100.
        assertThat(gbp("500.00", "2025-03-31", "2025-04-01").compensation()).isEqualTo(amount("40.00"));
        assertThat(gbp("999.99", "2025-03-31", "2025-04-01").compensation()).isEqualTo(amount("40.00"));
        assertThat(gbp("1000.00", "2025-03-31", "2025-04-01").compensation()).isEqualTo(amount("70.00"));
        assertThat(gbp("5000.00", "2025-03-31", "2025-04-01").compensation()).isEqualTo(amount("70.00"));
        assertThat(gbp("9999.99", "2025-03-31", "2025-04-01").compensation()).isEqualTo(amount("70.00"));
        assertThat(gbp("10000.00", "2025-03-31", "2025-04-01").compensation()).isEqualTo(amount("100.00"));
    }

    @Test
    void gbBandIsOnThePrincipalNotWhatIsLeft() {
        // Invoice GBP 10,000, 2,000 left: GBP 100; interest on 2,000. Due 2025-03-31, as of 2025-05-15: 45 days,
        // late from April → base rate on 31 Dec 2024 4.75 + 8 = 12.75 %:
        // 2,000 × 12.75 × 45 / 36,500 = 1,147,500 / 36,500 = 31.4383561… → 31.44.
        LateCharges c = charges.compute("GB", amount("10000.00"), amount("2000.00"), GBP,
                date("2025-03-31"), date("2025-05-15"), null);
        assertThat(c.compensation()).isEqualTo(amount("100.00"));
        assertThat(c.interest()).isEqualTo(amount("31.44"));
    }

    @Test
    void gbRateIsFixedFromTheReferenceDateAcrossThirtiethJune() {
        // GBP 5,000 due 2025-05-31, late from 2025-06-01 (January–June) → base rate on 31 Dec 2024: 4.75 + 8 = 12.75 %,
        // kept after 30 June (when the base rate reference became 4.25). 30 (June) + 30 (July) = 60 days:
        // 5,000 × 12.75 × 60 / 36,500 = 3,825,000 / 36,500 = 104.7945205… → 104.79; + GBP 70.00.
        LateCharges c = gbp("5000.00", "2025-05-31", "2025-07-30");

        assertThat(c.jurisdiction()).isEqualTo(Jurisdiction.GB);
        assertThat(c.periods()).containsExactly(new InterestPeriod(
                date("2025-06-01"), date("2025-07-30"), 60, amount("12.75"), amount("104.794521")));
        assertThat(c.interest()).isEqualTo(amount("104.79"));
        assertThat(c.compensation()).isEqualTo(amount("70.00"));
        assertThat(c.total(amount("5000.00"))).isEqualTo(amount("5174.79"));
    }

    @Test
    void gbReferenceDateFollowsTheFirstDayLate() {
        // Due 2025-06-29: late from 30 June → reference 31 Dec 2024, 12.75 %.
        assertThat(gbp("500.00", "2025-06-29", "2025-07-31").ratePercent()).isEqualByComparingTo("12.75");
        // Due 2025-06-30: late from 1 July → reference 30 June 2025: 4.25 + 8 = 12.25 %, 31 days:
        // 500 × 12.25 × 31 / 36,500 = 189,875 / 36,500 = 5.2020547… → 5.20; + GBP 40.00.
        LateCharges c = gbp("500.00", "2025-06-30", "2025-07-31");
        assertThat(c.ratePercent()).isEqualByComparingTo("12.25");
        assertThat(c.interest()).isEqualTo(amount("5.20"));
        assertThat(c.compensation()).isEqualTo(amount("40.00"));
    }

    @Test
    void gbRateIsFixedAcrossThirtyFirstDecember() {
        // GBP 10,000 due 2025-12-15, late from 16 December (July–December) → base rate on 30 June 2025: 4.25 + 8
        // = 12.25 %, kept in January (31 Dec 2025 would give 11.75). 16 + 20 = 36 days:
        // 10,000 × 12.25 × 36 / 36,500 = 4,410,000 / 36,500 = 120.8219178… → 120.82; + GBP 100.00.
        LateCharges c = gbp("10000.00", "2025-12-15", "2026-01-20");

        assertThat(c.periods()).hasSize(1);
        assertThat(c.daysLate()).isEqualTo(36);
        assertThat(c.ratePercent()).isEqualByComparingTo("12.25");
        assertThat(c.interest()).isEqualTo(amount("120.82"));
        assertThat(c.compensation()).isEqualTo(amount("100.00"));
    }

    @Test
    void gbContractRateAppliesOnlyWhenHigher() {
        // Statutory 12.75 % (see above), 45 days on GBP 5,000.
        // Contract 10 % → 12.75 %: 5,000 × 12.75 × 45 / 36,500 = 2,868,750 / 36,500 = 78.5958904… → 78.60.
        // Contract 20 % → 20 %:    5,000 × 20 × 45 / 36,500 = 4,500,000 / 36,500 = 123.2876712… → 123.29.
        assertThat(charges.compute("GB", amount("5000"), amount("5000"), GBP, date("2025-03-31"), date("2025-05-15"),
                amount("10")).interest()).isEqualTo(amount("78.60"));
        assertThat(charges.compute("GB", amount("5000"), amount("5000"), GBP, date("2025-03-31"), date("2025-05-15"),
                amount("20")).interest()).isEqualTo(amount("123.29"));
    }

    @Test
    void gbInvoiceInAnotherCurrencyGetsNoFixedSum() {
        LateCharges c = charges.compute("GB", amount("5000"), amount("5000"), EUR, date("2025-03-31"),
                date("2025-05-15"), null);
        assertThat(c.compensation()).isEqualTo(amount("0.00"));
        assertThat(c.interest()).isEqualTo(amount("78.60"));
    }

    // --- not late, missing rates, countries ---

    @Test
    void notLateMeansNoInterestAndNoCompensation() {
        for (String asOf : List.of("2025-03-31", "2025-03-01")) {
            LateCharges c = eur("FR", "10000.00", "2025-03-31", asOf, null);
            assertThat(c.daysLate()).isZero();
            assertThat(c.interest()).isEqualTo(amount("0.00"));
            assertThat(c.compensation()).isEqualTo(amount("0.00"));
            assertThat(c.periods()).isEmpty();
            assertThat(c.total(amount("10000.00"))).isEqualTo(amount("10000.00"));
        }
        assertThat(gbp("10000.00", "2025-03-31", "2025-03-31").compensation()).isEqualTo(amount("0.00"));
        // The first day late already owes the compensation: 1 day at 13.15 % on 10,000 = 3.6027… → 3.60.
        LateCharges oneDay = eur("FR", "10000.00", "2025-03-31", "2025-04-01", null);
        assertThat(oneDay.interest()).isEqualTo(amount("3.60"));
        assertThat(oneDay.compensation()).isEqualTo(amount("40.00"));
    }

    @Test
    void aDateBeforeTheFirstConfiguredRateIsAnError() {
        // Late from December 2023: needs the ECB rate of 1 July 2023, the table starts on 1 January 2024.
        assertThatThrownBy(() -> eur("DE", "10000.00", "2023-11-30", "2024-01-15", null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ECB")
                .hasMessageContaining("2023-07-01")
                .hasMessageContaining("relance.late-payment.reference-rates.ECB starts on 2024-01-01");
        // GB late from December 2023: needs the base rate of 30 June 2023, the table starts on 31 December 2023.
        assertThatThrownBy(() -> gbp("500", "2023-12-15", "2024-01-15"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("BOE")
                .hasMessageContaining("2023-06-30");
        // French contract rate: the floor needs the legal rate of H2 2023.
        assertThatThrownBy(() -> eur("FR", "10000.00", "2023-11-30", "2024-01-15", "20"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("FR_LEGAL")
                .hasMessageContaining("2023-07-01");
    }

    @Test
    void aRateTableNotConfiguredIsAnError() {
        LatePaymentCharges noBoe = new LatePaymentCharges(new LatePaymentProperties(Jurisdiction.EU,
                Map.of("GB", Jurisdiction.GB), Map.of(), Map.of()));
        assertThatThrownBy(() -> noBoe.compute("GB", amount("500"), amount("500"), GBP, date("2025-03-31"),
                date("2025-05-15"), null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("No BOE reference rate is configured (relance.late-payment.reference-rates.BOE);"
                        + " it is needed for 2024-12-31");
    }

    @Test
    void aCountryNotConfiguredFallsBackToTheDefaultJurisdiction() {
        assertThat(charges.jurisdictionOf("FR")).isEqualTo(Jurisdiction.FR);
        assertThat(charges.jurisdictionOf("GB")).isEqualTo(Jurisdiction.GB);
        assertThat(charges.jurisdictionOf("IT")).isEqualTo(Jurisdiction.EU);
        assertThat(charges.jurisdictionOf("fr")).isEqualTo(Jurisdiction.FR);
        assertThat(charges.jurisdictionOf("US")).isEqualTo(Jurisdiction.EU);
        // US customer: EU rules, 11.15 % → 137.47 + EUR 40.00, as for DE.
        LateCharges c = eur("US", "10000.00", "2025-03-31", "2025-05-15", null);
        assertThat(c.jurisdiction()).isEqualTo(Jurisdiction.EU);
        assertThat(c.interest()).isEqualTo(amount("137.47"));
        assertThat(c.compensation()).isEqualTo(amount("40.00"));
    }

    @Test
    void rateTablesAreValidated() {
        assertThatThrownBy(() -> new LatePaymentProperties(null, null, null,
                Map.of("ECB_TYPO", table("2025-01-01", "3.15"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ECB_TYPO");
        assertThatThrownBy(() -> new LatePaymentProperties(null, null, null,
                Map.of("ECB", table("2025-01-01", "3.15", "2025-01-01", "2.15"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two rates from 2025-01-01");
        // Entries out of order are sorted: the rate in force is still the latest one on or before the date.
        LatePaymentProperties unordered = new LatePaymentProperties(null, null, null,
                Map.of("ECB", table("2025-07-01", "2.15", "2025-01-01", "3.15")));
        assertThat(unordered.rateOn("ECB", date("2025-03-01"))).isEqualByComparingTo("3.15");
        assertThat(unordered.rateOn("ECB", date("2025-09-01"))).isEqualByComparingTo("2.15");
        assertThat(unordered.defaultJurisdiction()).isEqualTo(Jurisdiction.EU);
    }
}
