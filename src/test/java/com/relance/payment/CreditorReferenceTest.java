package com.relance.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ISO 11649 structured creditor references: check digits, format, and how invoices get theirs. */
class CreditorReferenceTest {

    @Test
    void isoExample_isValidPrintedOrElectronic() {
        assertThat(CreditorReference.parse("RF18 5390 0754 7034")).hasValueSatisfying(r -> {
            assertThat(r.value()).isEqualTo("RF18539007547034");
            assertThat(r.payload()).isEqualTo("539007547034");
            assertThat(r.printed()).isEqualTo("RF18 5390 0754 7034");
        });
        assertThat(CreditorReference.parse("RF18539007547034")).isPresent();
        assertThat(CreditorReference.parse("rf18 5390 0754 7034")).isPresent();
    }

    @Test
    void checkDigitsAreComputedAsIso11649Says() {
        assertThat(CreditorReference.withPayload("539007547034").value()).isEqualTo("RF18539007547034");
        // Computed independently: 98 - (payload + "RF00" as digits, A=10 … Z=35) mod 97.
        assertThat(CreditorReference.withPayload("INV20260042").value()).isEqualTo("RF73INV20260042");
        assertThat(CreditorReference.withPayload("A").value()).isEqualTo("RF25A");
        assertThat(CreditorReference.withPayload("ABC123").value()).isEqualTo("RF47ABC123");
        // A single-digit check is written with its leading zero.
        assertThat(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "X", "Y", "Z", "ZZ", "Q1"))
                .map(CreditorReference::withPayload).allSatisfy(r -> assertThat(r.value()).matches("RF\\d\\d[A-Z0-9]+"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "RF19 5390 0754 7034",       // check digits off by one
            "RF18 5390 0754 7035",       // payload changed
            "RF18 5390 0754 7043",       // two digits swapped
            "RF00 5390 0754 7034",
            "RF18",                      // no payload
            "RF185390075470341234567890", // 26 characters: more than 25
            "RE18 5390 0754 7034",       // not RF
            "RF18 5390-0754-7034",       // a hyphen is not allowed
            "RF1A 5390 0754 7034",
            ""})
    void invalidReferences_areRefused(String text) {
        assertThat(CreditorReference.parse(text)).isEmpty();
        assertThatThrownBy(() -> new CreditorReference(text.replace(" ", ""))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void invoiceNumber_mapsToItsLettersAndDigits_deterministically() {
        CreditorReference ref = CreditorReference.forInvoice("INV-2026-0042");
        assertThat(ref.value()).isEqualTo("RF73INV20260042");
        assertThat(CreditorReference.forInvoice("inv/2026/0042")).isEqualTo(ref);
        assertThat(CreditorReference.forInvoice("FA-2026-Été-7").payload()).isEqualTo("FA2026ETE7");
        assertThat(CreditorReference.forInvoice("INV-2026-0042")).isEqualTo(CreditorReference.forInvoice("INV-2026-0042"));
    }

    @Test
    void tooLongOrEmptyNumbers_areHashed_andStayValidAndShortEnough() {
        CreditorReference longOne = CreditorReference.forInvoice("CUSTOMER-000123-INVOICE-2026-000042");
        assertThat(longOne.payload()).startsWith("H").hasSize(21);
        assertThat(longOne.value()).hasSize(25);
        assertThat(CreditorReference.parse(longOne.value())).contains(longOne);
        assertThat(CreditorReference.forInvoice("CUSTOMER-000123-INVOICE-2026-000043")).isNotEqualTo(longOne);
        assertThat(CreditorReference.forInvoice("---").payload()).startsWith("H").hasSize(21);
        // 21 letters and digits still fit whole.
        assertThat(CreditorReference.forInvoice("ABCDEFGHIJ-0123456789-K").payload()).isEqualTo("ABCDEFGHIJ0123456789K");
    }

    @Test
    void groupReference_ignoresOrder_andDiffersByCustomerAndInvoices() {
        CreditorReference group = CreditorReference.forGroup("C-7", List.of("INV-2", "INV-1", "INV-3"));
        assertThat(group).isEqualTo(CreditorReference.forGroup("C-7", List.of("INV-3", "INV-1", "INV-2")));
        assertThat(group.payload()).startsWith("G").hasSize(21);
        assertThat(CreditorReference.parse(group.printed())).contains(group);
        assertThat(CreditorReference.forGroup("C-8", List.of("INV-1", "INV-2", "INV-3"))).isNotEqualTo(group);
        assertThat(CreditorReference.forGroup("C-7", List.of("INV-1", "INV-2"))).isNotEqualTo(group);
        // A group of one is that invoice's own reference.
        assertThat(CreditorReference.forGroup("C-7", List.of("INV-1"))).isEqualTo(CreditorReference.forInvoice("INV-1"));
    }
}
