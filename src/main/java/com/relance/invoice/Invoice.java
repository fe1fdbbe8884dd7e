package com.relance.invoice;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import org.hibernate.annotations.NaturalId;

/** A customer invoice with an open amount; one dunning process instance follows it. */
@Entity
public class Invoice {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    /** Natural id: looked up by number from the persistence context without a query (DunningInvoices). */
    @NaturalId
    @Column(name = "invoice_number", nullable = false, unique = true)
    private String number;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "customer_id")
    private Customer customer;

    @Column(nullable = false)
    private LocalDate issueDate;

    @Column(nullable = false)
    private LocalDate dueDate;

    @Column(nullable = false, length = 3)
    private Currency currency;

    @Column(nullable = false, precision = 19, scale = 4)
    private BigDecimal amount;

    @Column(nullable = false, precision = 19, scale = 4)
    private BigDecimal outstandingAmount;

    /** Received beyond the outstanding amount, to be refunded or allocated; null when never overpaid. */
    @Column(precision = 19, scale = 4)
    private BigDecimal overpaidAmount;

    /** Credit notes after disputes, in total, and when the last was applied (the statement of account lists them). */
    @Column(precision = 19, scale = 4)
    private BigDecimal creditedAmount;
    private Instant creditedAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private InvoiceStatus status = InvoiceStatus.OPEN;

    /** The last dunning stage reached (null before the first reminder). */
    @Column(name = "dunning_stage")
    private String dunningStage;

    private String processInstanceId;

    @Column(nullable = false)
    private Instant registeredAt;

    private Instant closedAt;

    /** Late-payment interest as last stated to the customer (a running total, replaced each time). */
    private BigDecimal lateInterest;

    /** Fixed compensation for recovery costs: charged once per invoice, never again. */
    private BigDecimal lateCompensation;

    private LocalDate chargesAsOf;

    @Version
    private long version;

    protected Invoice() {
    }

    public Invoice(String number, Customer customer, LocalDate issueDate, LocalDate dueDate,
                   Currency currency, BigDecimal amount, BigDecimal outstandingAmount, Instant registeredAt) {
        this.number = number;
        this.customer = customer;
        this.issueDate = issueDate;
        this.dueDate = dueDate;
        this.currency = currency;
        this.amount = amount;
        this.outstandingAmount = outstandingAmount;
        this.registeredAt = registeredAt;
        if (outstandingAmount.signum() <= 0) {
            close(InvoiceStatus.PAID, registeredAt);
        }
    }

    /**
     * Lowers the open amount; at or below {@code tolerance} the invoice counts as paid. What the
     * payment brings beyond the open amount is added to {@link #getOverpaidAmount()}.
     *
     * @return the excess of this payment over the open amount (zero when none)
     */
    public BigDecimal applyPayment(BigDecimal paid, BigDecimal tolerance, Instant at) {
        BigDecimal excess = paid.subtract(outstandingAmount).max(BigDecimal.ZERO);
        outstandingAmount = outstandingAmount.subtract(paid).max(BigDecimal.ZERO);
        if (excess.signum() > 0) {
            overpaidAmount = overpaidAmount == null ? excess : overpaidAmount.add(excess);
        }
        if (status == InvoiceStatus.OPEN && outstandingAmount.compareTo(tolerance) <= 0) {
            close(InvoiceStatus.PAID, at);
        }
        return excess;
    }

    /**
     * A credit note after a dispute lowers what the customer owes (the invoice amount and the open
     * amount); at or below {@code tolerance} nothing is left to dun.
     *
     * @throws IllegalArgumentException when the credit note is not positive or exceeds the open amount
     */
    public void applyCreditNote(BigDecimal credit, BigDecimal tolerance, Instant at) {
        if (credit.signum() <= 0 || credit.compareTo(outstandingAmount) > 0) {
            throw new IllegalArgumentException("A credit note must be more than 0 and at most the open amount "
                    + outstandingAmount.toPlainString() + " " + currency + ", got " + credit.toPlainString());
        }
        amount = amount.subtract(credit);
        outstandingAmount = outstandingAmount.subtract(credit);
        creditedAmount = creditedAmount == null ? credit : creditedAmount.add(credit);
        creditedAt = at;
        if (status == InvoiceStatus.OPEN && outstandingAmount.compareTo(tolerance) <= 0) {
            close(InvoiceStatus.CREDITED, at);
        }
    }

    public void close(InvoiceStatus outcome, Instant at) {
        this.status = outcome;
        this.closedAt = at;
    }

    /**
     * Records the late charges a reminder states: the interest accrued up to {@code asOf} replaces
     * the earlier figure; the fixed compensation is recorded the first time only.
     *
     * @return the compensation now on the invoice (unchanged when it was already charged)
     */
    public BigDecimal recordLateCharges(BigDecimal interest, BigDecimal compensation, LocalDate asOf) {
        if (chargesAsOf != null && asOf.isBefore(chargesAsOf)) {
            return lateCompensation; // an older statement never overwrites a newer one
        }
        this.lateInterest = interest;
        if (lateCompensation == null) {
            this.lateCompensation = compensation;
        }
        this.chargesAsOf = asOf;
        return lateCompensation;
    }

    public BigDecimal getLateInterest() { return lateInterest; }
    public BigDecimal getLateCompensation() { return lateCompensation; }
    public LocalDate getChargesAsOf() { return chargesAsOf; }

    public long daysLate(LocalDate today) {
        return Math.max(0, ChronoUnit.DAYS.between(dueDate, today));
    }

    public Long getId() { return id; }
    public String getNumber() { return number; }
    public Customer getCustomer() { return customer; }
    public LocalDate getIssueDate() { return issueDate; }
    public LocalDate getDueDate() { return dueDate; }
    public Currency getCurrency() { return currency; }
    public BigDecimal getAmount() { return amount; }
    public BigDecimal getOutstandingAmount() { return outstandingAmount; }
    public BigDecimal getOverpaidAmount() { return overpaidAmount; }
    public BigDecimal getCreditedAmount() { return creditedAmount; }
    public Instant getCreditedAt() { return creditedAt; }
    public InvoiceStatus getStatus() { return status; }
    public String getDunningStage() { return dunningStage; }
    public void setDunningStage(String dunningStage) { this.dunningStage = dunningStage; }
    public String getProcessInstanceId() { return processInstanceId; }
    public void setProcessInstanceId(String processInstanceId) { this.processInstanceId = processInstanceId; }
    public Instant getRegisteredAt() { return registeredAt; }
    public Instant getClosedAt() { return closedAt; }
}
