package com.relance.reporting;

import com.relance.reporting.ReceivableFacts.InvoiceFact;
import com.relance.reporting.ReceivableFacts.PaymentFact;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * DSO (countback) and CEI of one currency, month by month, reconstructed from the invoices and
 * payments alone: the receivables at a month end are what invoices issued on or before that day
 * still owed after the payments received on or before it. No exchange rates exist in Relance, so
 * every measure is per currency, never converted.
 * <p>
 * A period is a calendar month; the current month counts up to today (its days are the days so
 * far). Definitions (docs: ../shared/DOMAIN.md "Measures the team watches"):
 * <ul>
 * <li>DSO, countback: take the receivables at the period's end, walk back month by month through
 * sales, subtracting each month's sales until the receivables are used up; DSO is the days of the
 * months fully used plus the used share of the last month's days.</li>
 * <li>CEI = (opening receivables + sales − closing receivables) / (opening receivables + sales −
 * closing current receivables) × 100, current = not yet due at the period's end.</li>
 * </ul>
 */
public final class CollectionMeasures {

    /** How far back the countback may walk: receivables older than that make the DSO a lower bound. */
    static final int COUNTBACK_MONTHS = 24;

    /**
     * @param dso            days (one decimal); 0 when nothing was owed
     * @param dsoLowerBound  the receivables outlasted every month of sales on record: DSO is at least this
     * @param cei            percent (one decimal), null when the denominator is zero
     */
    public record Period(YearMonth month, LocalDate end, BigDecimal sales, BigDecimal openingReceivables,
                         BigDecimal closingReceivables, BigDecimal closingCurrentReceivables, BigDecimal dso,
                         boolean dsoLowerBound, BigDecimal cei) {
    }

    private final List<InvoiceFact> invoices;
    private final Map<Long, List<PaymentFact>> payments;

    /** @param invoices of one currency; payments of those invoices (others are ignored) */
    public CollectionMeasures(Collection<InvoiceFact> invoices, Collection<PaymentFact> payments) {
        this.invoices = invoices.stream().filter(i -> !i.voided()).toList();
        this.payments = payments.stream().collect(Collectors.groupingBy(PaymentFact::invoiceId));
    }

    /** The last {@code months} periods up to {@code today}, oldest first; the last one is the month to date. */
    public List<Period> lastMonths(LocalDate today, int months) {
        List<Period> periods = new ArrayList<>();
        YearMonth current = YearMonth.from(today);
        for (int back = months - 1; back >= 0; back--) {
            YearMonth month = current.minusMonths(back);
            LocalDate end = back == 0 ? today : month.atEndOfMonth();
            LocalDate start = month.atDay(1);
            BigDecimal opening = receivablesAt(start.minusDays(1));
            BigDecimal sales = sales(start, end);
            BigDecimal closing = receivablesAt(end);
            BigDecimal closingCurrent = currentReceivablesAt(end);
            Countback dso = dsoCountback(end);
            periods.add(new Period(month, end, sales, opening, closing, closingCurrent, dso.days, dso.lowerBound,
                    cei(opening, sales, closing, closingCurrent)));
        }
        return periods;
    }

    /** What invoices issued on or before {@code day} still owed at its end. */
    public BigDecimal receivablesAt(LocalDate day) {
        return invoices.stream().map(i -> owedAt(i, day)).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** The part of {@link #receivablesAt} not yet due on {@code day}. */
    public BigDecimal currentReceivablesAt(LocalDate day) {
        return invoices.stream().filter(i -> i.dueDate().isAfter(day)).map(i -> owedAt(i, day))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Amounts invoiced from {@code from} to {@code to}, both included. */
    public BigDecimal sales(LocalDate from, LocalDate to) {
        return invoices.stream().filter(i -> !i.issueDate().isBefore(from) && !i.issueDate().isAfter(to))
                .map(InvoiceFact::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    record Countback(BigDecimal days, boolean lowerBound) {
    }

    /** DSO at {@code end} by the countback method (see the class comment). */
    Countback dsoCountback(LocalDate end) {
        BigDecimal left = receivablesAt(end);
        BigDecimal days = BigDecimal.ZERO;
        if (left.signum() == 0) {
            return new Countback(BigDecimal.ZERO.setScale(1), false);
        }
        LocalDate periodEnd = end;
        for (int i = 0; i < COUNTBACK_MONTHS; i++) {
            LocalDate periodStart = periodEnd.withDayOfMonth(1);
            long periodDays = ChronoUnit.DAYS.between(periodStart, periodEnd) + 1;
            BigDecimal sales = sales(periodStart, periodEnd);
            if (sales.compareTo(left) >= 0) {
                // The last month needed: only the share of its days its sales still cover.
                days = days.add(left.multiply(BigDecimal.valueOf(periodDays)).divide(sales, 10, RoundingMode.HALF_UP));
                return new Countback(days.setScale(1, RoundingMode.HALF_UP), false);
            }
            left = left.subtract(sales);
            days = days.add(BigDecimal.valueOf(periodDays));
            periodEnd = periodStart.minusDays(1);
        }
        return new Countback(days.setScale(1, RoundingMode.HALF_UP), true);
    }

    static BigDecimal cei(BigDecimal opening, BigDecimal sales, BigDecimal closing, BigDecimal closingCurrent) {
        BigDecimal collectible = opening.add(sales).subtract(closingCurrent);
        if (collectible.signum() == 0) {
            return null;
        }
        return opening.add(sales).subtract(closing).multiply(BigDecimal.valueOf(100))
                .divide(collectible, 1, RoundingMode.HALF_UP);
    }

    private BigDecimal owedAt(InvoiceFact invoice, LocalDate day) {
        if (invoice.issueDate().isAfter(day) || invoice.leftWithoutPaymentBy(day)) {
            return BigDecimal.ZERO;
        }
        BigDecimal paid = payments.getOrDefault(invoice.id(), List.of()).stream()
                .filter(p -> !p.paidOn().isAfter(day)).map(PaymentFact::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        // An overpayment is money to refund, not a negative receivable.
        return invoice.amount().subtract(paid).max(BigDecimal.ZERO);
    }
}
