package com.relance.communication;

import com.relance.invoice.Customer;
import com.relance.invoice.Invoice;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One message per customer (F8). A reminder that may be grouped is not sent by its invoice's job:
 * the job enrols it in the customer's open {@link MessageGroup} for (customer, stage family,
 * channel, the customer's day), and the group's one sender sends it once, when the gathering delay
 * after the group opened has passed.
 * <p>
 * Exactly once for the group, across threads and nodes:
 * <ul>
 *   <li>a group is one row, unique per (customer, family, channel, day, sequence number): racing
 *   creators insert the same key, one wins, the other joins the winner's group;</li>
 *   <li>an invoice's occasion enrols once (its member key is unique), and only while the group is
 *   OPEN: the enrolment and the close both update the group row, so the database orders them; an
 *   invoice that comes after the close opens the window's next group;</li>
 *   <li>the close freezes the members; each member's outcome (listed, or left out because it was
 *   paid in between) is decided once and kept, so a retried send lists the same invoices;</li>
 *   <li>the message goes through {@link MessageDelivery} under the group's own key: composed and
 *   recorded once, claimed by compare-and-set, resent after a failure under the same Message-ID;</li>
 *   <li>then every listed invoice gets its own communication entry (its member key) pointing to the
 *   group and carrying the shared message's text and Message-ID.</li>
 * </ul>
 * Enrolment and the close each run in their own short transaction, before the caller's
 * transaction writes anything they would wait for.
 */
@Service
public class MessageGroups {

    private static final Logger log = LoggerFactory.getLogger(MessageGroups.class);

    /** The stages in ladder order: a grouped message speaks in the voice of its highest stage. */
    static final List<String> LADDER = List.of("PRE_DUE", "LEVEL_1", "LEVEL_2", "FORMAL_NOTICE");

    private final MessageGroupRepository groups;
    private final MessageGroupMemberRepository members;
    private final CommunicationRepository communications;
    private final MessageDelivery delivery;
    private final ReminderComposer composer;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;
    private final Duration gathering;

    MessageGroups(MessageGroupRepository groups, MessageGroupMemberRepository members,
                  CommunicationRepository communications, MessageDelivery delivery, ReminderComposer composer,
                  PlatformTransactionManager transactionManager, Clock clock,
                  @Value("${relance.grouping.gathering-delay:PT10M}") Duration gathering) {
        this.groups = groups;
        this.members = members;
        this.communications = communications;
        this.delivery = delivery;
        this.composer = composer;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.gathering = gathering;
    }

    /**
     * @param group        the group the reminder is in
     * @param startsSender this occasion created the group: its job starts the group's sender
     */
    public record Enrolment(MessageGroup group, boolean startsSender) {
    }

    /**
     * Enrols the reminder's occasion on {@code channel} in the customer's open group of
     * {@code family}; an occasion already enrolled (a retried job) returns its group.
     */
    public Enrolment enrol(Reminder reminder, Channel channel, String family, boolean invoiceCopy) {
        String key = reminder.idempotencyKey(channel);
        Invoice invoice = reminder.invoice();
        Customer customer = invoice.getCustomer();
        for (int attempt = 0; attempt < 20; attempt++) {
            Optional<MessageGroupMember> enrolled = ownTransaction.execute(s -> members.findByMemberKey(key));
            if (enrolled.isPresent()) {
                MessageGroup group = reload(enrolled.get().getGroupId());
                return new Enrolment(group, key.equals(group.getSenderKey()));
            }
            LocalDate day = LocalDate.now(clock.withZone(customer.zone()));
            MessageGroup group = openGroup(customer.getId(), family, channel, day, key);
            if (group == null) {
                continue; // another node created it first: read it again
            }
            Instant now = clock.instant();
            try {
                boolean placed = Boolean.TRUE.equals(ownTransaction.execute(s -> {
                    if (groups.takePlace(group.getId()) == 0) {
                        return false;
                    }
                    members.saveAndFlush(new MessageGroupMember(group.getId(), key, invoice, reminder.processInstanceId(),
                            reminder.stage(), reminder.showCharges(), invoiceCopy, now));
                    return true;
                }));
                if (placed) {
                    log.info("{} enrolled in message group {} of customer {} ({} {}, goes at {})", key, group.getId(),
                            customer.getNumber(), family, channel, group.getSendAt());
                    return new Enrolment(group, key.equals(group.getSenderKey()));
                }
                // Closed meanwhile: the next group of the window takes it.
            } catch (DataIntegrityViolationException raced) {
                // The same occasion enrolled concurrently (a job run twice): read it back above.
            }
        }
        throw new IllegalStateException("Could not enrol " + key + " in a message group of customer " + customer.getNumber());
    }

