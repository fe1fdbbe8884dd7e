package com.relance.communication;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import java.time.Instant;

/**
 * A PDF (or an email's inline image) that went with a message (the letter itself, an invoice copy attached to an email), kept
 * byte for byte. A separate entity so that reading the communication log loads no PDFs.
 */
@Entity
public class CommunicationDocument {

    /** INLINE_IMAGE: shown inside an email's HTML (cid:<file name without extension>), such as the payment QR code. */
    public enum Kind { LETTER, INVOICE_COPY, INLINE_IMAGE }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private Long communicationId;

    @Column(nullable = false)
    private String kind;

    @Column(nullable = false)
    private String fileName;

    @Column(nullable = false)
    private String contentType;

    @Column(nullable = false)
    private byte[] content;

    @Column(nullable = false)
    private Instant createdAt;

    protected CommunicationDocument() {
    }

    CommunicationDocument(Long communicationId, ComposedMessage.Document document, Instant createdAt) {
        this.communicationId = communicationId;
        this.kind = document.kind().name();
        this.fileName = document.fileName();
        this.contentType = document.contentType();
        this.content = document.content();
        this.createdAt = createdAt;
    }

    void replace(byte[] newContent) {
        this.content = newContent;
    }

    public Long getId() { return id; }
    public Long getCommunicationId() { return communicationId; }
    public Kind getKind() { return Kind.valueOf(kind); }
    public String getFileName() { return fileName; }
    public String getContentType() { return contentType; }
    public byte[] getContent() { return content; }
    public Instant getCreatedAt() { return createdAt; }
}
