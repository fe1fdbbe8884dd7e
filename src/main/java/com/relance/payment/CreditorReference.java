package com.relance.payment;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A structured creditor reference (ISO 11649 "RF" reference): {@code RF}, two check digits, then up
 * to 21 letters and digits; at most 25 characters. The check digits are the ISO 7064 MOD 97-10 ones
 * IBANs use: move {@code RF} and the check digits behind the payload, letters to numbers (A=10 … Z=35),
 * and the whole number mod 97 is 1. A bank carries it to the creditor untouched, in the statement's
 * {@code RmtInf/Strd/CdtrRefInf/Ref}, which is what bank-statement matching looks for first.
 *
 * <p>How an invoice gets its reference (deterministic, so a reprinted reminder carries the same one):
 * <ul>
 *   <li>the invoice number in capitals, accents dropped, keeping only A–Z and 0–9
 *   ({@code INV-2026-0042} → payload {@code INV20260042} → {@code RF..INV20260042});</li>
 *   <li>when that leaves nothing or more than 21 characters: {@code H} + the first 20 base-36
 *   digits of the number's SHA-256 (a number that long cannot be carried whole).</li>
 * </ul>
 * A group of invoices of one customer (one message for several): {@code G} + the first 20 base-36
 * digits of SHA-256 over the customer number and the sorted invoice numbers, so the same group gets
 * the same reference whatever the order of its invoices. Hashed references cannot be read back:
 * {@link PaymentReferences} keeps each reference issued with its invoices.
 */
public record CreditorReference(String value) {

    public static final int MAX_PAYLOAD = 21;
    private static final Pattern FORMAT = Pattern.compile("RF\\d{2}[A-Z0-9]{1," + MAX_PAYLOAD + "}");
    private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);
    private static final int HASH_DIGITS = 20;

    /** @throws IllegalArgumentException when {@code value} is not a well-formed RF reference with valid check digits */
    public CreditorReference {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("not an RF creditor reference (RF, 2 check digits, 1 to 21 letters or digits): "
                    + value);
        }
        if (mod97(value.substring(4) + value.substring(0, 4)) != 1) {
            throw new IllegalArgumentException("wrong check digits in creditor reference " + value);
        }
    }

    /** Reads a reference as printed ({@code RF18 5390 0754 7034}) or typed in lower case; empty when it is none. */
    public static Optional<CreditorReference> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String compact = text.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
        try {
            return Optional.of(new CreditorReference(compact));
        } catch (IllegalArgumentException notOne) {
            return Optional.empty();
        }
    }

    /** The reference for {@code payload} (1 to 21 letters and digits), with its check digits computed. */
    public static CreditorReference withPayload(String payload) {
        if (payload == null || !payload.matches("[A-Z0-9]{1," + MAX_PAYLOAD + "}")) {
            throw new IllegalArgumentException("an RF payload is 1 to 21 capital letters or digits: " + payload);
        }
        int check = 98 - mod97(payload + "RF00");
        return new CreditorReference("RF" + (check < 10 ? "0" : "") + check + payload);
    }

    /** The reference of one invoice (see the class comment for the mapping). */
    public static CreditorReference forInvoice(String invoiceNumber) {
        return withPayload(payloadOf(invoiceNumber));
    }

    /** What {@link #forInvoice} makes of an invoice number's characters, before any hashing. */
    public static String payloadOf(String invoiceNumber) {
        String letters = lettersAndDigits(invoiceNumber);
        return letters.isEmpty() || letters.length() > MAX_PAYLOAD ? "H" + hash(invoiceNumber) : letters;
    }

    /** The reference of one message that asks for several invoices of one customer at once. */
    public static CreditorReference forGroup(String customerNumber, Collection<String> invoiceNumbers) {
        if (invoiceNumbers.isEmpty()) {
            throw new IllegalArgumentException("a group reference needs at least one invoice");
        }
        if (invoiceNumbers.size() == 1) {
            return forInvoice(invoiceNumbers.iterator().next());
        }
        return withPayload("G" + hash(customerNumber + "\n" + String.join("\n", new TreeSet<>(invoiceNumbers))));
    }

    public String payload() {
        return value.substring(4);
    }

    /** In groups of four, as printed on paper for people to copy ({@code RF18 5390 0754 7034}). */
    public String printed() {
        StringBuilder out = new StringBuilder(value.length() + value.length() / 4);
        for (int i = 0; i < value.length(); i += 4) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(value, i, Math.min(i + 4, value.length()));
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return value;
    }

    static String lettersAndDigits(String text) {
        String plain = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFD).toUpperCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(plain.length());
        for (char c : plain.toCharArray()) {
            if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** ISO 7064 MOD 97-10 over letters and digits, letters counting A=10 … Z=35. */
    private static int mod97(String alphanumeric) {
        StringBuilder digits = new StringBuilder(alphanumeric.length() * 2);
        for (char c : alphanumeric.toCharArray()) {
            digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        return new BigInteger(digits.toString()).mod(NINETY_SEVEN).intValue();
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            String base36 = new BigInteger(1, digest).toString(36).toUpperCase(Locale.ROOT);
            return (base36 + "0".repeat(HASH_DIGITS)).substring(0, HASH_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
