package com.relance.calendar;

/**
 * Narrows the calendar; blank means any.
 *
 * @param collector   a user id: actions that user has to do (assigned to them, or open to one of their groups)
 * @param salesperson the customer's salesperson (user id)
 * @param customer    customer number, or part of the customer's name
 * @param stage       a ladder stage (PRE_DUE, LEVEL_1, LEVEL_2, FORMAL_NOTICE, ESCALATION)
 */
public record CalendarFilter(String collector, String salesperson, String customer, String stage) {

    public static final CalendarFilter NONE = new CalendarFilter(null, null, null, null);

    public CalendarFilter {
        collector = blankToNull(collector);
        salesperson = blankToNull(salesperson);
        customer = blankToNull(customer);
        stage = blankToNull(stage);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
