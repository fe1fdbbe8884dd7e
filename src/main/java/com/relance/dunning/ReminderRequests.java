package com.relance.dunning;

import com.relance.communication.Channel;
import com.relance.communication.ChargesFacts;
import com.relance.communication.InvoiceFacts;
import com.relance.communication.Reminder;
import com.relance.invoice.Customer;
import com.relance.invoice.Invoice;
import com.relance.policy.LateCharges;
import com.relance.policy.LatePaymentCharges;
import com.relance.policy.PolicyVariables;
import com.relance.portal.PortalLinks;
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
        Object deadlineDays = variables.getVariable(PolicyVariables.FORMAL_NOTICE_DEADLINE_DAYS);
        String deadline = InvoiceFacts.date(today.plusDays(((Number) deadlineDays).longValue()), locale);
        Object round = variables.getVariable(ROUND);
        boolean statesCharges = stage.statesCharges() && lateChargesApply(variables);
        return new Reminder(invoice, processInstanceId, stage.name(), stage.template(),
                round == null ? 1 : ((Number) round).intValue(), channels(variables, stage),
                Boolean.TRUE.equals(variables.getVariable(stage.invoiceCopyVariable())), stage.registered(),
                statesCharges, InvoiceFacts.of(invoice, locale, today),
                facts(invoice, charges(invoice, variables, today), lateChargesApply(variables), locale), deadline,
                portal.linkFor(invoice.getNumber(), customer.getNumber()));
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

    private static List<Channel> channels(VariableScope variables, DunningStage stage) {
        Object listed = variables.getVariable(stage.channelsVariable());
        String names = listed == null ? "EMAIL" : listed.toString();
        return Arrays.stream(names.split(",")).map(String::strip).filter(n -> !n.isEmpty()).map(Channel::valueOf)
                .distinct().toList();
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
