package com.relance.communication;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes each SMS to the log and sends nothing: the demo and tests need no provider. */
public class LoggingSmsGateway implements SmsGateway {

    private static final Logger log = LoggerFactory.getLogger(LoggingSmsGateway.class);

    private final int maxSegments;

    /** Refuses the same over-long texts as the HTTP gateway, so tests catch them. */
    public LoggingSmsGateway(int maxSegments) {
        this.maxSegments = maxSegments;
    }

    @Override
    public void send(SmsMessage message) {
        SmsText text = SmsText.of(message.text()).requireAtMostSegments(maxSegments);
        log.info("SMS {} to {} ({}, {} segment(s)), not sent (log gateway): {}", message.idempotencyKey(),
                message.to(), text.encoding().label(), text.segments(), text.text());
    }
}
