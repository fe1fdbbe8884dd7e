package com.relance.dunning;

import static org.assertj.core.api.Assertions.assertThat;

import com.relance.DunningTestSupport;
import com.relance.Invoices;
import com.relance.invoice.InvoiceIntake;
import com.relance.invoice.InvoicePayments;
import com.relance.invoice.InvoiceRegistration;
import com.relance.invoice.InvoiceRepository;
import com.relance.invoice.PaymentRequest;
import jakarta.mail.internet.MimeMessage;
import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One customer, one message (F8): the reminders of a customer's invoices that fall on the same
 * morning go out as one message listing them all, sent once by the {@code customer-message}
 * process after the gathering delay (10 minutes), whatever the order or concurrency in which the
 * invoices' processes reach the stage. Invoices due 31 March 2026, French SME customer: pre-due
 * Thursday 26 March 09:00 (Paris), level 1 Tuesday 7 April, level 2 Thursday 30 April.
 */
class GroupedRemindersTest extends DunningTestSupport {

    private static final LocalDate ISSUED = LocalDate.of(2026, 3, 1);
    private static final LocalDate DUE = LocalDate.of(2026, 3, 31);
    private static final LocalDate PRE_DUE_DAY = LocalDate.of(2026, 3, 26);
    private static final LocalTime NINE = LocalTime.of(9, 0);
    private static final LocalTime GATHERED = LocalTime.of(9, 10);
    private static final Locale FRENCH = Locale.forLanguageTag("fr-FR");
    private static final Path LETTERS = Path.of("target", "letters");

    @Autowired
    InvoiceRegistration registration;
    @Autowired
    InvoicePayments payments;
    @Autowired
    InvoiceRepository invoices;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    java.time.Clock clock;
    @Autowired
    org.camunda.bpm.engine.TaskService tasks;
    @Autowired
    DunningHolds holds;

    @Test
    void threeInvoicesOnTheSameMorning_oneEmailListsThemAll_withTotalsPerCurrency_andEachEntryPointsToIt() throws Exception {
        String customer = "C-G-" + Invoices.nextNumber();
        List<String> numbers = register(customer, "sme", List.of("EUR:1250.00", "EUR:800.50", "GBP:300.00"));

        List<ProcessInstance> instances = morning(PRE_DUE_DAY, numbers);
        assertThat(mailsTo(email(customer))).as("nothing before the gathering delay is over").isEmpty();
        for (ProcessInstance instance : instances) {
            assertThat(runtime.getVariable(instance.getId(), ProcessVariables.STAGE)).isEqualTo("PRE_DUE");
            assertThat(management.createJobQuery().processInstanceId(instance.getId()).activityId("Timer_Level1Due")
                    .count()).isEqualTo(1);
        }
        assertThat(senders(customer)).hasSize(1);

        sendGroups(customer, PRE_DUE_DAY);

        List<MimeMessage> received = mailsTo(email(customer));
        assertThat(received).hasSize(1);
        MimeMessage message = received.get(0);
        String body = body(message);
        assertThat(subject(message)).startsWith("Échéances à venir : 3 factures");
        assertThat(body).contains(numbers.get(0), numbers.get(1), numbers.get(2))
                .contains("Total EUR: " + money("2050.50", "EUR"))
                .contains("Total GBP: " + money("300.00", "GBP"));
        assertThat(html(message)).contains(numbers.get(0), numbers.get(1), numbers.get(2), money("2050.50", "EUR"));
        // The customer can answer about each invoice online (its own signed link).
        assertThat(html(message).split("http://relance.test/portal/", -1)).hasSize(4);
        // The SME policy attaches the invoice copy at pre-due: one for each invoice listed.
        assertThat(attachments(message)).containsOnlyKeys(numbers.stream().map(n -> "invoice-" + n + ".pdf").toArray(String[]::new));

        Long group = jdbc.queryForObject("select id from message_group where customer_id = (select id from customer "
                + "where customer_number = ?)", Long.class, customer);
        String messageId = message.getMessageID();
        for (String number : numbers) {
            Map<String, Object> entry = jdbc.queryForMap("select c.group_id, c.message_id, c.status, c.idempotency_key "
                    + "from communication c join invoice i on i.id = c.invoice_id where i.invoice_number = ? "
                    + "and c.idempotency_key not like 'group/%'", number);
            assertThat(entry.get("group_id")).isEqualTo(group);
            assertThat(entry.get("message_id")).isEqualTo(messageId);
            assertThat(entry.get("status")).isEqualTo("SENT");
            assertThat((String) entry.get("idempotency_key")).endsWith("/PRE_DUE/EMAIL/1");
        }
        assertThat(jdbc.queryForObject("select count(*) from communication where group_id = ? and idempotency_key = ?",
                Integer.class, group, "group/" + group + "/EMAIL")).isEqualTo(1);
        assertThat(jdbc.queryForObject("select status from message_group where id = ?", String.class, group)).isEqualTo("SENT");

        // Nothing twice: the sender's process ended, running its jobs again sends nothing.
        sendGroups(customer, PRE_DUE_DAY);
        assertThat(mailsTo(email(customer))).hasSize(1);
    }

