package com.relance.invoice;

import jakarta.validation.Valid;
import java.util.Map;
import java.util.Objects;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code PATCH /api/customers/{number}}: credit management changes a customer's typology, risk
 * class or contractual rate. A new typology or risk class re-decides the dunning policy of every
 * open invoice of the customer, in the same transaction.
 */
@RestController
class CustomerController {

    private final CustomerRepository customers;
    private final ApplicationEventPublisher events;

    CustomerController(CustomerRepository customers, ApplicationEventPublisher events) {
        this.customers = customers;
        this.events = events;
    }

    @PatchMapping("/api/customers/{number}")
    @Transactional
    public Map<String, Object> update(@PathVariable String number, @Valid @RequestBody CustomerTerms terms) {
        Customer customer = customers.findByNumber(number).orElseThrow(() -> new CustomerNotFoundException(number));
        boolean typologyChanged = (terms.segment() != null && !terms.segment().equals(customer.getSegment()))
                || (terms.riskClass() != null && !terms.riskClass().equals(customer.getRiskClass()));
        if (terms.segment() != null) {
            customer.setSegment(terms.segment());
        }
        if (terms.riskClass() != null) {
            customer.setRiskClass(terms.riskClass());
        }
        if (terms.contractInterestRate() != null) {
            customer.setContractInterestRate(terms.contractInterestRate());
        }
        if (typologyChanged) {
            events.publishEvent(new CustomerTypologyChanged(customer));
        }
        return Map.of("customerNumber", customer.getNumber(), "segment", Objects.toString(customer.getSegment(), ""),
                "riskClass", Objects.toString(customer.getRiskClass(), ""),
                "contractInterestRate", Objects.toString(customer.getContractInterestRate(), ""),
                "policyRedecided", typologyChanged);
    }
}
