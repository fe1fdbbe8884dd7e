package com.relance.demo;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The demo mail catcher's inbox: every message Relance sent, newest first, as received over SMTP. */
@Controller
@Profile("demo")
class MailboxController {

    record Mail(Instant received, String from, String to, String subject, String messageId, String body,
                List<String> attachments) {
    }

    private final GreenMail catcher;

    MailboxController(GreenMail catcher) {
        this.catcher = catcher;
    }

    @GetMapping("/mailbox")
    String mailbox(Model model) {
        List<Mail> mails = Arrays.stream(catcher.getReceivedMessages()).map(MailboxController::mail)
                .sorted(Comparator.comparing(Mail::received).reversed()).toList();
        model.addAttribute("mails", mails);
        return "demo/mailbox";
    }

    private static Mail mail(MimeMessage m) {
        try {
            return new Mail(m.getReceivedDate() != null ? m.getReceivedDate().toInstant() : m.getSentDate().toInstant(),
                    String.join(", ", Arrays.stream(m.getFrom()).map(Object::toString).toList()), String.join(", ", Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                    .map(Object::toString).toList()), m.getSubject(), m.getMessageID(), plainText(m), attachments(m));
        } catch (Exception e) {
            throw new IllegalStateException("Unreadable message in the demo mailbox", e);
        }
    }

    /** The plain-text part: what a reader without HTML sees (the HTML part says the same). */
    private static String plainText(Part part) throws Exception {
        if (part.isMimeType("text/plain") && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return (String) part.getContent();
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                String text = plainText(multipart.getBodyPart(i));
                if (text != null) {
                    return text;
                }
            }
        }
        return null;
    }

    private static List<String> attachments(Part part) throws Exception {
        if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return List.of(part.getFileName());
        }
        List<String> names = new ArrayList<>();
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                names.addAll(attachments(multipart.getBodyPart(i)));
            }
        }
        return names;
    }
}
