package com.relance.policy;

import com.relance.invoice.Invoice;
import com.relance.invoice.PaymentPolicy;
import java.math.BigDecimal;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The dunning policy from configuration ({@code relance.policy}): one set of timings for every
 * customer. Its output is a set of process variables, the same ones a DMN policy per typology
 * will produce, so the BPMN does not change when the decision moves to DMN.
 */
@ConfigurationProperties("relance.policy")
public record DunningPolicy(
        LocalTime sendTime,
        LocalTime sendWindowEnd,
        boolean preDueReminder,
        int preDueOffsetDays,
        int level1OffsetDays,
        int level2OffsetDays,
        int formalNoticeOffsetDays,
        int escalationOffsetDays,
        int minimumDaysBetweenReminders,
        int formalNoticeDeadlineDays,
        int promiseGraceDays,
        int reviewHoldDefaultDays,
        int reviewHoldMaxDays,
        int maxHoldDays,
        List<String> salesApprovalSegments,
        BigDecimal paymentTolerance,
        Channels channels,
        List<String> reviewedStages,
        List<String> invoiceCopyStages) implements PaymentPolicy {

    /** Each stage's channels (EMAIL, SMS, LETTER), in the order they go out. */
    public record Channels(List<String> preDue, List<String> level1, List<String> level2, List<String> formalNotice) {

        public Channels {
            preDue = checked(preDue, List.of("EMAIL"));
            level1 = checked(level1, List.of("EMAIL"));
            level2 = checked(level2, List.of("EMAIL", "LETTER"));
            formalNotice = checked(formalNotice, List.of("EMAIL", "LETTER"));
        }

        private static List<String> checked(List<String> given, List<String> otherwise) {
            List<String> channels = given == null || given.isEmpty() ? otherwise : List.copyOf(given);
            if (!List.of("EMAIL", "SMS", "LETTER").containsAll(channels)) {
                throw new IllegalArgumentException("relance.policy.channels: use EMAIL, SMS or LETTER, got " + channels);
            }
            return channels;
        }
    }

    public DunningPolicy {
        if (!(preDueOffsetDays < 0 && preDueOffsetDays < level1OffsetDays && level1OffsetDays < level2OffsetDays
                && level2OffsetDays < formalNoticeOffsetDays && formalNoticeOffsetDays < escalationOffsetDays)) {
            throw new IllegalArgumentException("relance.policy offsets must rise stage after stage, pre-due before the due date");
        }
        if (sendTime == null) {
            throw new IllegalArgumentException("relance.policy.send-time is required");
        }
        // The morning sending window [send time, window end): a stage caught up late goes inside it.
        sendWindowEnd = sendWindowEnd == null ? LocalTime.of(11, 0) : sendWindowEnd;
        if (!sendWindowEnd.isAfter(sendTime)) {
            throw new IllegalArgumentException("relance.policy.send-window-end (" + sendWindowEnd
                    + ") must come after send-time (" + sendTime + ") on the same day");
        }
        salesApprovalSegments = salesApprovalSegments == null ? List.of() : List.copyOf(salesApprovalSegments);
        channels = channels == null ? new Channels(null, null, null, null) : channels;
        reviewedStages = reviewedStages == null ? List.of() : List.copyOf(reviewedStages);
        invoiceCopyStages = invoiceCopyStages == null ? List.of() : List.copyOf(invoiceCopyStages);
        if (minimumDaysBetweenReminders < 1 || reviewHoldMaxDays < reviewHoldDefaultDays || maxHoldDays < 1) {
            throw new IllegalArgumentException("relance.policy: at least one day between reminders; default hold within the maximum");
        }
    }

    /** The policy's decision for one invoice, as process variables (see {@link PolicyVariables}). */
    public Map<String, Object> variablesFor(Invoice invoice) {
        Map<String, Object> v = new HashMap<>();
        v.put(PolicyVariables.PRE_DUE_REMINDER, preDueReminder);
        v.put(PolicyVariables.PRE_DUE_OFFSET_DAYS, preDueOffsetDays);
        v.put(PolicyVariables.LEVEL1_OFFSET_DAYS, level1OffsetDays);
        v.put(PolicyVariables.LEVEL2_OFFSET_DAYS, level2OffsetDays);
        v.put(PolicyVariables.FORMAL_NOTICE_OFFSET_DAYS, formalNoticeOffsetDays);
        v.put(PolicyVariables.ESCALATION_OFFSET_DAYS, escalationOffsetDays);
        v.put(PolicyVariables.MINIMUM_DAYS_BETWEEN_REMINDERS, minimumDaysBetweenReminders);
        v.put(PolicyVariables.FORMAL_NOTICE_DEADLINE_DAYS, formalNoticeDeadlineDays);
        v.put(PolicyVariables.PROMISE_GRACE_DAYS, promiseGraceDays);
        v.put(PolicyVariables.REVIEW_HOLD_DEFAULT_DAYS, reviewHoldDefaultDays);
        v.put(PolicyVariables.REVIEW_HOLD_MAX_DAYS, reviewHoldMaxDays);
        v.put(PolicyVariables.MAX_HOLD_DAYS, maxHoldDays);
        v.put(PolicyVariables.SALES_APPROVAL_REQUIRED,
                salesApprovalSegments.contains(invoice.getCustomer().getSegment()));
        v.put(PolicyVariables.PAUSED_DAYS, 0);
        v.put(PolicyVariables.SEND_TIME, sendTime.toString());
        v.put(PolicyVariables.SEND_WINDOW_END, sendWindowEnd.toString());
        v.put(PolicyVariables.PAYMENT_TOLERANCE, paymentTolerance.toPlainString());
        v.put(PolicyVariables.PRE_DUE_CHANNELS, String.join(",", channels.preDue()));
        v.put(PolicyVariables.LEVEL1_CHANNELS, String.join(",", channels.level1()));
        v.put(PolicyVariables.LEVEL2_CHANNELS, String.join(",", channels.level2()));
        v.put(PolicyVariables.FORMAL_NOTICE_CHANNELS, String.join(",", channels.formalNotice()));
        v.put(PolicyVariables.LEVEL1_REVIEW, reviewedStages.contains("LEVEL_1"));
        v.put(PolicyVariables.LEVEL2_REVIEW, reviewedStages.contains("LEVEL_2"));
        v.put(PolicyVariables.PRE_DUE_INVOICE_COPY, invoiceCopyStages.contains("PRE_DUE"));
        v.put(PolicyVariables.LEVEL1_INVOICE_COPY, invoiceCopyStages.contains("LEVEL_1"));
        v.put(PolicyVariables.LEVEL2_INVOICE_COPY, invoiceCopyStages.contains("LEVEL_2"));
        v.put(PolicyVariables.FORMAL_NOTICE_INVOICE_COPY, invoiceCopyStages.contains("FORMAL_NOTICE"));
        return v;
    }

    @Override
    public BigDecimal toleranceFor(Invoice invoice) {
        return paymentTolerance;
    }
}
