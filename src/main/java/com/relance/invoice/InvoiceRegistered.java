package com.relance.invoice;

/**
 * Published inside the registering transaction, so that whoever starts the dunning does it in the
 * same transaction: no invoice without its process, no process without its invoice.
 */
public record InvoiceRegistered(Invoice invoice) {
}