    /** The window's open group, a new one when the last has closed, or null when a concurrent creator won. */
    private MessageGroup openGroup(Long customerId, String family, Channel channel, LocalDate day, String key) {
        Optional<MessageGroup> last = ownTransaction.execute(s ->
                groups.findFirstByCustomerIdAndFamilyAndChannelAndWindowDayOrderBySequenceNoDesc(customerId, family,
                        channel.name(), day));
        if (last.isPresent() && last.get().getStatus() == MessageGroup.Status.OPEN) {
            return last.get();
        }
        int next = last.map(g -> g.getSequenceNo() + 1).orElse(1);
        Instant now = clock.instant();
        try {
            return ownTransaction.execute(s -> groups.saveAndFlush(new MessageGroup(customerId, family, channel, day, next,
                    now.plus(gathering), key, now)));
        } catch (DataIntegrityViolationException raced) {
            return null;
        }
    }

    public MessageGroup reload(long groupId) {
        return ownTransaction.execute(s -> groups.findById(groupId).orElseThrow(() ->
                new IllegalStateException("No message group " + groupId)));
    }

    /** The invoices enrolled in a group, with their outcome once it closed. */
    public List<MessageGroupMember> membersOf(long groupId) {
        return ownTransaction.execute(s -> members.findByGroupIdOrderByIdAsc(groupId));
    }

    /**
     * Closes the group and sends it once: safe to call again after a failure or a crash, it resends
     * the same message (same text, same Message-ID) or, once sent, only completes the invoices' entries.
     *
     * @param lines    an enrolled invoice's line as of today (facts, charges)
     * @param leaveOut why an enrolled invoice that is still open must be left out now (its dunning
     *                 ended or is on hold), or null to list it
     * @return the shared message, empty when every invoice was left out
     * @throws DeliveryFailedException when the channel fails (the caller's job retries)
     */
    public Optional<Communication> send(long groupId, Function<MessageGroupMember, GroupedInvoice> lines,
                                        Function<MessageGroupMember, String> leaveOut) {
        Instant now = clock.instant();
        ownTransaction.executeWithoutResult(s -> groups.close(groupId, now));
        MessageGroup group = reload(groupId);
        if (group.getStatus() == MessageGroup.Status.EMPTY) {
            return Optional.empty();
        }
        List<MessageGroupMember> listed = ownTransaction.execute(s -> {
            List<MessageGroupMember> all = members.findByGroupIdOrderByIdAsc(groupId);
            for (MessageGroupMember m : all) {
                if (m.getOutcome() == null) {
                    Invoice invoice = m.getInvoice();
                    String reason = invoice.getStatus().isClosed()
                            ? "invoice " + invoice.getStatus() + " before the message went" : leaveOut.apply(m);
                    if (reason != null) {
                        m.decide(MessageGroupMember.Outcome.LEFT_OUT, reason);
                        log.info("{}: invoice {} left out of message group {}: {}", m.getMemberKey(),
                                invoice.getNumber(), groupId, reason);
                    } else {
                        m.decide(MessageGroupMember.Outcome.LISTED, null);
                    }
                }
            }
            return all.stream().filter(m -> m.getOutcome() == MessageGroupMember.Outcome.LISTED)
                    .sorted(Comparator.comparing((MessageGroupMember m) -> m.getInvoice().getDueDate())
                            .thenComparing(m -> m.getInvoice().getNumber()))
                    .toList();
        });
        if (listed.isEmpty()) {
            ownTransaction.executeWithoutResult(s -> groups.finish(groupId, MessageGroup.Status.EMPTY, now, null));
            log.info("Message group {}: every invoice was closed before it went, nothing sent", groupId);
            return Optional.empty();
        }
        MessageGroupMember lead = listed.get(0);
        String stage = listed.stream().map(MessageGroupMember::getStage)
                .max(Comparator.comparingInt(LADDER::indexOf)).orElseThrow();
        Customer customer = lead.getInvoice().getCustomer();
        OutgoingMessage outgoing = new OutgoingMessage("group/" + groupId + "/" + group.getChannel(), lead.getInvoice(),
                null, stage, group.getChannel(), () -> composer.composeGroup(group.getChannel(),
                        new GroupMessage(groupId, customer, group.getFamily(), stage,
                                listed.stream().map(lines).toList(),
                                listed.stream().map(MessageGroupMember::getInvoice).toList())));
        Communication shared = delivery.deliver(outgoing);
        ownTransaction.executeWithoutResult(s -> {
            Communication message = communications.findById(shared.getId()).orElseThrow();
            message.belongsTo(groupId);
            for (MessageGroupMember m : listed) {
                if (communications.findByIdempotencyKey(m.getMemberKey()).isEmpty()) {
                    communications.save(Communication.linkedTo(message, m.getMemberKey(), m.getInvoice(),
                            m.getProcessInstanceId(), m.getStage(), groupId));
                }
            }
            groups.finish(groupId, MessageGroup.Status.SENT, message.getSentAt(), message.getId());
        });
        return Optional.of(delivery.find(outgoing.idempotencyKey()).orElseThrow());
    }
}
