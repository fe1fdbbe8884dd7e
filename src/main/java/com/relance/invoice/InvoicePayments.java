package com.relance.invoice;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Records money received against an invoice; a payment that settles it ends its dunning. */
@Service
public class InvoicePayments {

    private static final Logger log = LoggerFactory.getLogger(InvoicePayments.class);

    /**
     * @param duplicate the reference was already recorded for this invoice: nothing was counted
     * @param settled   this payment made the invoice count as paid (its dunning ended)
     * @param overpaid  what this payment brought beyond the outstanding amount (zero when none)
     */
    public record Recorded(Payment payment, boolean duplicate, boolean settled, BigDecimal overpaid) {
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
     * A payment beyond the outstanding amount is recorded whole; the excess is kept on the invoice
     * as overpaid.
     */
    public Recorded record(String invoiceNumber, PaymentRequest request, String recordedBy) {
        return inOneTransaction(() -> recordInTransaction(invoiceNumber, request, recordedBy));
    }

    /**
     * Runs {@code work} in one transaction. A settling payment may race with a reminder job of the
     * same process instance: the loser of the optimistic lock is retried whole, in a fresh
     * transaction (a batch of payments included, so it stays all or nothing). Imports (CSV, bank
     * statements) run their whole file through it.
     */
    public <T> T inOneTransaction(Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.execute(status -> work.get());
            } catch (OptimisticLockingFailureException raced) {
                if (attempt == 3) {
                    throw raced;
                }
            }
        }
    }

    /**
     * The one path every payment takes (API, CSV import, bank statements): joins the caller's transaction, which
     * {@link #inOneTransaction} opens. Several payments of one invoice may follow each other in it:
     * the invoice is the same managed entity each time, and once one of them ended the dunning the
     * next finds no active process and is recorded all the same.
     */
    public Recorded recordInTransaction(String invoiceNumber, PaymentRequest request, String recordedBy) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("A payment is recorded inside a transaction (see inOneTransaction)");
        }
        Invoice invoice = invoices.findByNumber(invoiceNumber).orElseThrow(() -> new InvoiceNotFoundException(invoiceNumber));
        List<FieldError> errors = problems(invoice, request);
        if (!errors.isEmpty()) {
            throw new InvalidInvoiceException(errors);
        }
        String reference = request.reference() == null || request.reference().isBlank() ? null : request.reference().strip();
        if (reference != null) {
            var earlier = payments.findByInvoiceAndReference(invoice, reference);
            if (earlier.isPresent()) {
                if (earlier.get().getAmount().compareTo(request.amount()) != 0) {
                    throw new InvoiceConflictException(invoiceNumber, "Payment reference " + reference
                            + " is already recorded for invoice " + invoiceNumber + " with another amount");
                }
                return new Recorded(earlier.get(), true, false, BigDecimal.ZERO);
            }
        }
        // A payment to an invoice with nothing outstanding is money received all the same (paid
        // twice, say): recorded whole, as an overpayment to refund or allocate, not refused.
        Payment payment = payments.save(new Payment(invoice, request.amount(), invoice.getCurrency(), request.paidOn(),
                reference, clock.instant(), recordedBy));
        boolean wasOpen = invoice.getStatus() == InvoiceStatus.OPEN;
        BigDecimal excess = invoice.applyPayment(request.amount(), policy.toleranceFor(invoice), clock.instant());
        if (excess.signum() > 0) {
            log.warn("Invoice {} overpaid by {} {} (payment {} of {} on {}); overpaid in total {}: refund or allocate it",
                    invoiceNumber, InvoiceView.money(invoice, excess), invoice.getCurrency(), reference,
                    InvoiceView.money(invoice, request.amount()), request.paidOn(),
                    InvoiceView.money(invoice, invoice.getOverpaidAmount()));
        }
        boolean settled = wasOpen && invoice.getStatus() == InvoiceStatus.PAID;
        events.publishEvent(new PaymentRecorded(invoice, payment, settled));
        return new Recorded(payment, false, settled, excess);
    }

    /**
     * Everything wrong with a payment of this invoice, named as the JSON API spells the fields.
     * With {@code invoice} null (an unknown invoice) only what needs no invoice is checked.
     */
    List<FieldError> problems(Invoice invoice, PaymentRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (request.amount() == null) {
            errors.add(new FieldError("amount", "must not be null"));
        } else if (request.amount().signum() <= 0) {
            errors.add(new FieldError("amount", "must be greater than 0"));
        } else if (invoice != null
                && request.amount().stripTrailingZeros().scale() > invoice.getCurrency().getDefaultFractionDigits()) {
            errors.add(new FieldError("amount", "has more than " + invoice.getCurrency().getDefaultFractionDigits()
                    + " decimals for " + invoice.getCurrency()));
        }
        if (request.currency() == null || request.currency().isBlank()) {
            errors.add(new FieldError("currency", "must not be blank"));
        } else if (invoice != null && !request.currency().equals(invoice.getCurrency().getCurrencyCode())) {
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
        return errors;
    }
}
