package com.relance.simulation;

import com.relance.dunning.DunningStage;
import com.relance.policy.BusinessCalendar;
import com.relance.policy.PolicyVariables;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.UnaryOperator;

/**
 * Plays today's open invoices forward on a policy, day by day, without an engine: pure
 * computation. The dates follow {@link com.relance.dunning.DunningSchedule#dateOf} (offset from
 * the due date plus days on hold, never sooner than the minimum gap after the last reminder, on
 * the customer's business days, a stage already due caught up inside the next morning window, an
 * active hold pushing it to the hold's end); the tasks follow the BPMN (who reviews, who calls,
 * who decides). Assumptions, said on the page: nobody pays, promises and disputes change nothing,
 * and every user task is completed the day it appears (its reminder goes that day).
 */
public final class LadderSimulation {

    /**
     * An open invoice as the ladder knows it today.
     *
     * @param stage          the last stage whose reminder went out, null before the first
     * @param lastReminderAt when it went, null before the first
     * @param reachable      which of a stage's channels reach this customer (may substitute a letter
     *                       for an email; throws when none does)
     */
    public record OpenInvoice(String number, Currency currency, BigDecimal outstanding, LocalDate dueDate,
                              String country, ZoneId zone, String stage, Instant lastReminderAt, int pausedDays,
                              Instant holdUntil, Map<String, Object> decisionInputs,
                              UnaryOperator<List<String>> reachable) {
    }

    /** A user task of {@code invoice-dunning} the ladder creates at a stage, with its candidate group. */
    public record TaskKind(String taskId, String name, String group) {
    }

    /** Who the BPMN asks to act at each stage. */
    public record Tasks(TaskKind reviewLevel1, TaskKind reviewLevel2, TaskKind callCustomer, TaskKind reviewFormalNotice,
                        TaskKind approveFormalNotice, TaskKind decideEscalation) {
    }

    /** One invoice reaching formal notice or escalation inside the horizon. */
    public record Reached(String invoiceNumber, LocalDate day, Currency currency, BigDecimal outstanding) {
    }

    /**
     * @param reminders    per day (every day of the horizon), per channel
     * @param tasks        per day (every day of the horizon), per candidate group
     * @param tasksByName  totals per task over the horizon
     * @param notDunned    invoices the policy does not dun (below its minimum amount)
     * @param problems     invoices the policy could not be applied to, with the reason
     */
    public record Result(LocalDate from, LocalDate until, int invoices, Map<LocalDate, Map<String, Integer>> reminders,
                         Map<LocalDate, Map<String, Integer>> tasks, Map<String, Integer> remindersByChannel,
                         Map<String, Integer> tasksByGroup, Map<String, Integer> tasksByName,
                         List<Reached> formalNotices, List<Reached> escalations,
                         Map<String, BigDecimal> formalNoticeAmounts, Map<String, BigDecimal> escalationAmounts,
                         int notDunned, List<String> problems) {
    }

    private static final List<DunningStage> LADDER = Arrays.asList(DunningStage.values());

    private final BusinessCalendar calendar;
    private final Tasks tasks;

    public LadderSimulation(BusinessCalendar calendar, Tasks tasks) {
        this.calendar = calendar;
        this.tasks = tasks;
    }

