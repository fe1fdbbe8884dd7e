package com.relance.reporting;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The aging balance: what open invoices still owe, per currency, by how late they are on a given
 * day, by amount and by count. The buckets are those of {@link com.relance.invoice.OutstandingByAge}
 * (the metrics' gauges): due today or later is not due; then 1-30, 31-60, 61-90 and over 90 days
 * past the due date.
 */
public final class AgingBalance {

    public enum Bucket {
        NOT_DUE("Not due"), DAYS_1_30("1–30 days"), DAYS_31_60("31–60 days"), DAYS_61_90("61–90 days"),
        OVER_90("Over 90 days");

        private final String label;

        Bucket(String label) {
            this.label = label;
        }

        public String label() { return label; }

        static Bucket of(long daysLate) {
            if (daysLate <= 0) {
                return NOT_DUE;
            }
            return daysLate <= 30 ? DAYS_1_30 : daysLate <= 60 ? DAYS_31_60 : daysLate <= 90 ? DAYS_61_90 : OVER_90;
        }
    }

    /** One open invoice: its currency, due date and what it still owes. */
    public record OpenItem(Currency currency, LocalDate dueDate, BigDecimal outstanding) {
    }

    public record Cell(Bucket bucket, BigDecimal amount, long count) {
    }

    /** One currency's row: a cell per bucket, in bucket order, and the totals. */
    public record Row(Currency currency, List<Cell> cells, BigDecimal total, long count) {
    }

    private AgingBalance() {
    }

    /** Rows by currency code, each with every bucket (empty ones at zero). */
    public static List<Row> of(Collection<OpenItem> items, LocalDate today) {
        Map<String, Map<Bucket, Cell>> byCurrency = new TreeMap<>();
        for (OpenItem item : items) {
            Map<Bucket, Cell> cells = byCurrency.computeIfAbsent(item.currency().getCurrencyCode(), c -> empty());
            Bucket bucket = Bucket.of(ChronoUnit.DAYS.between(item.dueDate(), today));
            Cell cell = cells.get(bucket);
            cells.put(bucket, new Cell(bucket, cell.amount().add(item.outstanding()), cell.count() + 1));
        }
        return byCurrency.entrySet().stream().map(e -> {
            Currency currency = Currency.getInstance(e.getKey());
            List<Cell> cells = e.getValue().values().stream()
                    .map(c -> new Cell(c.bucket(), Reports.money(c.amount(), currency), c.count())).toList();
            return new Row(currency, cells,
                    cells.stream().map(Cell::amount).reduce(BigDecimal.ZERO, BigDecimal::add),
                    cells.stream().mapToLong(Cell::count).sum());
        }).toList();
    }

    private static Map<Bucket, Cell> empty() {
        Map<Bucket, Cell> cells = new LinkedHashMap<>();
        for (Bucket bucket : Bucket.values()) {
            cells.put(bucket, new Cell(bucket, BigDecimal.ZERO, 0));
        }
        return cells;
    }
}
