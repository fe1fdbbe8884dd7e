package com.relance.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import com.relance.reporting.PromiseKeeping.Outcome;
import com.relance.reporting.PromiseKeeping.Promise;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The promise-to-pay kept rate on a worked example: 3 days of grace, as of 15 March 2026.
 * <pre>
 * promise  promised  deadline (+3)  what happened            outcome
 * P1       03-01     03-04          paid 03-04               kept (on the deadline)
 * P2       03-01     03-04          paid 03-05               broken (a day late)
 * P3       03-01     03-04          unpaid, today 03-15      broken
 * P4       03-14     03-17          unpaid, today 03-15      pending (not counted)
 * P5       03-10     03-13          paid 03-09               kept (early)
 * P6       03-01     03-04          cancelled 03-02          void (not counted)
 * P7       02-01     02-04          cancelled 03-01          broken (the deadline passed unpaid first)
 * kept 2, broken 3: rate = 2 / (2 + 3) = 40.0 %
 * </pre>
 */
class PromiseKeepingTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 15);

    @Test
    void keptWhenPaidByThePromisedDatePlusGrace_rateOverPromisesThatCameDue() {
        List<Promise> promises = List.of(
                promise(1, "2026-03-01", "2026-03-04", null), promise(2, "2026-03-01", "2026-03-05", null),
                promise(3, "2026-03-01", null, null), promise(4, "2026-03-14", null, null),
                promise(5, "2026-03-10", "2026-03-09", null), promise(6, "2026-03-01", null, "2026-03-02"),
                promise(7, "2026-02-01", null, "2026-03-01"));

        assertThat(promises).extracting(p -> PromiseKeeping.outcome(p, 3, TODAY)).containsExactly(Outcome.KEPT,
                Outcome.BROKEN, Outcome.BROKEN, Outcome.PENDING, Outcome.KEPT, Outcome.VOID, Outcome.BROKEN);
        PromiseKeeping.Summary summary = PromiseKeeping.of(promises, 3, TODAY);
        assertThat(summary.kept()).isEqualTo(2);
        assertThat(summary.broken()).isEqualTo(3);
        assertThat(summary.pending()).isEqualTo(1);
        assertThat(summary.voided()).isEqualTo(1);
        assertThat(summary.rate()).isEqualByComparingTo("40.0");
    }

    @Test
    void noRateBeforeAnyPromiseCameDue() {
        assertThat(PromiseKeeping.of(List.of(promise(1, "2026-03-14", null, null)), 3, TODAY).rate()).isNull();
    }

    private static Promise promise(long id, String promised, String paidOn, String closedOtherwise) {
        return new Promise(id, "INV-" + id, LocalDate.parse(promised), paidOn == null ? null : LocalDate.parse(paidOn),
                closedOtherwise == null ? null : LocalDate.parse(closedOtherwise));
    }
}
