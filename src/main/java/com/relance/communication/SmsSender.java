package com.relance.communication;

import java.util.List;
import org.springframework.stereotype.Component;

/** SMS through the configured gateway; the idempotency key lets the gateway drop a resend. */
@Component
class SmsSender implements ChannelSender {

    private final SmsGateway gateway;

    SmsSender(SmsGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public String send(Communication message, List<CommunicationDocument> documents, String invoiceNumber) {
        gateway.send(new SmsMessage(message.getIdempotencyKey(), message.getRecipient(), message.getBody()));
        return "sms-gateway";
    }
}
