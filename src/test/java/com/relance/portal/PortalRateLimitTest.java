package com.relance.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The public page's brake: a budget per client address and hour, answers costing ten views. */
class PortalRateLimitTest {

    private static final String CUSTOMER = "203.0.113.7";
    private static final String OTHER = "198.51.100.20";
    private static final int ANSWER = PortalRateLimit.VIEWS_PER_ANSWER;
    private static final int VIEW = 1;

    private final PortalLinksTest.TestClock clock = new PortalLinksTest.TestClock(Instant.parse("2026-03-26T08:00:00Z"));
    private final PortalRateLimit limit = new PortalRateLimit(
            new PortalProperties("unit-test-portal-secret-0123456789-abcdef", "http://relance.test", null, 3, 60), clock);

    @Test
    void threeAnswersAnHour_theFourthIsRefused() {
        assertThat(limit.allow(CUSTOMER, ANSWER)).isTrue();
        assertThat(limit.allow(CUSTOMER, ANSWER)).isTrue();
        assertThat(limit.allow(CUSTOMER, ANSWER)).isTrue();

        assertThat(limit.allow(CUSTOMER, ANSWER)).isFalse();
        assertThat(limit.allow(CUSTOMER, VIEW)).as("the budget is spent, views included").isFalse();
    }

    @Test
    void aViewCostsATenthOfAnAnswer_thirtyViewsAnHour() {
        assertThat(ANSWER).isEqualTo(10);
        for (int i = 1; i <= 30; i++) {
            assertThat(limit.allow(CUSTOMER, VIEW)).as("view " + i).isTrue();
        }
        assertThat(limit.allow(CUSTOMER, VIEW)).as("view 31").isFalse();
    }

    @Test
    void viewsAndAnswersShareOneBudget_twoAnswersLeaveTenViews() {
        assertThat(limit.allow(CUSTOMER, ANSWER)).isTrue();
        assertThat(limit.allow(CUSTOMER, ANSWER)).isTrue();
        for (int i = 1; i <= 10; i++) {
            assertThat(limit.allow(CUSTOMER, VIEW)).as("view " + i).isTrue();
        }
        assertThat(limit.allow(CUSTOMER, VIEW)).isFalse();
        assertThat(limit.allow(CUSTOMER, ANSWER)).isFalse();
    }

    @Test
    void anAnswerThatNoLongerFits_isRefusedWithoutSpendingWhatIsLeft() {
        // 29 of 30 used: an answer (10) does not fit, a view (1) still does
        limit.allow(CUSTOMER, ANSWER);
        limit.allow(CUSTOMER, ANSWER);
        for (int i = 0; i < 9; i++) {
            limit.allow(CUSTOMER, VIEW);
        }

        assertThat(limit.allow(CUSTOMER, ANSWER)).isFalse();
        assertThat(limit.allow(CUSTOMER, VIEW)).as("the refused answer cost nothing").isTrue();
        assertThat(limit.allow(CUSTOMER, VIEW)).isFalse();
    }

    @Test
    void anotherClientAddress_isNotAffected() {
        for (int i = 0; i < 3; i++) {
            limit.allow(CUSTOMER, ANSWER);
        }
        assertThat(limit.allow(CUSTOMER, ANSWER)).isFalse();

        assertThat(limit.allow(OTHER, ANSWER)).isTrue();
        assertThat(limit.allow(OTHER, ANSWER)).isTrue();
        assertThat(limit.allow(OTHER, ANSWER)).isTrue();
        assertThat(limit.allow(OTHER, ANSWER)).isFalse();
    }

    @Test
    void aNewHourWindow_allowsAgain() {
        for (int i = 0; i < 3; i++) {
            limit.allow(CUSTOMER, ANSWER);
        }
        clock.advance(Duration.ofMinutes(59).plusSeconds(59));
        assertThat(limit.allow(CUSTOMER, ANSWER)).as("same window, one second before its end").isFalse();

        clock.advance(Duration.ofSeconds(1));
        assertThat(limit.allow(CUSTOMER, ANSWER)).as("an hour after the window opened").isTrue();
        assertThat(limit.allow(CUSTOMER, ANSWER)).isTrue();
        assertThat(limit.allow(CUSTOMER, ANSWER)).isTrue();
        assertThat(limit.allow(CUSTOMER, ANSWER)).as("the new window has the same budget").isFalse();
    }
}
