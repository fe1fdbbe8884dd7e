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

/** An invoice's reminder enrolled in a customer's {@link MessageGroup}: once per occasion (its member key). */
@Entity
public class MessageGroupMember {

    public enum Outcome {
        /** In the message. */
        LISTED,
        /** Paid, credited or otherwise closed between enrolment and the message: left out. */
        LEFT_OUT
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private Long groupId;

    @Column(nullable = false, unique = true)
    private String memberKey;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "invoice_id")
    private Invoice invoice;

    private String processInstanceId;

    @Column(nullable = false)
    private String stage;

    private boolean statesCharges;

    @Column(name = "invoice_copy")
    private boolean invoiceCopy;

    @Column(nullable = false)
    private Instant enrolledAt;

    @Enumerated(EnumType.STRING)
    private Outcome outcome;

    private String outcomeReason;

    protected MessageGroupMember() {
    }

    MessageGroupMember(Long groupId, String memberKey, Invoice invoice, String processInstanceId, String stage,
                       boolean statesCharges, boolean invoiceCopy, Instant enrolledAt) {
        this.groupId = groupId;
        this.memberKey = memberKey;
        this.invoice = invoice;
        this.processInstanceId = processInstanceId;
        this.stage = stage;
        this.statesCharges = statesCharges;
        this.invoiceCopy = invoiceCopy;
        this.enrolledAt = enrolledAt;
    }

    void decide(Outcome outcome, String reason) {
        this.outcome = outcome;
        this.outcomeReason = reason;
    }

    public Long getId() { return id; }
    public Long getGroupId() { return groupId; }
    public String getMemberKey() { return memberKey; }
    public Invoice getInvoice() { return invoice; }
    public String getProcessInstanceId() { return processInstanceId; }
    public String getStage() { return stage; }
    public boolean isStatesCharges() { return statesCharges; }
    public boolean isInvoiceCopy() { return invoiceCopy; }
    public Instant getEnrolledAt() { return enrolledAt; }
    public Outcome getOutcome() { return outcome; }
    public String getOutcomeReason() { return outcomeReason; }
}
