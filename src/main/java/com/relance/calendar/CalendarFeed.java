package com.relance.calendar;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * A user's work as an iCalendar feed (RFC 5545), for a calendar app to subscribe to: the signed
 * URL is the credential. The past two weeks (what is still waiting) and the next three months.
 */
@RestController
class CalendarFeed {

    static final MediaType TEXT_CALENDAR = new MediaType("text", "calendar", java.nio.charset.StandardCharsets.UTF_8);
    private static final int DAYS_BACK = 14;
    private static final int DAYS_AHEAD = 92;
    /** Each action shows as a short slot at its time. */
    private static final Duration SLOT = Duration.ofMinutes(15);

    private final CalendarFeedLinks links;
    private final DunningCalendar calendar;
    private final CalendarProperties properties;
    private final Clock clock;

    CalendarFeed(CalendarFeedLinks links, DunningCalendar calendar, CalendarProperties properties, Clock clock) {
        this.links = links;
        this.calendar = calendar;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping("/calendar/feed/{token}.ics")
    ResponseEntity<String> feed(@PathVariable String token) {
        String user = links.verify(token).orElse(null);
        Set<String> groups = user == null ? Set.of() : calendar.groupsOf(user);
        if (user == null || groups.isEmpty()) {
            // Forged, or a user no longer in any of Relance's groups: nothing to say, not even which.
            return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.TEXT_PLAIN)
                    .body("This calendar link is not valid.\n");
        }
        Viewer viewer = Viewer.of(user, List.copyOf(groups));
        LocalDate today = calendar.today();
        List<CalendarEntry> entries = calendar.workOf(viewer, today.minusDays(DAYS_BACK), today.plusDays(DAYS_AHEAD));
        return ResponseEntity.ok().contentType(TEXT_CALENDAR)
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePrivate())
                .body(render(user, entries, clock.instant(), baseUrl()));
    }

    /** Links in events must be absolute: the configured address, else the one the feed was asked on. */
    private String baseUrl() {
        return properties.baseUrl().isEmpty()
                ? ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString() : properties.baseUrl();
    }

    static String render(String user, List<CalendarEntry> entries, Instant stamp, String baseUrl) {
        ICalendarWriter ics = new ICalendarWriter().begin("VCALENDAR")
                .raw("VERSION", "2.0")
                .text("PRODID", "-//Relance//Dunning calendar//EN")
                .raw("CALSCALE", "GREGORIAN")
                .raw("METHOD", "PUBLISH")
                .text("X-WR-CALNAME", "Relance — " + user)
                .raw("X-PUBLISHED-TTL", "PT1H");
        for (CalendarEntry e : entries) {
            ics.begin("VEVENT")
                    .text("UID", e.id() + "@relance")
                    .utc("DTSTAMP", stamp)
                    .utc("DTSTART", e.at())
                    .utc("DTEND", e.at().plus(SLOT))
                    .text("SUMMARY", e.action() + " · " + e.invoiceNumber() + " · " + e.customerName())
                    .text("DESCRIPTION", description(e))
                    .raw("URL", baseUrl + e.invoiceHref())
                    .raw("TRANSP", "TRANSPARENT");
            if (e.stage() != null) {
                ics.text("CATEGORIES", e.stage());
            }
            ics.end("VEVENT");
        }
        return ics.end("VCALENDAR").toString();
    }

    private static String description(CalendarEntry e) {
        StringBuilder d = new StringBuilder();
        d.append("Invoice ").append(e.invoiceNumber()).append(", ").append(e.customerName())
                .append(" (").append(e.customerNumber()).append(")\n");
        d.append("Outstanding: ").append(money(e.outstanding())).append(' ').append(e.currency()).append('\n');
        d.append("Stage: ").append(e.stage() == null ? "—" : e.stage()).append('\n');
        if (!e.channels().isEmpty()) {
            d.append("Channels: ").append(String.join(", ", e.channels())).append('\n');
        }
        d.append("Who acts: ").append(e.actor());
        if (e.onHold()) {
            d.append("\nOn hold: the date moves when the hold ends");
        }
        return d.toString();
    }

    private static String money(BigDecimal amount) {
        return amount.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
    }
}
