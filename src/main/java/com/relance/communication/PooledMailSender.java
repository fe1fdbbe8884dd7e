package com.relance.communication;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import java.time.Duration;
import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Spring's mail sender, but each send borrows an SMTP connection that stays open for the next
 * message instead of connecting, greeting, negotiating TLS and authenticating every time (most of a
 * reminder's cost with one connection per message). Spring's {@code doSend} is unchanged: it
 * "connects", sends and "closes" a {@link Lease}, and closing a lease returns the connection.
 *
 * <p>A borrowed connection is checked with a NOOP first, so one the server closed meanwhile is
 * replaced rather than failing a reminder. A connection that failed a send is dropped.
 */
public class PooledMailSender extends JavaMailSenderImpl implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PooledMailSender.class);

    private final GenericObjectPool<Connection> pool;
    private final int messagesPerConnection;

    public PooledMailSender(SmtpConnectionProperties properties) {
        GenericObjectPoolConfig<Connection> config = new GenericObjectPoolConfig<>();
        config.setMaxTotal(properties.max());
        config.setMaxIdle(properties.max());
        config.setTestOnBorrow(true);
        config.setMaxWait(Duration.ofSeconds(30));
        config.setMinEvictableIdleDuration(properties.idleTimeout());
        config.setTimeBetweenEvictionRuns(properties.idleTimeout().dividedBy(2));
        config.setJmxEnabled(false);
        this.pool = new GenericObjectPool<>(new Connections(), config);
        this.messagesPerConnection = properties.messagesPerConnection();
    }

    @Override
    protected Transport connectTransport() throws MessagingException {
        try {
            return new Lease(pool.borrowObject());
        } catch (MessagingException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new MessagingException("No SMTP connection: " + e.getMessage(), e);
        }
    }

    /** SMTP connections opened since start: far fewer than messages sent when they are reused. */
    public long connectionsOpened() {
        return pool.getCreatedCount();
    }

    @Override
    public void destroy() {
        pool.close();
    }

    private static final class Connection {
        final Transport transport;
        int sent;

        Connection(Transport transport) {
            this.transport = transport;
        }
    }

    private final class Connections extends BasePooledObjectFactory<Connection> {

        @Override
        public Connection create() throws MessagingException {
            return new Connection(PooledMailSender.super.connectTransport());
        }

        @Override
        public PooledObject<Connection> wrap(Connection connection) {
            return new DefaultPooledObject<>(connection);
        }

        @Override
        public boolean validateObject(PooledObject<Connection> connection) {
            return connection.getObject().transport.isConnected(); // sends NOOP
        }

        @Override
        public void destroyObject(PooledObject<Connection> connection) {
            try {
                connection.getObject().transport.close(); // QUIT
            } catch (MessagingException e) {
                log.debug("Closing an SMTP connection failed (it is dropped anyway): {}", e.getMessage());
            }
        }
    }

    /** What Spring's doSend gets in place of a fresh transport. */
    private final class Lease extends Transport {

        private final Connection connection;
        private boolean failed;
        private boolean ended;

        Lease(Connection connection) {
            super(getSession(), connection.transport.getURLName());
            this.connection = connection;
        }

        @Override
        public void sendMessage(Message message, Address[] recipients) throws MessagingException {
            try {
                connection.transport.sendMessage(message, recipients);
                connection.sent++;
            } catch (MessagingException | RuntimeException e) {
                failed = true; // the session's state is unknown: never reuse it
                throw e;
            }
        }

        @Override
        public synchronized boolean isConnected() {
            return !ended && !failed && connection.transport.isConnected();
        }

        @Override
        public synchronized void close() {
            if (ended) {
                return;
            }
            ended = true;
            if (failed || connection.sent >= messagesPerConnection) {
                try {
                    pool.invalidateObject(connection);
                } catch (Exception e) {
                    log.debug("Dropping an SMTP connection failed: {}", e.getMessage());
                }
            } else {
                pool.returnObject(connection);
            }
        }
    }
}
