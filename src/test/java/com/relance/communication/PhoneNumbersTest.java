package com.relance.communication;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Only numbers that can receive an SMS come out, in E.164. */
class PhoneNumbersTest {

    @ParameterizedTest(name = "{0} in {1} -> {2}")
    @CsvSource({
            "06 12 34 56 78, FR, +33612345678",
            "+33 6 12 34 56 78, FR, +33612345678",
            "0033 6 12 34 56 78, FR, +33612345678",
            "07.51.23.45.67, fr, +33751234567",
            "07400 123456, GB, +447400123456",
            "07911 123456, GB, +447911123456",
            "+44 7911 123456, FR, +447911123456",
            "01512 3456789, DE, +4915123456789",
            "0171 1234567, DE, +491711234567",
            "612 34 56 78, ES, +34612345678",
            "312 345 6789, IT, +393123456789",
            "06 12345678, NL, +31612345678",
            "0470 12 34 56, BE, +32470123456",
            "+32 470 12 34 56, , +32470123456",
            // US and Canadian numbers cannot be told apart: they may be mobiles.
            "(201) 555-0123, US, +12015550123",
    })
    void mobileNumbersBecomeE164(String raw, String country, String e164) {
        assertThat(PhoneNumbers.toE164(raw, country)).contains(e164);
    }

    @ParameterizedTest(name = "{0} in {1} -> empty")
    @CsvSource({
            "+33 1 23 45 67 89, FR",       // French landline: the SMS would be lost
            "01 23 45 67 89, FR",
            "030 1234567, DE",             // Berlin landline
            "0800 123 456, FR",            // freephone
            "'not a number', FR",
            "12, FR",
            "06 12 34, FR",                // too short
            "06 12 34 56 78, ",            // national without a country
            // Ofcom's drama range: looks mobile, is never assigned to anyone.
            "07700 900123, GB",
            "'', FR",
            "'   ', FR",
    })
    void landlinesAndGarbageGiveNothing(String raw, String country) {
        assertThat(PhoneNumbers.toE164(raw, country)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void nullGivesNothing() {
        assertThat(PhoneNumbers.toE164(null, "FR")).isEmpty();
    }
}
