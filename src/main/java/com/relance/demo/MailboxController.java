package com.relance.demo;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
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

    record Mail(Instant received, String from, String to, String subject, String messageId, String body) {
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
                    .map(Object::toString).toList()), m.getSubject(), m.getMessageID(),
                    m.getContent() instanceof String text ? text : GreenMailUtil.getBody(m));
        } catch (Exception e) {
            throw new IllegalStateException("Unreadable message in the demo mailbox", e);
        }
    }
}
