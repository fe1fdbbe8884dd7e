package com.relance.calendar;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes iCalendar (RFC 5545) content lines: CRLF line ends, lines folded at 75 octets (never
 * inside a UTF-8 character), TEXT values escaped (backslash, semicolon, comma, line breaks), times
 * in UTC. Small on purpose: the feed needs VCALENDAR and VEVENT, nothing else.
 */
final class ICalendarWriter {

    static final String CRLF = "\r\n";
    private static final int MAX_OCTETS = 75;
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final StringBuilder out = new StringBuilder();

    ICalendarWriter begin(String component) {
        return line("BEGIN:" + component);
    }

    ICalendarWriter end(String component) {
        return line("END:" + component);
    }

    /** A property whose value is written as given (VERSION, a DURATION, a URI): it must not hold line breaks. */
    ICalendarWriter raw(String name, String value) {
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException(name + " must not contain a line break");
        }
        return line(name + ":" + value);
    }

    /** A TEXT property (SUMMARY, DESCRIPTION, LOCATION…): escaped as RFC 5545 section 3.3.11 says. */
    ICalendarWriter text(String name, String value) {
        return line(name + ":" + escape(value));
    }

    /** A DATE-TIME in UTC form ({@code 20260518T070000Z}). */
    ICalendarWriter utc(String name, Instant at) {
        return line(name + ":" + UTC.format(at));
    }

    @Override
    public String toString() {
        return out.toString();
    }

    static String escape(String value) {
        StringBuilder escaped = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> escaped.append("\\\\");
                case ';' -> escaped.append("\\;");
                case ',' -> escaped.append("\\,");
                case '\r' -> {
                    escaped.append("\\n");
                    if (i + 1 < value.length() && value.charAt(i + 1) == '\n') {
                        i++; // CRLF is one line break
                    }
                }
                case '\n' -> escaped.append("\\n");
                default -> {
                    // Other control characters are not allowed in a TEXT value (RFC 5545 3.3.11): dropped.
                    if (c >= 0x20 && c != 0x7f || c == '\t') {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }

    /** Folds a content line: at most 75 octets per physical line, continuation lines start with a space. */
    static String fold(String line) {
        StringBuilder folded = new StringBuilder(line.length() + 16);
        int octets = 0;
        int i = 0;
        while (i < line.length()) {
            int codePoint = line.codePointAt(i);
            int chars = Character.charCount(codePoint);
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > MAX_OCTETS) {
                folded.append(CRLF).append(' ');
                octets = 1;
            }
            folded.appendCodePoint(codePoint);
            octets += size;
            i += chars;
        }
        return folded.toString();
    }

    private ICalendarWriter line(String contentLine) {
        out.append(fold(contentLine)).append(CRLF);
        return this;
    }
}
