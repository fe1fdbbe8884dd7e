package com.relance.desk;

import com.relance.dunning.DunningHolds;
import com.relance.dunning.HoldRequest;
import com.relance.invoice.Customer;
import com.relance.invoice.CustomerRepository;
import com.relance.invoice.DunningProgress;
import com.relance.invoice.FieldError;
import com.relance.invoice.InvalidInvoiceException;
import com.relance.invoice.Invoice;
import com.relance.invoice.InvoiceRepository;
import com.relance.invoice.InvoiceStatus;
import com.relance.portal.CustomerAnswer;
import com.relance.portal.CustomerAnswerRepository;
import com.relance.portal.CustomerAnswers;
import com.relance.portal.PortalProperties;
import com.relance.security.AccessRules;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The salesperson's view of their customers: what each owes, where each invoice's dunning stands,
 * what the customer promised or disputed, holds, the last contact; and the actions the Tasklist
 * and the API offer (hold, promise, dispute, comment), through the same services. A salesperson
 * sees and acts on their own customers only.
 */
@Service
public class CustomerDesk {

    public record CustomerRow(String number, String name, String salesRep, int openInvoices,
                              Map<String, BigDecimal> outstanding) {
    }

    public record Answer(Instant at, String by, LocalDate promisedDate, String reason) {
    }

    public record Note(Instant at, String by, String text) {
    }

    public record InvoiceRow(String number, LocalDate issueDate, LocalDate dueDate, long daysLate, String currency,
                             BigDecimal amount, BigDecimal outstanding, String stage, boolean dunningActive,
                             DunningProgress.Hold hold, List<Answer> promises, List<Answer> disputes, boolean disputeOpen,
                             DunningProgress.Message lastContact, List<DunningProgress.OpenTask> openTasks,
                             List<Note> comments) {
    }

    public record CustomerSituation(Customer customer, Map<String, BigDecimal> outstanding, List<InvoiceRow> invoices) {
    }

    private static final int MAX_COMMENT = 2000;
    private static final int MAX_DISPUTE = 2000;

    private final CustomerRepository customers;
    private final InvoiceRepository invoices;
    private final DunningProgress progress;
    private final CustomerAnswerRepository answers;
    private final CustomerAnswers customerAnswers;
    private final DunningHolds holds;
    private final PortalProperties portal;
    private final TaskService tasks;
    private final RuntimeService runtime;
    private final IdentityService identity;
    private final AccessRules access;
    private final Clock clock;

    CustomerDesk(CustomerRepository customers, InvoiceRepository invoices, DunningProgress progress,
                 CustomerAnswerRepository answers, CustomerAnswers customerAnswers, DunningHolds holds,
                 PortalProperties portal, TaskService tasks, RuntimeService runtime, IdentityService identity,
                 AccessRules access, Clock clock) {
        this.customers = customers;
        this.invoices = invoices;
        this.progress = progress;
        this.answers = answers;
        this.customerAnswers = customerAnswers;
        this.holds = holds;
        this.portal = portal;
        this.tasks = tasks;
        this.runtime = runtime;
        this.identity = identity;
        this.access = access;
        this.clock = clock;
    }

    /** Every customer the caller may see (a salesperson: their own), with what is outstanding per currency. */
    @Transactional(readOnly = true)
    public List<CustomerRow> customers(String user, boolean seesEveryCustomer) {
        List<Customer> listed = seesEveryCustomer ? customers.findAllByOrderByName() : customers.findBySalesRepOrderByName(user);
        List<Invoice> open = seesEveryCustomer ? invoices.findByStatusOrderByNumber(InvoiceStatus.OPEN)
                : invoices.findByStatusAndCustomerSalesRepOrderByNumber(InvoiceStatus.OPEN, user);
        Map<String, List<Invoice>> byCustomer = open.stream().collect(Collectors.groupingBy(i -> i.getCustomer().getNumber()));
        return listed.stream().map(c -> {
            List<Invoice> theirs = byCustomer.getOrDefault(c.getNumber(), List.of());
            return new CustomerRow(c.getNumber(), c.getName(), c.getSalesRep(), theirs.size(), totals(theirs));
        }).toList();
    }

    /** @throws AccessDeniedException for another salesperson's customer */
    @Transactional(readOnly = true)
    public CustomerSituation situation(String customerNumber) {
        Customer customer = accessibleCustomer(customerNumber);
        List<Invoice> open = invoices.findByCustomerNumberAndStatusOrderByNumber(customerNumber, InvoiceStatus.OPEN);
        LocalDate today = LocalDate.now(clock.withZone(customer.zone()));
        List<InvoiceRow> rows = open.stream().map(i -> row(i, today)).toList();
        return new CustomerSituation(customer, totals(open), rows);
    }

    /** One invoice the caller may see, for the desk's invoice page. */
    @Transactional(readOnly = true)
    public InvoiceRow invoice(String invoiceNumber) {
        Invoice invoice = accessibleInvoice(invoiceNumber);
        invoice.getCustomer().getName();
        return row(invoice, LocalDate.now(clock.withZone(invoice.getCustomer().zone())));
    }

    @Transactional(readOnly = true)
    public Customer customerOf(String invoiceNumber) {
        Invoice invoice = accessibleInvoice(invoiceNumber);
        invoice.getCustomer().getName();
        return invoice.getCustomer();
    }

    /** Through {@link DunningHolds}, as {@code POST /api/invoices/{n}/holds}. */
    public DunningProgress.Hold hold(String invoiceNumber, String reason, LocalDate until, String user) {
        return holds.place(invoiceNumber, new HoldRequest(reason, until), user);
    }

