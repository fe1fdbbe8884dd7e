package com.relance.invoice;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface PaymentRepository extends JpaRepository<Payment, Long> {

    List<Payment> findByInvoiceOrderByPaidOnAscIdAsc(Invoice invoice);

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
