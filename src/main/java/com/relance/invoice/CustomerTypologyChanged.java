package com.relance.invoice;

/** A customer's typology (segment) or risk class changed: their open invoices' policy is decided again. */
public record CustomerTypologyChanged(Customer customer) {
}
