package com.relance.banking;

import com.relance.Invoices;
import com.relance.invoice.InvoiceIntake;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** The sample statements under src/test/resources/camt/, their ${...} filled in for this run. */
final class CamtFiles {

    private static final AtomicLong STATEMENTS = new AtomicLong();

    static String read(String name, Map<String, String> values) {
        try (InputStream in = CamtFiles.class.getResourceAsStream("/camt/" + name)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (var e : values.entrySet()) {
                text = text.replace("${" + e.getKey() + "}", e.getValue());
            }
            if (text.matches("(?s).*\\$\\{[A-Z_0-9]+}.*")) {
                throw new IllegalStateException(name + " has an unfilled placeholder: " + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A statement id no other test uses (the import recognises a statement by it). */
    static String statementId() {
        return "STMT-" + ProcessHandle.current().pid() + "-" + System.nanoTime() % 1_000_000 + "-"
                + STATEMENTS.incrementAndGet();
    }

    /** An amount no other open invoice has (rule 3 looks for the only one). */
    static String uniqueAmount() {
        return BigDecimal.valueOf(ThreadLocalRandom.current().nextLong(100_000, 999_999), 2).toPlainString();
    }

    /** An invoice of EUR {@code amount} for the customer {@code customerNumber} ("Client " + it). */
    static InvoiceIntake invoice(String number, String customerNumber, String amount, String currency, LocalDate issued,
                                 LocalDate due) {
        return new InvoiceIntake(number, customerNumber, "Client " + customerNumber, "billing-" + number.toLowerCase()
                + "@customer.test", "+33 1 23 45 67 89", "fr", "FR", "sme", "sam", issued, due,
                Currency.getInstance(currency), new BigDecimal(amount), new BigDecimal(amount), null, "12 rue des Lilas",
                null, "69003", "Lyon", null);
    }

    static String nextNumber() {
        return Invoices.nextNumber();
    }

    private CamtFiles() {
    }
}
