package com.relance.invoice;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * What open invoices of one currency still owe, by how late they are (days past due, as of the
 * day the query was asked for): not yet due, 1-30, 31-60, 61-90, more than 90.
 */
public record OutstandingByAge(Currency currency, BigDecimal notDue, BigDecimal late1To30, BigDecimal late31To60,
                               BigDecimal late61To90, BigDecimal lateOver90) {
}