    public void liftHold(String invoiceNumber) {
        holds.lift(invoiceNumber);
    }

    /** As {@code POST /api/invoices/{n}/promises}: the ladder pauses until the date plus grace. */
    public void promise(String invoiceNumber, LocalDate promisedDate, String user) {
        LocalDate today = LocalDate.now(clock);
        if (promisedDate == null || promisedDate.isBefore(today) || promisedDate.isAfter(today.plusDays(portal.maxPromiseDays()))) {
            throw new InvalidInvoiceException(List.of(new FieldError("promisedDate",
                    "must be a date from today to " + today.plusDays(portal.maxPromiseDays()))));
        }
        accessibleInvoice(invoiceNumber);
        customerAnswers.promiseRecordedBy(invoiceNumber, promisedDate, user);
    }

    /** As {@code POST /api/invoices/{n}/disputes}: the ladder holds, a collector resolves it with the salesperson. */
    public void dispute(String invoiceNumber, String reason, String user) {
        if (reason == null || reason.isBlank() || reason.length() > MAX_DISPUTE) {
            throw new InvalidInvoiceException(List.of(new FieldError("reason",
                    "must say what the customer disputes (at most 2,000 characters)")));
        }
        accessibleInvoice(invoiceNumber);
        customerAnswers.disputeRecordedBy(invoiceNumber, reason.strip(), user);
    }

    /**
     * A comment on the invoice's process instance (the engine's own comments, as a Tasklist comment
     * on one of its tasks): the next task's form shows it to the collector.
     */
    @Transactional
    public void comment(String invoiceNumber, String text, String user) {
        if (text == null || text.isBlank() || text.length() > MAX_COMMENT) {
            throw new InvalidInvoiceException(List.of(new FieldError("comment", "must not be blank, at most 2,000 characters")));
        }
        Invoice invoice = accessibleInvoice(invoiceNumber);
        if (invoice.getProcessInstanceId() == null
                || runtime.createProcessInstanceQuery().processInstanceId(invoice.getProcessInstanceId()).count() == 0) {
            throw new com.relance.invoice.InvoiceConflictException(invoiceNumber,
                    "Invoice " + invoiceNumber + " is not being dunned: nobody would read the comment");
        }
        // The engine records the comment's author from its authenticated user.
        identity.setAuthenticatedUserId(user);
        try {
            tasks.createComment(null, invoice.getProcessInstanceId(), text.strip());
        } finally {
            identity.clearAuthentication();
        }
    }

    private InvoiceRow row(Invoice invoice, LocalDate today) {
        DunningProgress.Summary summary = progress.of(invoice);
        List<CustomerAnswer> given = answers.findByInvoiceOrderByAnsweredAtAsc(invoice);
        List<Answer> promises = given.stream().filter(a -> a.getKind() == CustomerAnswer.Kind.PROMISE)
                .map(a -> new Answer(a.getAnsweredAt(), by(a), a.getPromisedDate(), null)).toList();
        List<Answer> disputes = given.stream().filter(a -> a.getKind() == CustomerAnswer.Kind.DISPUTE)
                .map(a -> new Answer(a.getAnsweredAt(), by(a), null, a.getReason())).toList();
        boolean disputeOpen = summary.openTasks().stream().anyMatch(t -> t.taskDefinitionKey() != null
                && t.taskDefinitionKey().contains("Dispute"));
        DunningProgress.Message lastContact = summary.messages().stream().filter(m -> m.sentAt() != null)
                .max(Comparator.comparing(DunningProgress.Message::sentAt)).orElse(null);
        List<Note> comments = invoice.getProcessInstanceId() == null ? List.of()
                : tasks.getProcessInstanceComments(invoice.getProcessInstanceId()).stream()
                .map(c -> new Note(c.getTime().toInstant(), c.getUserId(), c.getFullMessage()))
                .sorted(Comparator.comparing(Note::at)).toList();
        return new InvoiceRow(invoice.getNumber(), invoice.getIssueDate(), invoice.getDueDate(), invoice.daysLate(today),
                invoice.getCurrency().getCurrencyCode(), invoice.getAmount(), invoice.getOutstandingAmount(),
                invoice.getDunningStage(), summary.running(), summary.hold(), promises, disputes, disputeOpen, lastContact,
                summary.openTasks(), comments);
    }

    private static String by(CustomerAnswer answer) {
        return answer.getAnsweredBy() == null ? "the customer (online)" : answer.getAnsweredBy();
    }

    private static Map<String, BigDecimal> totals(List<Invoice> open) {
        Map<String, BigDecimal> totals = new TreeMap<>();
        open.forEach(i -> totals.merge(i.getCurrency().getCurrencyCode(), i.getOutstandingAmount(), BigDecimal::add));
        return totals;
    }

    private Customer accessibleCustomer(String customerNumber) {
        Customer customer = customers.findByNumber(customerNumber)
                .orElseThrow(() -> new com.relance.invoice.CustomerNotFoundException(customerNumber));
        if (!access.mayAccessCustomerOf(customer.getSalesRep())) {
            throw new AccessDeniedException("Customer " + customerNumber + " is another salesperson's");
        }
        return customer;
    }

    private Invoice accessibleInvoice(String invoiceNumber) {
        Invoice invoice = invoices.findByNumber(invoiceNumber)
                .orElseThrow(() -> new com.relance.invoice.InvoiceNotFoundException(invoiceNumber));
        if (!access.mayAccessCustomerOf(invoice.getCustomer().getSalesRep())) {
            throw new AccessDeniedException("Invoice " + invoiceNumber + " belongs to another salesperson's customer");
        }
        return invoice;
    }
}
