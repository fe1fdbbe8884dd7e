package com.relance.communication;

import com.relance.invoice.Invoice;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

/** An invoice's facts formatted for a reader in {@code locale}: what message templates print. */
public record InvoiceFacts(String number, String customerName, String customerNumber, String issueDate,
                           String dueDate, String amount, String outstanding, long daysLate, String currency) {

    public static InvoiceFacts of(Invoice invoice, Locale locale, LocalDate today) {
        DateTimeFormatter dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale);
        return new InvoiceFacts(invoice.getNumber(), invoice.getCustomer().getName(), invoice.getCustomer().getNumber(),
                dates.format(invoice.getIssueDate()), dates.format(invoice.getDueDate()),
                money(invoice, invoice.getAmount(), locale), money(invoice, invoice.getOutstandingAmount(), locale),
                invoice.daysLate(today), invoice.getCurrency().getCurrencyCode());
    }

    public static String money(Invoice invoice, BigDecimal value, Locale locale) {
        return money(invoice.getCurrency(), value, locale);
    }

    public static String money(java.util.Currency currency, BigDecimal value, Locale locale) {
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        format.setCurrency(currency);
        return format.format(value);
    }

    public static String date(LocalDate date, Locale locale) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale).format(date);
    }
}
