package com.relance.communication;

/**
 * The payment instructions as {@code layout/payment-instructions.html} prints them, every value
 * formatted for the reader. {@code qrSrc} is where the layout finds the QR image (a {@code data:}
 * URI in a letter, a {@code cid:} in an email), null without one.
 */
public record PaymentBlock(String beneficiary, String iban, String bic, String reference, String amount,
                           String payLink, String qrSrc) {
}
