package com.relance.policy;

/**
 * Names of the process variables a dunning policy sets at start. Offsets are days relative to the
 * due date (negative: before it).
 */
public final class PolicyVariables {

    public static final String PRE_DUE_REMINDER = "preDueReminder";
    public static final String PRE_DUE_OFFSET_DAYS = "preDueOffsetDays";
    public static final String LEVEL1_OFFSET_DAYS = "level1OffsetDays";
    public static final String LEVEL2_OFFSET_DAYS = "level2OffsetDays";
    public static final String FORMAL_NOTICE_OFFSET_DAYS = "formalNoticeOffsetDays";
    public static final String ESCALATION_OFFSET_DAYS = "escalationOffsetDays";
    public static final String MINIMUM_DAYS_BETWEEN_REMINDERS = "minimumDaysBetweenReminders";
    public static final String FORMAL_NOTICE_DEADLINE_DAYS = "formalNoticeDeadlineDays";
    public static final String PROMISE_GRACE_DAYS = "promiseGraceDays";
    public static final String REVIEW_HOLD_DEFAULT_DAYS = "reviewHoldDefaultDays";
    public static final String REVIEW_HOLD_MAX_DAYS = "reviewHoldMaxDays";
    /** The longest a dunning hold may last. */
    public static final String MAX_HOLD_DAYS = "maxHoldDays";
    /** A formal notice also needs the salesperson's approval (four eyes), e.g. for key accounts. */
    public static final String SALES_APPROVAL_REQUIRED = "salesApprovalRequired";
    /** Days the ladder has spent on hold so far: every later stage moves on by as much. */
    public static final String PAUSED_DAYS = "pausedDays";
    /** Local time of day, in the customer's time zone, at which a stage's reminder is due. */
    public static final String SEND_TIME = "sendTime";
    /**
     * End (exclusive) of the morning sending window that starts at {@link #SEND_TIME}: a stage
     * caught up late goes at once inside it, else at the next business day's send time.
     */
    public static final String SEND_WINDOW_END = "sendWindowEnd";
    public static final String PAYMENT_TOLERANCE = "paymentTolerance";

    /** Channels of each stage's reminder, comma-separated: EMAIL, SMS, LETTER. */
    public static final String PRE_DUE_CHANNELS = "preDueChannels";
    public static final String LEVEL1_CHANNELS = "level1Channels";
    public static final String LEVEL2_CHANNELS = "level2Channels";
    public static final String FORMAL_NOTICE_CHANNELS = "formalNoticeChannels";
    /** A collector reviews (and may edit) the stage's reminder before it goes; the formal notice always. */
    public static final String LEVEL1_REVIEW = "level1Review";
    public static final String LEVEL2_REVIEW = "level2Review";
    /** Stages whose email carries a copy of the invoice (a decision output, comma-separated). */
    public static final String INVOICE_COPY_STAGES = "invoiceCopyStages";
    /** Below this outstanding amount the invoice is not dunned at all. */
    public static final String MINIMUM_AMOUNT = "minimumAmount";
    /** The outstanding amount reaches the policy's minimum. */
    public static final String DUNNING_WANTED = "dunningWanted";
    /** At escalation, an outstanding amount at or above it suggests litigation, below it an agency. */
    public static final String LITIGATION_THRESHOLD = "litigationThreshold";
    /** Statutory B2B late-payment interest and fixed compensation apply (never to consumers). */
    /** Reminders of one customer, stage family and channel due in the same sending window go out as one message. */
    public static final String GROUP_MESSAGES = "groupMessages";
    public static final String LATE_CHARGES = "lateCharges";
    /** The decision's raw result (one row of dunning-policy), kept for the audit trail. */
    public static final String DECISION_RESULT = "dunningPolicy";
    /** The decision's inputs. */
    public static final String CUSTOMER_SEGMENT = "customerSegment";
    public static final String RISK_CLASS = "riskClass";
    public static final String CUSTOMER_COUNTRY = "customerCountry";
    public static final String INVOICE_AMOUNT = "invoiceAmount";
    /** The stage's email carries a copy of the invoice. */
    public static final String PRE_DUE_INVOICE_COPY = "preDueInvoiceCopy";
    public static final String LEVEL1_INVOICE_COPY = "level1InvoiceCopy";
    public static final String LEVEL2_INVOICE_COPY = "level2InvoiceCopy";
    public static final String FORMAL_NOTICE_INVOICE_COPY = "formalNoticeInvoiceCopy";

    private PolicyVariables() {
    }
}
