package com.relance.dunning;

import com.relance.communication.EmailDelivery;
import com.relance.communication.InvoiceFacts;
import com.relance.communication.MailProperties;
import com.relance.communication.OutgoingEmail;
import com.relance.invoice.Customer;
import com.relance.invoice.Invoice;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * "Inform the salesperson": the customer's salesperson learns that their customer has reached
 * level 2, with a link to the Tasklist, so they can step in before a formal notice.
 */
@Component("informSalesperson")
public class InformSalesperson implements JavaDelegate {

    private static final Logger log = LoggerFactory.getLogger(InformSalesperson.class);
    static final String STAGE = "LEVEL_2_SALESPERSON";

    private final DunningInvoices invoices;
    private final EmailDelivery email;
    private final IdentityService identity;
    private final MailProperties mail;
    private final Clock clock;

    public InformSalesperson(DunningInvoices invoices, EmailDelivery email, IdentityService identity, MailProperties mail,
                             Clock clock) {
        this.invoices = invoices;
        this.email = email;
        this.identity = identity;
        this.mail = mail;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Invoice invoice = invoices.of(execution);
        Customer customer = invoice.getCustomer();
        User salesperson = customer.getSalesRep() == null ? null
                : identity.createUserQuery().userId(customer.getSalesRep()).singleResult();
        if (salesperson == null || salesperson.getEmail() == null || salesperson.getEmail().isBlank()) {
            // Not every customer has a salesperson: the ladder goes on, the gap is in the log.
            log.warn("Invoice {}: customer {} has no salesperson with an email address ({}): nobody informed",
                    invoice.getNumber(), customer.getNumber(), customer.getSalesRep());
            return;
        }
        Locale locale = Locale.forLanguageTag(mail.internalLanguage());
        Map<String, Object> model = Map.of(
                "invoice", InvoiceFacts.of(invoice, locale, LocalDate.now(clock.withZone(customer.zone()))),
                "salespersonName", salesperson.getFirstName() == null ? salesperson.getId() : salesperson.getFirstName(),
                "customerEmail", String.valueOf(customer.getEmail()),
                "customerPhone", customer.getPhone() == null ? "-" : customer.getPhone(),
                "tasklistUrl", mail.tasklistUrl());
        email.deliver(new OutgoingEmail(execution.getProcessInstanceId() + "/" + STAGE + "/email", invoice,
                execution.getProcessInstanceId(), STAGE, salesperson.getEmail(), "salesperson-level2",
                mail.internalLanguage(), model));
    }
}