    @Test
    void aReviewedReminder_goesAlone_withTheWordsTheCollectorApproved() {
        String customer = "C-G-" + Invoices.nextNumber();
        List<String> numbers = register(customer, "sme", List.of("EUR:500.00", "EUR:700.00"));
        morning(PRE_DUE_DAY, numbers);
        sendGroups(customer, PRE_DUE_DAY);
        assertThat(mailsTo(email(customer))).hasSize(1);

        // A collector reviews level 1 of both (as a DMN row may ask): each text is approved for its invoice.
        numbers.forEach(n -> runtime.setVariable(instanceOf(n).getId(), com.relance.policy.PolicyVariables.LEVEL1_REVIEW,
                true));
        LocalDate level1 = LocalDate.of(2026, 4, 7);
        morning(level1, numbers);
        for (String number : numbers) {
            org.camunda.bpm.engine.task.Task review = tasks.createTaskQuery().processInstanceId(instanceOf(number).getId())
                    .taskDefinitionKey("Task_ReviewLevel1Reminder").singleResult();
            String drafted = (String) tasks.getVariable(review.getId(), ReviewReminder.BODY);
            tasks.complete(review.getId(), Map.of(ReviewReminder.SUBJECT, "Facture " + number + " : petit rappel",
                    ReviewReminder.BODY, drafted));
            runDueJobs(instanceOf(number));
        }

        List<MimeMessage> received = mailsTo(email(customer));
        assertThat(received).hasSize(3);
        assertThat(received.subList(1, 3).stream().map(DunningTestSupport::subject).toList())
                .containsExactlyInAnyOrder("Facture " + numbers.get(0) + " : petit rappel",
                        "Facture " + numbers.get(1) + " : petit rappel");
        assertThat(senders(customer)).isEmpty();
    }

