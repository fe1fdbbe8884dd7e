package com.relance.dunning;

import com.relance.communication.EmailDelivery;
import com.relance.communication.InvoiceFacts;
import com.relance.communication.MailProperties;
import com.relance.communication.OutgoingEmail;
import com.relance.invoice.Invoice;
import com.relance.portal.CustomerAnswers;
import com.relance.security.Groups;
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
 * "Inform the collectors of the broken promise": the promised date and its grace passed without
 * the invoice being settled. Every collector (group accounting) is told; the broken promise is
 * kept on the process ({@code brokenPromise}) for the forms of the stages that follow.
 */
@Component("informCollectors")
public class InformCollectors implements JavaDelegate {

    private static final Logger log = LoggerFactory.getLogger(InformCollectors.class);
    static final String BROKEN_PROMISE = "brokenPromise";
    static final String STAGE = "BROKEN_PROMISE";

    private final DunningInvoices invoices;
    private final EmailDelivery email;
    private final IdentityService identity;
    private final MailProperties mail;
    private final Clock clock;

    public InformCollectors(DunningInvoices invoices, EmailDelivery email, IdentityService identity,
                            MailProperties mail, Clock clock) {
        this.invoices = invoices;
        this.email = email;
        this.identity = identity;
        this.mail = mail;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Invoice invoice = invoices.of(execution);
        Locale locale = Locale.forLanguageTag(mail.internalLanguage());
        // A form's date arrives as yyyy-mm-dd text, sometimes with a time after it.
        LocalDate promised = LocalDate.parse(String.valueOf(execution.getVariable(CustomerAnswers.PROMISED_DATE))
                .substring(0, 10));
        String broken = "Payment promised for " + promised + ", not received by "
                + LocalDate.now(clock.withZone(invoice.getCustomer().zone()));
        execution.getProcessInstance().setVariable(BROKEN_PROMISE, broken);
        Map<String, Object> model = Map.of(
                "invoice", InvoiceFacts.of(invoice, locale, LocalDate.now(clock.withZone(invoice.getCustomer().zone()))),
                "promisedDate", InvoiceFacts.date(promised, locale));
        Object answer = execution.getVariable(CustomerAnswers.ANSWER_ID);
        for (User collector : identity.createUserQuery().memberOfGroup(Groups.ACCOUNTING).list()) {
            if (collector.getEmail() == null || collector.getEmail().isBlank()) {
                log.warn("Collector {} has no email address: not told of the broken promise on {}", collector.getId(),
                        invoice.getNumber());
                continue;
            }
            email.deliver(new OutgoingEmail(execution.getProcessInstanceId() + "/" + STAGE + "/" + answer + "/"
                    + collector.getId(), invoice, execution.getProcessInstanceId(), STAGE, collector.getEmail(),
                    "collector-broken-promise", mail.internalLanguage(), model));
        }
    }
}
