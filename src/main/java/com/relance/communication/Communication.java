package com.relance.communication;

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

/**
 * One message to a customer, salesperson or agency: the exact text as rendered once, and its
 * delivery state. The idempotency key makes its delivery exactly-once.
 */
@Entity
public class Communication {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true)
    private String idempotencyKey;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "invoice_id")
    private Invoice invoice;

    private String processInstanceId;

    /** What the message is for: a dunning stage, or an internal message such as LEVEL_2_SALESPERSON. */
    @Column(nullable = false)
    private String stage;

    @Column(nullable = false)
    private String channel;

    @Column(nullable = false)
    private String recipient;

    /** The language the text was actually written in (after fallback). */
    @Column(nullable = false)
    private String language;

    @Column(nullable = false)
    private String subject;

    @Column(nullable = false, columnDefinition = "text")
    private String body;

    @Column(nullable = false)
    private String messageId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private CommunicationStatus status = CommunicationStatus.PENDING;

    private int attempts;

    private String lastError;

    @Column(nullable = false)
    private Instant createdAt;

    private Instant attemptStartedAt;

    private Instant sentAt;

    /** The HTML alternative of an email, exactly as sent. */
    @Column(columnDefinition = "text")
    private String htmlBody;

    /** The message's own words (a reminder's text without the layout's table and link): what a reviewer edits. */
    @Column(columnDefinition = "text")
    private String words;

    /** A letter's recipient block (name and address lines, one per line). */
    private String postalAddress;

    /** Who approved the text in a review task, and whether they changed it. */
    private String approvedBy;
    private Instant approvedAt;
    private boolean edited;

    /** Where the channel handed the message: an SMTP server, an SMS gateway, a print-and-post folder. */
    private String deliveredVia;

    /** The customer's grouped message this entry went out in (F8), or null for a message of its own. */
    @Column(name = "group_id")
    private Long groupId;

    protected Communication() {
    }

    Communication(String idempotencyKey, Invoice invoice, String processInstanceId, String stage, String channel,
                  String recipient, String language, String subject, String body, String messageId, Instant createdAt) {
        this.idempotencyKey = idempotencyKey;
        this.invoice = invoice;
        this.processInstanceId = processInstanceId;
        this.stage = stage;
        this.channel = channel;
        this.recipient = recipient;
        this.language = language;
        this.subject = subject;
        this.body = body;
        this.messageId = messageId;
        this.createdAt = createdAt;
    }

    static Communication of(OutgoingMessage message, ComposedMessage composed, String messageId, Instant createdAt) {
        Communication c = new Communication(message.idempotencyKey(), message.invoice(), message.processInstanceId(),
                message.stage(), message.channel().name(), composed.recipient(), composed.language(), composed.subject(),
                composed.body(), messageId, createdAt);
        c.htmlBody = composed.html();
        c.words = composed.words();
        c.postalAddress = composed.postalAddress();
        return c;
    }

    /**
     * An invoice's own entry for a grouped message that went out: the shared message's text and
     * Message-ID, SENT when it was.
     */
    static Communication linkedTo(Communication shared, String idempotencyKey, Invoice invoice, String processInstanceId,
                                  String stage, long groupId) {
        Communication c = new Communication(idempotencyKey, invoice, processInstanceId, stage, shared.channel,
                shared.recipient, shared.language, shared.subject, shared.body, shared.messageId, shared.createdAt);
        c.htmlBody = shared.htmlBody;
        c.words = shared.words;
        c.postalAddress = shared.postalAddress;
        c.status = CommunicationStatus.SENT;
        c.sentAt = shared.sentAt;
        c.deliveredVia = "group " + groupId + " (" + shared.idempotencyKey + ")";
        c.groupId = groupId;
        return c;
    }

    void belongsTo(long groupId) {
        this.groupId = groupId;
    }

    /** A reviewer's approval; an edited text replaces the draft before anything is sent. */
    void approve(ComposedMessage composed, boolean changed, String by, Instant at) {
        if (status == CommunicationStatus.SENT) {
            throw new IllegalStateException(idempotencyKey + " was already sent: its text can no longer change");
        }
        this.subject = composed.subject();
        this.body = composed.body();
        this.htmlBody = composed.html();
        this.words = composed.words();
        this.edited = this.edited || changed;
        this.approvedBy = by;
        this.approvedAt = at;
    }

    public Long getId() { return id; }
    public String getIdempotencyKey() { return idempotencyKey; }
    public Invoice getInvoice() { return invoice; }
    public String getProcessInstanceId() { return processInstanceId; }
    public String getStage() { return stage; }
    public String getChannel() { return channel; }
    public String getRecipient() { return recipient; }
    public String getLanguage() { return language; }
    public String getSubject() { return subject; }
    public String getBody() { return body; }
    public String getMessageId() { return messageId; }
    public CommunicationStatus getStatus() { return status; }
    public int getAttempts() { return attempts; }
    public String getLastError() { return lastError; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getAttemptStartedAt() { return attemptStartedAt; }
    public Instant getSentAt() { return sentAt; }
    public String getHtmlBody() { return htmlBody; }
    public String getWords() { return words; }
    public String getPostalAddress() { return postalAddress; }
    public String getApprovedBy() { return approvedBy; }
    public Instant getApprovedAt() { return approvedAt; }
    public boolean isEdited() { return edited; }
    public String getDeliveredVia() { return deliveredVia; }
    public Long getGroupId() { return groupId; }
}
