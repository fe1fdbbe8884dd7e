package com.relance.communication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.relance.communication.SmsText.Encoding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Encoding and segment counts as operators bill them: a wrong count means a truncated or costlier SMS. */
class SmsTextTest {

    @ParameterizedTest(name = "{0} ASCII characters -> {1} segment(s)")
    @CsvSource({"0, 0", "1, 1", "160, 1", "161, 2", "306, 2", "307, 3", "459, 3", "460, 4"})
    void plainAsciiUsesGsm7With160Then153SeptetsPerSegment(int length, int segments) {
        SmsText text = SmsText.of("a".repeat(length));

        assertThat(text.encoding()).isEqualTo(Encoding.GSM_7);
        assertThat(text.units()).isEqualTo(length);
        assertThat(text.segments()).isEqualTo(segments);
    }

    @ParameterizedTest
    @ValueSource(strings = {"€", "[", "]", "{", "}", "\\", "^", "~", "|", "\f"})
    void extensionCharactersCountTwoSeptets(String character) {
        SmsText text = SmsText.of("Total " + character);

        assertThat(text.encoding()).isEqualTo(Encoding.GSM_7);
        assertThat(text.units()).isEqualTo(8);
    }

    @Test
    void extensionCharactersCanPushPastOneSegment() {
        assertThat(SmsText.of("a".repeat(158) + "€").segments()).isEqualTo(1);
        assertThat(SmsText.of("a".repeat(159) + "€").segments()).isEqualTo(2);
    }

    @Test
    void anEscapeSequenceIsNeverSplitAcrossSegments() {
        // 152 septets then "€" (2): the 153rd septet would be ESC alone, so "€" opens segment 2.
        SmsText text = SmsText.of("a".repeat(152) + "€" + "a".repeat(152));

        assertThat(text.units()).isEqualTo(306);
        assertThat(text.segments()).isEqualTo(3);
    }

    @Test
    void theWholeGsmBasicSetStaysGsm7() {
        String basic = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
                + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

        SmsText text = SmsText.of(basic);

        assertThat(text.encoding()).isEqualTo(Encoding.GSM_7);
        assertThat(text.units()).isEqualTo(basic.length()).isEqualTo(127);
    }

    @Test
    void eAcuteStaysGsm7() {
        SmsText text = SmsText.of("Échéance dépassée, réglez la facture");

        assertThat(text.encoding()).isEqualTo(Encoding.GSM_7);
    }

    @Test
    void aDecomposedAccentIsComposedFirstSoItStaysGsm7() {
        SmsText text = SmsText.of("e\u0301che\u0301ance");

        assertThat(text.text()).isEqualTo("échéance");
        assertThat(text.encoding()).isEqualTo(Encoding.GSM_7);
        assertThat(text.units()).isEqualTo(8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ç", "ê", "â", "î", "ô", "û", "ë", "ï", "œ", "`", "’", "«"})
    void oneCharacterOutsideTheGsmAlphabetSwitchesTheWholeTextToUcs2(String character) {
        SmsText text = SmsText.of("Votre facture " + character);

        assertThat(text.encoding()).isEqualTo(Encoding.UCS_2);
        assertThat(text.units()).isEqualTo(15);
    }

    @Test
    void ucs2Holds70InOneSegmentThen67PerSegment() {
        assertThat(SmsText.of("ç".repeat(70)).segments()).isEqualTo(1);
        assertThat(SmsText.of("ç".repeat(71)).segments()).isEqualTo(2);
        assertThat(SmsText.of("ç".repeat(134)).segments()).isEqualTo(2);
        assertThat(SmsText.of("ç".repeat(135)).segments()).isEqualTo(3);
        assertThat(SmsText.of("ê" + "a".repeat(69)).segments()).isEqualTo(1);
    }

    @Test
    void anEmojiCountsTwoUtf16Units() {
        SmsText text = SmsText.of("Merci 🙂");

        assertThat(text.encoding()).isEqualTo(Encoding.UCS_2);
        assertThat(text.units()).isEqualTo(8);
        assertThat(SmsText.of("🙂".repeat(35)).segments()).isEqualTo(1);
        assertThat(SmsText.of("🙂".repeat(36)).segments()).isEqualTo(2);
    }

    @Test
    void aSurrogatePairIsNeverSplitAcrossSegments() {
        // 66 units then an emoji (2): it does not fit the first 67-unit segment.
        SmsText text = SmsText.of("ç".repeat(66) + "🙂" + "ç".repeat(66));

        assertThat(text.units()).isEqualTo(134);
        assertThat(text.segments()).isEqualTo(3);
    }

    @Test
    void frenchReminderWithoutCedillaFitsOneGsm7Segment() {
        SmsText text = SmsText.of("Relance Demo SAS : la facture INV-2026-0042 de 1 250,00 € est échue depuis le"
                + " 31/03/2026. Merci de régler ou de nous contacter au +33 1 00 00 00 00.");

        assertThat(text.encoding()).isEqualTo(Encoding.GSM_7);
        assertThat(text.units()).isEqualTo(text.text().length() + 1); // € is ESC + e
        assertThat(text.segments()).isEqualTo(1);
    }

    @Test
    void frenchReminderWithCedillaAndCircumflexCostsThreeUcs2Segments() {
        SmsText text = SmsText.of("Relance Demo SAS : sauf erreur de notre part, nous n'avons pas reçu le règlement"
                + " de la facture INV-2026-0042 (1 250,00 €) échue le 31/03/2026. Merci de régler dès que possible"
                + " ou de nous contacter.");

        assertThat(text.encoding()).isEqualTo(Encoding.UCS_2);
        assertThat(text.units()).isEqualTo(text.text().length());
        assertThat(text.units()).isBetween(135, 201);
        assertThat(text.segments()).isEqualTo(3);
    }

    @Test
    void aTextOverTheAllowedSegmentsIsRefused() {
        SmsText text = SmsText.of("a".repeat(307));

        assertThat(text.requireAtMostSegments(3)).isSameAs(text);
        assertThatThrownBy(() -> text.requireAtMostSegments(2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 segments")
                .hasMessageContaining("2 allowed");
    }

    @Test
    void equalTextsAreEqual() {
        assertThat(SmsText.of("abc")).isEqualTo(SmsText.of("abc")).hasSameHashCodeAs(SmsText.of("abc"));
        assertThat(SmsText.of("")).satisfies(t -> {
            assertThat(t.units()).isZero();
            assertThat(t.segments()).isZero();
            assertThat(t.encoding()).isEqualTo(Encoding.GSM_7);
        });
    }
}
