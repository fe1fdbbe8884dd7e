package com.relance.communication;

import java.util.List;

/** A postal letter to a customer (reminder or formal notice), every value already formatted for its language. */
public record Letter(String language, PostalAddress sender, String senderContact, PostalAddress recipient,
                     String placeAndDate, String reference, String subject, List<String> paragraphs,
                     List<LetterLine> invoices, List<AmountLine> extras, String totalDue, boolean registered) {
}
