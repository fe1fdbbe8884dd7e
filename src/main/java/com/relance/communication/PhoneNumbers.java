package com.relance.communication;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Locale;
import java.util.Optional;

/** Turns the phone numbers customers give into SMS recipients. */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {
    }

    /**
     * The number in E.164 if it can receive an SMS: valid and mobile, or (US, CA…) possibly
     * mobile. A landline would take the SMS and drop it, so it gives empty like garbage does.
     *
     * @param raw as typed: national ("06 12 34 56 78") or international ("+33 6…", "0033 6…")
     * @param countryCode the customer's ISO 3166 country, for numbers written nationally
     */
    public static Optional<String> toE164(String raw, String countryCode) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String region = countryCode == null || countryCode.isBlank() ? null : countryCode.strip().toUpperCase(Locale.ROOT);
        try {
            PhoneNumber number = UTIL.parse(raw, region);
            if (!UTIL.isValidNumber(number)) {
                return Optional.empty();
            }
            PhoneNumberType type = UTIL.getNumberType(number);
            return type == PhoneNumberType.MOBILE || type == PhoneNumberType.FIXED_LINE_OR_MOBILE
                    ? Optional.of(UTIL.format(number, PhoneNumberFormat.E164))
                    : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
