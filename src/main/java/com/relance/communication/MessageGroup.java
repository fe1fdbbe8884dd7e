package com.relance.communication;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One message to a customer that lists several invoices: the reminders of one customer, stage
 * family and channel whose send falls in the same sending window (the customer's day). Unique per
 * (customer, family, channel, window day, sequence number): an invoice that comes once the window's
 * group has closed opens the next one.
 */
@Entity
public class MessageGroup {

    public enum Status {
        /** Invoices may still enrol. */
        OPEN,
        /** Closed to enrolments: its members are final, the message is going. */
        CLOSED,
        /** The shared message went out and every listed invoice has its entry. */
        SENT,
        /** Every member was paid (or closed otherwise) before it went: nothing sent. */
        EMPTY
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private Long customerId;

    @Column(nullable = false)
    private String family;

    @Column(nullable = false)
    private String channel;

    @Column(nullable = false)
    private LocalDate windowDay;

    @Column(name = "sequence_no", nullable = false)
    private int sequenceNo;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status = Status.OPEN;

    private int memberCount;

    @Column(nullable = false)
    private Instant sendAt;

    @Column(nullable = false)
    private String senderKey;

    @Column(nullable = false)
    private Instant createdAt;

    private Instant closedAt;
    private Instant sentAt;
    private Long communicationId;

    protected MessageGroup() {
    }

    MessageGroup(Long customerId, String family, Channel channel, LocalDate windowDay, int sequenceNo, Instant sendAt,
                 String senderKey, Instant createdAt) {
        this.customerId = customerId;
        this.family = family;
        this.channel = channel.name();
        this.windowDay = windowDay;
        this.sequenceNo = sequenceNo;
        this.sendAt = sendAt;
        this.senderKey = senderKey;
        this.createdAt = createdAt;
    }

    /** The business key of the process instance that sends it. */
    public String businessKey() {
        return "message-group-" + id;
    }

    public Long getId() { return id; }
    public Long getCustomerId() { return customerId; }
    public String getFamily() { return family; }
    public Channel getChannel() { return Channel.valueOf(channel); }
    public LocalDate getWindowDay() { return windowDay; }
    public int getSequenceNo() { return sequenceNo; }
    public Status getStatus() { return status; }
    public int getMemberCount() { return memberCount; }
    public Instant getSendAt() { return sendAt; }
    public String getSenderKey() { return senderKey; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getClosedAt() { return closedAt; }
    public Instant getSentAt() { return sentAt; }
    public Long getCommunicationId() { return communicationId; }
}
