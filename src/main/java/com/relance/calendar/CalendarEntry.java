package com.relance.calendar;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One upcoming action on an invoice: a reminder the ladder will send, a task someone has to do,
 * a check the process makes (a promise's date, a hold's end).
 *
 * @param id              stable for the action (the UID of its calendar event): the timer's element in
 *                        its process instance, or the task's id
 * @param at              when it falls due (timer's due date; task's due, follow-up or creation date)
 * @param day             {@code at} as a day in the team's time zone
 * @param action          what happens, as the process names it ("Send the level 1 reminder")
 * @param stage           the ladder's stage the action belongs to (PRE_DUE … ESCALATION), or null
 * @param channels        how the customer is reached (EMAIL, SMS, LETTER, PHONE), empty if not at all
 * @param actor           who acts: "Relance (automatic)", a user id, or candidate groups and users
 * @param automatic       nobody has to act
 * @param overdue         its time has passed and it is still waiting
 * @param onHold          the invoice's dunning is on hold: the date moves when the hold ends
 * @param taskId          the open task, when the action is one
 */
public record CalendarEntry(String id, Instant at, LocalDate day, Kind kind, String action, String invoiceNumber,
                            String customerNumber, String customerName, String salesRep, String stage,
                            List<String> channels, String actor, boolean automatic, String assignee,
                            List<String> candidateGroups, List<String> candidateUsers, BigDecimal outstanding,
                            String currency, boolean overdue, boolean onHold, String taskId, String invoiceHref) {

    /** What sort of action. */
    public enum Kind {
        /** The ladder sends a reminder by itself. */
        SEND,
        /** A person reviews a reminder before it goes. */
        REVIEW,
        /** A collector phones the customer. */
        CALL,
        /** A person decides (escalation, approval, dispute outcome). */
        DECISION,
        /** Another open task. */
        TASK,
        /** The process checks something by itself (a promise kept, a hold's end). */
        CHECK
    }

    /** The viewer's label for {@code who acts}. */
    public static final String AUTOMATIC = "Relance (automatic)";
}
