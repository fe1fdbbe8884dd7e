package com.relance.payment;

import java.math.BigDecimal;
import java.util.Base64;
import java.util.Currency;

/**
 * How a customer pays what a reminder asks: the creditor's account, the structured reference to
 * quote, the amount, an optional pay link, and for euros the EPC QR code (PNG) a banking app scans.
 *
 * @param invoiceNumbers what the reference stands for (one invoice, or a group's)
 * @param payLink        null when no {@code relance.creditor.pay-link-template} is configured
 * @param qrPng          null when the currency is not the euro (EPC QR is SEPA-only)
 * @param qrPayload      the text the QR code carries (null with it)
 */
public record PaymentInstructions(String beneficiary, String iban, String bic, CreditorReference reference,
                                  java.util.List<String> invoiceNumbers, BigDecimal amount, Currency currency,
                                  String payLink, byte[] qrPng, String qrPayload) {

    public boolean hasQr() {
        return qrPng != null;
    }

    /** The IBAN in groups of four. */
    public String printedIban() {
        return org.iban4j.Iban.valueOf(iban).toFormattedString();
    }

    public String printedReference() {
        return reference.printed();
    }

    /** The QR code inline in HTML, as openhtmltopdf lays out letters ({@code <img src="data:…">}). */
    public String qrDataUri() {
        return qrPng == null ? null : "data:image/png;base64," + Base64.getEncoder().encodeToString(qrPng);
    }
}
