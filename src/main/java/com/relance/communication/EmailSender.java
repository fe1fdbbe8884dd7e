package com.relance.communication;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/** Email over SMTP: plain text, the HTML alternative when there is one (with its inline images), the PDFs attached. */
@Component
class EmailSender implements ChannelSender {

    private final JavaMailSender mailSender;
    private final MailProperties mail;

    EmailSender(JavaMailSender mailSender, MailProperties mail) {
        this.mailSender = mailSender;
        this.mail = mail;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public String send(Communication message, List<CommunicationDocument> documents, String invoiceNumber) {
        try {
            mailSender.send(toMime(message, documents, invoiceNumber));
        } catch (MessagingException e) {
            throw new IllegalStateException("Email could not be built: " + e.getMessage(), e);
        }
        return "smtp";
    }

    private MimeMessage toMime(Communication c, List<CommunicationDocument> documents, String invoiceNumber)
            throws MessagingException {
        MimeMessage mime = mailSender.createMimeMessage();
        boolean multipart = c.getHtmlBody() != null || !documents.isEmpty();
        MimeMessageHelper helper = new MimeMessageHelper(mime, multipart, "UTF-8");
        helper.setFrom(mail.from());
        if (mail.replyTo() != null && !mail.replyTo().isBlank()) {
            helper.setReplyTo(mail.replyTo());
        }
        helper.setTo(c.getRecipient());
        helper.setSubject(c.getSubject());
        if (c.getHtmlBody() != null) {
            helper.setText(c.getBody(), c.getHtmlBody());
        } else {
            helper.setText(c.getBody(), false);
        }
        for (CommunicationDocument d : documents) {
            if (d.getKind() == CommunicationDocument.Kind.INLINE_IMAGE) {
                // Referenced by the HTML as cid:<name>: shown in the text by the mail clients that block data: images.
                helper.addInline(contentId(d.getFileName()), new ByteArrayResource(d.getContent()), d.getContentType());
            } else {
                helper.addAttachment(d.getFileName(), new ByteArrayResource(d.getContent()), d.getContentType());
            }
        }
        // JavaMailSenderImpl keeps a Message-ID set beforehand; a resend reuses it.
        mime.setHeader("Message-ID", c.getMessageId());
        mime.setHeader("X-Relance-Idempotency-Key", c.getIdempotencyKey());
        mime.setHeader("X-Relance-Invoice", invoiceNumber);
        mime.setHeader("Content-Language", c.getLanguage());
        return mime;
    }

    /** An inline image's Content-ID: its file name without the extension. */
    static String contentId(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? fileName : fileName.substring(0, dot);
    }
}
