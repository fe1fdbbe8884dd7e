package com.relance.calendar;

import com.relance.dunning.DunningStage;
import com.relance.invoice.FieldError;
import com.relance.invoice.InvalidInvoiceException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The dunning calendar as JSON: {@code GET /api/calendar?from=2026-05-18&to=2026-05-24}. */
@RestController
class CalendarController {

    record CalendarRange(LocalDate from, LocalDate to, ZoneId timeZone, List<CalendarEntry> entries) {
    }

    private final DunningCalendar calendar;
    private final CalendarProperties properties;

    CalendarController(DunningCalendar calendar, CalendarProperties properties) {
        this.calendar = calendar;
        this.properties = properties;
    }

    /**
     * Actions from {@code from} to {@code to} inclusive (ISO dates, days in the team's time zone;
     * default: today and the six days after it), at most {@value DunningCalendar#MAX_RANGE_DAYS} days.
     */
    @GetMapping("/api/calendar")
    CalendarRange calendar(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                           @RequestParam(required = false) String collector,
                           @RequestParam(required = false) String salesperson,
                           @RequestParam(required = false) String customer, @RequestParam(required = false) String stage,
                           Authentication user) {
        List<FieldError> errors = new ArrayList<>();
        LocalDate start = date("from", from, calendar.today(), errors);
        LocalDate end = date("to", to, start == null ? null : start.plusDays(6), errors);
        if (start != null && end != null) {
            if (end.isBefore(start)) {
                errors.add(new FieldError("to", "must not be before from (" + start + ")"));
            } else if (ChronoUnit.DAYS.between(start, end) >= DunningCalendar.MAX_RANGE_DAYS) {
                errors.add(new FieldError("to", "must be less than " + DunningCalendar.MAX_RANGE_DAYS
                        + " days after from: ask for a shorter range"));
            }
        }
        if (stage != null && !stage.isBlank() && !DunningStage.isKnown(stage.strip())) {
            errors.add(new FieldError("stage", "must be one of " + Arrays.stream(DunningStage.values()).map(Enum::name).toList()));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInvoiceException(errors);
        }
        List<CalendarEntry> entries = calendar.entries(start, end, new CalendarFilter(collector, salesperson, customer, stage),
                Viewer.of(user));
        return new CalendarRange(start, end, properties.timeZone(), entries);
    }

    private static LocalDate date(String field, String value, LocalDate otherwise, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be an ISO date (yyyy-mm-dd), was '" + abbreviated(value) + "'"));
            return null;
        }
    }

    private static String abbreviated(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }
}
