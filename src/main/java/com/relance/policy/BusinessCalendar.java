package com.relance.policy;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayCalendar;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Year;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The customer's business days: no reminder on a Saturday, a Sunday or a national public holiday
 * of the customer's country (ISO 3166 code), and only inside a morning sending window in the
 * customer's time zone. Holidays come from jollyday; a country it has no calendar for gets
 * weekends only.
 */
@Component
public class BusinessCalendar {

    private static final Logger log = LoggerFactory.getLogger(BusinessCalendar.class);

    /** Closed days never run for long; this only stops a broken calendar from looping forever. */
    private static final int MAX_DAYS_AHEAD = 366;

    /** jollyday's country calendars by ISO code (its other calendars, such as NYSE or TARGET, are not countries). */
    private static final Map<String, HolidayCalendar> COUNTRIES = Arrays.stream(HolidayCalendar.values())
            .filter(c -> c.getId().matches("[A-Z]{2}"))
            .collect(Collectors.toUnmodifiableMap(HolidayCalendar::getId, Function.identity()));

    /**
     * The region whose holidays count where a country has no single national list. In the UK,
     * Easter Monday and the summer bank holiday are England's and Wales's, not Scotland's: England
     * and Wales, where most customers are, decide.
     */
    private static final Map<String, String[]> REGION = Map.of("GB", new String[] {"eng"});

    // Reading a country's holiday file is expensive (XML, once per country): keep the managers.
    private final Map<String, HolidayManager> managers = new ConcurrentHashMap<>();
    private final Map<String, Set<LocalDate>> closedDays = new ConcurrentHashMap<>();
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    /** Not a weekend and not a public holiday of that country; {@code country} null: weekends only. */
    public boolean isBusinessDay(String country, LocalDate day) {
        if (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            return false;
        }
        String code = code(country);
        if (code == null) {
            return true;
        }
        return !closedDays.computeIfAbsent(code + "/" + day.getYear(), key -> holidays(code, day.getYear()))
                .contains(day);
    }

    /** That day if it is a business day, else the next one. */
    public LocalDate onOrAfter(String country, LocalDate day) {
        LocalDate candidate = day;
        for (int i = 0; i <= MAX_DAYS_AHEAD; i++) {
            if (isBusinessDay(country, candidate)) {
                return candidate;
            }
            candidate = candidate.plusDays(1);
        }
        throw new IllegalStateException("No business day in " + country + " within a year of " + day);
    }

    /**
     * The first instant at or after {@code notBefore} that falls on a business day, from {@code day}
     * on, inside the window [{@code windowStart}, {@code windowEnd}) local time: {@code notBefore}
     * itself when it lies in a business day's window (a late stage goes at once), else the start
     * of the next window. A window start in a DST gap moves forward as {@link ZonedDateTime#of} does.
     */
    public Instant sendInstant(String country, ZoneId zone, LocalDate day, LocalTime windowStart, LocalTime windowEnd,
                               Instant notBefore) {
        if (!windowEnd.isAfter(windowStart)) {
            throw new IllegalArgumentException("The sending window must end after it starts: " + windowStart + "-" + windowEnd);
        }
        LocalDate notBeforeDay = LocalDate.ofInstant(notBefore, zone);
        // Days before notBefore's own day cannot have a window left.
        LocalDate candidate = day.isBefore(notBeforeDay) ? notBeforeDay : day;
        for (int i = 0; i <= MAX_DAYS_AHEAD; i++) {
            if (isBusinessDay(country, candidate)) {
                Instant start = ZonedDateTime.of(candidate, windowStart, zone).toInstant();
                Instant end = ZonedDateTime.of(candidate, windowEnd, zone).toInstant();
                Instant at = notBefore.isAfter(start) ? notBefore : start;
                if (at.isBefore(end)) {
                    return at;
                }
            }
            candidate = candidate.plusDays(1);
        }
        throw new IllegalStateException("No sending window in " + country + " within a year of " + day);
    }

    /** The ISO code in upper case, or null when there is no country or no calendar for it (weekends only). */
    private String code(String country) {
        if (country == null || country.isBlank()) {
            return null; // an instance started before the country was a process variable
        }
        String code = country.strip().toUpperCase(Locale.ROOT);
        if (!COUNTRIES.containsKey(code)) {
            if (warned.add(code)) {
                log.warn("No public holiday calendar for country {}: its reminders skip weekends only", code);
            }
            return null;
        }
        return code;
    }

    private Set<LocalDate> holidays(String code, int year) {
        HolidayManager manager = managers.computeIfAbsent(code,
                c -> HolidayManager.getInstance(ManagerParameters.create(COUNTRIES.get(c))));
        String[] region = REGION.getOrDefault(code, new String[0]);
        // getDate() is the day off (a holiday moved off a weekend, e.g. US Independence Day on the
        // Friday before), which can fall in the year next to the holiday's own (US New Year's Day on
        // a Saturday is off on 31 December): look at the years around. Observances such as New
        // Year's Eve in Belgium are working days.
        return IntStream.rangeClosed(year - 1, year + 1).boxed()
                .flatMap(y -> manager.getHolidays(Year.of(y), region).stream())
                .filter(h -> h.getType() != HolidayType.OBSERVANCE)
                .map(Holiday::getDate)
                .filter(d -> d.getYear() == year)
                .collect(Collectors.toUnmodifiableSet());
    }
}
