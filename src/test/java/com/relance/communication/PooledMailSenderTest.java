package com.relance.communication;

import static org.assertj.core.api.Assertions.assertThat;

import com.relance.RelanceTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.MimeMessageHelper;

/** SMTP connections are reused between messages, and one the server dropped is replaced, not failed on. */
class PooledMailSenderTest extends RelanceTest {

    @Autowired
    PooledMailSender sender;

    @Test
    void messagesSentOneAfterAnother_shareOneConnection() throws Exception {
        long opened = sender.connectionsOpened();
        for (int i = 1; i <= 5; i++) {
            send("pool-" + i + "@customer.test", "<pool-" + i + "@relance.test>");
        }
        assertThat(mail.getReceivedMessages()).hasSize(5);
        // At most one new connection for five messages (none if an earlier test's connection still served).
        assertThat(sender.connectionsOpened() - opened).isLessThanOrEqualTo(1);
    }

    @Test
    void serverRestartedBetweenMessages_nextMessageGoesThroughANewConnection() throws Exception {
        send("before-restart@customer.test", "<before-restart@relance.test>");
        long opened = sender.connectionsOpened();
        mail.stop(); // the server drops every connection, the pooled one included
        mail.start();

        send("after-restart@customer.test", "<after-restart@relance.test>");

        assertThat(mail.getReceivedMessages()).hasSize(1);
        assertThat(mail.getReceivedMessages()[0].getMessageID()).isEqualTo("<after-restart@relance.test>");
        assertThat(sender.connectionsOpened() - opened).isEqualTo(1);
    }

    private void send(String to, String messageId) throws Exception {
        MimeMessage message = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, "UTF-8");
        helper.setFrom("credit@relance.test");
        helper.setTo(to);
        helper.setSubject("Pooled " + messageId);
        helper.setText("Body");
        message.setHeader("Message-ID", messageId);
        sender.send(message);
    }
}
