package com.relance.portal;

import com.relance.invoice.Invoice;
import com.relance.security.AccessRules;
import com.relance.invoice.InvoiceNotFoundException;
import com.relance.invoice.InvoiceRepository;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records a customer's answer and hands it to the invoice's dunning process (message
 * {@value #MESSAGE}), in one transaction: an answer is either stored and in a collector's queue,
 * or neither.
 */
@Service
public class CustomerAnswers {

    /** The BPMN message the dunning process starts its "Customer answered" event subprocess with. */
    public static final String MESSAGE = "CustomerAnswered";
    // Variables the message carries into that subprocess (local to it: answers never overwrite each other).
    public static final String ANSWER = "customerAnswer";
    public static final String ANSWER_ID = "customerAnswerId";
    public static final String PROMISED_DATE = "promisedDate";
    public static final String DISPUTE_REASON = "disputeReason";
    public static final String DISPUTE_ATTACHMENT = "disputeAttachment";
    public static final String PAYMENT_REFERENCE = "paymentReference";
    public static final String PAID_ON = "paidOn";

    /** The link is genuine but its invoice no longer needs an answer (paid, cancelled, closed). */
    public static final class InvoiceClosed extends RuntimeException {
        InvoiceClosed(String number) {
            super("Invoice " + number + " is closed");
        }
    }

    private final InvoiceRepository invoices;
    private final CustomerAnswerRepository answers;
    private final RuntimeService runtime;
    private final AccessRules access;
    private final Clock clock;

    CustomerAnswers(InvoiceRepository invoices, CustomerAnswerRepository answers, RuntimeService runtime,
                    AccessRules access, Clock clock) {
        this.access = access;
        this.invoices = invoices;
        this.answers = answers;
        this.runtime = runtime;
        this.clock = clock;
    }

    /** The invoice a valid link is about, if it is still open. */
    @Transactional(readOnly = true)
    public Invoice openInvoice(PortalLinks.Claims claims) {
        Invoice invoice = invoices.findByNumber(claims.invoiceNumber())
                .filter(i -> i.getCustomer().getNumber().equals(claims.customerNumber()))
                .orElseThrow(() -> new InvoiceClosed(claims.invoiceNumber()));
        invoice.getCustomer().getName(); // loaded for the page, outside this transaction
        if (invoice.getStatus().isClosed() || invoice.getProcessInstanceId() == null) {
            throw new InvoiceClosed(invoice.getNumber());
        }
        return invoice;
    }

    @Transactional
    public CustomerAnswer promise(PortalLinks.Claims claims, LocalDate date) {
        CustomerAnswer answer = start(claims, CustomerAnswer.Kind.PROMISE);
        answer.promise(date);
        return correlate(answer, Map.of(PROMISED_DATE, date.toString()));
    }

    @Transactional
    public CustomerAnswer dispute(PortalLinks.Claims claims, String reason, String fileName, String contentType,
                                  byte[] file) {
        CustomerAnswer answer = start(claims, CustomerAnswer.Kind.DISPUTE);
        answer.dispute(reason, fileName, contentType, file);
        Map<String, Object> variables = new HashMap<>();
        variables.put(DISPUTE_REASON, reason);
        variables.put(DISPUTE_ATTACHMENT, fileName == null ? "none" : fileName);
        return correlate(answer, variables);
    }

    @Transactional
    public CustomerAnswer paid(PortalLinks.Claims claims, String reference, LocalDate paidOn) {
        CustomerAnswer answer = start(claims, CustomerAnswer.Kind.PAID);
        answer.paid(reference, paidOn);
        return correlate(answer, Map.of(PAYMENT_REFERENCE, reference, PAID_ON, paidOn.toString()));
    }

    /** A promise a collector or salesperson took from the customer (phone, email). */
    @Transactional
    public CustomerAnswer promiseRecordedBy(String invoiceNumber, LocalDate date, String user) {
        CustomerAnswer answer = startFor(invoiceNumber, CustomerAnswer.Kind.PROMISE, user);
        answer.promise(date);
        return correlate(answer, Map.of(PROMISED_DATE, date.toString()));
    }

    /** A dispute a collector or salesperson raises for the customer. */
    @Transactional
    public CustomerAnswer disputeRecordedBy(String invoiceNumber, String reason, String user) {
        CustomerAnswer answer = startFor(invoiceNumber, CustomerAnswer.Kind.DISPUTE, user);
        answer.dispute(reason, null, null, null);
        return correlate(answer, Map.of(DISPUTE_REASON, reason, DISPUTE_ATTACHMENT, "none"));
    }

    private CustomerAnswer startFor(String invoiceNumber, CustomerAnswer.Kind kind, String user) {
        // A salesperson records answers for their own customers only; others' invoices do not exist for them.
        Invoice invoice = invoices.findByNumber(invoiceNumber)
                .filter(i -> access.mayAccessCustomerOf(i.getCustomer().getSalesRep()))
                .orElseThrow(() -> new InvoiceNotFoundException(invoiceNumber));
        if (invoice.getStatus().isClosed() || invoice.getProcessInstanceId() == null) {
            throw new InvoiceClosed(invoice.getNumber());
        }
        CustomerAnswer answer = new CustomerAnswer(invoice, kind, clock.instant(), clock.instant());
        answer.recordedBy(user);
        return answer;
    }

    private CustomerAnswer start(PortalLinks.Claims claims, CustomerAnswer.Kind kind) {
        Invoice invoice = openInvoice(claims);
        return new CustomerAnswer(invoices.getReferenceById(invoice.getId()), kind, claims.issuedAt(), clock.instant());
    }

    private CustomerAnswer correlate(CustomerAnswer answer, Map<String, Object> details) {
        CustomerAnswer saved = answers.saveAndFlush(answer);
        Map<String, Object> variables = new HashMap<>(details);
        variables.put(ANSWER, saved.getKind().name());
        variables.put(ANSWER_ID, saved.getId());
        try {
            runtime.createMessageCorrelation(MESSAGE).processInstanceBusinessKey(saved.getInvoice().getNumber())
                    .setVariablesLocal(variables).correlateWithResult();
        } catch (MismatchingMessageCorrelationException e) {
            // Its dunning ended between the page and the answer: nothing waits for it any more.
            throw new InvoiceClosed(saved.getInvoice().getNumber());
        }
        return saved;
    }
}
