package com.relance.invoice;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface InvoiceRepository extends JpaRepository<Invoice, Long> {

    @EntityGraph(attributePaths = "customer")
    Optional<Invoice> findByNumber(String number);

    /** Use {@link #findAllByNumbers}: it keeps each query's parameter list to a size every database takes. */
    @EntityGraph(attributePaths = "customer")
    List<Invoice> findByNumberIn(Collection<String> numbers);
    /** A customer's invoices, oldest due first: its statement of account. */
    List<Invoice> findByCustomerIdOrderByDueDateAscNumberAsc(Long customerId);

    long countByCustomerIdAndStatusAndIdNot(Long customerId, InvoiceStatus status, Long id);

    @EntityGraph(attributePaths = "customer")
    List<Invoice> findByCustomerNumberAndStatusOrderByNumber(String customerNumber, InvoiceStatus status);

    /** The invoices of these dunning processes (the desk's calendar). */
    @EntityGraph(attributePaths = "customer")
    List<Invoice> findByProcessInstanceIdIn(Collection<String> processInstanceIds);

    /** Open invoices, every customer's or one salesperson's (the desk's customer list). */
    @EntityGraph(attributePaths = "customer")
    List<Invoice> findByStatusOrderByNumber(InvoiceStatus status);

    @EntityGraph(attributePaths = "customer")
    List<Invoice> findByStatusAndCustomerSalesRepOrderByNumber(InvoiceStatus status, String salesRep);

    /**
     * Outstanding amounts of open invoices per currency and age bucket, in one aggregate query (the
     * metrics' gauges): {@code today} and the limits are the first due date of each bucket.
     */
    @Query("""
            select new com.relance.invoice.OutstandingByAge(i.currency,
                sum(case when i.dueDate >= :today then i.outstandingAmount else 0 end),
                sum(case when i.dueDate < :today and i.dueDate >= :late30 then i.outstandingAmount else 0 end),
                sum(case when i.dueDate < :late30 and i.dueDate >= :late60 then i.outstandingAmount else 0 end),
                sum(case when i.dueDate < :late60 and i.dueDate >= :late90 then i.outstandingAmount else 0 end),
                sum(case when i.dueDate < :late90 then i.outstandingAmount else 0 end))
            from Invoice i
            where i.status = com.relance.invoice.InvoiceStatus.OPEN
            group by i.currency""")
    List<OutstandingByAge> outstandingByAge(@Param("today") LocalDate today, @Param("late30") LocalDate late30,
                                            @Param("late60") LocalDate late60, @Param("late90") LocalDate late90);

    /** {@link #outstandingByAge(LocalDate, LocalDate, LocalDate, LocalDate)} as of {@code today}. */
    default List<OutstandingByAge> outstandingByAge(LocalDate today) {
        return outstandingByAge(today, today.minusDays(30), today.minusDays(60), today.minusDays(90));
    }

    /** One query per thousand numbers (a batch, an import) instead of one per number. */
    default List<Invoice> findAllByNumbers(Collection<String> numbers) {
        List<String> all = List.copyOf(numbers);
        List<Invoice> found = new java.util.ArrayList<>();
        for (int from = 0; from < all.size(); from += 1000) {
            found.addAll(findByNumberIn(all.subList(from, Math.min(all.size(), from + 1000))));
        }
        return found;
    }
}
