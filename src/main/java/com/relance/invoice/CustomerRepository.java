package com.relance.invoice;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface CustomerRepository extends JpaRepository<Customer, Long> {

    Optional<Customer> findByNumber(String number);

    List<Customer> findAllByOrderByName();

    List<Customer> findBySalesRepOrderByName(String salesRep);
}
