package com.relance.invoice;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface PaymentRepository extends JpaRepository<Payment, Long> {

    List<Payment> findByInvoiceOrderByPaidOnAscIdAsc(Invoice invoice);

    Optional<Payment> findByInvoiceAndReference(Invoice invoice, String reference);
}
