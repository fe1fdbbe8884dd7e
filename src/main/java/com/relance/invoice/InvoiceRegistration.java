package com.relance.invoice;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Registers invoices (creating or updating their customer) and hands each to dunning. */
@Service
public class InvoiceRegistration {

    public enum Outcome { CREATED, UNCHANGED }

    public record Registered(Invoice invoice, Outcome outcome) {
    }

    private final CustomerRepository customers;
    private final InvoiceRepository invoices;
    private final CountryTimeZones timeZones;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    public InvoiceRegistration(CustomerRepository customers, InvoiceRepository invoices, CountryTimeZones timeZones,
                               ApplicationEventPublisher events, Clock clock) {
        this.customers = customers;
        this.invoices = invoices;
        this.timeZones = timeZones;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Idempotent: the same invoice again is {@link Outcome#UNCHANGED}; the same number with other
     * invoice data is a conflict. Customer details are updated either way.
     */
    @Transactional
    public Registered register(InvoiceIntake intake) {
        return register(intake, customers.findByNumber(intake.customerNumber()).orElse(null),
                invoices.findByNumber(intake.invoiceNumber()).orElse(null));
    }

    private Registered register(InvoiceIntake intake, Customer known, Invoice existing) {
        Customer customer = upsertCustomer(intake, known);
        if (existing != null) {
            if (!intake.sameInvoiceAs(existing)) {
                throw new InvoiceConflictException(existing.getNumber(), "Invoice " + existing.getNumber()
                        + " is already registered with other data (customer, dates, currency or amounts)");
            }
            return new Registered(existing, Outcome.UNCHANGED);
        }
        Invoice invoice = new Invoice(intake.invoiceNumber(), customer, intake.issueDate(), intake.dueDate(),
                intake.currency(), intake.amount(), intake.openAmount(), clock.instant());
        // Identity ids: the row is inserted here, so a concurrent registration of the same number
        // fails on the unique key before any process starts. No flush: it would dirty-check every
        // entity of a batch again for each line.
        invoices.save(invoice);
        if (invoice.getStatus() == InvoiceStatus.OPEN) {
            events.publishEvent(new InvoiceRegistered(invoice));
        }
        return new Registered(invoice, Outcome.CREATED);
    }

    /**
     * Registers an invoice whose dunning is taken over mid-way (from another tool, or demo data):
     * the caller starts its process at the right element, in the same transaction.
     */
    @Transactional
    public Invoice registerTakenOver(InvoiceIntake intake) {
        if (invoices.findByNumber(intake.invoiceNumber()).isPresent()) {
            throw new InvoiceConflictException(intake.invoiceNumber(), "Invoice " + intake.invoiceNumber() + " exists");
        }
        Invoice invoice = new Invoice(intake.invoiceNumber(),
                upsertCustomer(intake, customers.findByNumber(intake.customerNumber()).orElse(null)), intake.issueDate(),
                intake.dueDate(), intake.currency(), intake.amount(), intake.openAmount(), clock.instant());
        return invoices.saveAndFlush(invoice);
    }

    /**
     * All or nothing: one transaction for the whole batch. Customers and invoices already known are
     * read in two queries for the batch, not two per line.
     */
    @Transactional
    public List<Registered> registerAll(List<InvoiceIntake> intakes) {
        Map<String, Customer> knownCustomers = new HashMap<>();
        customers.findAllByNumbers(intakes.stream().map(InvoiceIntake::customerNumber).collect(Collectors.toSet()))
                .forEach(c -> knownCustomers.put(c.getNumber(), c));
        Map<String, Invoice> knownInvoices = new HashMap<>();
        invoices.findAllByNumbers(intakes.stream().map(InvoiceIntake::invoiceNumber).collect(Collectors.toSet()))
                .forEach(i -> knownInvoices.put(i.getNumber(), i));
        List<Registered> result = new ArrayList<>(intakes.size());
        for (InvoiceIntake intake : intakes) {
            Registered registered = register(intake, knownCustomers.get(intake.customerNumber()),
                    knownInvoices.get(intake.invoiceNumber()));
            knownCustomers.put(intake.customerNumber(), registered.invoice().getCustomer());
            result.add(registered);
        }
        return result;
    }

    private Customer upsertCustomer(InvoiceIntake in, Customer known) {
        Customer customer = known != null ? known : new Customer(in.customerNumber());
        customer.setName(in.customerName());
        customer.setEmail(in.customerEmail());
        customer.setPhone(in.customerPhone());
        customer.setLanguage(in.customerLanguage());
        customer.setCountry(in.customerCountry());
        boolean typologyChanged = customer.getId() != null && !Objects.equals(customer.getSegment(), in.customerSegment());
        customer.setSegment(in.customerSegment());
        customer.setSalesRep(in.salesRep());
        if (in.customerSmsConsent() != null) { // the CSV says nothing of consent: keep what was given
            customer.setSmsConsent(in.customerSmsConsent());
        }
        if (in.customerTimeZone() != null) {
            customer.setTimeZone(in.customerTimeZone());
        } else if (customer.getTimeZone() == null) {
            customer.setTimeZone(timeZones.forCountry(in.customerCountry()).getId());
        }
        // The CSV carries no address: keep what an earlier JSON intake gave.
        if (in.customerAddressLine1() != null) {
            customer.setAddressLine1(in.customerAddressLine1());
            customer.setAddressLine2(in.customerAddressLine2());
            customer.setPostalCode(in.customerPostalCode());
            customer.setCity(in.customerCity());
        }
        Customer saved = customers.save(customer);
        if (typologyChanged) { // the ERP moved the customer to another typology: its open invoices follow
            events.publishEvent(new CustomerTypologyChanged(saved));
        }
        return saved;
    }
}
