package com.relance.banking;

import com.relance.invoice.Invoice;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

/** The invoices a bank credit can be matched to, as the matching rules look for them. */
interface MatchableInvoices extends Repository<Invoice, Long> {

    /** Open invoices of exactly this outstanding amount in this currency (rule 3: amount and customer). */
    @Query("""
            select i from Invoice i join fetch i.customer
            where i.status = com.relance.invoice.InvoiceStatus.OPEN and i.currency = :currency
              and i.outstandingAmount = :amount
            order by i.dueDate, i.number""")
    List<Invoice> openWithOutstanding(@Param("currency") Currency currency, @Param("amount") BigDecimal amount);

    /** Open invoices whose number contains {@code part} (upper case): narrows the RF fallback's search. */
    @Query("""
            select i from Invoice i join fetch i.customer
            where i.status = com.relance.invoice.InvoiceStatus.OPEN and upper(i.number) like :pattern
            order by i.number""")
    List<Invoice> openWithNumberLike(@Param("pattern") String pattern);

    /** Open invoices of customers of this name (case aside): candidates for a person to choose from. */
    @Query("""
            select i from Invoice i join fetch i.customer c
            where i.status = com.relance.invoice.InvoiceStatus.OPEN and lower(c.name) = lower(:name)
            order by i.dueDate, i.number""")
    List<Invoice> openOfCustomerNamed(@Param("name") String name);
}
