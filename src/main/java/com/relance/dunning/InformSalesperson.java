package com.relance.dunning;

import com.relance.communication.EmailDelivery;
import com.relance.communication.InvoiceFacts;
import com.relance.communication.MailProperties;
import com.relance.communication.OutgoingEmail;
import com.relance.invoice.Customer;
import com.relance.invoice.Invoice;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
 * "Inform the salesperson …": the customer's salesperson learns what is happening to their
 * customer (input {@code salespersonNotice}: LEVEL_2, FORMAL_NOTICE or DISPUTE), with a link to
 * the invoice's tasks in the Tasklist, so they can step in.
 */
@Component("informSalesperson")
public class InformSalesperson implements JavaDelegate {

    private static final Logger log = LoggerFactory.getLogger(InformSalesperson.class);
    /** Input parameter of the BPMN task: which notice. */
    static final String NOTICE = "salespersonNotice";

    enum Notice {
        LEVEL_2("salesperson-level2"), FORMAL_NOTICE("salesperson-formal-notice"), DISPUTE("salesperson-dispute");

        private final String template;

        Notice(String template) {
            this.template = template;
        }
    }

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
        Notice notice = Notice.valueOf((String) execution.getVariableLocal(NOTICE));
        String stage = "SALESPERSON_" + notice;
        String template = notice.template;
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
                "tasklistUrl", tasklistLink(invoice.getNumber()),
                "disputeReason", String.valueOf(execution.getVariable(ProcessVariables.DISPUTE_REASON)));
        email.deliver(new OutgoingEmail(execution.getProcessInstanceId() + "/" + stage + "/email", invoice,
                execution.getProcessInstanceId(), stage, salesperson.getEmail(), template, mail.internalLanguage(), model));
    }

    /** The Tasklist, searching the tasks of this invoice. */
    private String tasklistLink(String invoiceNumber) {
        String search = "[{\"type\":\"processVariables\",\"operator\":\"eq\",\"key\":\"invoiceNumber\",\"value\":\""
                + invoiceNumber + "\"}]";
        return mail.tasklistUrl() + "#/?searchQuery=" + URLEncoder.encode(search, StandardCharsets.UTF_8);
    }
}
