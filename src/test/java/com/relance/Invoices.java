package com.relance;

import com.relance.invoice.InvoiceIntake;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.concurrent.atomic.AtomicInteger;

/** Test invoices: each test gets its own invoice and customer numbers, as the context is shared. */
public final class Invoices {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    public static String nextNumber() {
        return "T-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet();
    }

    /** A French customer of salesperson sam, EUR 1,250.00 open. */
    public static InvoiceIntake french(String number, LocalDate issued, LocalDate due) {
        return intake(number, "fr", "FR", "EUR", "1250.00", "1250.00", issued, due);
    }

    /** A British customer of salesperson sam, GBP 980.50 open. */
    public static InvoiceIntake british(String number, LocalDate issued, LocalDate due) {
        return intake(number, "en", "GB", "GBP", "980.50", "980.50", issued, due);
    }

    public static InvoiceIntake intake(String number, String language, String country, String currency, String amount,
                                       String open, LocalDate issued, LocalDate due) {
        return intake(number, "sme", "sam", language, country, currency, amount, open, issued, due);
    }

    /** A French invoice of the given customer segment and salesperson. */
    public static InvoiceIntake french(String number, String segment, String salesRep, LocalDate issued, LocalDate due) {
        return intake(number, segment, salesRep, "fr", "FR", "EUR", "1250.00", "1250.00", issued, due);
    }

    private static InvoiceIntake intake(String number, String segment, String salesRep, String language, String country,
                                        String currency, String amount, String open, LocalDate issued, LocalDate due) {
        return new InvoiceIntake(number, "C-" + number, "Client " + number, "billing-" + number.toLowerCase() + "@customer.test",
                "+33 1 23 45 67 89", language, country, segment, salesRep, issued, due, Currency.getInstance(currency),
                new BigDecimal(amount), new BigDecimal(open), null, "12 rue des Lilas", null, "69003", "Lyon", null);
    }

    private Invoices() {
    }
}
