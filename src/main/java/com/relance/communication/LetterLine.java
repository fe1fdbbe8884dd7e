package com.relance.communication;

/** One row of a letter's invoice table, every value already formatted for the reader's language. */
public record LetterLine(String invoiceNumber, String issueDate, String dueDate, String amount, String outstanding,
                         long daysLate) {
}
