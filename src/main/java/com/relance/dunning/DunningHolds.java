package com.relance.dunning;

import com.relance.invoice.Customer;
import com.relance.invoice.CustomerNotFoundException;
import com.relance.invoice.CustomerRepository;
import com.relance.invoice.DunningProgress;
import com.relance.invoice.FieldError;
import com.relance.invoice.InvalidInvoiceException;
import com.relance.invoice.Invoice;
import com.relance.invoice.InvoiceConflictException;
import com.relance.invoice.InvoiceNotFoundException;
import com.relance.invoice.InvoiceRepository;
import com.relance.invoice.InvoiceStatus;
import com.relance.policy.DunningPolicy;
import com.relance.security.AccessRules;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Dunning holds on one invoice or on every open invoice of a customer. A hold is a message to
 * the invoice's process ("Dunning hold" event subprocess), so it is in the process history.
 */
@Service
public class DunningHolds {

    private final InvoiceRepository invoices;
    private final CustomerRepository customers;
    private final RuntimeService runtime;
    private final DunningProcess dunning;
    private final DunningPolicy policy;
    private final AccessRules access;
    private final Clock clock;

    public DunningHolds(InvoiceRepository invoices, CustomerRepository customers, RuntimeService runtime,
                        DunningProcess dunning, DunningPolicy policy, AccessRules access, Clock clock) {
        this.invoices = invoices;
        this.customers = customers;
        this.runtime = runtime;
        this.dunning = dunning;
        this.policy = policy;
        this.access = access;
        this.clock = clock;
    }

    @Transactional
    public DunningProgress.Hold place(String invoiceNumber, HoldRequest request, String placedBy) {
        Invoice invoice = accessible(invoiceNumber);
        validate(request, invoice.getCustomer());
        ProcessInstance instance = running(invoice);
        if (dunning.holdOf(instance.getId()) != null) {
            throw new InvoiceConflictException(invoiceNumber, "Invoice " + invoiceNumber + " is already on hold until "
                    + dunning.holdOf(instance.getId()).until() + "; lift that hold first");
        }
        correlateHold(invoice, instance, request, placedBy);
        return dunning.holdOf(instance.getId());
    }

    /** Holds every open invoice of the customer that is not on hold already. */
    @Transactional
    public List<String> placeForCustomer(String customerNumber, HoldRequest request, String placedBy) {
        Customer customer = accessibleCustomer(customerNumber);
        validate(request, customer);
        List<String> held = new ArrayList<>();
        for (Invoice invoice : invoices.findByCustomerNumberAndStatusOrderByNumber(customerNumber, InvoiceStatus.OPEN)) {
            ProcessInstance instance = activeInstance(invoice);
            if (instance != null && dunning.holdOf(instance.getId()) == null) {
                correlateHold(invoice, instance, request, placedBy);
                held.add(invoice.getNumber());
            }
        }
        return held;
    }

    @Transactional
    public void lift(String invoiceNumber) {
        Invoice invoice = accessible(invoiceNumber);
        ProcessInstance instance = running(invoice);
        if (dunning.holdOf(instance.getId()) == null) {
            throw new InvoiceConflictException(invoiceNumber, "Invoice " + invoiceNumber + " is not on hold");
        }
        runtime.createMessageCorrelation(ProcessVariables.MESSAGE_HOLD_LIFTED).processInstanceId(instance.getId())
                .correlateWithResult();
    }

    @Transactional
    public List<String> liftForCustomer(String customerNumber) {
        accessibleCustomer(customerNumber);
        List<String> lifted = new ArrayList<>();
        for (Invoice invoice : invoices.findByCustomerNumberAndStatusOrderByNumber(customerNumber, InvoiceStatus.OPEN)) {
            ProcessInstance instance = activeInstance(invoice);
            if (instance != null && dunning.holdOf(instance.getId()) != null) {
                runtime.createMessageCorrelation(ProcessVariables.MESSAGE_HOLD_LIFTED).processInstanceId(instance.getId())
                        .correlateWithResult();
                lifted.add(invoice.getNumber());
            }
        }
        return lifted;
    }

    private void correlateHold(Invoice invoice, ProcessInstance instance, HoldRequest request, String placedBy) {
        Customer customer = invoice.getCustomer();
        // The hold ends on its last day's evening: the ladder resumes the next morning at send time.
        Date until = Date.from(request.until().plusDays(1).atTime(policy.sendTime()).atZone(customer.zone()).toInstant());
        runtime.createMessageCorrelation(ProcessVariables.MESSAGE_HOLD_PLACED).processInstanceId(instance.getId())
                .setVariable(ProcessVariables.HOLD_UNTIL_DATE, until)
                .setVariable(ProcessVariables.HOLD_REASON, request.reason().strip())
                .setVariable(ProcessVariables.HOLD_PLACED_BY, placedBy)
                .correlateWithResult();
    }

    private void validate(HoldRequest request, Customer customer) {
        List<FieldError> errors = new ArrayList<>();
        if (request.reason() == null || request.reason().isBlank()) {
            errors.add(new FieldError("reason", "must not be blank"));
        } else if (request.reason().length() > 500) {
            errors.add(new FieldError("reason", "size must be between 1 and 500"));
        }
        LocalDate today = LocalDate.now(clock.withZone(customer.zone()));
        if (request.until() == null) {
            errors.add(new FieldError("until", "must not be null"));
        } else if (request.until().isBefore(today)) {
            errors.add(new FieldError("until", "must not be in the past"));
        } else if (request.until().isAfter(today.plusDays(policy.maxHoldDays()))) {
            errors.add(new FieldError("until", "must be at most " + policy.maxHoldDays() + " days ahead ("
                    + today.plusDays(policy.maxHoldDays()) + "): dunning cannot be parked longer"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInvoiceException(errors);
        }
    }

    private Invoice accessible(String invoiceNumber) {
        Invoice invoice = invoices.findByNumber(invoiceNumber).orElseThrow(() -> new InvoiceNotFoundException(invoiceNumber));
        if (!access.mayAccessCustomerOf(invoice.getCustomer().getSalesRep())) {
            throw new AccessDeniedException("Invoice " + invoiceNumber + " belongs to another salesperson's customer");
        }
        return invoice;
    }

    private Customer accessibleCustomer(String customerNumber) {
        Customer customer = customers.findByNumber(customerNumber).orElseThrow(() -> new CustomerNotFoundException(customerNumber));
        if (!access.mayAccessCustomerOf(customer.getSalesRep())) {
            throw new AccessDeniedException("Customer " + customerNumber + " is another salesperson's");
        }
        return customer;
    }

    private ProcessInstance running(Invoice invoice) {
        ProcessInstance instance = activeInstance(invoice);
        if (instance == null) {
            throw new InvoiceConflictException(invoice.getNumber(), "Invoice " + invoice.getNumber() + " is not being dunned");
        }
        return instance;
    }

    private ProcessInstance activeInstance(Invoice invoice) {
        return runtime.createProcessInstanceQuery()
                .processInstanceBusinessKey(invoice.getNumber(), ProcessVariables.PROCESS_KEY).active().singleResult();
    }
}
