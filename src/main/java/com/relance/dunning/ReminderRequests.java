package com.relance.dunning;

import com.relance.communication.Channel;
import com.relance.communication.ChargesFacts;
import com.relance.communication.GroupedInvoice;
import com.relance.communication.InvoiceFacts;
import com.relance.communication.Reminder;
import com.relance.invoice.Customer;
import com.relance.invoice.Invoice;
import com.relance.policy.LateCharges;
import com.relance.policy.LatePaymentCharges;
import com.relance.policy.PolicyVariables;
import com.relance.portal.PortalLinks;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * A stage's reminder as the policy variables of its process instance describe it: channels,
 * invoice copy, the facts and charges of the day, the formal notice's deadline, the customer's
 * signed answer link.
 */
@Component
class ReminderRequests {

    /** Incremented by whatever deliberately runs a stage again: the same round never sends twice. */
    static final String ROUND = "reminderRound";

    private final LatePaymentCharges charges;
    private final PortalLinks portal;
    private final Clock clock;

    ReminderRequests(LatePaymentCharges charges, PortalLinks portal, Clock clock) {
        this.charges = charges;
        this.portal = portal;
        this.clock = clock;
    }

    Reminder of(DunningStage stage, Invoice invoice, String processInstanceId, VariableScope variables) {
        Customer customer = invoice.getCustomer();
        Locale locale = customer.locale();
        LocalDate today = LocalDate.now(clock.withZone(customer.zone()));
        Object round = variables.getVariable(ROUND);
        boolean statesCharges = stage.statesCharges() && lateChargesApply(variables);
        String template = givenTemplate(variables);
        return new Reminder(invoice, processInstanceId, stage.name(), template == null ? stage.template() : template,
                round == null ? 1 : ((Number) round).intValue(), channels(variables, stage),
                Boolean.TRUE.equals(variables.getVariable(stage.invoiceCopyVariable())), stage.registered(),
                statesCharges, InvoiceFacts.of(invoice, locale, today),
                facts(invoice, charges(invoice, variables, today), lateChargesApply(variables), locale),
                deadline(variables, today, locale),
                portal.linkFor(invoice.getNumber(), customer.getNumber()));
    }

    /**
     * A rung the ladder does not know (a stage a credit manager added in the Modeler, such as
     * {@code LEVEL_3}): the task's own text ({@code reminderTemplate}, required) on its own channels
     * ({@code reminderChannels}, EMAIL when not given); no late charges, no invoice copy, not
     * registered; the stage name goes into the idempotency key like a known stage's.
     */
    Reminder of(String stageName, Invoice invoice, String processInstanceId, VariableScope variables) {
        if (DunningStage.isKnown(stageName)) {
            return of(DunningStage.valueOf(stageName), invoice, processInstanceId, variables);
        }
        if (stageName == null || !stageName.matches("[A-Z][A-Z0-9_]{0,31}")) {
            throw new IllegalStateException("Send reminder: the input " + ProcessVariables.REMINDER_STAGE
                    + " must be a stage name in capitals (such as LEVEL_3), is " + stageName);
        }
        String template = givenTemplate(variables);
        if (template == null) {
            throw new IllegalStateException("Send reminder: stage " + stageName + " is not one of "
                    + List.of(DunningStage.values()) + ", so the task needs the input "
                    + ProcessVariables.REMINDER_TEMPLATE + " (a text under templates/reminder/ and templates/sms/, such as level2)");
        }
        Customer customer = invoice.getCustomer();
        Locale locale = customer.locale();
        LocalDate today = LocalDate.now(clock.withZone(customer.zone()));
        Object round = variables.getVariable(ROUND);
        Object listed = variables.getVariable(ProcessVariables.REMINDER_CHANNELS);
        LateCharges none = LateCharges.none(charges.jurisdictionOf(customer.getCountry()), invoice.getCurrency(),
                invoice.getDueDate(), today);
        return new Reminder(invoice, processInstanceId, stageName, template,
                round == null ? 1 : ((Number) round).intValue(), parse(blankToNull(listed), "EMAIL"), false, false,
                false, InvoiceFacts.of(invoice, locale, today), facts(invoice, none, false, locale),
                deadline(variables, today, locale), portal.linkFor(invoice.getNumber(), customer.getNumber()));
    }

    private static String deadline(VariableScope variables, LocalDate today, Locale locale) {
        Object deadlineDays = variables.getVariable(PolicyVariables.FORMAL_NOTICE_DEADLINE_DAYS);
        return InvoiceFacts.date(today.plusDays(((Number) deadlineDays).longValue()), locale);
    }

