package com.relance.demo;

import com.relance.dunning.DunningProcess;
import com.relance.dunning.ProcessVariables;
import com.relance.invoice.Invoice;
import com.relance.invoice.InvoiceIntake;
import com.relance.invoice.InvoiceRegistration;
import com.relance.invoice.InvoiceRepository;
import com.relance.policy.DunningPolicy;
import com.relance.policy.PolicyDecision;
import com.relance.policy.PolicyVariables;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Demo invoices at every stage, on an empty database only. Young invoices go through the real
 * intake (their reminders go out within a minute); older ones start directly at the task their
 * age would have reached, so the Tasklist has work at once.
 */
@Component
@Profile("demo")
@Order(10)
class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final InvoiceRegistration registration;
    private final InvoiceRepository invoices;
    private final DunningProcess dunning;
    private final DunningPolicy policy;
    private final PolicyDecision decision;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final boolean enabled;

    DemoData(InvoiceRegistration registration, InvoiceRepository invoices, DunningProcess dunning, DunningPolicy policy,
             PolicyDecision decision, TransactionTemplate transaction, Clock clock, @Value("${relance.demo.seed-data:true}") boolean enabled) {
        this.registration = registration;
        this.invoices = invoices;
        this.dunning = dunning;
        this.policy = policy;
        this.decision = decision;
        this.transaction = transaction;
        this.clock = clock;
        this.enabled = enabled;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!enabled || invoices.count() > 0) {
            return;
        }
        LocalDate today = LocalDate.now(clock);
        // Through the real intake: reminders follow from the policy.
        register("INV-2026-0101", martin(), today.minusDays(27), today.plusDays(3), "1250.00", "1250.00");
        register("INV-2026-0102", northwind(), today.minusDays(10), today.plusDays(20), "8400.00", "8400.00");
        register("INV-2026-0103", acme(), today.minusDays(40), today.minusDays(10), "560.40", "560.40");
        register("INV-2026-0104", martin(), today.minusDays(33), today.minusDays(3), "980.00", "480.00");
        register("INV-2026-0105", northwind(), today.minusDays(60), today.minusDays(30), "300.00", "0.00");
        // Started where their age has taken them.
        staged("INV-2026-0106", acme(), today.minusDays(65), today.minusDays(35), "2300.00", "Task_CallCustomer", "LEVEL_2", 3,
                Map.of());
        staged("INV-2026-0107", mairie(), today.minusDays(80), today.minusDays(50), "12800.00", "Task_ReviewFormalNotice", "LEVEL_2", 5,
                Map.of(ProcessVariables.CALL_OUTCOME, "noAnswer"));
        staged("INV-2026-0108", northwind(), today.minusDays(100), today.minusDays(70), "4100.00", "Task_DecideEscalation", "FORMAL_NOTICE", 9,
                Map.of(ProcessVariables.CALL_OUTCOME, "noAnswer", ProcessVariables.REVIEW_DECISION, "approve"));
        staged("INV-2026-0109", martin(), today.minusDays(75), today.minusDays(40), "740.00", "Task_ResolveDispute", "LEVEL_2", 4,
                Map.of(ProcessVariables.CALL_OUTCOME, "dispute",
                        ProcessVariables.DISPUTE_REASON, "Two of the ten boxes arrived damaged"));
        log.info("Demo data: 9 invoices registered; reminders and tasks appear in the Tasklist and at /mailbox");
    }

    private void register(String number, Customer c, LocalDate issued, LocalDate due, String amount, String open) {
        registration.register(intake(number, c, issued, due, amount, open));
    }

    private void staged(String number, Customer c, LocalDate issued, LocalDate due, String amount, String activity,
                        String stage, int lastReminderDaysAgo, Map<String, Object> decisions) {
        transaction.executeWithoutResult(status -> {
            // Registered with the same intake, but its process starts at a later element.
            InvoiceIntake intake = intake(number, c, issued, due, amount, amount);
            Invoice invoice = registration.registerTakenOver(intake);
            Map<String, Object> variables = new HashMap<>(policy.variablesFor(decision.decide(invoice),
                    invoice.getOutstandingAmount()));
            variables.put(PolicyVariables.PRE_DUE_REMINDER, false);
            variables.put(ProcessVariables.STAGE, stage);
            variables.put(ProcessVariables.LAST_REMINDER_SENT_AT,
                    Date.from(clock.instant().minus(Duration.ofDays(lastReminderDaysAgo))));
            variables.putAll(decisions);
            invoice.setDunningStage(stage);
            dunning.start(invoice, activity, variables);
        });
    }

    private record Customer(String number, String name, String email, String phone, String language, String country,
                            String segment, String salesRep, String street, String postalCode, String city,
                            boolean smsConsent) {
    }

    private static Customer martin() {
        return new Customer("C-1001", "Boulangerie Martin SARL", "compta@boulangerie-martin.example", "+33 4 72 00 00 01",
                "fr", "FR", "sme", "sam", "14 place Bellecour", "69002", "Lyon", false);
    }

    private static Customer northwind() {
        return new Customer("C-1002", "Northwind Traders Ltd", "accounts@northwind.example", "+44 20 7946 0001",
                "en", "GB", "key-account", "sophie", "221 Harbour Street", "SE1 7PB", "London", false);
    }

    private static Customer acme() {
        return new Customer("C-1003", "Acme Werkzeuge GmbH", "buchhaltung@acme-werkzeuge.example", "+49 30 0000 0001",
                "de", "DE", "sme", "sam", "Werkstraße 12", "10115", "Berlin", false);
    }

    private static Customer mairie() {
        return new Customer("C-1004", "Mairie de Villeneuve", "finances@villeneuve.example", "+33 6 12 34 56 78", "fr",
                "FR", "public-sector", null, "1 place de la Mairie", "47300", "Villeneuve-sur-Lot", true);
    }

    private static InvoiceIntake intake(String number, Customer c, LocalDate issued, LocalDate due, String amount,
                                        String open) {
        return new InvoiceIntake(number, c.number(), c.name(), c.email(), c.phone(), c.language(), c.country(),
                c.segment(), c.salesRep(), issued, due, Currency.getInstance(c.country().equals("GB") ? "GBP" : "EUR"),
                new BigDecimal(amount), new BigDecimal(open), null, c.street(), null, c.postalCode(), c.city(),
                c.smsConsent());
    }
}
