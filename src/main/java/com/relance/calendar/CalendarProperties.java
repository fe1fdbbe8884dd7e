package com.relance.calendar;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The dunning calendar.
 *
 * @param feedSecret signs the calendar-feed URLs collectors subscribe to (HMAC-SHA256); at least 32
 *                   characters, from the environment ({@code RELANCE_CALENDAR_SECRET}); changing it
 *                   revokes every subscription
 * @param timeZone   the team's time zone: which day an action falls on
 * @param baseUrl    the address feed URLs start with; empty: the address the page was asked on
 */
@ConfigurationProperties("relance.calendar")
public record CalendarProperties(String feedSecret, ZoneId timeZone, String baseUrl) {

    public CalendarProperties {
        if (feedSecret == null || feedSecret.length() < 32) {
            throw new IllegalArgumentException("relance.calendar.feed-secret (RELANCE_CALENDAR_SECRET) must be set, at "
                    + "least 32 characters: it signs the calendar feeds collectors subscribe to");
        }
        timeZone = timeZone == null ? ZoneId.of("Europe/Paris") : timeZone;
        baseUrl = baseUrl == null ? "" : baseUrl.replaceAll("/+$", "");
    }
}