    /** The task's {@code reminderTemplate} input, or null when it has none. */
    private static String givenTemplate(VariableScope variables) {
        Object template = blankToNull(variables.getVariable(ProcessVariables.REMINDER_TEMPLATE));
        if (template == null) {
            return null;
        }
        String name = template.toString().strip();
        if (!name.matches("[a-z0-9][a-z0-9_-]*")) {
            throw new IllegalStateException("Send reminder: " + ProcessVariables.REMINDER_TEMPLATE
                    + " must be a template name such as level2 (lower case, digits, - or _), is " + name);
        }
        return name;
    }

    private static Object blankToNull(Object value) {
        return value == null || value.toString().isBlank() ? null : value;
    }

    /**
     * Statutory late-payment interest and fixed compensation as of {@code today}, with the
     * customer's contractual rate where the law lets it apply; nothing when the policy says the
     * customer is not owed them (consumers).
     */
    LateCharges charges(Invoice invoice, VariableScope variables, LocalDate today) {
        if (!lateChargesApply(variables)) {
            return LateCharges.none(charges.jurisdictionOf(invoice.getCustomer().getCountry()), invoice.getCurrency(),
                    invoice.getDueDate(), today);
        }
        return charges.compute(invoice.getCustomer().getCountry(), invoice.getAmount(), invoice.getOutstandingAmount(),
                invoice.getCurrency(), invoice.getDueDate(), today, invoice.getCustomer().getContractInterestRate());
    }

    /** Instances started before the policy decided on late charges state them (B2B was the only case). */
    private static boolean lateChargesApply(VariableScope variables) {
        return !Boolean.FALSE.equals(variables.getVariable(PolicyVariables.LATE_CHARGES));
    }

    /** The task's {@code reminderChannels} input when given, else the policy's channels for the stage. */
    private static List<Channel> channels(VariableScope variables, DunningStage stage) {
        Object given = blankToNull(variables.getVariable(ProcessVariables.REMINDER_CHANNELS));
        Object listed = given != null ? given : variables.getVariable(stage.channelsVariable());
        return parse(listed, "EMAIL");
    }

    private static List<Channel> parse(Object listed, String fallback) {
        String names = listed == null ? fallback : listed.toString();
        return Arrays.stream(names.split(",")).map(String::strip).filter(n -> !n.isEmpty())
                .map(n -> {
                    try {
                        return Channel.valueOf(n.toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalStateException("Send reminder: unknown channel " + n + " in " + names
                                + " (one of " + List.of(Channel.values()) + ")", e);
                    }
                }).distinct().toList();
    }

    /**
     * An enrolled invoice's line in its customer's grouped message, as of today in the customer's
     * time zone: its facts and, when its stage states them, its own interest and compensation.
     */
    GroupedInvoice groupedLine(Invoice invoice, String stage, boolean statesCharges, boolean invoiceCopy) {
        Customer customer = invoice.getCustomer();
        Locale locale = customer.locale();
        LocalDate today = LocalDate.now(clock.withZone(customer.zone()));
        BigDecimal outstanding = invoice.getOutstandingAmount();
        if (!statesCharges) {
            return new GroupedInvoice(stage, InvoiceFacts.of(invoice, locale, today), null, invoice.getCurrency(),
                    outstanding, BigDecimal.ZERO, outstanding, invoiceCopy,
                    portal.linkFor(invoice.getNumber(), customer.getNumber()));
        }
        LateCharges computed = charges.compute(customer.getCountry(), invoice.getAmount(), outstanding,
                invoice.getCurrency(), invoice.getDueDate(), today, customer.getContractInterestRate());
        BigDecimal due = computed.total(outstanding);
        return new GroupedInvoice(stage, InvoiceFacts.of(invoice, locale, today), facts(invoice, computed, true, locale),
                invoice.getCurrency(), outstanding, due.subtract(outstanding), due, invoiceCopy,
                portal.linkFor(invoice.getNumber(), customer.getNumber()));
    }

    private static ChargesFacts facts(Invoice invoice, LateCharges computed, boolean apply, Locale locale) {
        NumberFormat percent = NumberFormat.getNumberInstance(locale);
        percent.setMinimumFractionDigits(2);
        percent.setMaximumFractionDigits(2);
        LocalDate since = invoice.getDueDate().plusDays(1);
        return new ChargesFacts(percent.format(computed.ratePercent()) + " %", InvoiceFacts.date(since, locale),
                InvoiceFacts.money(invoice, computed.interest(), locale),
                InvoiceFacts.money(invoice, computed.compensation(), locale),
                InvoiceFacts.money(invoice, computed.total(invoice.getOutstandingAmount()), locale), apply);
    }

}