    /**
     * @param policy   the policy's process variables for an invoice (the decision's row through
     *                 DunningPolicy.variablesFor); throws IllegalArgumentException when unusable
     * @param now      the simulation starts here; its day (UTC) is the first of {@code days}
     * @param progress told the share done, 0 to 100
     */
    public Result run(List<OpenInvoice> invoices, Function<OpenInvoice, Map<String, Object>> policy, Instant now,
                      int days, IntConsumer progress) {
        LocalDate from = LocalDate.ofInstant(now, ZoneId.of("UTC"));
        LocalDate until = from.plusDays(days); // exclusive
        Map<LocalDate, Map<String, Integer>> reminders = new TreeMap<>();
        Map<LocalDate, Map<String, Integer>> taskDays = new TreeMap<>();
        for (LocalDate d = from; d.isBefore(until); d = d.plusDays(1)) {
            reminders.put(d, new TreeMap<>());
            taskDays.put(d, new TreeMap<>());
        }
        Tally tally = new Tally(reminders, taskDays, from, until);
        int notDunned = 0;
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < invoices.size(); i++) {
            OpenInvoice invoice = invoices.get(i);
            try {
                Map<String, Object> v = policy.apply(invoice);
                if (!Boolean.TRUE.equals(v.get(PolicyVariables.DUNNING_WANTED))) {
                    notDunned++;
                } else {
                    play(invoice, v, now, tally);
                }
            } catch (RuntimeException e) {
                problems.add(invoice.number() + ": " + e.getMessage());
            }
            progress.accept((int) ((i + 1) * 100L / invoices.size()));
        }
        if (invoices.isEmpty()) {
            progress.accept(100);
        }
        java.util.Comparator<Reached> byDay = java.util.Comparator.comparing(Reached::day).thenComparing(Reached::invoiceNumber);
        tally.formalNotices.sort(byDay);
        tally.escalations.sort(byDay);
        return new Result(from, until.minusDays(1), invoices.size(), reminders, taskDays, totals(reminders),
                totals(taskDays), tally.tasksByName, tally.formalNotices, tally.escalations,
                amounts(tally.formalNotices), amounts(tally.escalations), notDunned, problems);
    }

    private void play(OpenInvoice invoice, Map<String, Object> v, Instant now, Tally tally) {
        int next = invoice.stage() == null ? 0 : LADDER.indexOf(DunningStage.valueOf(invoice.stage())) + 1;
        Instant lastSent = invoice.lastReminderAt();
        Instant clock = now;
        LocalTime sendTime = LocalTime.parse(v.get(PolicyVariables.SEND_TIME).toString());
        LocalTime windowEnd = LocalTime.parse(v.get(PolicyVariables.SEND_WINDOW_END).toString());
        for (int s = next; s < LADDER.size(); s++) {
            DunningStage stage = LADDER.get(s);
            // As ApplyDunningPolicy: no pre-due note once the invoice is due (it was sent before, or never will be).
            if (stage == DunningStage.PRE_DUE && (!Boolean.TRUE.equals(v.get(PolicyVariables.PRE_DUE_REMINDER))
                    || !LocalDate.ofInstant(now, invoice.zone()).isBefore(invoice.dueDate()))) {
                continue;
            }
            Instant at = dateOf(stage, invoice, v, lastSent, clock, sendTime, windowEnd);
            LocalDate day = at.atZone(invoice.zone()).toLocalDate();
            if (!day.isBefore(tally.until)) {
                return;
            }
            if (day.isBefore(tally.from)) {
                day = tally.from; // a customer's local day still behind the first day of the horizon
            }
            stageHappens(stage, invoice, v, day, tally);
            if (stage.channelsVariable() != null) {
                lastSent = at;
            }
            // The next stage is computed when this one is done, as the process does.
            clock = at.isAfter(clock) ? at : clock;
        }
    }

    /** {@link com.relance.dunning.DunningSchedule#dateOf}, from the same variables. */
    Instant dateOf(DunningStage stage, OpenInvoice invoice, Map<String, Object> v, Instant lastSent, Instant now,
                   LocalTime sendTime, LocalTime windowEnd) {
        ZoneId zone = invoice.zone();
        LocalDate day = invoice.dueDate().plusDays(integer(v, stage.offsetVariable())).plusDays(invoice.pausedDays());
        if (lastSent != null) {
            int gap = integer(v, stage == DunningStage.ESCALATION ? PolicyVariables.FORMAL_NOTICE_DEADLINE_DAYS
                    : PolicyVariables.MINIMUM_DAYS_BETWEEN_REMINDERS);
            LocalDate earliest = lastSent.atZone(zone).toLocalDate().plusDays(gap);
            if (earliest.isAfter(day)) {
                day = earliest;
            }
        }
        day = calendar.onOrAfter(invoice.country(), day);
        Instant at = day.isAfter(LocalDate.ofInstant(now, zone)) ? ZonedDateTime.of(day, sendTime, zone).toInstant()
                : calendar.sendInstant(invoice.country(), zone, day, sendTime, windowEnd, now);
        if (invoice.holdUntil() != null && invoice.holdUntil().isAfter(at)) {
            at = invoice.holdUntil();
        }
        return at;
    }

    private void stageHappens(DunningStage stage, OpenInvoice invoice, Map<String, Object> v, LocalDate day, Tally tally) {
        switch (stage) {
            case LEVEL_1 -> {
                if (Boolean.TRUE.equals(v.get(PolicyVariables.LEVEL1_REVIEW))) {
                    tally.task(day, tasks.reviewLevel1());
                }
            }
            case LEVEL_2 -> {
                if (Boolean.TRUE.equals(v.get(PolicyVariables.LEVEL2_REVIEW))) {
                    tally.task(day, tasks.reviewLevel2());
                }
                tally.task(day, tasks.callCustomer());
            }
            case FORMAL_NOTICE -> {
                tally.task(day, tasks.reviewFormalNotice());
                if (Boolean.TRUE.equals(v.get(PolicyVariables.SALES_APPROVAL_REQUIRED))) {
                    tally.task(day, tasks.approveFormalNotice());
                }
                tally.formalNotices.add(new Reached(invoice.number(), day, invoice.currency(), invoice.outstanding()));
            }
            case ESCALATION -> {
                tally.task(day, tasks.decideEscalation());
                tally.escalations.add(new Reached(invoice.number(), day, invoice.currency(), invoice.outstanding()));
            }
            default -> {
            }
        }
        if (stage.channelsVariable() != null) {
            List<String> wanted = Arrays.stream(v.get(stage.channelsVariable()).toString().split(","))
                    .map(String::strip).filter(c -> !c.isEmpty()).toList();
            for (String channel : invoice.reachable().apply(wanted)) {
                tally.reminder(day, channel);
            }
        }
    }

    private static int integer(Map<String, Object> v, String name) {
        return ((Number) v.get(name)).intValue();
    }

    private static Map<String, Integer> totals(Map<LocalDate, Map<String, Integer>> perDay) {
        Map<String, Integer> totals = new TreeMap<>();
        perDay.values().forEach(m -> m.forEach((k, n) -> totals.merge(k, n, Integer::sum)));
        return totals;
    }

    private static Map<String, BigDecimal> amounts(List<Reached> reached) {
        Map<String, BigDecimal> amounts = new TreeMap<>();
        reached.forEach(r -> amounts.merge(r.currency().getCurrencyCode(), r.outstanding(), BigDecimal::add));
        return amounts;
    }

    /** Counts what happens inside the horizon. */
    private static final class Tally {
        final Map<LocalDate, Map<String, Integer>> reminders;
        final Map<LocalDate, Map<String, Integer>> tasks;
        final Map<String, Integer> tasksByName = new LinkedHashMap<>();
        final List<Reached> formalNotices = new ArrayList<>();
        final List<Reached> escalations = new ArrayList<>();
        final LocalDate from;
        final LocalDate until;

        Tally(Map<LocalDate, Map<String, Integer>> reminders, Map<LocalDate, Map<String, Integer>> tasks, LocalDate from,
              LocalDate until) {
            this.reminders = reminders;
            this.tasks = tasks;
            this.from = from;
            this.until = until;
        }

        void reminder(LocalDate day, String channel) {
            reminders.get(day).merge(channel, 1, Integer::sum);
        }

        void task(LocalDate day, TaskKind kind) {
            tasks.get(day).merge(kind.group(), 1, Integer::sum);
            tasksByName.merge(kind.name(), 1, Integer::sum);
        }
    }
}
