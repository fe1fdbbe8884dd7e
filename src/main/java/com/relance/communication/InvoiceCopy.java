package com.relance.communication;

/** A one-page copy of an invoice to attach to a reminder, since we do not hold the ERP's original PDF. */
public record InvoiceCopy(String language, PostalAddress seller, PostalAddress buyer, String invoiceNumber,
                          String issueDate, String dueDate, String amount, String outstanding) {
}
