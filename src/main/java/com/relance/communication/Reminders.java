package com.relance.communication;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * A stage's reminder to the customer, on every channel that its policy names and that reaches the
 * customer, each exactly once. A reviewed reminder is drafted first; what is sent is what the
 * reviewer approved.
 */
@Service
public class Reminders {

    private final ReminderComposer composer;
    private final MessageDelivery delivery;

    Reminders(ReminderComposer composer, MessageDelivery delivery) {
        this.composer = composer;
        this.delivery = delivery;
    }

    /** The channels this reminder will take (policy, contact data, consent). */
    public List<Channel> channelsOf(Reminder reminder) {
        return ChannelChoice.reachable(reminder.invoice().getCustomer(), reminder.channels());
    }

    /** Records the reminder on each channel without sending it; returns the text a reviewer edits. */
    public RenderedMessage draft(Reminder reminder) {
        RenderedMessage text = composer.text(reminder);
        List<Communication> drafts = new ArrayList<>();
        for (Channel channel : channelsOf(reminder)) {
            drafts.add(delivery.draft(outgoing(reminder, channel, text)));
        }
        // An earlier draft (a review put on hold, then opened again) keeps its approved words.
        return drafts.stream().filter(c -> !Channel.SMS.name().equals(c.getChannel())).findFirst()
                .map(c -> new RenderedMessage(c.getSubject(), c.getWords(), c.getLanguage())).orElse(text);
    }

    /**
     * The reviewer's words replace the drafted email and letter (the SMS keeps its short text).
     *
     * @return true when the reviewer changed the text
     */
    public boolean approve(Reminder reminder, String subject, String body, String approvedBy) {
        RenderedMessage drafted = draft(reminder);
        String cleanBody = body.replace("\r\n", "\n").stripTrailing() + "\n";
        boolean changed = !Objects.equals(drafted.subject(), subject.strip()) || !Objects.equals(drafted.body(), cleanBody);
        RenderedMessage approved = new RenderedMessage(subject.strip(), cleanBody, drafted.language());
        for (Channel channel : channelsOf(reminder)) {
            if (channel != Channel.SMS) {
                delivery.approve(reminder.idempotencyKey(channel), composer.compose(channel, reminder, approved),
                        changed, approvedBy);
            }
        }
        return changed;
    }

    /**
     * Sends on every channel. One channel failing does not hold back the others: they are sent,
     * then the failure is thrown so the job retries (and only the failed channel goes again).
     */
    public List<Communication> send(Reminder reminder) {
        RenderedMessage text = null;
        List<Communication> sent = new ArrayList<>();
        List<DeliveryFailedException> failures = new ArrayList<>();
        for (Channel channel : channelsOf(reminder)) {
            Optional<Communication> recorded = delivery.find(reminder.idempotencyKey(channel));
            if (recorded.isEmpty() && text == null) {
                text = composer.text(reminder);
            }
            RenderedMessage words = text;
            try {
                sent.add(delivery.deliver(outgoing(reminder, channel, words)));
            } catch (DeliveryFailedException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            DeliveryFailedException first = failures.get(0);
            failures.stream().skip(1).forEach(first::addSuppressed);
            throw first;
        }
        return sent;
    }

    private OutgoingMessage outgoing(Reminder reminder, Channel channel, RenderedMessage text) {
        return new OutgoingMessage(reminder.idempotencyKey(channel), reminder.invoice(), reminder.processInstanceId(),
                reminder.stage(), channel, () -> composer.compose(channel, reminder, text));
    }
}
