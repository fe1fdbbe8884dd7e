package com.relance.communication;

/**
 * Late-payment charges formatted for the reader: what level-2 and formal-notice texts print.
 *
 * @param rate     the statutory (or contractual) interest rate a year, such as {@code 10.15 %}
 * @param since    the day interest runs from, the day after the due date
 * @param totalDue outstanding + interest + fixed compensation
 * @param apply    the customer owes statutory late charges (not a consumer): texts state them only then
 */
public record ChargesFacts(String rate, String since, String interest, String compensation, String totalDue,
                           boolean apply) {
}
