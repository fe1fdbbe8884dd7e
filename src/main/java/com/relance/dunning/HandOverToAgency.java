package com.relance.dunning;

import com.relance.communication.Communication;
import com.relance.communication.CommunicationHistory;
import com.relance.communication.EmailDelivery;
import com.relance.communication.InvoiceFacts;
import com.relance.communication.MailProperties;
import com.relance.communication.OutgoingEmail;
import com.relance.invoice.Customer;
import com.relance.invoice.Invoice;
import com.relance.invoice.InvoiceStatus;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * "Hand over to the collection agency": emails the agency the invoice's dossier (facts, debtor
 * contact, every reminder sent) and records the hand-over on the invoice.
 */
@Component("handOverToAgency")
public class HandOverToAgency implements JavaDelegate {

    static final String STAGE = "AGENCY_HANDOVER";

    /** One line of the dossier: a message sent earlier. */
    public record DossierEntry(String sentOn, String stage, String recipient, String subject) {
    }

    private final DunningInvoices invoices;
    private final EmailDelivery email;
    private final CommunicationHistory history;
    private final MailProperties mail;
    private final String agencyEmail;
    private final Clock clock;

    public HandOverToAgency(DunningInvoices invoices, EmailDelivery email, CommunicationHistory history,
                            MailProperties mail, @Value("${relance.agency.email}") String agencyEmail, Clock clock) {
        this.invoices = invoices;
        this.email = email;
        this.history = history;
        this.mail = mail;
        this.agencyEmail = agencyEmail;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Invoice invoice = invoices.of(execution);
        Customer customer = invoice.getCustomer();
        Locale locale = Locale.forLanguageTag(mail.internalLanguage());
        List<DossierEntry> dossier = history.of(invoice).stream()
                .filter(c -> c.getSentAt() != null)
                .map(c -> entry(c, locale)).toList();
        Map<String, Object> model = Map.of(
                "invoice", InvoiceFacts.of(invoice, locale, LocalDate.now(clock.withZone(customer.zone()))),
                "customer", customer,
                "dossier", dossier);
        email.deliver(new OutgoingEmail(execution.getProcessInstanceId() + "/" + STAGE + "/email", invoice,
                execution.getProcessInstanceId(), STAGE, agencyEmail, "agency-handover", mail.internalLanguage(), model));
        invoice.close(InvoiceStatus.COLLECTION_AGENCY, clock.instant());
    }

    private static DossierEntry entry(Communication c, Locale locale) {
        return new DossierEntry(InvoiceFacts.date(LocalDate.ofInstant(c.getSentAt(), ZoneOffset.UTC), locale),
                c.getStage(), c.getRecipient(), c.getSubject());
    }
}
