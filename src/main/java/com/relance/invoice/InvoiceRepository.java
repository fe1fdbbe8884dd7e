package com.relance.invoice;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;

public interface InvoiceRepository extends JpaRepository<Invoice, Long> {

    @EntityGraph(attributePaths = "customer")
    Optional<Invoice> findByNumber(String number);

    @EntityGraph(attributePaths = "customer")
    List<Invoice> findByCustomerNumberAndStatusOrderByNumber(String customerNumber, InvoiceStatus status);
}
