package com.relance.portal;

import com.relance.invoice.Invoice;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface CustomerAnswerRepository extends JpaRepository<CustomerAnswer, Long> {

    List<CustomerAnswer> findByInvoiceOrderByAnsweredAtAsc(Invoice invoice);
}
