package com.relance.communication;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * One invoice of a grouped message, as of the day it goes: its facts, its own late charges when its
 * stage states them (level 2, formal notice: interest and compensation per invoice), and what it
 * asks for in figures (for the totals per currency).
 *
 * @param charges null when this invoice's stage states no charges
 * @param due     outstanding, plus interest and compensation when stated
 * @param charged interest plus compensation when stated, else zero
 * @param portalLink the customer's signed link to answer about this invoice online, or null
 */
public record GroupedInvoice(String stage, InvoiceFacts facts, ChargesFacts charges, Currency currency,
                             BigDecimal outstanding, BigDecimal charged, BigDecimal due, boolean invoiceCopy,
                             String portalLink) {
}
