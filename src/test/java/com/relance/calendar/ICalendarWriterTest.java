package com.relance.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** RFC 5545's content-line rules, checked on their edge cases. */
class ICalendarWriterTest {

    @Test
    void textValues_escapeBackslashSemicolonCommaAndLineBreaks() {
        assertThat(ICalendarWriter.escape("a\\b;c,d\ne\r\nf\rg")).isEqualTo("a\\\\b\\;c\\,d\\ne\\nf\\ng");
        assertThat(ICalendarWriter.escape("tab\tkept, bell\u0007 dropped")).isEqualTo("tab\tkept\\, bell dropped");
        assertThat(ICalendarWriter.escape("colon: stays")).isEqualTo("colon: stays");
    }

    @Test
    void longLines_foldAt75Octets_neverInsideAUtf8Character() {
        String value = "SUMMARY:" + "é".repeat(50) + "€".repeat(30) + "x".repeat(100);
        String folded = ICalendarWriter.fold(value);
        String[] lines = folded.split("\r\n", -1);
        assertThat(lines.length).isGreaterThan(3);
        for (int i = 0; i < lines.length; i++) {
            byte[] octets = lines[i].getBytes(StandardCharsets.UTF_8);
            assertThat(octets.length).as("line " + i).isLessThanOrEqualTo(75);
            if (i > 0) {
                assertThat(lines[i]).startsWith(" ");
            }
            // Each physical line is valid UTF-8 on its own: no character was cut.
            assertThat(new String(octets, StandardCharsets.UTF_8)).isEqualTo(lines[i]);
        }
        // The first line is filled up: 75 octets, or as close as a 2-octet character allows.
        assertThat(lines[0].getBytes(StandardCharsets.UTF_8).length).isBetween(74, 75);
        // Unfolding (remove CRLF + one space) gives the line back.
        assertThat(folded.replace("\r\n ", "")).isEqualTo(value);
        assertThat(ICalendarWriter.fold("x".repeat(75))).doesNotContain("\r\n");
        assertThat(ICalendarWriter.fold("x".repeat(76))).isEqualTo("x".repeat(75) + "\r\n x");
    }

    @Test
    void everyLineEndsWithCrlf_andTimesAreUtc() {
        String ics = new ICalendarWriter().begin("VCALENDAR").utc("DTSTAMP", Instant.parse("2026-05-18T07:00:00Z"))
                .end("VCALENDAR").toString();
        assertThat(ics).isEqualTo("BEGIN:VCALENDAR\r\nDTSTAMP:20260518T070000Z\r\nEND:VCALENDAR\r\n");
        assertThatThrownBy(() -> new ICalendarWriter().raw("URL", "http://x\r\nEVIL:1"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
