package com.relance.communication;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * SMTP connections kept open between messages (see {@link PooledMailSender}).
 *
 * @param max                   connections open at once: one per job-executor thread that sends
 * @param messagesPerConnection a connection is closed after this many messages (servers cap it)
 * @param idleTimeout           an idle connection is closed after this, well before the server's
 *                              own timeout (RFC 5321 asks servers to wait at least 5 minutes)
 */
@ConfigurationProperties("relance.mail.connections")
public record SmtpConnectionProperties(Integer max, Integer messagesPerConnection, Duration idleTimeout) {

    public SmtpConnectionProperties {
        max = max == null ? 8 : max;
        messagesPerConnection = messagesPerConnection == null ? 100 : messagesPerConnection;
        idleTimeout = idleTimeout == null ? Duration.ofSeconds(30) : idleTimeout;
        if (max < 1 || messagesPerConnection < 1 || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("relance.mail.connections: max and messages-per-connection must be "
                    + "at least 1, idle-timeout positive");
        }
    }
}
