package com.relance.dunning;

import static com.relance.policy.PolicyVariables.FORMAL_NOTICE_DEADLINE_DAYS;
import static com.relance.policy.PolicyVariables.MINIMUM_DAYS_BETWEEN_REMINDERS;
import static com.relance.policy.PolicyVariables.PROMISE_GRACE_DAYS;
import static com.relance.policy.PolicyVariables.REVIEW_HOLD_DEFAULT_DAYS;
import static com.relance.policy.PolicyVariables.REVIEW_HOLD_MAX_DAYS;
import static com.relance.policy.PolicyVariables.SEND_TIME;
import static com.relance.policy.PolicyVariables.SEND_WINDOW_END;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import com.relance.policy.BusinessCalendar;
import com.relance.policy.PolicyVariables;
import java.util.Date;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * When each timer of {@code invoice-dunning} fires, from the policy variables set at start.
 * Called from the BPMN's timer definitions, e.g. {@code ${dunningSchedule.dateOf('LEVEL_2', execution)}}.
 * <p>
 * A stage is due at its offset from the due date, at the policy's send time in the customer's time
 * zone, but never sooner than the minimum gap after the previous reminder: an invoice registered
 * late catches up one stage at a time, in order, instead of receiving every reminder at once.
 * Every date that leads to a customer-facing step lands on a business day of the customer's
 * country (no weekend, no public holiday); a stage whose day has come already goes inside the
 * morning sending window [send time, window end): at once when now is in it, else at the next
 * business morning.
 */
@Component("dunningSchedule")
public class DunningSchedule {

    /** Instances started before the sending window was a policy variable: two hours from their send time. */
    private static final int LEGACY_WINDOW_HOURS = 2;

    private final Clock clock;
    private final BusinessCalendar calendar;

    public DunningSchedule(Clock clock, BusinessCalendar calendar) {
        this.clock = clock;
        this.calendar = calendar;
    }

    public Date dateOf(String stageName, VariableScope execution) {
        DunningStage stage = DunningStage.valueOf(stageName);
        ZoneId zone = zone(execution);
        LocalTime sendTime = LocalTime.parse(string(execution, SEND_TIME));
        LocalDate dueDate = LocalDate.parse(string(execution, ProcessVariables.DUE_DATE));
        // Time spent on hold moves every later stage on by as much.
        LocalDate day = dueDate.plusDays(integer(execution, stage.offsetVariable())).plusDays(pausedDays(execution));
        Date lastSent = (Date) execution.getVariable(ProcessVariables.LAST_REMINDER_SENT_AT);
        if (lastSent != null) {
            // After a formal notice the customer has its deadline before escalation.
            int gap = integer(execution, stage == DunningStage.ESCALATION ? FORMAL_NOTICE_DEADLINE_DAYS
                    : MINIMUM_DAYS_BETWEEN_REMINDERS);
            LocalDate earliest = lastSent.toInstant().atZone(zone).toLocalDate().plusDays(gap);
            if (earliest.isAfter(day)) {
                day = earliest;
            }
        }
        String country = country(execution);
        day = calendar.onOrAfter(country, day);
        Instant now = clock.instant();
        Instant at;
        if (day.isAfter(LocalDate.ofInstant(now, zone))) {
            at = ZonedDateTime.of(day, sendTime, zone).toInstant();
        } else {
            // The day has come (a late registration, a lifted hold, a broken promise): now if inside
            // this morning's window, else the next business morning, not whenever the computation
            // happens to run (a Sunday evening).
            at = calendar.sendInstant(country, zone, day, sendTime, windowEnd(execution, sendTime), now);
        }
        // While on hold nothing fires; the resume recalculates with the paused days added.
        Date holdUntil = (Date) execution.getVariable(ProcessVariables.HOLD_UNTIL_DATE);
        if (holdUntil != null && holdUntil.toInstant().isAfter(at)) {
            at = holdUntil.toInstant();
        }
        return Date.from(at);
    }

