package com.relance.communication;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;

/**
 * Sends an email exactly once per idempotency key, across job retries, crashes and nodes:
 * <ol>
 *   <li>the message is rendered and recorded once (PENDING) with its Message-ID;</li>
 *   <li>an attempt is claimed with a compare-and-set (SENDING), so two executors never both send;</li>
 *   <li>after SMTP accepts it, SENT is committed at once, in its own transaction: a retry of a job
 *   whose transaction later rolled back finds SENT and does not send again.</li>
 * </ol>
 * The one window left is a crash between SMTP's acceptance and that commit; the interrupted
 * attempt is then resent with the same Message-ID, which receiving systems use to drop duplicates.
 */
@Service
public class EmailDelivery {

    private static final Logger log = LoggerFactory.getLogger(EmailDelivery.class);
    static final String CHANNEL = "EMAIL";

    private final MessageTemplates templates;
    private final CommunicationLog communicationLog;
    private final JavaMailSender mailSender;
    private final MailProperties mail;
    private final DeliveryProperties delivery;
    private final Clock clock;

    public EmailDelivery(MessageTemplates templates, CommunicationLog communicationLog, JavaMailSender mailSender,
                         MailProperties mail, DeliveryProperties delivery, Clock clock) {
        this.templates = templates;
        this.communicationLog = communicationLog;
        this.mailSender = mailSender;
        this.mail = mail;
        this.delivery = delivery;
        this.clock = clock;
    }

    /**
     * Call before the caller's transaction writes the invoice row: the record written here in its
     * own transaction references that row (on PostgreSQL it would wait for the caller's lock).
     *
     * @return the communication record, SENT
     */
    public Communication deliver(OutgoingEmail email) {
        Communication message = communicationLog.recordOnce(email.idempotencyKey(), () -> {
            RenderedMessage rendered = templates.render(email.template(), email.language(), email.model());
            return new Communication(email.idempotencyKey(), email.invoice(), email.processInstanceId(), email.stage(),
                    CHANNEL, email.recipient(), rendered.language(), rendered.subject(), rendered.body(),
                    "<" + UUID.randomUUID() + "@" + mail.messageIdDomain() + ">", clock.instant());
        });
        if (message.getStatus() == CommunicationStatus.SENT) {
            log.info("{} already sent as {}: not sending again", email.idempotencyKey(), message.getMessageId());
            return message;
        }
        if (!communicationLog.claimAttempt(message, clock.instant().minus(delivery.interruptedAfter()))) {
            Communication now = communicationLog.reload(message);
            if (now.getStatus() == CommunicationStatus.SENT) {
                return now;
            }
            throw new DeliveryFailedException("Another attempt to send " + email.idempotencyKey()
                    + " is in progress since " + now.getAttemptStartedAt() + "; retrying later");
        }
        if (message.getAttempts() > 0 && message.getStatus() == CommunicationStatus.SENDING) {
            log.warn("{}: an earlier attempt was interrupted; resending with the same Message-ID {}",
                    email.idempotencyKey(), message.getMessageId());
        }
        try {
            mailSender.send(toMime(message, email.invoice().getNumber()));
        } catch (MailException | MessagingException e) {
            communicationLog.markFailed(message, e.toString());
            throw new DeliveryFailedException("Email " + email.idempotencyKey() + " to " + message.getRecipient()
                    + " could not be sent: " + e.getMessage(), e);
        }
        communicationLog.markSent(message);
        return communicationLog.reload(message);
    }

    private MimeMessage toMime(Communication c, String invoiceNumber) throws MessagingException {
        MimeMessage mime = mailSender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(mime, false, "UTF-8");
        helper.setFrom(mail.from());
        if (mail.replyTo() != null && !mail.replyTo().isBlank()) {
            helper.setReplyTo(mail.replyTo());
        }
        helper.setTo(c.getRecipient());
        helper.setSubject(c.getSubject());
        helper.setText(c.getBody(), false);
        // JavaMailSenderImpl keeps a Message-ID set beforehand; a resend reuses it.
        mime.setHeader("Message-ID", c.getMessageId());
        mime.setHeader("X-Relance-Idempotency-Key", c.getIdempotencyKey());
        mime.setHeader("X-Relance-Invoice", invoiceNumber);
        mime.setHeader("Content-Language", c.getLanguage());
        return mime;
    }
}
