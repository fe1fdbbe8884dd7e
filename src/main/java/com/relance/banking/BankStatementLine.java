package com.relance.banking;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;

/** A credit read from a bank statement, imported once (its idempotency key), and what became of it. */
@Entity
public class BankStatementLine {

    public enum Status {
        /** Matched (by the import or by accounting) and recorded as payment. */
        POSTED,
        /** Waiting for accounting's decision in the bank-line-review process. */
        IN_REVIEW,
        /** Accounting found it is no payment of a Relance invoice: closed without payment. */
        NOT_OURS
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true)
    private String idempotencyKey;

    @Column(nullable = false)
    private String statementId;

    private String accountIban;

    @Column(nullable = false)
    private int entryIndex;

    @Column(nullable = false, precision = 19, scale = 4)
    private BigDecimal amount;

    @Column(nullable = false, length = 3)
    private Currency currency;

    @Column(nullable = false)
    private LocalDate bookingDate;

    private String debtorName;
    private String creditorReference;
    private String remittanceText;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status;

    private String matchedBy;
    private String invoiceNumbers;
    private String reviewProcessInstanceId;

    @Column(nullable = false)
    private Instant importedAt;

    private String importedBy;
    private Instant resolvedAt;
    private String resolvedBy;

    protected BankStatementLine() {
    }

    BankStatementLine(String idempotencyKey, String statementId, String accountIban, int entryIndex, BigDecimal amount,
                      Currency currency, LocalDate bookingDate, String debtorName, String creditorReference,
                      String remittanceText, Instant importedAt, String importedBy) {
        this.idempotencyKey = idempotencyKey;
        this.statementId = statementId;
        this.accountIban = accountIban;
        this.entryIndex = entryIndex;
        this.amount = amount;
        this.currency = currency;
        this.bookingDate = bookingDate;
        this.debtorName = cut(debtorName, 140);
        this.creditorReference = cut(creditorReference, 35);
        this.remittanceText = cut(remittanceText, 1000);
        this.importedAt = importedAt;
        this.importedBy = importedBy;
        this.status = Status.IN_REVIEW;
    }

    void posted(String by, String invoices, Instant at, String who) {
        this.status = Status.POSTED;
        this.matchedBy = by;
        this.invoiceNumbers = cut(invoices, 1000);
        if (who != null) {
            this.resolvedAt = at;
            this.resolvedBy = who;
        }
    }

    void inReview(String processInstanceId) {
        this.status = Status.IN_REVIEW;
        this.reviewProcessInstanceId = processInstanceId;
    }

    void notOurs(Instant at, String who) {
        this.status = Status.NOT_OURS;
        this.resolvedAt = at;
        this.resolvedBy = who;
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    public Long getId() { return id; }
    public String getIdempotencyKey() { return idempotencyKey; }
    public String getStatementId() { return statementId; }
    public String getAccountIban() { return accountIban; }
    public int getEntryIndex() { return entryIndex; }
    public BigDecimal getAmount() { return amount; }
    public Currency getCurrency() { return currency; }
    public LocalDate getBookingDate() { return bookingDate; }
    public String getDebtorName() { return debtorName; }
    public String getCreditorReference() { return creditorReference; }
    public String getRemittanceText() { return remittanceText; }
    public Status getStatus() { return status; }
    public String getMatchedBy() { return matchedBy; }
    public String getInvoiceNumbers() { return invoiceNumbers; }
    public String getReviewProcessInstanceId() { return reviewProcessInstanceId; }
    public Instant getImportedAt() { return importedAt; }
    public String getImportedBy() { return importedBy; }
    public Instant getResolvedAt() { return resolvedAt; }
    public String getResolvedBy() { return resolvedBy; }
}
