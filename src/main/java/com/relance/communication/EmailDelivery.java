package com.relance.communication;

import org.springframework.stereotype.Service;

/**
 * Internal emails (the salesperson informed, the agency's hand-over): a plain-text template from
 * {@code templates/email/}, sent exactly once through {@link MessageDelivery}.
 */
@Service
public class EmailDelivery {

    static final String FOLDER = "email";

    private final MessageTemplates templates;
    private final MessageDelivery delivery;

    public EmailDelivery(MessageTemplates templates, MessageDelivery delivery) {
        this.templates = templates;
        this.delivery = delivery;
    }

    /** @return the communication record, SENT */
    public Communication deliver(OutgoingEmail email) {
        return delivery.deliver(new OutgoingMessage(email.idempotencyKey(), email.invoice(), email.processInstanceId(),
                email.stage(), Channel.EMAIL, () -> {
                    RenderedMessage rendered = templates.render(FOLDER, email.template(), email.language(), email.model());
                    return new ComposedMessage(email.recipient(), null, rendered.language(), rendered.subject(),
                            rendered.body(), null, null, rendered.body());
                }));
    }
}
