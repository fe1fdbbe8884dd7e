package com.relance.communication;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Posts a letter: the PDF is already kept with the communication; this hands it to the print
 * room. The file name is the communication's identity, so a resend after a crash overwrites the
 * same file instead of printing a second letter.
 */
@Component
class LetterPost implements ChannelSender {

    private final LetterProperties letters;
    private final JavaMailSender mailSender;
    private final MailProperties mail;

    LetterPost(LetterProperties letters, JavaMailSender mailSender, MailProperties mail) {
        this.letters = letters;
        this.mailSender = mailSender;
        this.mail = mail;
    }

    @Override
    public Channel channel() {
        return Channel.LETTER;
    }

    @Override
    public String send(Communication message, List<CommunicationDocument> documents, String invoiceNumber) {
        CommunicationDocument letter = documents.stream()
                .filter(d -> d.getKind() == CommunicationDocument.Kind.LETTER).findFirst()
                .orElseThrow(() -> new IllegalStateException("Letter " + message.getIdempotencyKey() + " has no PDF"));
        List<String> via = new ArrayList<>();
        if (letters.toFolder()) {
            via.add("folder " + drop(letter));
        }
        if (letters.toPrintService()) {
            emailToPrintService(message, letter);
            via.add("print service " + letters.printServiceEmail());
        }
        return via.isEmpty() ? "kept in Relance for printing" : String.join(", ", via);
    }

    private Path drop(CommunicationDocument letter) {
        try {
            Path folder = Files.createDirectories(letters.handOffFolder());
            Path target = folder.resolve(letter.getFileName());
            // Written aside, then moved: the print room never picks up half a PDF.
            Path partial = Files.write(folder.resolve(letter.getFileName() + ".part"), letter.getContent());
            return Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Letter could not be dropped into " + letters.handOffFolder(), e);
        }
    }

    private void emailToPrintService(Communication message, CommunicationDocument letter) {
        try {
            MimeMessage mime = mailSender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(mime, true, "UTF-8");
            helper.setFrom(mail.from());
            helper.setTo(letters.printServiceEmail());
            helper.setSubject("Letter to post: " + letter.getFileName());
            helper.setText("Please print and post the attached letter to:\n\n" + message.getPostalAddress() + "\n");
            helper.addAttachment(letter.getFileName(), new ByteArrayResource(letter.getContent()), letter.getContentType());
            mime.setHeader("Message-ID", message.getMessageId());
            mime.setHeader("X-Relance-Idempotency-Key", message.getIdempotencyKey());
            mailSender.send(mime);
        } catch (MessagingException e) {
            throw new IllegalStateException("Letter email could not be built: " + e.getMessage(), e);
        }
    }
}
