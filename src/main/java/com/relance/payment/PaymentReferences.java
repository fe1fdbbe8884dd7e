package com.relance.payment;

import java.util.Collection;
import java.util.List;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every creditor reference printed on a reminder, with the invoices it stands for: a hashed
 * reference (a group's, or a very long invoice number's) cannot be read back, and a group's stands
 * for several invoices. Bank-statement matching looks references up here.
 */
@Component
public class PaymentReferences implements IssuedReferences {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;

    PaymentReferences(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        // Its own transaction: a reference printed by a job that later rolls back still names the same
        // invoices, and a duplicate insert (two nodes) must not break the caller's transaction on PostgreSQL.
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public void remember(CreditorReference reference, Collection<String> invoiceNumbers) {
        for (String number : invoiceNumbers) {
            try {
                ownTransaction.executeWithoutResult(s -> {
                    Integer known = jdbc.queryForObject(
                            "select count(*) from payment_reference where reference = ? and invoice_number = ?",
                            Integer.class, reference.value(), number);
                    if (known == null || known == 0) {
                        jdbc.update("insert into payment_reference (reference, invoice_number) values (?, ?)",
                                reference.value(), number);
                    }
                });
            } catch (DataIntegrityViolationException raced) {
                // another node remembered the same pair at the same moment: known now
            }
        }
    }

    /** The invoices a reference was issued for; empty when Relance never printed it. */
    public List<String> invoicesOf(CreditorReference reference) {
        return jdbc.queryForList("select invoice_number from payment_reference where reference = ? order by invoice_number",
                String.class, reference.value());
    }
}