    /**
     * "Wait for business day" (a timer with {@code ${dunningSchedule.nextBusinessMorning(execution)}}):
     * now when now lies inside the sending window [send time, window end) of one of the customer's
     * business days (in the customer's time zone, holidays of its country), else the next business
     * day's send time. A message sent after such a wait reaches the customer on a business morning.
     */
    public Date nextBusinessMorning(VariableScope execution) {
        ZoneId zone = zone(execution);
        LocalTime sendTime = LocalTime.parse(string(execution, SEND_TIME));
        Instant now = clock.instant();
        return Date.from(calendar.sendInstant(country(execution), zone, LocalDate.ofInstant(now, zone), sendTime,
                windowEnd(execution, sendTime), now));
    }

    /** The promised payment date plus the policy's grace days (then the next business day), at send time. */
    public Date promiseExpiry(VariableScope execution) {
        LocalDate promised = LocalDate.parse(string(execution, ProcessVariables.PROMISED_DATE).substring(0, 10));
        LocalTime sendTime = LocalTime.parse(string(execution, SEND_TIME));
        LocalDate day = calendar.onOrAfter(country(execution), promised.plusDays(integer(execution, PROMISE_GRACE_DAYS)));
        return Date.from(ZonedDateTime.of(day, sendTime, zone(execution)).toInstant());
    }

    /**
     * How long a dispute may hold the ladder at most: the policy's longest hold. A dispute still
     * open then lets the ladder move on, with its "Resolve" task still open.
     */
    public Date disputeHoldEnd(VariableScope execution) {
        ZoneId zone = zone(execution);
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        return Date.from(today.plusDays(integer(execution, PolicyVariables.MAX_HOLD_DAYS))
                .atTime(LocalTime.parse(string(execution, SEND_TIME))).atZone(zone).toInstant());
    }

    /** The hold date a reviewer asked for, or the default hold, capped by the policy's maximum. */
    public Date reviewHoldEnd(VariableScope execution) {
        ZoneId zone = zone(execution);
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        Object asked = execution.getVariable(ProcessVariables.HOLD_UNTIL);
        LocalDate until = asked == null || asked.toString().isBlank()
                ? today.plusDays(integer(execution, REVIEW_HOLD_DEFAULT_DAYS))
                : LocalDate.parse(asked.toString().substring(0, 10));
        LocalDate cap = today.plusDays(integer(execution, REVIEW_HOLD_MAX_DAYS));
        LocalDate end = until.isAfter(cap) ? cap : until.isBefore(today) ? today : until;
        // The notice goes back to review, and from there to the customer: on a business day.
        end = calendar.onOrAfter(country(execution), end);
        Instant at = ZonedDateTime.of(end, LocalTime.parse(string(execution, SEND_TIME)), zone).toInstant();
        return Date.from(at);
    }

    private static int pausedDays(VariableScope execution) {
        Object paused = execution.getVariable(PolicyVariables.PAUSED_DAYS);
        return paused instanceof Number n ? n.intValue() : 0;
    }

    /** Null for instances started before the country was a variable: weekends only then. */
    private static String country(VariableScope execution) {
        Object country = execution.getVariable(ProcessVariables.CUSTOMER_COUNTRY);
        return country == null ? null : country.toString();
    }

    private static LocalTime windowEnd(VariableScope execution, LocalTime sendTime) {
        Object end = execution.getVariable(SEND_WINDOW_END);
        if (end != null) {
            return LocalTime.parse(end.toString());
        }
        LocalTime legacy = sendTime.plusHours(LEGACY_WINDOW_HOURS);
        return legacy.isAfter(sendTime) ? legacy : LocalTime.MAX; // a late send time: the window ends at midnight
    }

    private static ZoneId zone(VariableScope execution) {
        return ZoneId.of(string(execution, ProcessVariables.CUSTOMER_TIME_ZONE));
    }

    private static String string(VariableScope execution, String name) {
        Object value = execution.getVariable(name);
        if (value == null) {
            throw new IllegalStateException("Process variable " + name + " is missing");
        }
        return value.toString();
    }

    private static int integer(VariableScope execution, String name) {
        Object value = execution.getVariable(name);
        if (!(value instanceof Number number)) {
            throw new IllegalStateException("Process variable " + name + " must be a number, is " + value);
        }
        return number.intValue();
    }
}
