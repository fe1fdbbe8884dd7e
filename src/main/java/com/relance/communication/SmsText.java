package com.relance.communication;

import java.text.Normalizer;
import java.util.Objects;

/**
 * An SMS body with the encoding and segment count an operator will use (and bill). One character
 * outside the GSM 03.38 alphabet switches the whole text to UCS-2, which holds fewer than half as
 * many characters per segment, so templates are checked here rather than on the invoice.
 */
public final class SmsText {

    public enum Encoding {
        GSM_7("GSM-7", 160, 153),
        UCS_2("UCS-2", 70, 67);

        private final String label;
        private final int singleSegmentUnits;
        private final int concatenatedSegmentUnits;

        Encoding(String label, int singleSegmentUnits, int concatenatedSegmentUnits) {
            this.label = label;
            this.singleSegmentUnits = singleSegmentUnits;
            this.concatenatedSegmentUnits = concatenatedSegmentUnits;
        }

        /** The name SMS providers use ("GSM-7", "UCS-2"). */
        public String label() {
            return label;
        }
    }

    /** GSM 03.38 basic character set (ESC excluded: it only introduces the extension table). */
    private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    /** GSM 03.38 extension table: each is sent as ESC + character, two septets. */
    private static final String GSM_EXTENSION = "\f^{}\\[~]|€";

    private final String text;
    private final Encoding encoding;
    private final int units;
    private final int segments;

    private SmsText(String text) {
        this.text = text;
        this.encoding = isGsm7(text) ? Encoding.GSM_7 : Encoding.UCS_2;
        this.units = encoding == Encoding.GSM_7 ? septets(text) : text.length();
        this.segments = countSegments();
    }

    /**
     * The text in NFC: a decomposed "é" (e + combining accent, as some editors save it) would
     * otherwise force UCS-2 although the GSM alphabet has "é".
     */
    public static SmsText of(String text) {
        Objects.requireNonNull(text, "text");
        return new SmsText(Normalizer.normalize(text, Normalizer.Form.NFC));
    }

    public String text() {
        return text;
    }

    public Encoding encoding() {
        return encoding;
    }

    /** GSM-7 septets (extension characters count 2) or UTF-16 code units for UCS-2. */
    public int units() {
        return units;
    }

    /** 0 for an empty text. */
    public int segments() {
        return segments;
    }

    /** Refuses a text longer than the allowed segments: a template too long is a bug, never truncated. */
    SmsText requireAtMostSegments(int maxSegments) {
        if (segments > maxSegments) {
            throw new IllegalArgumentException("SMS text needs " + segments + " segments (" + units + " "
                    + encoding.label() + " units), more than the " + maxSegments + " allowed: " + text);
        }
        return this;
    }

    private static boolean isGsm7(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (GSM_BASIC.indexOf(c) < 0 && GSM_EXTENSION.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static int septets(String text) {
        int septets = 0;
        for (int i = 0; i < text.length(); i++) {
            septets += width(text, i);
        }
        return septets;
    }

    /** Units of the character at i; a surrogate pair (emoji) is counted on its high half. */
    private int unitsAt(int i) {
        if (encoding == Encoding.GSM_7) {
            return width(text, i);
        }
        return Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length()
                && Character.isLowSurrogate(text.charAt(i + 1)) ? 2 : 1;
    }

    private static int width(String text, int i) {
        return GSM_EXTENSION.indexOf(text.charAt(i)) >= 0 ? 2 : 1;
    }

    /**
     * A concatenated message never splits an escape sequence or a surrogate pair across two
     * segments (operators move it whole to the next one), so a segment may hold one unit less.
     */
    private int countSegments() {
        if (units == 0) {
            return 0;
        }
        if (units <= encoding.singleSegmentUnits) {
            return 1;
        }
        int count = 1;
        int used = 0;
        for (int i = 0; i < text.length(); ) {
            int width = unitsAt(i);
            if (used + width > encoding.concatenatedSegmentUnits) {
                count++;
                used = 0;
            }
            used += width;
            i += encoding == Encoding.UCS_2 ? width : 1;
        }
        return count;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SmsText that && text.equals(that.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return encoding.label() + ", " + segments + " segment(s): " + text;
    }
}
