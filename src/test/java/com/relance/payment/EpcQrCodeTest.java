package com.relance.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The EPC069-12 payload, and the same payload read back from the PNG by ZXing's reader. */
class EpcQrCodeTest {

    static final CreditorReference REF = CreditorReference.forInvoice("INV-2026-0042");

    @Test
    void payload_hasTheGuidelinesFieldsInOrder() {
        String payload = EpcQrCode.payload("COBADEFFXXX", "Relance Demo SAS", "DE89 3704 0044 0532 0130 00",
                new BigDecimal("1250"), REF);
        assertThat(payload).isEqualTo("BCD\n002\n1\nSCT\nCOBADEFFXXX\nRelance Demo SAS\nDE89370400440532013000\n"
                + "EUR1250.00\n\nRF73INV20260042");
    }

    @Test
    void renderedPng_decodesBackToThePayload_fieldByField() throws Exception {
        String payload = EpcQrCode.payload(null, "Atelier Lumière SARL", "FR7630006000011234567890189",
                new BigDecimal("3480.6"), REF);
        byte[] png = EpcQrCode.png(payload);
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');

        EpcQr read = EpcQr.read(png);
        assertThat(read.errorCorrection()).isEqualTo("M");
        assertThat(read.fields()).containsExactly("BCD", "002", "1", "SCT", "", "Atelier Lumière SARL",
                "FR7630006000011234567890189", "EUR3480.60", "", "RF73INV20260042");
    }

    @Test
    void nameIsCutAt70_andAmountsOutsideTheRangeAreRefused() {
        String longName = "N".repeat(80);
        List<String> fields = List.of(EpcQrCode.payload(null, longName, "DE89370400440532013000", BigDecimal.ONE, REF)
                .split("\n", -1));
        assertThat(fields.get(5)).hasSize(70);
        assertThatThrownBy(() -> EpcQrCode.payload(null, "X", "DE89370400440532013000", new BigDecimal("0.001"), REF))
                .hasMessageContaining("0.01");
        assertThatThrownBy(() -> EpcQrCode.payload(null, "X", "DE89370400440532013000", new BigDecimal("1000000000"), REF))
                .hasMessageContaining("999999999.99");
    }
}
