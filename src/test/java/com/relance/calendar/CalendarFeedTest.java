package com.relance.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import com.relance.Invoices;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.Temporal;
import java.util.List;
import java.util.Optional;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The iCalendar feed a collector subscribes to: only with a genuine signature, only their work,
 * valid RFC 5545 (read back by ical4j, lines checked octet by octet), one stable UID per action.
 */
class CalendarFeedTest extends CalendarSeeds {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    CalendarFeedLinks links;

    @Test
    void aCollectorsFeed_holdsTheirCallTask_escapedFoldedAndParsable() throws Exception {
        String tricky = Invoices.nextNumber();
        Task call = callTask(tricky, "sam", LocalDate.of(2026, 5, 11));
        // Its customer's name needs escaping; rename it where the calendar reads it (the customer record).
        renameCustomer("C-" + tricky, trickyName(tricky));
        String automatic = Invoices.nextNumber();
        waitingForPreDue(automatic, "sam", LocalDate.of(2026, 5, 29)); // pre-due Sunday 24, moved past Whit Monday

        ResponseEntity<byte[]> response = rest.getForEntity(links.pathFor("colette"), byte[].class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getHeaders().getContentType().toString()).isEqualTo("text/calendar;charset=UTF-8");
        String ics = new String(response.getBody(), StandardCharsets.UTF_8);
        assertStrictContentLines(ics);

        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        List<VEvent> events = calendar.getComponents("VEVENT");
        VEvent callEvent = events.stream().filter(e -> text(e, "UID").equals("task." + call.getId() + "@relance"))
                .findFirst().orElseThrow(() -> new AssertionError("no event for the call task in\n" + ics));
        assertThat(text(callEvent, "SUMMARY")).isEqualTo("Call the customer · " + tricky + " · " + trickyName(tricky));
        assertThat(instant(callEvent, "DTSTART")).isEqualTo(Instant.parse("2026-05-20T07:00:00Z"));
        assertThat(instant(callEvent, "DTEND")).isEqualTo(Instant.parse("2026-05-20T07:15:00Z"));
        assertThat(text(callEvent, "DESCRIPTION")).contains("Outstanding: 1250.00 EUR\nStage: LEVEL_2\nChannels: PHONE\n"
                + "Who acts: accounting");
        assertThat(text(callEvent, "URL")).endsWith("/audit/invoices/" + tricky);
        assertThat(ics).contains("Dupont\\, Fils\\; Cie \\\\ Fr");
        // Automatic sends are nobody's work: not in a collector's feed.
        assertThat(events).noneMatch(e -> text(e, "SUMMARY").contains(automatic));

        // Fetched again later: the same UID for the same action, a new DTSTAMP.
        at(LocalDate.of(2026, 5, 19), LocalTime.of(8, 0), PARIS);
        String again = rest.getForObject(links.pathFor("colette"), String.class);
        assertThat(again).contains("UID:task." + call.getId() + "@relance").contains("DTSTAMP:20260519T060000Z");

        // A salesperson's feed: their customers' actions, automatic ones too; never another's.
        String samsFeed = rest.getForObject(links.pathFor("sam"), String.class);
        assertThat(samsFeed).contains(automatic).contains("task." + call.getId());
        String sophiesFeed = rest.getForObject(links.pathFor("sophie"), String.class);
        assertThat(sophiesFeed).doesNotContain(tricky).doesNotContain(automatic);
    }

    @Test
    void aForgedOrAlteredSignature_isRefused() {
        String genuine = links.pathFor("colette");
        assertThat(rest.getForEntity(genuine, String.class).getStatusCode()).isEqualTo(HttpStatus.OK);

        String token = genuine.substring("/calendar/feed/".length(), genuine.length() - ".ics".length());
        String user = token.substring(0, token.indexOf('.'));
        String signature = token.substring(token.indexOf('.') + 1);
        // Another user's name under colette's signature.
        String carlsName = links.pathFor("carl");
        String carl = carlsName.substring("/calendar/feed/".length(), carlsName.indexOf('.'));
        assertRefused("/calendar/feed/" + carl + "." + signature + ".ics");
        // One character of the signature changed.
        char flipped = signature.charAt(5) == 'A' ? 'B' : 'A';
        assertRefused("/calendar/feed/" + user + "." + signature.substring(0, 5) + flipped + signature.substring(6) + ".ics");
        assertRefused("/calendar/feed/" + user + ".ics");
        assertRefused("/calendar/feed/" + user + ".!!!.ics");
        // Signed, but for nobody Relance knows.
        assertRefused(links.pathFor("mallory"));
        assertThat(links.verify(token)).isEqualTo(Optional.of("colette"));
    }

    private void assertRefused(String path) {
        ResponseEntity<String> response = rest.getForEntity(path, String.class);
        assertThat(response.getStatusCode()).as(path).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(response.getBody()).doesNotContain("VCALENDAR");
    }

    /** CRLF only, every physical line at most 75 octets, continuation lines start with one space. */
    private static void assertStrictContentLines(String ics) {
        assertThat(ics).startsWith("BEGIN:VCALENDAR\r\n").endsWith("END:VCALENDAR\r\n");
        assertThat(ics.replace("\r\n", "")).doesNotContain("\r").doesNotContain("\n");
        for (String line : ics.substring(0, ics.length() - 2).split("\r\n", -1)) {
            assertThat(line.getBytes(StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(75);
            assertThat(line).as("a line is a property or a continuation").matches("[A-Z-]+[;:].*|\\s.+");
        }
        assertThat(ics).contains("\r\n ").as("long lines were folded");
        assertThat(ics).contains("VERSION:2.0\r\n").contains("PRODID:");
    }

    private static String text(VEvent event, String property) {
        Optional<Property> p = event.getProperty(property);
        return p.map(Property::getValue).orElse("");
    }

    private static Instant instant(VEvent event, String property) {
        Temporal t = event.<net.fortuna.ical4j.model.property.DateProperty<Temporal>>getProperty(property).orElseThrow()
                .getDate();
        return Instant.from(t);
    }

    @Autowired
    com.relance.invoice.CustomerRepository customers;
    @Autowired
    org.springframework.transaction.support.TransactionTemplate transaction;

    private void renameCustomer(String number, String name) {
        transaction.executeWithoutResult(s -> customers.findByNumber(number).orElseThrow().setName(name));
    }
}
