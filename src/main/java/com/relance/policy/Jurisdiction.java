package com.relance.policy;

/**
 * The law whose late-payment interest and fixed compensation apply to a customer, chosen from the
 * customer's country ({@code relance.late-payment.jurisdictions}).
 */
public enum Jurisdiction {

    /** Directive 2011/7/EU as transposed by the member states other than France: ECB rate + 8 points, EUR 40. */
    EU,
    /** Code de commerce L441-10 and D441-5: ECB rate + 10 points (a contract may set a rate, floored), EUR 40. */
    FR,
    /** Late Payment of Commercial Debts (Interest) Act 1998: Bank of England base rate + 8 points, GBP 40/70/100. */
    GB
}
