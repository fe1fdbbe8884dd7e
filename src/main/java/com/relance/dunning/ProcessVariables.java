package com.relance.dunning;

/** The process variables of {@code invoice-dunning}, one spelling everywhere (BPMN, forms, Java). */
public final class ProcessVariables {

    public static final String PROCESS_KEY = "invoice-dunning";
    public static final String MESSAGE_INVOICE_PAID = "InvoicePaid";

    public static final String INVOICE_NUMBER = "invoiceNumber";
    public static final String CUSTOMER_NUMBER = "customerNumber";
    public static final String CUSTOMER_NAME = "customerName";
    public static final String CUSTOMER_PHONE = "customerPhone";
    public static final String CUSTOMER_TIME_ZONE = "customerTimeZone";
    /** ISO 3166 code: whose public holidays are no reminder days. */
    public static final String CUSTOMER_COUNTRY = com.relance.policy.PolicyVariables.CUSTOMER_COUNTRY;
    public static final String SALES_REP = "salesRep";
    public static final String DUE_DATE = "dueDate";
    public static final String CURRENCY = "currency";
    public static final String AMOUNT = "amount";
    public static final String OUTSTANDING_AMOUNT = "outstandingAmount";
    /** The last stage whose reminder went out. */
    public static final String STAGE = "stage";
    public static final String LAST_REMINDER_SENT_AT = "lastReminderSentAt";
    public static final String REMINDERS_SENT = "remindersSent";
    /** Input of the "Send …" tasks: which stage's reminder. */
    public static final String REMINDER_STAGE = "reminderStage";
    /** Optional input of a "Send reminder" task: its channels (e.g. {@code EMAIL,LETTER}) instead of the policy's. */
    public static final String REMINDER_CHANNELS = "reminderChannels";
    /** Optional input of a "Send reminder" task: its text (templates/reminder/, templates/sms/) instead of the stage's. */
    public static final String REMINDER_TEMPLATE = "reminderTemplate";
    /** Set by "Compute late charges": plain decimals in the invoice currency. */
    public static final String LATE_INTEREST = "lateInterest";
    public static final String LATE_COMPENSATION = "lateCompensation";
    public static final String LATE_CHARGES_TOTAL = "lateChargesTotal";

    // Decisions taken in user tasks (form fields)
    public static final String CALL_OUTCOME = "callOutcome";
    public static final String PROMISED_DATE = "promisedDate";
    public static final String DISPUTE_REASON = "disputeReason";
    public static final String DISPUTE_OUTCOME = "disputeOutcome";
    public static final String REVIEW_DECISION = "reviewDecision";
    public static final String HOLD_UNTIL = "holdUntil";
    public static final String REVIEW_COMMENT = "reviewComment";
    public static final String ESCALATION = "escalation";
    public static final String ESCALATION_REASON = "escalationReason";

    // Dunning holds
    public static final String MESSAGE_HOLD_PLACED = "DunningHoldPlaced";
    public static final String MESSAGE_HOLD_LIFTED = "DunningHoldLifted";
    /** Set while a hold is active: no ladder timer fires before it. */
    public static final String HOLD_UNTIL_DATE = "dunningHoldUntil";
    public static final String HOLD_REASON = "dunningHoldReason";
    public static final String HOLD_PLACED_BY = "dunningHoldPlacedBy";
    public static final String HOLD_STARTED_AT = "dunningHoldStartedAt";

    // Four eyes on formal notices
    public static final String SALES_DECISION = "salesDecision";

    // Shown on every user task (task-local, refreshed when the task is created)
    public static final String DAYS_LATE = "daysLate";
    public static final String OUTSTANDING_DISPLAY = "outstandingDisplay";
    /** Every comment on the invoice's tasks so far, oldest first. */
    public static final String COMMENTS_SO_FAR = "commentsSoFar";

    private ProcessVariables() {
    }
}
