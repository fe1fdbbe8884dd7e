package com.relance.payment;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.iban4j.BicUtil;
import org.iban4j.Iban;
import org.iban4j.Iban4jException;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The account customers pay into, from {@code relance.creditor.*} (the keys that also name the
 * creditor on every reminder). Checked when the application starts: a mistyped IBAN would send
 * every customer's money astray, so an invalid IBAN or BIC stops start-up with the reason. Without
 * an IBAN, reminders carry no payment details at all.
 *
 * @param name            the beneficiary, as the bank account is held (EPC QR: at most 70 characters)
 * @param iban            the IBAN, printed or electronic form
 * @param bic             optional (SEPA needs none since 2016); shown and put in the QR code when set
 * @param payLinkTemplate optional URL of an online payment page, with placeholders {@code {invoice}},
 *                        {@code {amount}}, {@code {currency}}, {@code {reference}} (URL-encoded when filled)
 */
@ConfigurationProperties("relance.creditor")
public record CreditorAccount(String name, String iban, String bic, String payLinkTemplate) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");
    static final java.util.Set<String> PLACEHOLDERS = java.util.Set.of("invoice", "amount", "currency", "reference");

    public CreditorAccount {
        iban = blankToNull(iban);
        bic = blankToNull(bic);
        payLinkTemplate = blankToNull(payLinkTemplate);
        if (iban != null) {
            String electronic = iban.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
            try {
                iban = Iban.valueOf(electronic).toString();
            } catch (Iban4jException e) {
                throw new IllegalArgumentException("relance.creditor.iban '" + iban + "' is not a valid IBAN: "
                        + e.getMessage(), e);
            }
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("relance.creditor.name must name the account holder when an IBAN is set");
            }
        }
        if (bic != null) {
            bic = bic.strip().toUpperCase(Locale.ROOT);
            try {
                BicUtil.validate(bic);
            } catch (Iban4jException e) {
                throw new IllegalArgumentException("relance.creditor.bic '" + bic + "' is not a valid BIC: "
                        + e.getMessage(), e);
            }
        }
        if (payLinkTemplate != null) {
            checkPayLink(payLinkTemplate);
        }
    }

    public boolean hasAccount() {
        return iban != null;
    }

    /** The IBAN in groups of four, as printed for people. */
    public String printedIban() {
        return iban == null ? null : Iban.valueOf(iban).toFormattedString();
    }

    private static void checkPayLink(String template) {
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group(1))) {
                throw new IllegalArgumentException("relance.creditor.pay-link-template has an unknown placeholder {"
                        + m.group(1) + "}; known: " + PLACEHOLDERS);
            }
        }
        URI uri;
        try {
            uri = URI.create(PLACEHOLDER.matcher(template).replaceAll("x"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("relance.creditor.pay-link-template is not a URL: " + template, e);
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("relance.creditor.pay-link-template must be an http(s) URL: " + template);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
