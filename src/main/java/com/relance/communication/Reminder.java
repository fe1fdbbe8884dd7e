package com.relance.communication;

import com.relance.invoice.Invoice;
import java.util.List;

/**
 * One stage's reminder to a customer, on the channels its policy names.
 *
 * @param stage             the dunning stage (LEVEL_1, …): part of the idempotency key
 * @param template          the text's name under {@code templates/reminder/} and {@code templates/sms/}
 * @param round             1, or more when a stage is deliberately run again (a new occasion, a new message)
 * @param attachInvoiceCopy the email carries a copy of the invoice
 * @param registered        a formal notice: the letter is marked registered and the email carries it too
 * @param showCharges       the table adds late-payment interest and fixed compensation
 * @param portalLink        the customer's signed link to answer online, or null
 */
public record Reminder(Invoice invoice, String processInstanceId, String stage, String template, int round,
                       List<Channel> channels, boolean attachInvoiceCopy, boolean registered, boolean showCharges,
                       InvoiceFacts facts, ChargesFacts charges, String deadline, String portalLink) {

    public Reminder {
        channels = List.copyOf(channels);
    }

    /** The same reminder on only these channels (the rest going another way, such as in a grouped message). */
    public Reminder withChannels(List<Channel> only) {
        return new Reminder(invoice, processInstanceId, stage, template, round, only, attachInvoiceCopy, registered,
                showCharges, facts, charges, deadline, portalLink);
    }

    String idempotencyKey(Channel channel) {
        return processInstanceId + "/" + stage + "/" + channel + "/" + round;
    }
}
