package com.relance.invoice;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface PaymentRepository extends JpaRepository<Payment, Long> {

    List<Payment> findByInvoiceOrderByPaidOnAscIdAsc(Invoice invoice);

    /** A customer's payments since a day, oldest first: its statement of account. */
    @Query("""
            select p from Payment p join fetch p.invoice i
            where i.customer.id = :customerId and p.paidOn >= :since
            order by p.paidOn, p.id""")
    List<Payment> findByCustomerSince(@Param("customerId") Long customerId, @Param("since") java.time.LocalDate since);

    Optional<Payment> findByInvoiceAndReference(Invoice invoice, String reference);

    /** Most recently paid first: that is the money a customer is likeliest to ask about. */
    @Query("""
            select new com.relance.invoice.OverpaidInvoice(
                i.number, c.number, c.name, c.salesRep, i.currency, i.overpaidAmount, max(p.paidOn))
            from Payment p join p.invoice i join i.customer c
            where i.overpaidAmount is not null
            group by i.number, c.number, c.name, c.salesRep, i.currency, i.overpaidAmount
            order by max(p.paidOn) desc, i.number""")
    List<OverpaidInvoice> findOverpaidInvoices();
}
