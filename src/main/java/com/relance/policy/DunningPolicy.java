package com.relance.policy;

import java.math.BigDecimal;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The dunning policy: what the decision table {@code bpmn/dunning-policy.dmn} decides per customer
 * typology, risk, country and amount (timings, channels, reviews, thresholds), completed with the
 * operating rules from configuration ({@code relance.policy}: send time, minimum gap, deadlines,
 * holds). Its output is the set of process variables the BPMN reads ({@link PolicyVariables}).
 */
@ConfigurationProperties("relance.policy")
public record DunningPolicy(
        LocalTime sendTime,
        LocalTime sendWindowEnd,
        int minimumDaysBetweenReminders,
        int formalNoticeDeadlineDays,
        int promiseGraceDays,
        int reviewHoldDefaultDays,
        int reviewHoldMaxDays,
        int maxHoldDays) {

    /** The decision's key: business rule tasks and {@link PolicyDecision} evaluate its latest version. */
    public static final String DECISION = "dunning-policy";

    private static final List<String> CHANNELS = List.of("EMAIL", "SMS", "LETTER");
    private static final List<String> STAGES = List.of("PRE_DUE", "LEVEL_1", "LEVEL_2", "FORMAL_NOTICE");

    public DunningPolicy {
        if (sendTime == null) {
            throw new IllegalArgumentException("relance.policy.send-time is required");
        }
        // The morning sending window [send time, window end): a stage caught up late goes inside it.
        sendWindowEnd = sendWindowEnd == null ? LocalTime.of(11, 0) : sendWindowEnd;
        if (!sendWindowEnd.isAfter(sendTime)) {
            throw new IllegalArgumentException("relance.policy.send-window-end (" + sendWindowEnd
                    + ") must come after send-time (" + sendTime + ") on the same day");
        }
        if (minimumDaysBetweenReminders < 1 || reviewHoldMaxDays < reviewHoldDefaultDays || maxHoldDays < 1) {
            throw new IllegalArgumentException("relance.policy: at least one day between reminders; default hold within the maximum");
        }
    }

    /**
     * The decision's outputs, checked, plus the operating rules, as process variables.
     *
     * @param decided    one row of {@code dunning-policy} (output name to value)
     * @param outstanding the invoice's open amount, compared with the policy's minimum
     * @throws IllegalArgumentException naming the output when the table gives something unusable:
     *                                  a credit manager's edit must fail loudly, not dun wrongly
     */
    public Map<String, Object> variablesFor(Map<String, Object> decided, BigDecimal outstanding) {
        int preDue = integer(decided, PolicyVariables.PRE_DUE_OFFSET_DAYS);
        int level1 = integer(decided, PolicyVariables.LEVEL1_OFFSET_DAYS);
        int level2 = integer(decided, PolicyVariables.LEVEL2_OFFSET_DAYS);
        int formalNotice = integer(decided, PolicyVariables.FORMAL_NOTICE_OFFSET_DAYS);
        int escalation = integer(decided, PolicyVariables.ESCALATION_OFFSET_DAYS);
        if (!(preDue < 0 && preDue < level1 && level1 < level2 && level2 < formalNotice && formalNotice < escalation)) {
            throw new IllegalArgumentException("dunning-policy: offsets must rise stage after stage, pre-due before the "
                    + "due date; got " + List.of(preDue, level1, level2, formalNotice, escalation));
        }
        Map<String, Object> v = new HashMap<>();
        v.put(PolicyVariables.PRE_DUE_REMINDER, bool(decided, PolicyVariables.PRE_DUE_REMINDER));
        v.put(PolicyVariables.PRE_DUE_OFFSET_DAYS, preDue);
        v.put(PolicyVariables.LEVEL1_OFFSET_DAYS, level1);
        v.put(PolicyVariables.LEVEL2_OFFSET_DAYS, level2);
        v.put(PolicyVariables.FORMAL_NOTICE_OFFSET_DAYS, formalNotice);
        v.put(PolicyVariables.ESCALATION_OFFSET_DAYS, escalation);
        for (String channels : List.of(PolicyVariables.PRE_DUE_CHANNELS, PolicyVariables.LEVEL1_CHANNELS,
                PolicyVariables.LEVEL2_CHANNELS, PolicyVariables.FORMAL_NOTICE_CHANNELS)) {
            v.put(channels, String.join(",", listed(decided, channels, CHANNELS, true)));
        }
        v.put(PolicyVariables.LEVEL1_REVIEW, bool(decided, PolicyVariables.LEVEL1_REVIEW));
        v.put(PolicyVariables.LEVEL2_REVIEW, bool(decided, PolicyVariables.LEVEL2_REVIEW));
        v.put(PolicyVariables.SALES_APPROVAL_REQUIRED, bool(decided, PolicyVariables.SALES_APPROVAL_REQUIRED));
        List<String> copies = listed(decided, PolicyVariables.INVOICE_COPY_STAGES, STAGES, false);
        v.put(PolicyVariables.PRE_DUE_INVOICE_COPY, copies.contains("PRE_DUE"));
        v.put(PolicyVariables.LEVEL1_INVOICE_COPY, copies.contains("LEVEL_1"));
        v.put(PolicyVariables.LEVEL2_INVOICE_COPY, copies.contains("LEVEL_2"));
        v.put(PolicyVariables.FORMAL_NOTICE_INVOICE_COPY, copies.contains("FORMAL_NOTICE"));
        BigDecimal minimum = decimal(decided, PolicyVariables.MINIMUM_AMOUNT);
        v.put(PolicyVariables.MINIMUM_AMOUNT, minimum.toPlainString());
        v.put(PolicyVariables.DUNNING_WANTED, outstanding.compareTo(minimum) >= 0);
        v.put(PolicyVariables.PAYMENT_TOLERANCE, decimal(decided, PolicyVariables.PAYMENT_TOLERANCE).toPlainString());
        v.put(PolicyVariables.LITIGATION_THRESHOLD, decimal(decided, PolicyVariables.LITIGATION_THRESHOLD).toPlainString());
        v.put(PolicyVariables.LATE_CHARGES, bool(decided, PolicyVariables.LATE_CHARGES));
        v.put(PolicyVariables.GROUP_MESSAGES, bool(decided, PolicyVariables.GROUP_MESSAGES));
        v.put(PolicyVariables.MINIMUM_DAYS_BETWEEN_REMINDERS, minimumDaysBetweenReminders);
        v.put(PolicyVariables.FORMAL_NOTICE_DEADLINE_DAYS, formalNoticeDeadlineDays);
        v.put(PolicyVariables.PROMISE_GRACE_DAYS, promiseGraceDays);
        v.put(PolicyVariables.REVIEW_HOLD_DEFAULT_DAYS, reviewHoldDefaultDays);
        v.put(PolicyVariables.REVIEW_HOLD_MAX_DAYS, reviewHoldMaxDays);
        v.put(PolicyVariables.MAX_HOLD_DAYS, maxHoldDays);
        v.put(PolicyVariables.SEND_TIME, sendTime.toString());
        v.put(PolicyVariables.SEND_WINDOW_END, sendWindowEnd.toString());
        return v;
    }

    private static Object required(Map<String, Object> decided, String name) {
        Object value = decided.get(name);
        if (value == null) {
            throw new IllegalArgumentException("dunning-policy: output '" + name + "' is missing or empty");
        }
        return value;
    }

    private static int integer(Map<String, Object> decided, String name) {
        if (!(required(decided, name) instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw new IllegalArgumentException("dunning-policy: output '" + name + "' must be a whole number of days");
        }
        return n.intValue();
    }

    private static boolean bool(Map<String, Object> decided, String name) {
        if (!(required(decided, name) instanceof Boolean b)) {
            throw new IllegalArgumentException("dunning-policy: output '" + name + "' must be true or false");
        }
        return b;
    }

    private static BigDecimal decimal(Map<String, Object> decided, String name) {
        if (!(required(decided, name) instanceof Number n) || n.doubleValue() < 0) {
            throw new IllegalArgumentException("dunning-policy: output '" + name + "' must be an amount of 0 or more");
        }
        return new BigDecimal(n.toString());
    }

    private static List<String> listed(Map<String, Object> decided, String name, List<String> allowed, boolean required) {
        Object value = decided.get(name);
        List<String> items = value == null ? List.of() : Arrays.stream(value.toString().split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
        if ((required && items.isEmpty()) || !allowed.containsAll(items)) {
            throw new IllegalArgumentException("dunning-policy: output '" + name + "' must list " + allowed
                    + (required ? "" : " or be empty") + ", got '" + value + "'");
        }
        return items;
    }
}
