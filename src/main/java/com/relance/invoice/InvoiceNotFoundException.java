package com.relance.invoice;

public class InvoiceNotFoundException extends RuntimeException {

    public InvoiceNotFoundException(String invoiceNumber) {
        super("No invoice " + invoiceNumber);
    }
}
