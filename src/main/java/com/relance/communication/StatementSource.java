package com.relance.communication;

import com.relance.invoice.Customer;
import java.time.LocalDate;
import java.util.Locale;

/** Where a message finds the customer's statement of account ({@link Statements} in the application). */
@FunctionalInterface
interface StatementSource {

    StatementOfAccount of(Customer customer, Locale locale, LocalDate today);
}
