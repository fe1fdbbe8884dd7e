package com.relance.invoice;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;

/** Money received against one invoice. */
@Entity
public class Payment {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "invoice_id")
    private Invoice invoice;

    @Column(nullable = false, precision = 19, scale = 4)
    private BigDecimal amount;

    @Column(nullable = false, length = 3)
    private Currency currency;

    @Column(nullable = false)
    private LocalDate paidOn;

    private String reference;

    @Column(nullable = false)
    private Instant recordedAt;

    private String recordedBy;

    protected Payment() {
    }

    public Payment(Invoice invoice, BigDecimal amount, Currency currency, LocalDate paidOn, String reference,
                   Instant recordedAt, String recordedBy) {
        this.invoice = invoice;
        this.amount = amount;
        this.currency = currency;
        this.paidOn = paidOn;
        this.reference = reference;
        this.recordedAt = recordedAt;
        this.recordedBy = recordedBy;
    }

    public Long getId() { return id; }
    public Invoice getInvoice() { return invoice; }
    public BigDecimal getAmount() { return amount; }
    public Currency getCurrency() { return currency; }
    public LocalDate getPaidOn() { return paidOn; }
    public String getReference() { return reference; }
    public Instant getRecordedAt() { return recordedAt; }
    public String getRecordedBy() { return recordedBy; }
}
