package com.relance.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Business days per country (jollyday's national holidays) and the morning sending window. */
class BusinessCalendarTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final LocalTime NINE = LocalTime.of(9, 0);
    private static final LocalTime ELEVEN = LocalTime.of(11, 0);

    private final BusinessCalendar calendar = new BusinessCalendar();

    @Test
    void bastilleDay_isClosedInFrance_notInGermany() {
        LocalDate july14 = LocalDate.of(2026, 7, 14); // a Tuesday
        assertThat(calendar.isBusinessDay("FR", july14)).isFalse();
        assertThat(calendar.isBusinessDay("DE", july14)).isTrue();
        assertThat(calendar.isBusinessDay("fr", july14)).as("codes in any case").isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"FR", "DE", "GB", "ES", "IT", "NL", "BE", "US"})
    void christmasAndNewYear_areClosedEverywhere(String country) {
        assertThat(calendar.isBusinessDay(country, LocalDate.of(2026, 12, 25))).isFalse(); // a Friday
        assertThat(calendar.isBusinessDay(country, LocalDate.of(2027, 1, 1))).isFalse(); // a Friday
        assertThat(calendar.isBusinessDay(country, LocalDate.of(2026, 1, 1))).isFalse(); // a Thursday
        assertThat(calendar.isBusinessDay(country, LocalDate.of(2026, 12, 23))).isTrue(); // an ordinary Wednesday
    }

    @Test
    void whitMonday_isClosedInGermany() {
        assertThat(calendar.isBusinessDay("DE", LocalDate.of(2026, 5, 25))).isFalse();
        assertThat(calendar.isBusinessDay("DE", LocalDate.of(2026, 5, 26))).isTrue();
    }

    @Test
    void englandsBankHolidays_areClosedInGreatBritain() {
        assertThat(calendar.isBusinessDay("GB", LocalDate.of(2026, 8, 31))).as("summer bank holiday").isFalse();
        assertThat(calendar.isBusinessDay("GB", LocalDate.of(2026, 4, 6))).as("Easter Monday").isFalse();
        // Boxing Day 2026 is a Saturday: the substitute day off is Monday 28 December.
        assertThat(calendar.isBusinessDay("GB", LocalDate.of(2026, 12, 28))).isFalse();
        assertThat(calendar.isBusinessDay("GB", LocalDate.of(2026, 8, 28))).isTrue();
    }

    @Test
    void independenceDayOnASaturday_isObservedOnTheFridayInTheUnitedStates() {
        assertThat(calendar.isBusinessDay("US", LocalDate.of(2026, 7, 3))).isFalse();
        assertThat(calendar.isBusinessDay("US", LocalDate.of(2026, 7, 6))).isTrue();
        // New Year's Day 2028 is a Saturday: observed on Friday 31 December 2027, the year before.
        assertThat(calendar.isBusinessDay("US", LocalDate.of(2027, 12, 31))).isFalse();
    }

    @Test
    void observances_areWorkingDays() {
        // jollyday lists Good Friday in the Netherlands and All Souls in Belgium as observances only.
        assertThat(calendar.isBusinessDay("NL", LocalDate.of(2026, 4, 3))).isTrue();
        assertThat(calendar.isBusinessDay("BE", LocalDate.of(2026, 11, 2))).isTrue();
    }

    @Test
    void weekends_areClosedEverywhere_evenWithoutACountry() {
        for (String country : new String[] {"FR", "US", "ZZ", null}) {
            assertThat(calendar.isBusinessDay(country, LocalDate.of(2026, 6, 6))).as(country + " Saturday").isFalse();
            assertThat(calendar.isBusinessDay(country, LocalDate.of(2026, 6, 7))).as(country + " Sunday").isFalse();
            assertThat(calendar.isBusinessDay(country, LocalDate.of(2026, 6, 8))).as(country + " Monday").isTrue();
        }
    }

    @Test
    void aCountryWithoutCalendar_hasWeekendsOnly() {
        // "ZZ" is no country; jollyday has no calendar for it (it does have Iceland's).
        assertThat(calendar.isBusinessDay("ZZ", LocalDate.of(2026, 12, 25))).isTrue();
        assertThat(calendar.isBusinessDay("ZZ", LocalDate.of(2026, 7, 14))).isTrue();
        assertThat(calendar.isBusinessDay("IS", LocalDate.of(2026, 6, 17))).as("Iceland's national day").isFalse();
    }

    @Test
    void onOrAfter_skipsWeekendsAndHolidays() {
        assertThat(calendar.onOrAfter("FR", LocalDate.of(2026, 7, 14))).isEqualTo(LocalDate.of(2026, 7, 15));
        assertThat(calendar.onOrAfter("FR", LocalDate.of(2026, 5, 30))).isEqualTo(LocalDate.of(2026, 6, 1));
        // Saturday, Sunday, then Whit Monday: Tuesday.
        assertThat(calendar.onOrAfter("FR", LocalDate.of(2026, 5, 23))).isEqualTo(LocalDate.of(2026, 5, 26));
        assertThat(calendar.onOrAfter("FR", LocalDate.of(2026, 7, 15))).isEqualTo(LocalDate.of(2026, 7, 15));
    }

    @Test
    void sendInstant_insideTheWindow_isNotBeforeItself() {
        Instant tenThirty = paris(LocalDate.of(2026, 6, 9), LocalTime.of(10, 30));
        assertThat(calendar.sendInstant("FR", PARIS, LocalDate.of(2026, 6, 9), NINE, ELEVEN, tenThirty))
                .isEqualTo(tenThirty);
        // A stage due days ago, caught up now: at once too.
        assertThat(calendar.sendInstant("FR", PARIS, LocalDate.of(2026, 5, 2), NINE, ELEVEN, tenThirty))
                .isEqualTo(tenThirty);
    }

    @Test
    void sendInstant_beforeTheWindow_isTheWindowsStart() {
        Instant sevenAm = paris(LocalDate.of(2026, 6, 9), LocalTime.of(7, 0));
        assertThat(calendar.sendInstant("FR", PARIS, LocalDate.of(2026, 6, 9), NINE, ELEVEN, sevenAm))
                .isEqualTo(paris(LocalDate.of(2026, 6, 9), NINE));
    }

    @Test
    void sendInstant_afterTheWindow_isTheNextBusinessDaysStart() {
        LocalDate tuesday = LocalDate.of(2026, 6, 9);
        assertThat(calendar.sendInstant("FR", PARIS, tuesday, NINE, ELEVEN, paris(tuesday, ELEVEN)))
                .as("the window's end is outside it").isEqualTo(paris(tuesday.plusDays(1), NINE));
        assertThat(calendar.sendInstant("FR", PARIS, tuesday, NINE, ELEVEN, paris(tuesday, LocalTime.of(15, 0))))
                .isEqualTo(paris(tuesday.plusDays(1), NINE));
    }

    @Test
    void sendInstant_afterFridaysWindow_isMonday_orTuesdayAfterEasterMonday() {
        LocalDate friday = LocalDate.of(2026, 6, 12);
        assertThat(calendar.sendInstant("FR", PARIS, friday, NINE, ELEVEN, paris(friday, LocalTime.of(15, 0))))
                .isEqualTo(paris(LocalDate.of(2026, 6, 15), NINE));
        // Good Friday is a working day in France, Easter Monday is not.
        LocalDate goodFriday = LocalDate.of(2026, 4, 3);
        assertThat(calendar.sendInstant("FR", PARIS, goodFriday, NINE, ELEVEN, paris(goodFriday, LocalTime.of(15, 0))))
                .isEqualTo(paris(LocalDate.of(2026, 4, 7), NINE));
    }

    @Test
    void sendInstant_onAWeekend_isMondaysStart() {
        LocalDate saturday = LocalDate.of(2026, 6, 13);
        assertThat(calendar.sendInstant("FR", PARIS, saturday, NINE, ELEVEN, paris(saturday, LocalTime.of(9, 30))))
                .isEqualTo(paris(LocalDate.of(2026, 6, 15), NINE));
    }

    @Test
    void sendInstant_aFutureDay_isThatDaysStart() {
        Instant now = paris(LocalDate.of(2026, 6, 9), LocalTime.of(15, 0));
        assertThat(calendar.sendInstant("FR", PARIS, LocalDate.of(2026, 6, 18), NINE, ELEVEN, now))
                .isEqualTo(paris(LocalDate.of(2026, 6, 18), NINE));
    }

    @Test
    void sendInstant_refusesAnEmptyWindow() {
        assertThatThrownBy(() -> calendar.sendInstant("FR", PARIS, LocalDate.of(2026, 6, 9), ELEVEN, NINE,
                Instant.parse("2026-06-09T00:00:00Z"))).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Summer time starts on 29 March 2026 and ends on 25 October 2026 in Paris and London (both on a
     * Sunday, no business day): a window missed on the Friday before opens on the Monday at 09:00
     * local time, whose UTC instant has moved by an hour.
     */
    @Test
    void sendInstant_acrossTheChangeToSummerTime() {
        Instant parisFridayAfternoon = Instant.parse("2026-03-27T14:00:00Z"); // 15:00 in Paris (UTC+1)
        assertThat(calendar.sendInstant("FR", PARIS, LocalDate.of(2026, 3, 27), NINE, ELEVEN, parisFridayAfternoon))
                .isEqualTo(Instant.parse("2026-03-30T07:00:00Z")); // 09:00 in Paris (UTC+2)
        Instant londonFridayAfternoon = Instant.parse("2026-03-27T15:00:00Z"); // 15:00 in London (UTC)
        assertThat(calendar.sendInstant("GB", LONDON, LocalDate.of(2026, 3, 27), NINE, ELEVEN, londonFridayAfternoon))
                .isEqualTo(Instant.parse("2026-03-30T08:00:00Z")); // 09:00 in London (UTC+1)
        // Due on the Sunday of the change itself: Monday, in summer time.
        Instant sundayNight = Instant.parse("2026-03-29T01:30:00Z"); // 03:30 in Paris, 02:30 in London
        assertThat(calendar.sendInstant("FR", PARIS, LocalDate.of(2026, 3, 29), NINE, ELEVEN, sundayNight))
                .isEqualTo(Instant.parse("2026-03-30T07:00:00Z"));
        assertThat(calendar.sendInstant("GB", LONDON, LocalDate.of(2026, 3, 29), NINE, ELEVEN, sundayNight))
                .isEqualTo(Instant.parse("2026-03-30T08:00:00Z"));
        // The Friday before the change, inside the window: winter time still.
        assertThat(calendar.sendInstant("FR", PARIS, LocalDate.of(2026, 3, 27), NINE, ELEVEN,
                Instant.parse("2026-03-27T07:00:00Z"))).isEqualTo(Instant.parse("2026-03-27T08:00:00Z"));
    }

    @Test
    void sendInstant_acrossTheChangeToWinterTime() {
        Instant parisFridayAfternoon = Instant.parse("2026-10-23T13:00:00Z"); // 15:00 in Paris (UTC+2)
        assertThat(calendar.sendInstant("FR", PARIS, LocalDate.of(2026, 10, 23), NINE, ELEVEN, parisFridayAfternoon))
                .isEqualTo(Instant.parse("2026-10-26T08:00:00Z")); // 09:00 in Paris (UTC+1)
        Instant londonFridayAfternoon = Instant.parse("2026-10-23T14:00:00Z"); // 15:00 in London (UTC+1)
        assertThat(calendar.sendInstant("GB", LONDON, LocalDate.of(2026, 10, 23), NINE, ELEVEN, londonFridayAfternoon))
                .isEqualTo(Instant.parse("2026-10-26T09:00:00Z")); // 09:00 in London (UTC)
        // Computed in the repeated hour of the change (02:30 in Paris, twice): Monday, in winter time.
        Instant repeatedHour = Instant.parse("2026-10-25T00:30:00Z");
        assertThat(calendar.sendInstant("FR", PARIS, LocalDate.of(2026, 10, 25), NINE, ELEVEN, repeatedHour))
                .isEqualTo(Instant.parse("2026-10-26T08:00:00Z"));
        assertThat(calendar.sendInstant("GB", LONDON, LocalDate.of(2026, 10, 25), NINE, ELEVEN, repeatedHour))
                .isEqualTo(Instant.parse("2026-10-26T09:00:00Z"));
    }

    /**
     * A window that starts inside a DST gap on a business day opens when the gap ends, once. Europe
     * changes on Sundays; Cairo on a Friday (the last of April, 00:00 → 01:00 since 2023). No
     * calendar for "ZZ": weekends only, so that Friday counts.
     */
    @Test
    void sendInstant_aWindowStartingInADstGap_opensWhenTheGapEnds() {
        ZoneId cairo = ZoneId.of("Africa/Cairo");
        LocalDate friday = LocalDate.of(2026, 4, 24);
        ZoneOffsetTransition change = cairo.getRules().getTransition(LocalDateTime.of(friday, LocalTime.of(0, 30)));
        assumeTrue(change != null && change.isGap(), "this JDK's time-zone data has Cairo's 2026 change");

        Instant thursdayEvening = Instant.parse("2026-04-23T18:00:00Z"); // 20:00 in Cairo (UTC+2)
        assertThat(calendar.sendInstant("ZZ", cairo, LocalDate.of(2026, 4, 23), LocalTime.of(0, 30), LocalTime.of(2, 0),
                thursdayEvening)).isEqualTo(Instant.parse("2026-04-23T22:30:00Z")); // 01:30 in Cairo (UTC+3)
    }

    private static Instant paris(LocalDate day, LocalTime time) {
        return day.atTime(time).atZone(PARIS).toInstant();
    }
}
