package com.relance.portal;

import com.relance.invoice.Invoice;
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
import java.time.Instant;
import java.time.LocalDate;

/** What a customer told us through a reminder's signed link, kept as they said it. */
@Entity
public class CustomerAnswer {

    public enum Kind { PROMISE, DISPUTE, PAID }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "invoice_id")
    private Invoice invoice;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Kind kind;

    private LocalDate promisedDate;
    private String reason;
    private String paymentReference;
    private LocalDate paidOn;
    private String attachmentName;
    private String attachmentType;
    private byte[] attachment;

    /** When the link used was issued: which reminder the customer answered. */
    @Column(nullable = false)
    private Instant linkIssuedAt;

    @Column(nullable = false)
    private Instant answeredAt;

    /** A collector or salesperson who recorded the customer's answer; null when the customer answered online. */
    private String answeredBy;

    protected CustomerAnswer() {
    }

    CustomerAnswer(Invoice invoice, Kind kind, Instant linkIssuedAt, Instant answeredAt) {
        this.invoice = invoice;
        this.kind = kind;
        this.linkIssuedAt = linkIssuedAt;
        this.answeredAt = answeredAt;
    }

    void promise(LocalDate date) { this.promisedDate = date; }

    void recordedBy(String user) { this.answeredBy = user; }

    void dispute(String reason, String attachmentName, String attachmentType, byte[] attachment) {
        this.reason = reason;
        this.attachmentName = attachmentName;
        this.attachmentType = attachmentType;
        this.attachment = attachment;
    }

    void paid(String reference, LocalDate paidOn) {
        this.paymentReference = reference;
        this.paidOn = paidOn;
    }

    public Long getId() { return id; }
    public Invoice getInvoice() { return invoice; }
    public Kind getKind() { return kind; }
    public LocalDate getPromisedDate() { return promisedDate; }
    public String getReason() { return reason; }
    public String getPaymentReference() { return paymentReference; }
    public LocalDate getPaidOn() { return paidOn; }
    public String getAttachmentName() { return attachmentName; }
    public String getAttachmentType() { return attachmentType; }
    public byte[] getAttachment() { return attachment; }
    public Instant getLinkIssuedAt() { return linkIssuedAt; }
    public Instant getAnsweredAt() { return answeredAt; }
    public String getAnsweredBy() { return answeredBy; }
}
