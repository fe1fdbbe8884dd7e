package com.relance.invoice;

/** The invoice number exists with other data: registering it again would rewrite history. */
public class InvoiceConflictException extends RuntimeException {

    private final String invoiceNumber;

    public InvoiceConflictException(String invoiceNumber, String message) {
        super(message);
        this.invoiceNumber = invoiceNumber;
    }

    public String invoiceNumber() {
        return invoiceNumber;
    }
}
