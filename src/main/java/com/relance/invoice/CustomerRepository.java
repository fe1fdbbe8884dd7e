package com.relance.invoice;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface CustomerRepository extends JpaRepository<Customer, Long> {

    Optional<Customer> findByNumber(String number);

    /** Use {@link #findAllByNumbers}: it keeps each query's parameter list to a size every database takes. */
    List<Customer> findByNumberIn(Collection<String> numbers);

    /** One query per thousand numbers (a batch, an import) instead of one per number. */
    default List<Customer> findAllByNumbers(Collection<String> numbers) {
        List<String> all = List.copyOf(numbers);
        List<Customer> found = new java.util.ArrayList<>();
        for (int from = 0; from < all.size(); from += 1000) {
            found.addAll(findByNumberIn(all.subList(from, Math.min(all.size(), from + 1000))));
        }
        return found;
    }

    List<Customer> findAllByOrderByName();

    List<Customer> findBySalesRepOrderByName(String salesRep);
}
