package com.relance.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import com.relance.reporting.AgingBalance.Bucket;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The aging balance on a worked example, as of 15 March 2026 (days late counted by hand):
 * <pre>
 * due         days late  bucket       EUR
 * 2026-04-01  -17        not due      200
 * 2026-03-15    0        not due      100   due today is not late
 * 2026-03-14    1        1-30          50
 * 2026-02-13   30        1-30          70   13 Feb to 28 Feb = 15, + 15 March days
 * 2026-02-12   31        31-60         30
 * 2026-01-14   60        31-60         10   14 Jan to 14 Feb = 31, to 14 Mar = 28, + 1
 * 2026-01-13   61        61-90         20
 * 2025-12-15   90        61-90         40   31 + 31 + 28
 * 2025-12-14   91        over 90      500
 * GBP: 2026-03-01, 14 days late, 99 -> its own row
 * EUR: not due 300 (2), 1-30 120 (2), 31-60 40 (2), 61-90 60 (2), over 90 500 (1); total 1020 (9)
 * </pre>
 */
class AgingBalanceTest {

    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Currency GBP = Currency.getInstance("GBP");

    @Test
    void bucketsByDaysPastDue_amountAndCount_perCurrency() {
        List<AgingBalance.Row> rows = AgingBalance.of(List.of(
                item(EUR, "2026-04-01", "200"), item(EUR, "2026-03-15", "100"), item(EUR, "2026-03-14", "50"),
                item(EUR, "2026-02-13", "70"), item(EUR, "2026-02-12", "30"), item(EUR, "2026-01-14", "10"),
                item(EUR, "2026-01-13", "20"), item(EUR, "2025-12-15", "40"), item(EUR, "2025-12-14", "500"),
                item(GBP, "2026-03-01", "99")), LocalDate.of(2026, 3, 15));

        assertThat(rows).extracting(r -> r.currency().getCurrencyCode()).containsExactly("EUR", "GBP");
        AgingBalance.Row eur = rows.get(0);
        assertThat(eur.cells()).extracting(AgingBalance.Cell::bucket).containsExactly(Bucket.values());
        assertThat(eur.cells()).extracting(c -> c.amount().intValue()).containsExactly(300, 120, 40, 60, 500);
        assertThat(eur.cells()).extracting(AgingBalance.Cell::count).containsExactly(2L, 2L, 2L, 2L, 1L);
        assertThat(eur.total()).isEqualByComparingTo("1020");
        assertThat(eur.count()).isEqualTo(9);
        AgingBalance.Row gbp = rows.get(1);
        assertThat(gbp.cells()).extracting(c -> c.amount().intValue()).containsExactly(0, 99, 0, 0, 0);
        assertThat(gbp.count()).isEqualTo(1);
    }

    private static AgingBalance.OpenItem item(Currency currency, String due, String amount) {
        return new AgingBalance.OpenItem(currency, LocalDate.parse(due), new BigDecimal(amount));
    }
}
