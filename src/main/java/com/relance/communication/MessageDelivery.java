package com.relance.communication;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Delivers a message exactly once per idempotency key, on any channel, across job retries,
 * crashes and nodes:
 * <ol>
 *   <li>the message is composed and recorded once (PENDING, in its own transaction: the outbox)
 *   with its Message-ID;</li>
 *   <li>an attempt is claimed with a compare-and-set (SENDING), so two executors never both send;</li>
 *   <li>after the channel accepts it, SENT is committed at once, in its own transaction: a retry
 *   of a job whose transaction later rolled back finds SENT and does not send again.</li>
 * </ol>
 * The one window left is a crash between the channel's acceptance and that commit; the attempt is
 * then resent under the same identity (the email's Message-ID, the SMS gateway's idempotency key,
 * the letter's file name), which the receiving side uses to drop the duplicate.
 */
@Service
public class MessageDelivery {

    private static final Logger log = LoggerFactory.getLogger(MessageDelivery.class);

    private final CommunicationLog communicationLog;
    private final Map<Channel, ChannelSender> senders = new EnumMap<>(Channel.class);
    private final MailProperties mail;
    private final DeliveryProperties delivery;
    private final Clock clock;
    private final MeterRegistry meters;

    MessageDelivery(CommunicationLog communicationLog, List<ChannelSender> senders, MailProperties mail,
                    DeliveryProperties delivery, Clock clock, MeterRegistry meters) {
        this.communicationLog = communicationLog;
        senders.forEach(s -> this.senders.put(s.channel(), s));
        this.mail = mail;
        this.delivery = delivery;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * Records the message without sending it (a draft a reviewer will see), in the caller's
     * transaction, or returns the record an earlier call made.
     */
    public Communication draft(OutgoingMessage message) {
        return communicationLog.recordDraft(message.idempotencyKey(), () -> recorded(message));
    }

    private CommunicationLog.Recorded recorded(OutgoingMessage message) {
        ComposedMessage composed = message.composer().get();
        return new CommunicationLog.Recorded(Communication.of(message, composed,
                "<" + UUID.randomUUID() + "@" + mail.messageIdDomain() + ">", clock.instant()), composed.documents());
    }

    /** @return the communication record, SENT */
    public Communication deliver(OutgoingMessage outgoing) {
        // The outbox record is committed on its own before anything is sent: the claim below, in its
        // own transaction, must see it. Call before the caller's transaction writes the invoice row
        // it references (on PostgreSQL the insert would wait for that row's lock).
        Communication message = communicationLog.recordOnce(outgoing.idempotencyKey(), () -> recorded(outgoing));
        if (message.getStatus() == CommunicationStatus.SENT) {
            log.info("{} already sent ({}): not sending again", outgoing.idempotencyKey(), message.getMessageId());
            return message;
        }
        if (!communicationLog.claimAttempt(message, clock.instant().minus(delivery.interruptedAfter()))) {
            Communication now = communicationLog.reload(message);
            if (now.getStatus() == CommunicationStatus.SENT) {
                return now;
            }
            throw new DeliveryFailedException("Another attempt to send " + outgoing.idempotencyKey()
                    + " is in progress since " + now.getAttemptStartedAt() + "; retrying later");
        }
        if (message.getAttempts() > 0 && message.getStatus() == CommunicationStatus.SENDING) {
            log.warn("{}: an earlier attempt was interrupted; resending under the same identity {}",
                    outgoing.idempotencyKey(), message.getMessageId());
        }
        ChannelSender sender = senders.get(outgoing.channel());
        if (sender == null) {
            throw new IllegalStateException("No sender for channel " + outgoing.channel());
        }
        String via;
        try {
            via = sender.send(message, communicationLog.documentsOf(message), outgoing.invoice().getNumber());
        } catch (RuntimeException e) {
            communicationLog.markFailed(message, e.toString());
            Counter.builder("relance.deliveries.failed").description("Send attempts a channel refused or failed")
                    .tag("channel", outgoing.channel().name()).register(meters).increment();
            throw new DeliveryFailedException(outgoing.channel() + " " + outgoing.idempotencyKey() + " to "
                    + message.getRecipient() + " could not be sent: " + e.getMessage(), e);
        }
        communicationLog.markSent(message, via);
        log.info("{} sent via {} ({})", outgoing.idempotencyKey(), via, message.getMessageId());
        // Counted when marked SENT, exactly once per message: the paths above that find it sent count nothing.
        Counter.builder("relance.reminders.sent").description("Messages sent (marked SENT), by stage and channel")
                .tag("stage", message.getStage()).tag("channel", outgoing.channel().name()).register(meters).increment();
        return communicationLog.reload(message);
    }

    /**
     * A reviewer approved the draft recorded under this key, possibly edited: what is sent later is
     * exactly this. Refused once the message has gone.
     */
    public Communication approve(String idempotencyKey, ComposedMessage approved, boolean changed, String approvedBy) {
        return communicationLog.approve(idempotencyKey, approved, changed, approvedBy);
    }

    public Optional<Communication> find(String idempotencyKey) {
        return communicationLog.find(idempotencyKey);
    }

    public List<CommunicationDocument> documentsOf(Communication c) {
        return communicationLog.documentsOf(c);
    }
}
