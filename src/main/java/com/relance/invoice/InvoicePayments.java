package com.relance.invoice;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.transaction.support.TransactionTemplate;

/** Records money received against an invoice; a payment that settles it ends its dunning. */
@Service
public class InvoicePayments {

    public record Recorded(Payment payment, boolean duplicate) {
    }

    private final InvoiceRepository invoices;
    private final PaymentRepository payments;
    private final PaymentPolicy policy;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final Clock clock;

    public InvoicePayments(InvoiceRepository invoices, PaymentRepository payments, PaymentPolicy policy,
                           ApplicationEventPublisher events, TransactionTemplate transaction, Clock clock) {
        this.transaction = transaction;
        this.invoices = invoices;
        this.payments = payments;
        this.policy = policy;
        this.events = events;
        this.clock = clock;
    }

    /**
     * A payment posted again with the same reference and amount is recognised, not counted twice.
     * A settling payment may race with a reminder job of the same process instance: the loser of
     * the optimistic lock is retried in a fresh transaction.
     */
    public Recorded record(String invoiceNumber, PaymentRequest request, String recordedBy) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.execute(status -> recordOnce(invoiceNumber, request, recordedBy));
            } catch (OptimisticLockingFailureException raced) {
                if (attempt == 3) {
                    throw raced;
                }
            }
        }
    }

    private Recorded recordOnce(String invoiceNumber, PaymentRequest request, String recordedBy) {
        Invoice invoice = invoices.findByNumber(invoiceNumber).orElseThrow(() -> new InvoiceNotFoundException(invoiceNumber));
        validate(invoice, request);
        String reference = request.reference() == null || request.reference().isBlank() ? null : request.reference().strip();
        if (reference != null) {
            var earlier = payments.findByInvoiceAndReference(invoice, reference);
            if (earlier.isPresent()) {
                if (earlier.get().getAmount().compareTo(request.amount()) != 0) {
                    throw new InvoiceConflictException(invoiceNumber, "Payment reference " + reference
                            + " is already recorded for invoice " + invoiceNumber + " with another amount");
                }
                return new Recorded(earlier.get(), true);
            }
        }
        if (invoice.getOutstandingAmount().signum() == 0) {
            throw new InvoiceConflictException(invoiceNumber, "Invoice " + invoiceNumber + " has nothing outstanding");
        }
        Payment payment = payments.save(new Payment(invoice, request.amount(), invoice.getCurrency(), request.paidOn(),
                reference, clock.instant(), recordedBy));
        boolean wasOpen = invoice.getStatus() == InvoiceStatus.OPEN;
        invoice.applyPayment(request.amount(), policy.toleranceFor(invoice), clock.instant());
        events.publishEvent(new PaymentRecorded(invoice, payment, wasOpen && invoice.getStatus() == InvoiceStatus.PAID));
        return new Recorded(payment, false);
    }

    private void validate(Invoice invoice, PaymentRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (request.amount() == null) {
            errors.add(new FieldError("amount", "must not be null"));
        } else if (request.amount().signum() <= 0) {
            errors.add(new FieldError("amount", "must be greater than 0"));
        } else if (request.amount().stripTrailingZeros().scale() > invoice.getCurrency().getDefaultFractionDigits()) {
            errors.add(new FieldError("amount", "has more than " + invoice.getCurrency().getDefaultFractionDigits()
                    + " decimals for " + invoice.getCurrency()));
        }
        if (request.currency() == null || request.currency().isBlank()) {
            errors.add(new FieldError("currency", "must not be blank"));
        } else if (!request.currency().equals(invoice.getCurrency().getCurrencyCode())) {
            errors.add(new FieldError("currency", "must be " + invoice.getCurrency() + ", the invoice's currency"));
        }
        if (request.paidOn() == null) {
            errors.add(new FieldError("paidOn", "must not be null"));
        } else if (request.paidOn().isAfter(LocalDate.now(clock).plusDays(1))) {
            errors.add(new FieldError("paidOn", "must not be in the future"));
        }
        if (request.reference() != null && request.reference().length() > 140) {
            errors.add(new FieldError("reference", "size must be between 0 and 140"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInvoiceException(errors);
        }
    }
}
