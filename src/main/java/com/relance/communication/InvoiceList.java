package com.relance.communication;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The invoices a grouped message lists, formatted for the reader, with totals per currency (amounts
 * in different currencies are never added up). What the layouts' invoice-list block prints.
 *
 * @param showCharges at least one invoice states late charges: the columns for them are shown
 */
public record InvoiceList(List<Row> rows, List<Total> totals, boolean showCharges) {

    /** One invoice: every value formatted; interest, compensation empty when its stage states none. */
    public record Row(String number, String issueDate, String dueDate, String amount, String outstanding, long daysLate,
                      String interest, String compensation, String due, String portalLink) {
    }

    /** The sums of one currency. */
    public record Total(String currency, String outstanding, String charges, String due) {
    }

    static InvoiceList of(List<GroupedInvoice> invoices, Locale locale) {
        Map<String, BigDecimal[]> sums = new TreeMap<>();
        List<Row> rows = invoices.stream().map(i -> {
            BigDecimal[] sum = sums.computeIfAbsent(i.currency().getCurrencyCode(),
                    c -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
            sum[0] = sum[0].add(i.outstanding());
            sum[1] = sum[1].add(i.charged());
            sum[2] = sum[2].add(i.due());
            InvoiceFacts f = i.facts();
            return new Row(f.number(), f.issueDate(), f.dueDate(), f.amount(), f.outstanding(), f.daysLate(),
                    i.charges() == null ? "" : i.charges().interest() + " (" + i.charges().rate() + ")",
                    i.charges() == null ? "" : i.charges().compensation(), money(i.due(), i.currency(), locale),
                    i.portalLink());
        }).toList();
        List<Total> totals = sums.entrySet().stream().map(e -> {
            Currency currency = Currency.getInstance(e.getKey());
            return new Total(e.getKey(), money(e.getValue()[0], currency, locale), money(e.getValue()[1], currency, locale),
                    money(e.getValue()[2], currency, locale));
        }).toList();
        return new InvoiceList(rows, totals, invoices.stream().anyMatch(i -> i.charges() != null));
    }

    static String money(BigDecimal value, Currency currency, Locale locale) {
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        format.setCurrency(currency);
        return format.format(value);
    }

    InvoiceList printable() {
        return new InvoiceList(rows.stream().map(r -> new Row(LetterRenderer.printable(r.number()),
                LetterRenderer.printable(r.issueDate()), LetterRenderer.printable(r.dueDate()),
                LetterRenderer.printable(r.amount()), LetterRenderer.printable(r.outstanding()), r.daysLate(),
                LetterRenderer.printable(r.interest()), LetterRenderer.printable(r.compensation()),
                LetterRenderer.printable(r.due()), null)).toList(),
                totals.stream().map(t -> new Total(t.currency(), LetterRenderer.printable(t.outstanding()),
                        LetterRenderer.printable(t.charges()), LetterRenderer.printable(t.due()))).toList(),
                showCharges);
    }
}