    @Test
    void groupingOffForThePublicSector_oneEmailPerInvoice() {
        String customer = "C-G-" + Invoices.nextNumber();
        List<String> numbers = register(customer, "public-sector", List.of("EUR:1250.00", "EUR:900.00"));

        // Public sector: no pre-due note; level 1 at +15 days, Wednesday 15 April, by email and letter.
        morning(LocalDate.of(2026, 4, 15), numbers);

        List<MimeMessage> received = mailsTo(email(customer));
        assertThat(received).hasSize(2);
        assertThat(received.stream().map(DunningTestSupport::subject).toList())
                .anyMatch(s -> s.contains(numbers.get(0))).anyMatch(s -> s.contains(numbers.get(1)));
        assertThat(senders(customer)).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from message_group where customer_id = (select id from customer "
                + "where customer_number = ?)", Integer.class, customer)).isZero();
    }

    @Test
    void invoicesReachingTheStageConcurrently_oneMessage_everyInvoiceListed() throws Exception {
        String customer = "C-G-" + Invoices.nextNumber();
        int n = 8;
        List<String> specs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            specs.add("EUR:100.00");
        }
        List<String> numbers = register(customer, "sme", specs);
        at(PRE_DUE_DAY, NINE, PARIS);
        List<ProcessInstance> instances = numbers.stream().map(this::instanceOf).toList();

        // Every invoice's timer and send job, each instance on its own thread, all released at once.
        ExecutorService threads = Executors.newFixedThreadPool(n);
        CyclicBarrier start = new CyclicBarrier(n);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (ProcessInstance instance : instances) {
                runs.add(threads.submit(() -> {
                    start.await();
                    runDueJobs(instance);
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(mailsTo(email(customer))).isEmpty();
        assertThat(senders(customer)).as("one sender for the customer's group").hasSize(1);
        assertThat(jdbc.queryForObject("select member_count from message_group where customer_id = (select id from "
                + "customer where customer_number = ?)", Integer.class, customer)).isEqualTo(n);

        sendGroups(customer, PRE_DUE_DAY);

        List<MimeMessage> received = mailsTo(email(customer));
        assertThat(received).hasSize(1);
        assertThat(body(received.get(0))).contains(numbers.toArray(String[]::new))
                .contains("Total EUR: " + money("800.00", "EUR"));
        assertThat(jdbc.queryForObject("select count(*) from communication c join invoice i on i.id = c.invoice_id "
                + "join customer k on k.id = i.customer_id where k.customer_number = ? and c.stage = 'PRE_DUE' "
                + "and c.idempotency_key not like 'group/%' and c.status = 'SENT'", Integer.class, customer)).isEqualTo(n);
    }

    @Test
    void invoiceEnrollingAfterTheGroupWent_goesInTheNextGroup() {
        String customer = "C-G-" + Invoices.nextNumber();
        List<String> numbers = register(customer, "sme", List.of("EUR:100.00", "EUR:200.00", "EUR:300.00"));
        at(PRE_DUE_DAY, NINE, PARIS);
        runDueJobs(instanceOf(numbers.get(0)));
        runDueJobs(instanceOf(numbers.get(1)));
        sendGroups(customer, PRE_DUE_DAY);
        assertThat(mailsTo(email(customer))).hasSize(1);

        // The third comes late (its job was held up): the first group is closed, it opens the next.
        at(PRE_DUE_DAY, LocalTime.of(9, 12), PARIS);
        runDueJobs(instanceOf(numbers.get(2)));
        at(PRE_DUE_DAY, LocalTime.of(9, 25), PARIS);
        runSenders(customer);

        List<MimeMessage> received = mailsTo(email(customer));
        assertThat(received).hasSize(2);
        assertThat(body(received.get(0))).contains(numbers.get(0), numbers.get(1)).doesNotContain(numbers.get(2));
        assertThat(body(received.get(1))).contains(numbers.get(2)).doesNotContain(numbers.get(0));
        assertThat(jdbc.queryForList("select sequence_no from message_group where customer_id = (select id from customer "
                + "where customer_number = ?) order by sequence_no", Integer.class, customer)).containsExactly(1, 2);
    }

    @Test
    void invoicePaidBetweenEnrolmentAndSending_isLeftOut_andRecorded() {
        String customer = "C-G-" + Invoices.nextNumber();
        List<String> numbers = register(customer, "sme", List.of("EUR:1250.00", "EUR:800.50", "EUR:99.50"));
        morning(PRE_DUE_DAY, numbers);

        at(PRE_DUE_DAY, LocalTime.of(9, 5), PARIS);
        payments.record(numbers.get(1), new PaymentRequest(new BigDecimal("800.50"), "EUR", PRE_DUE_DAY, "VIR-PAID"),
                "colette");
        sendGroups(customer, PRE_DUE_DAY);

        List<MimeMessage> received = mailsTo(email(customer));
        assertThat(received).hasSize(1);
        assertThat(body(received.get(0))).contains(numbers.get(0), numbers.get(2)).doesNotContain(numbers.get(1))
                .contains("Total EUR: " + money("1349.50", "EUR"));
        assertThat(subject(received.get(0))).contains("2 factures");
        Map<String, Object> leftOut = jdbc.queryForMap("select m.outcome, m.outcome_reason from message_group_member m "
                + "join invoice i on i.id = m.invoice_id where i.invoice_number = ?", numbers.get(1));
        assertThat(leftOut.get("outcome")).isEqualTo("LEFT_OUT");
        assertThat((String) leftOut.get("outcome_reason")).contains("PAID");
        assertThat(jdbc.queryForObject("select count(*) from communication c join invoice i on i.id = c.invoice_id "
                + "where i.invoice_number = ?", Integer.class, numbers.get(1))).isZero();
    }

    @Test
    void invoicePutOnHoldBeforeTheMessageGoes_isLeftOut() {
        String customer = "C-G-" + Invoices.nextNumber();
        List<String> numbers = register(customer, "sme", List.of("EUR:100.00", "EUR:200.00"));
        morning(PRE_DUE_DAY, numbers);

        // 09:05: the salesperson holds the second invoice (a dispute in the making).
        at(PRE_DUE_DAY, LocalTime.of(9, 5), PARIS);
        holds.place(numbers.get(1), new HoldRequest("Delivery disputed by phone", LocalDate.of(2026, 4, 10)), "sam");
        sendGroups(customer, PRE_DUE_DAY);

        List<MimeMessage> received = mailsTo(email(customer));
        assertThat(received).hasSize(1);
        assertThat(body(received.get(0))).contains(numbers.get(0)).doesNotContain(numbers.get(1));
        assertThat(jdbc.queryForObject("select m.outcome_reason from message_group_member m join invoice i "
                + "on i.id = m.invoice_id where i.invoice_number = ?", String.class, numbers.get(1))).contains("on hold");
    }

    @Test
    void smtpDownWhenTheGroupGoes_incident_thenTheRetrySendsTheSameMessageOnce() throws Exception {
        String customer = "C-G-" + Invoices.nextNumber();
        List<String> numbers = register(customer, "sme", List.of("EUR:400.00", "EUR:600.00"));
        morning(PRE_DUE_DAY, numbers);
        ProcessInstance sender = senders(customer).get(0);

        mail.stop();
        try {
            // The gathering timer, then R5/PT5M: five attempts five minutes apart, then
            // an incident on the sender.
            int failures = 0;
            for (int step = 0; step < 12 && runtime.createIncidentQuery().processInstanceId(sender.getId()).count() == 0;
                 step++) {
                at(PRE_DUE_DAY, GATHERED.plusMinutes(5L * step), PARIS);
                for (Job job : management.createJobQuery().processInstanceId(sender.getId()).executable().list()) {
                    try {
                        management.executeJob(job.getId());
                    } catch (RuntimeException expected) {
                        failures++; // recorded on the job: retries down
                    }
                }
            }
            assertThat(runtime.createIncidentQuery().processInstanceId(sender.getId()).count()).isEqualTo(1);
            assertThat(failures).isEqualTo(5);
        } finally {
            mail.start();
        }
        Map<String, Object> shared = jdbc.queryForMap("select c.status, c.message_id, c.attempts from communication c "
                + "join message_group g on g.communication_id is null and c.idempotency_key = 'group/' || g.id || '/EMAIL' "
                + "join customer k on k.id = g.customer_id where k.customer_number = ?", customer);
        assertThat(shared.get("status")).isEqualTo("FAILED");
        assertThat(shared.get("attempts")).isEqualTo(5);
        assertThat(mailsTo(email(customer))).isEmpty();

        // The operator retries the incident (Cockpit's "retry"): the same message goes, once.
        Job failed = management.createJobQuery().processInstanceId(sender.getId()).singleResult();
        management.setJobRetries(failed.getId(), 1);
        management.executeJob(failed.getId());

        List<MimeMessage> received = mailsTo(email(customer));
        assertThat(received).hasSize(1);
        assertThat(received.get(0).getMessageID()).isEqualTo(shared.get("message_id"));
        assertThat(jdbc.queryForObject("select attempts from communication where message_id = ? and idempotency_key "
                + "like 'group/%'", Integer.class, shared.get("message_id"))).isEqualTo(6);
        assertThat(body(received.get(0))).contains(numbers.get(0), numbers.get(1));
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(sender.getId()).count()).isZero();
        for (String number : numbers) {
            assertThat(jdbc.queryForObject("select message_id from communication c join invoice i on i.id = c.invoice_id "
                    + "where i.invoice_number = ? and c.idempotency_key not like 'group/%'", String.class, number))
                    .isEqualTo(shared.get("message_id"));
        }
    }

    @Test
    void levelTwo_groupedEmailAndLetter_carryEachInvoicesCharges_andTheStatementOfAccount() throws Exception {
        String customer = "C-G-" + Invoices.nextNumber();
        List<String> numbers = register(customer, "sme", List.of("EUR:1250.00", "EUR:1250.00", "EUR:1250.00"));
        morning(PRE_DUE_DAY, numbers);
        sendGroups(customer, PRE_DUE_DAY);
        // Level 1, Tuesday 7 April (email grouped, the SMS of each invoice on its own).
        LocalDate level1 = LocalDate.of(2026, 4, 7);
        morning(level1, numbers);
        sendGroups(customer, level1);
        assertThat(mailsTo(email(customer))).hasSize(2);

        // Before level 2: a partial payment on the first, a credit note (a settled dispute) on the second.
        at(LocalDate.of(2026, 4, 20), LocalTime.of(11, 0), PARIS);
        payments.record(numbers.get(0), new PaymentRequest(new BigDecimal("250.00"), "EUR", LocalDate.of(2026, 4, 20),
                "VIR-0420"), "colette");
        transaction.executeWithoutResult(s -> invoices.findByNumber(numbers.get(1)).orElseThrow()
                .applyCreditNote(new BigDecimal("100.00"), new BigDecimal("1.00"), clock.instant()));

        LocalDate level2 = LocalDate.of(2026, 4, 30);
        morning(level2, numbers);
        sendGroups(customer, level2);

        List<MimeMessage> received = mailsTo(email(customer));
        assertThat(received).hasSize(3);
        MimeMessage notice = received.get(2);
        assertThat(subject(notice)).startsWith("Deuxième relance : 3 factures échues");
        String body = body(notice);
        // Each invoice states its own interest and fixed compensation.
        assertThat(body.split("Indemnité forfaitaire", -1)).hasSize(4);
        assertThat(body).contains("Relevé de compte", "Factures ouvertes", "Avoirs", "Paiements reçus")
                .contains(numbers.get(1) + " · ").contains(money("-100.00", "EUR"))
                .contains("VIR-0420").contains(money("-250.00", "EUR"))
                .contains("Solde dû EUR: " + money("3400.00", "EUR"));
        assertThat(html(notice)).contains("Relevé de compte", "VIR-0420", money("3400.00", "EUR"));

        // The letter: one for the customer, listing the three invoices and the statement.
        Long letter = jdbc.queryForObject("select c.id from communication c join message_group g on g.id = c.group_id "
                + "join customer k on k.id = g.customer_id where k.customer_number = ? and c.channel = 'LETTER' "
                + "and c.idempotency_key like 'group/%'", Long.class, customer);
        byte[] pdf = jdbc.queryForObject("select content from communication_document where communication_id = ? "
                + "and kind = 'LETTER'", byte[].class, letter);
        Files.createDirectories(LETTERS);
        Files.write(LETTERS.resolve("grouped-level2-fr.pdf"), pdf);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains(numbers.get(0), numbers.get(1), numbers.get(2), "Relevé de compte", "VIR-0420");
            // One transfer for the three: the group's own RF reference with the EPC QR code.
            assertThat(text).containsPattern("RF\\d\\d G");
            for (int i = 0; i < document.getNumberOfPages(); i++) {
                BufferedImage page = new PDFRenderer(document).renderImageWithDPI(i, 100);
                ImageIO.write(page, "png", LETTERS.resolve("grouped-level2-fr" + (i == 0 ? "" : "-" + (i + 1)) + ".png")
                        .toFile());
            }
        }
        assertThat(LETTERS.resolve("grouped-level2-fr.png")).exists();
        assertThat(jdbc.queryForObject("select count(*) from communication c join invoice i on i.id = c.invoice_id "
                + "join customer k on k.id = i.customer_id where k.customer_number = ? and c.stage = 'LEVEL_2' "
                + "and c.channel = 'LETTER' and c.idempotency_key not like 'group/%'", Integer.class, customer)).isEqualTo(3);
    }

    @Test
    void levelTwoOfALoneInvoice_carriesTheStatementOfAccount() {
        String customer = "C-G-" + Invoices.nextNumber();
        List<String> numbers = register(customer, "sme", List.of("EUR:1250.00"));
        morning(PRE_DUE_DAY, numbers);
        morning(LocalDate.of(2026, 4, 7), numbers);
        morning(LocalDate.of(2026, 4, 30), numbers);

        List<MimeMessage> received = mailsTo(email(customer));
        assertThat(received).hasSize(3);
        assertThat(body(received.get(1))).doesNotContain("Relevé de compte");
        assertThat(body(received.get(2))).contains("Relevé de compte", numbers.get(0))
                .contains("Solde dû EUR: " + money("1250.00", "EUR"));
        assertThat(senders(customer)).isEmpty();
    }

    // ---- helpers ----------------------------------------------------------------------------------

    /** Registers one invoice per spec ("EUR:1250.00") for one French customer of {@code segment}, on 2 March. */
    private List<String> register(String customer, String segment, List<String> specs) {
        at(LocalDate.of(2026, 3, 2), LocalTime.of(10, 0), PARIS);
        List<String> numbers = new ArrayList<>();
        for (String spec : specs) {
            String number = Invoices.nextNumber();
            String[] parts = spec.split(":");
            InvoiceIntake base = Invoices.french(number, segment, "sam", ISSUED, DUE);
            registration.register(new InvoiceIntake(number, customer, "Grossiste " + customer, email(customer),
                    base.customerPhone(), "fr", "FR", segment, "sam", ISSUED, DUE, Currency.getInstance(parts[0]),
                    new BigDecimal(parts[1]), new BigDecimal(parts[1]), null, base.customerAddressLine1(), null,
                    base.customerPostalCode(), base.customerCity(), null));
            numbers.add(number);
        }
        return numbers;
    }

    private static String email(String customer) {
        return "ap-" + customer.toLowerCase() + "@customer.test";
    }

    /** 09:00 in Paris on {@code day}: every due job of each invoice's process. */
    private List<ProcessInstance> morning(LocalDate day, List<String> numbers) {
        at(day, NINE, PARIS);
        List<ProcessInstance> instances = numbers.stream().map(this::instanceOf).toList();
        instances.forEach(this::runDueJobs);
        return instances;
    }

    /** The gathering delay over (09:10): the customer's group senders run. */
    private void sendGroups(String customer, LocalDate day) {
        at(day, GATHERED, PARIS);
        runSenders(customer);
    }

    private void runSenders(String customer) {
        senders(customer).forEach(this::runDueJobs);
    }

    /** The customer's running {@code customer-message} instances. */
    private List<ProcessInstance> senders(String customer) {
        return runtime.createProcessInstanceQuery().processDefinitionKey("customer-message")
                .variableValueEquals(ProcessVariables.CUSTOMER_NUMBER, customer).list();
    }

    private static String money(String amount, String currency) {
        NumberFormat format = NumberFormat.getCurrencyInstance(FRENCH);
        format.setCurrency(Currency.getInstance(currency));
        return format.format(new BigDecimal(amount));
    }
}
