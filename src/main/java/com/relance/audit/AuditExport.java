package com.relance.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import java.time.Instant;

/** One export of an invoice's audit trail: the trail leaves Relance, so who took it and when is kept. */
@Entity
public class AuditExport {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String userId;

    @Column(nullable = false)
    private String invoiceNumber;

    /** json, csv or pdf. */
    @Column(nullable = false)
    private String format;

    @Column(nullable = false)
    private Instant exportedAt;

    protected AuditExport() {
    }

    AuditExport(String userId, String invoiceNumber, String format, Instant exportedAt) {
        this.userId = userId;
        this.invoiceNumber = invoiceNumber;
        this.format = format;
        this.exportedAt = exportedAt;
    }

    public Long getId() { return id; }
    public String getUserId() { return userId; }
    public String getInvoiceNumber() { return invoiceNumber; }
    public String getFormat() { return format; }
    public Instant getExportedAt() { return exportedAt; }
}
