package com.relance.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import com.relance.invoice.InvoiceStatus;
import com.relance.reporting.ReceivableFacts.InvoiceFact;
import com.relance.reporting.ReceivableFacts.PaymentFact;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DSO (countback) and CEI on a worked example, every figure computed by hand below.
 *
 * <pre>
 * invoice  issued      due         amount  what happened
 * A        2025-12-10  2026-01-09  1000    600 paid 2026-01-20, 400 paid 2026-02-10
 * B        2026-01-15  2026-02-14  3000    3000 paid 2026-03-05
 * C        2026-02-05  2026-03-07  2000    unpaid
 * D        2026-02-20  2026-03-22  1000    200 paid 2026-03-10
 * E        2026-03-02  2026-04-01  1500    unpaid
 * F        2026-01-05  2026-02-04   500    cancelled (never a sale: left out everywhere)
 * G        2025-12-01  2025-12-31   800    written off 2026-02-15 (owed until then)
 *
 * sales: Dec 2025 = A+G = 1800; Jan = B = 3000; Feb = C+D = 3000; Mar 1-15 = E = 1500
 *
 * receivables (owed at the day's end)       total   of which not yet due
 * 2025-12-31: A 1000, G 800                 1800    1000 (A)
 * 2026-01-31: A 400, B 3000, G 800          4200    3000 (B)
 * 2026-02-28: B 3000, C 2000, D 1000        6000    3000 (C, D); G written off on 02-15
 * 2026-03-15: C 2000, D 800, E 1500         4300    2300 (D, E)
 *
 * DSO countback
 * Jan 31: 4200 - Jan 3000 = 1200 left, 31 days; Dec 1800 covers 1200: 1200/1800*31 = 20.667 -> 51.7
 * Feb 28: 6000 - Feb 3000 = 3000 left, 28 days; Jan 3000 covers 3000: 31 days -> 59.0
 * Mar 15: 4300 - Mar (15 days) 1500 = 2800 left, 15 days; Feb 3000 covers 2800: 2800/3000*28 = 26.133 -> 41.1
 *
 * CEI = (opening + sales - closing) / (opening + sales - closing current) * 100
 * Jan: (1800 + 3000 - 4200) / (1800 + 3000 - 3000) = 600 / 1800 = 33.3
 * Feb: (4200 + 3000 - 6000) / (4200 + 3000 - 3000) = 1200 / 4200 = 28.6 (the write-off of G counts as gone)
 * Mar: (6000 + 1500 - 4300) / (6000 + 1500 - 2300) = 3200 / 5200 = 61.5
 * </pre>
 */
class CollectionMeasuresTest {

    private static final Currency EUR = Currency.getInstance("EUR");
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 15);

    private final CollectionMeasures measures = new CollectionMeasures(List.of(
            invoice(1, "2025-12-10", "2026-01-09", 1000, InvoiceStatus.PAID, "2026-02-10"),
            invoice(2, "2026-01-15", "2026-02-14", 3000, InvoiceStatus.PAID, "2026-03-05"),
            invoice(3, "2026-02-05", "2026-03-07", 2000, InvoiceStatus.OPEN, null),
            invoice(4, "2026-02-20", "2026-03-22", 1000, InvoiceStatus.OPEN, null),
            invoice(5, "2026-03-02", "2026-04-01", 1500, InvoiceStatus.OPEN, null),
            invoice(6, "2026-01-05", "2026-02-04", 500, InvoiceStatus.CANCELLED, "2026-01-20"),
            invoice(7, "2025-12-01", "2025-12-31", 800, InvoiceStatus.WRITTEN_OFF, "2026-02-15")),
            List.of(payment(1, "2026-01-20", 600), payment(1, "2026-02-10", 400), payment(2, "2026-03-05", 3000),
                    payment(4, "2026-03-10", 200)));

    @Test
    void receivablesAreRebuiltFromInvoicesIssuedAndPaymentsReceivedByTheDay() {
        assertThat(measures.receivablesAt(LocalDate.of(2025, 12, 31))).isEqualByComparingTo("1800");
        assertThat(measures.currentReceivablesAt(LocalDate.of(2025, 12, 31))).isEqualByComparingTo("1000");
        assertThat(measures.receivablesAt(LocalDate.of(2026, 1, 31))).isEqualByComparingTo("4200");
        assertThat(measures.currentReceivablesAt(LocalDate.of(2026, 1, 31))).isEqualByComparingTo("3000");
        // 14 Feb: B 3000 + C 2000 + G 800 (still owed the day before its write-off); A settled on 10 Feb, D not yet issued
        assertThat(measures.receivablesAt(LocalDate.of(2026, 2, 14))).isEqualByComparingTo("5800");
        assertThat(measures.receivablesAt(LocalDate.of(2026, 2, 28))).isEqualByComparingTo("6000");
        assertThat(measures.receivablesAt(TODAY)).isEqualByComparingTo("4300");
        assertThat(measures.currentReceivablesAt(TODAY)).isEqualByComparingTo("2300");
    }

    @Test
    void dsoByCountbackAndCeiMonthByMonth_theCurrentMonthToDate() {
        List<CollectionMeasures.Period> periods = measures.lastMonths(TODAY, 3);

        assertThat(periods).extracting(CollectionMeasures.Period::month)
                .containsExactly(YearMonth.of(2026, 1), YearMonth.of(2026, 2), YearMonth.of(2026, 3));
        assertThat(periods).extracting(CollectionMeasures.Period::end)
                .containsExactly(LocalDate.of(2026, 1, 31), LocalDate.of(2026, 2, 28), TODAY);
        assertThat(periods).extracting(p -> p.sales().intValue()).containsExactly(3000, 3000, 1500);
        assertThat(periods).extracting(p -> p.openingReceivables().intValue()).containsExactly(1800, 4200, 6000);
        assertThat(periods).extracting(p -> p.closingReceivables().intValue()).containsExactly(4200, 6000, 4300);
        assertThat(periods).extracting(p -> p.closingCurrentReceivables().intValue()).containsExactly(3000, 3000, 2300);
        assertThat(periods).extracting(p -> p.dso().toPlainString()).containsExactly("51.7", "59.0", "41.1");
        assertThat(periods).extracting(CollectionMeasures.Period::dsoLowerBound).containsOnly(false);
        assertThat(periods).extracting(p -> p.cei().toPlainString()).containsExactly("33.3", "28.6", "61.5");
    }

    @Test
    void receivablesOlderThanTheCountbackWindow_makeTheDsoALowerBound() {
        // 1000 issued in January 2026, never paid; 24 months without sales behind June 2028:
        // countback uses every one of the 24 months (731 days: Jul 2026 to Jun 2028) and still has 1000 left.
        CollectionMeasures old = new CollectionMeasures(
                List.of(invoice(1, "2026-01-10", "2026-02-09", 1000, InvoiceStatus.OPEN, null)), List.of());
        CollectionMeasures.Countback dso = old.dsoCountback(LocalDate.of(2028, 6, 30));
        assertThat(dso.lowerBound()).isTrue();
        assertThat(dso.days()).isEqualByComparingTo("731");
    }

    @Test
    void ceiHasNoValueWhenNothingWasCollectible() {
        assertThat(CollectionMeasures.cei(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO)).isNull();
    }

    private static InvoiceFact invoice(long id, String issued, String due, int amount, InvoiceStatus status, String closed) {
        return new InvoiceFact(id, EUR, LocalDate.parse(issued), LocalDate.parse(due), BigDecimal.valueOf(amount), status,
                closed == null ? null : LocalDate.parse(closed));
    }

    private static PaymentFact payment(long invoice, String paidOn, int amount) {
        return new PaymentFact(invoice, LocalDate.parse(paidOn), BigDecimal.valueOf(amount));
    }
}
