package com.relance.dunning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import com.relance.DunningTestSupport;
import com.relance.communication.Communication;
import com.relance.communication.CommunicationRepository;
import com.relance.communication.CommunicationStatus;
import com.relance.policy.PolicyVariables;
import com.relance.portal.CustomerAnswers;
import com.relance.portal.PortalLinks;
import org.camunda.bpm.engine.IdentityService;
import com.relance.Invoices;
import com.relance.invoice.InvoiceIntake;
import com.relance.invoice.InvoicePayments;
import com.relance.invoice.InvoiceRegistration;
import com.relance.invoice.InvoiceRepository;
import com.relance.invoice.InvoiceStatus;
import com.relance.invoice.PaymentRequest;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every path through {@code invoice-dunning}, with the real beans, a real SMTP server and the
 * engine clock. The invoice: EUR 1,250.00, French customer (Europe/Paris), due 31 March 2026;
 * default policy: pre-due −5, level 1 +7, level 2 +30, formal notice +45, escalation +60, 09:00 local,
 * on French business days (a stage falling on a weekend or public holiday moves to the next one).
 * So: pre-due Thu 26 March, level 1 Tue 7 April, level 2 Thu 30 April, formal notice Fri 15 May,
 * escalation Sat 30 May → Mon 1 June.
 */
class InvoiceDunningProcessTest extends DunningTestSupport {

    private static final LocalDate ISSUED = LocalDate.of(2026, 3, 1);
    private static final LocalDate DUE = LocalDate.of(2026, 3, 31);
    private static final LocalTime NINE = LocalTime.of(9, 0);
    /** Due + 60 is Saturday 30 May 2026: escalation waits for Monday. */
    private static final LocalDate ESCALATION_DAY = LocalDate.of(2026, 6, 1);

    @Autowired
    InvoiceRegistration registration;
    @Autowired
    InvoicePayments payments;
    @Autowired
    InvoiceRepository invoices;
    @Autowired
    TaskService tasks;
    @Autowired
    DunningHolds holds;
    @Autowired
    CommunicationRepository communications;
    @Autowired
    PortalLinks portalLinks;
    @Autowired
    CustomerAnswers answers;
    @Autowired
    IdentityService identity;
    @Autowired
    com.relance.invoice.CustomerRepository customers;
    @Autowired
    org.springframework.transaction.support.TransactionTemplate transaction;
    @Autowired
    org.springframework.context.ApplicationEventPublisher events;

    private static final Set<String> STARTED = ConcurrentHashMap.newKeySet();

    private String number;
    private String customerEmail;

    @BeforeEach
    void newInvoice() {
        number = Invoices.nextNumber();
        customerEmail = "billing-" + number.toLowerCase() + "@customer.test";
    }

    private ProcessInstance registerOnTime() {
        at(LocalDate.of(2026, 3, 2), LocalTime.of(10, 0), PARIS);
        return register(Invoices.french(number, ISSUED, DUE));
    }

    private ProcessInstance register(InvoiceIntake intake) {
        registration.register(intake);
        ProcessInstance instance = instanceOf(intake.invoiceNumber());
        STARTED.add(instance.getId());
        return instance;
    }

    /** The paths above, together, pass through every element of the model. */
    @AfterAll
    static void everyFlowNodeOfTheModelWasPassed() {
        assertThat(flowNodesNotPassed(ProcessVariables.PROCESS_KEY, STARTED)).as("elements no test passes through").isEmpty();
    }

    @Test
    void paidBeforeDue_endsWithoutAnyReminder() {
        ProcessInstance instance = registerOnTime();
        assertThat(instance).isWaitingAt("Timer_PreDueReminderDue");
        runDueJobs(instance);
        assertThat(instance).isWaitingAt("Timer_PreDueReminderDue");

        pay("1250.00");

        assertThat(instance).isEnded().hasPassed("End_DunningEndedPaid").hasNotPassed("Task_SendPreDueReminder");
        assertThat(mailsTo(customerEmail)).isEmpty();
        assertThat(invoices.findByNumber(number).orElseThrow().getStatus()).isEqualTo(InvoiceStatus.PAID);
    }

    @Test
    void paidAfterLevel1_endsWithoutLevel2() {
        ProcessInstance instance = registerOnTime();
        // Five days before the due date, at 09:00 in Paris (08:00 UTC before the DST change).
        assertThat(timer(instance, "Timer_PreDueReminderDue").getDuedate().toInstant())
                .isEqualTo(LocalDate.of(2026, 3, 26).atTime(8, 0).toInstant(ZoneOffset.UTC));
        at(LocalDate.of(2026, 3, 26), LocalTime.of(8, 59), PARIS);
        runDueJobs(instance);
        assertThat(instance).isWaitingAt("Timer_PreDueReminderDue");

        at(LocalDate.of(2026, 3, 26), NINE, PARIS);
        runDueJobs(instance);
        assertThat(instance).hasPassed("Timer_PreDueReminderDue", "Task_SendPreDueReminder").isWaitingAt("Timer_Level1Due");
        List<MimeMessage> preDue = mailsTo(customerEmail);
        assertThat(preDue).hasSize(1);
        assertThat(subject(preDue.get(0))).isEqualTo("Votre facture " + number + " arrive à échéance le 31 mars 2026");
        assertThat(body(preDue.get(0))).contains("1\u202f250,00\u00a0€");

        // Grace of 7 days; 09:00 in Paris is 07:00 UTC after the change to summer time.
        assertThat(timer(instance, "Timer_Level1Due").getDuedate().toInstant())
                .isEqualTo(LocalDate.of(2026, 4, 7).atTime(7, 0).toInstant(ZoneOffset.UTC));
        at(LocalDate.of(2026, 4, 7), NINE, PARIS);
        runDueJobs(instance);
        assertThat(instance).hasPassed("Task_SendLevel1Reminder").isWaitingAt("Timer_Level2Due");
        assertThat(mailsTo(customerEmail)).hasSize(2);
        assertThat(subject(mailsTo(customerEmail).get(1))).isEqualTo("Relance : facture " + number + " échue");

        pay("1250.00");
        assertThat(instance).isEnded().hasPassed("End_DunningEndedPaid").hasNotPassed("Task_SendLevel2Reminder");
        assertThat(mailsTo(customerEmail)).hasSize(2);
    }

    @Test
    void partialPayment_dunningGoesOnForTheBalance() {
        ProcessInstance instance = registerOnTime();
        pay("1000.00");
        assertThat(instance).isActive().isWaitingAt("Timer_PreDueReminderDue");
        assertThat(runtime.getVariable(instance.getId(), ProcessVariables.OUTSTANDING_AMOUNT)).isEqualTo("250.0000");

        at(LocalDate.of(2026, 3, 26), NINE, PARIS);
        runDueJobs(instance);
        assertThat(body(mailsTo(customerEmail).get(0))).contains("Restant dû: 250,00\u00a0€");
    }

    @ParameterizedTest
    @ValueSource(strings = {"reached", "noAnswer"})
    void level2CallReachedOrUnanswered_goesOnToFormalNotice(String outcome) {
        ProcessInstance instance = driveToCall();
        complete(task(instance), withVariables(ProcessVariables.CALL_OUTCOME, outcome, "callNotes", "called at 10:05"));
        assertThat(instance).isWaitingAt("Timer_FormalNoticeDue");
        assertThat(timer(instance, "Timer_FormalNoticeDue").getDuedate().toInstant())
                .isEqualTo(DUE.plusDays(45).atTime(NINE).atZone(PARIS).toInstant());
    }

    @Test
    void level2_remindsCustomer_informsSalesperson_andAsksACollectorToCall() {
        ProcessInstance instance = driveToCall();
        assertThat(instance).hasPassed("Task_SendLevel2Reminder", "Task_InformSalesperson");
        List<MimeMessage> toCustomer = mailsTo(customerEmail);
        assertThat(subject(toCustomer.get(toCustomer.size() - 1)))
                .isEqualTo("Deuxième relance : facture " + number + " impayée depuis 30 jours");
        List<MimeMessage> toSales = mailsTo("sam@relance.test");
        assertThat(toSales).hasSize(1);
        assertThat(body(toSales.get(0))).contains("Hello Sam", number, "/camunda/app/tasklist/", "30 days late");

        Task call = task(instance);
        assertThat(call).hasDefinitionKey("Task_CallCustomer").hasCandidateGroup("accounting");
        assertThat(call.getName()).isEqualTo("Call the customer · " + number + " · Client " + number);
        assertThat(call.getDescription()).contains("€1,250.00 outstanding", "30 days late");
        assertThat(tasks.getVariableLocal(call.getId(), ProcessVariables.REMINDERS_SENT)).isEqualTo(3L);
    }

    @Test
    void level2Promise_waitsForThePromisedDatePlusGrace_thenMovesOn() {
        ProcessInstance instance = driveToCall();
        complete(task(instance), withVariables(ProcessVariables.CALL_OUTCOME, "promise",
                ProcessVariables.PROMISED_DATE, "2026-05-20"));
        assertThat(instance).isWaitingAt("Timer_PromiseExpired");
        // Promised 20 May + 3 days of grace: Saturday 23 May, then Sunday and Whit Monday (25 May)
        // are no business days in France, so the promise is broken on Tuesday 26 May.
        assertThat(timer(instance, "Timer_PromiseExpired").getDuedate().toInstant())
                .isEqualTo(LocalDate.of(2026, 5, 26).atTime(NINE).atZone(PARIS).toInstant());
        at(LocalDate.of(2026, 5, 26), LocalTime.of(8, 59), PARIS);
        runDueJobs(instance);
        assertThat(instance).isWaitingAt("Timer_PromiseExpired");

        at(LocalDate.of(2026, 5, 26), NINE, PARIS);
        runDueJobs(instance);
        // Broken promise: the formal notice date (15 May) has passed, so its review comes at once.
        assertThat(instance).hasPassed("Timer_PromiseExpired", "Task_InformCollectorsOfBrokenCallPromise",
                "Timer_FormalNoticeDue").isWaitingAt("Task_ReviewFormalNotice");
        assertThat(subject(last(mailsTo("colette@relance.test")))).startsWith("Broken promise: invoice " + number);
        assertThat(runtime.getVariable(instance.getId(), "brokenPromise"))
                .isEqualTo("Payment promised for 2026-05-20, not received by 2026-05-26");
    }

    @Test
    void level2Dispute_rejected_resumesTowardsTheFormalNotice() {
        ProcessInstance instance = driveToCall();
        complete(task(instance), withVariables(ProcessVariables.CALL_OUTCOME, "dispute",
                ProcessVariables.DISPUTE_REASON, "Delivered late"));
        runDueJobs(instance);
        assertThat(body(last(mailsTo("sam@relance.test")))).contains("Delivered late");
        Task dispute = task(instance);
        assertThat(dispute).hasDefinitionKey("Task_ResolveDispute").hasCandidateGroup("accounting").hasCandidateUser("sam");

        at(LocalDate.of(2026, 5, 12), NINE, PARIS); // disputed from 30 April to 12 May: 12 days
        complete(dispute, withVariables(ProcessVariables.DISPUTE_OUTCOME, "rejected", "resolutionNotes", "Delivery note signed"));
        assertThat(instance).hasPassed("Gateway_DisputeOutcome").isWaitingAt("Timer_FormalNoticeDue");
        // The formal notice (15 May) moves on by the 12 disputed days.
        assertThat(timer(instance, "Timer_FormalNoticeDue").getDuedate().toInstant())
                .isEqualTo(LocalDate.of(2026, 5, 27).atTime(NINE).atZone(PARIS).toInstant());
    }

    @Test
    void level2Dispute_justified_cancelsTheInvoice() {
        ProcessInstance instance = driveToCall();
        complete(task(instance), withVariables(ProcessVariables.CALL_OUTCOME, "dispute",
                ProcessVariables.DISPUTE_REASON, "Never ordered"));
        runDueJobs(instance);
        complete(task(instance), withVariables(ProcessVariables.DISPUTE_OUTCOME, "cancelled", "resolutionNotes", "Billing error"));

        assertThat(instance).isEnded().hasPassed("Task_CancelInvoice", "End_InvoiceCancelled");
        assertThat(invoices.findByNumber(number).orElseThrow().getStatus()).isEqualTo(InvoiceStatus.CANCELLED);
    }

    @Test
    void formalNoticeApproved_isSent_thenEscalationHandsTheFileToTheAgency() {
        ProcessInstance instance = driveToReview();
        Task review = task(instance);
        assertThat(review).hasCandidateGroup("accounting");
        complete(review, withVariables(ProcessVariables.REVIEW_DECISION, "approve"));
        runDueJobs(instance);

        assertThat(instance).hasPassed("Task_SendFormalNotice").isWaitingAt("Timer_EscalationDue");
        MimeMessage notice = last(mailsTo(customerEmail));
        assertThat(subject(notice)).isEqualTo("Mise en demeure de payer : facture " + number);
        // Sent 15 May; the customer has 8 days.
        assertThat(body(notice)).contains("MISE EN DEMEURE", "1\u202f250,00\u00a0€", "au plus tard le 23 mai 2026",
                "indemnité forfaitaire");
        assertThat(timer(instance, "Timer_EscalationDue").getDuedate().toInstant())
                .isEqualTo(ESCALATION_DAY.atTime(NINE).atZone(PARIS).toInstant());

        Task decision = escalate(instance);
        complete(decision, withVariables(ProcessVariables.ESCALATION, "agency", ProcessVariables.ESCALATION_REASON,
                "No answer to the formal notice"));
        runDueJobs(instance);

        assertThat(instance).isEnded().hasPassed("Task_HandOverToAgency", "End_HandedOverToAgency");
        List<MimeMessage> toAgency = mailsTo("files@agency.test");
        assertThat(toAgency).hasSize(1);
        assertThat(body(toAgency.get(0))).contains("Client " + number, "€1,250.00",
                "Mise en demeure de payer : facture " + number, "Relance : facture " + number + " échue");
        assertThat(invoices.findByNumber(number).orElseThrow().getStatus()).isEqualTo(InvoiceStatus.COLLECTION_AGENCY);
    }

    @Test
    void formalNoticeHeld_isReviewedAgainWhenTheHoldEnds() {
        ProcessInstance instance = driveToReview();
        complete(task(instance), withVariables(ProcessVariables.REVIEW_DECISION, "hold",
                ProcessVariables.HOLD_UNTIL, "2026-05-25", ProcessVariables.REVIEW_COMMENT, "Customer in talks with sales"));
        assertThat(instance).isWaitingAt("Timer_ReviewHoldEnds");
        // 25 May 2026 is Whit Monday, a public holiday in France: the review comes back on Tuesday.
        assertThat(timer(instance, "Timer_ReviewHoldEnds").getDuedate().toInstant())
                .isEqualTo(LocalDate.of(2026, 5, 26).atTime(NINE).atZone(PARIS).toInstant());

        at(LocalDate.of(2026, 5, 26), NINE, PARIS);
        runDueJobs(instance);
        assertThat(instance).isWaitingAt("Task_ReviewFormalNotice");

        // A hold asked for far ahead is capped by the policy (30 days from 26 May).
        complete(task(instance), withVariables(ProcessVariables.REVIEW_DECISION, "hold",
                ProcessVariables.HOLD_UNTIL, "2026-12-31", ProcessVariables.REVIEW_COMMENT, "Wait"));
        assertThat(timer(instance, "Timer_ReviewHoldEnds").getDuedate().toInstant())
                .isEqualTo(LocalDate.of(2026, 6, 25).atTime(NINE).atZone(PARIS).toInstant());
        assertThat(mailsTo(customerEmail)).noneMatch(m -> subject(m).startsWith("Mise en demeure"));
    }

    @Test
    void formalNoticeCancelled_stopsDunning() {
        ProcessInstance instance = driveToReview();
        complete(task(instance), withVariables(ProcessVariables.REVIEW_DECISION, "cancel",
                ProcessVariables.REVIEW_COMMENT, "Strategic customer, settled commercially"));

        assertThat(instance).isEnded().hasPassed("Task_StopDunning", "End_DunningStopped").hasNotPassed("Task_SendFormalNotice");
        assertThat(invoices.findByNumber(number).orElseThrow().getStatus()).isEqualTo(InvoiceStatus.DUNNING_STOPPED);
    }

    @Test
    void escalationToLitigation_legalPreparesTheFile() {
        ProcessInstance instance = driveToEscalation();
        complete(task(instance), withVariables(ProcessVariables.ESCALATION, "litigation",
                ProcessVariables.ESCALATION_REASON, "Large amount, solvent debtor"));
        assertThat(invoices.findByNumber(number).orElseThrow().getStatus()).isEqualTo(InvoiceStatus.LITIGATION);
        Task file = task(instance);
        assertThat(file).hasDefinitionKey("Task_PrepareLitigationFile").hasCandidateGroup("legal");

        complete(file, withVariables("litigationReference", "TC Lyon 2026/123", "fileComplete", true));
        assertThat(instance).isEnded().hasPassed("Task_OpenLitigation", "End_LitigationFilePrepared");
    }

    @Test
    void escalationWriteOff_recordsTheBadDebt() {
        ProcessInstance instance = driveToEscalation();
        complete(task(instance), withVariables(ProcessVariables.ESCALATION, "writeOff",
                ProcessVariables.ESCALATION_REASON, "Debtor in liquidation"));

        assertThat(instance).isEnded().hasPassed("Task_WriteOffInvoice", "End_WrittenOff");
        assertThat(invoices.findByNumber(number).orElseThrow().getStatus()).isEqualTo(InvoiceStatus.WRITTEN_OFF);
    }

    @Test
    void registeredFortyDaysLate_catchesUpOneStageAtATimeInOrder() {
        // Sunday 10 May, 14:00: no business day, so nothing goes out before Monday morning.
        at(LocalDate.of(2026, 5, 10), LocalTime.of(14, 0), PARIS);
        ProcessInstance instance = register(Invoices.french(number, ISSUED, DUE));
        // The due date has passed: no "coming due" reminder. Level 1 is overdue: the next sending window.
        assertThat(instance).hasPassed("Gateway_PreDueReminder").hasNotPassed("Timer_PreDueReminderDue");
        assertThat(timer(instance, "Timer_Level1Due").getDuedate().toInstant())
                .isEqualTo(LocalDate.of(2026, 5, 11).atTime(NINE).atZone(PARIS).toInstant());
        runDueJobs(instance);
        assertThat(mailsTo(customerEmail)).isEmpty();
        at(LocalDate.of(2026, 5, 11), NINE, PARIS);
        runDueJobs(instance);
        assertThat(instance).hasPassed("Task_SendLevel1Reminder").isWaitingAt("Timer_Level2Due");
        assertThat(mailsTo(customerEmail)).hasSize(1);

        // Level 2 (due 30 April) is overdue too, but waits a week after level 1: no burst of reminders.
        assertThat(timer(instance, "Timer_Level2Due").getDuedate().toInstant())
                .isEqualTo(LocalDate.of(2026, 5, 18).atTime(NINE).atZone(PARIS).toInstant());
        at(LocalDate.of(2026, 5, 18), LocalTime.of(8, 0), PARIS);
        runDueJobs(instance);
        assertThat(instance).isWaitingAt("Timer_Level2Due");

        at(LocalDate.of(2026, 5, 18), NINE, PARIS);
        runDueJobs(instance);
        assertThat(instance).isWaitingAt("Task_CallCustomer");
        List<MimeMessage> sent = mailsTo(customerEmail);
        assertThat(sent).extracting(m -> subject(m)).containsExactly("Relance : facture " + number + " échue",
                "Deuxième relance : facture " + number + " impayée depuis 48 jours");

        // A week after level 2 is Whit Monday (25 May), a public holiday in France: Tuesday.
        complete(task(instance), withVariables(ProcessVariables.CALL_OUTCOME, "noAnswer"));
        assertThat(timer(instance, "Timer_FormalNoticeDue").getDuedate().toInstant())
                .isEqualTo(LocalDate.of(2026, 5, 26).atTime(NINE).atZone(PARIS).toInstant());
    }

    @Test
    void stageOnAPublicHoliday_movesToTheNextBusinessDay() {
        // Due Tuesday 7 July 2026: level 1 (+7) falls on 14 July, France's national day.
        at(LocalDate.of(2026, 6, 8), LocalTime.of(10, 0), PARIS);
        ProcessInstance instance = register(Invoices.french(number, LocalDate.of(2026, 6, 7), LocalDate.of(2026, 7, 7)));
        at(LocalDate.of(2026, 7, 2), NINE, PARIS);
        runDueJobs(instance);
        assertThat(instance).hasPassed("Task_SendPreDueReminder").isWaitingAt("Timer_Level1Due");

        assertThat(timer(instance, "Timer_Level1Due").getDuedate().toInstant())
                .isEqualTo(LocalDate.of(2026, 7, 15).atTime(NINE).atZone(PARIS).toInstant());
        at(LocalDate.of(2026, 7, 14), NINE, PARIS);
        runDueJobs(instance);
        assertThat(instance).isWaitingAt("Timer_Level1Due");
        at(LocalDate.of(2026, 7, 15), NINE, PARIS);
        runDueJobs(instance);
        assertThat(instance).hasPassed("Task_SendLevel1Reminder").isWaitingAt("Timer_Level2Due");
    }

    @Test
    void stageOnASaturday_movesToMondayMorning() {
        // Due Saturday 6 June 2026: level 1 (+7) falls on Saturday 13 June.
        at(LocalDate.of(2026, 5, 11), LocalTime.of(10, 0), PARIS);
        ProcessInstance instance = register(Invoices.french(number, LocalDate.of(2026, 5, 7), LocalDate.of(2026, 6, 6)));
        at(LocalDate.of(2026, 6, 1), NINE, PARIS);
        runDueJobs(instance);
        assertThat(instance).hasPassed("Task_SendPreDueReminder").isWaitingAt("Timer_Level1Due");

        assertThat(timer(instance, "Timer_Level1Due").getDuedate().toInstant())
                .isEqualTo(Instant.parse("2026-06-15T07:00:00Z")); // Monday 15 June, 09:00 in Paris
        at(LocalDate.of(2026, 6, 13), NINE, PARIS);
        runDueJobs(instance);
        assertThat(instance).isWaitingAt("Timer_Level1Due");
        at(LocalDate.of(2026, 6, 15), NINE, PARIS);
        runDueJobs(instance);
        assertThat(instance).hasPassed("Task_SendLevel1Reminder");
    }

    @Test
    void registeredLate_inTheMorningWindow_goesAtOnce_afterItTheNextMorning() {
        // Tuesday 12 May, 10:30 in Paris: inside the window (09:00-11:00), overdue level 1 goes now.
        Instant tenThirty = LocalDate.of(2026, 5, 12).atTime(10, 30).atZone(PARIS).toInstant();
        at(tenThirty);
        ProcessInstance instance = register(Invoices.french(number, ISSUED, DUE));
        assertThat(timer(instance, "Timer_Level1Due").getDuedate().toInstant()).isEqualTo(tenThirty);
        runDueJobs(instance);
        assertThat(instance).hasPassed("Task_SendLevel1Reminder");
        assertThat(mailsTo(customerEmail)).hasSize(1);

        // The same day at 11:30, after the window: Wednesday morning.
        at(LocalDate.of(2026, 5, 12), LocalTime.of(11, 30), PARIS);
        String later = Invoices.nextNumber();
        ProcessInstance afterWindow = register(Invoices.french(later, ISSUED, DUE));
        assertThat(timer(afterWindow, "Timer_Level1Due").getDuedate().toInstant())
                .isEqualTo(LocalDate.of(2026, 5, 13).atTime(NINE).atZone(PARIS).toInstant());
        runDueJobs(afterWindow);
        assertThat(afterWindow).isWaitingAt("Timer_Level1Due");
    }

    @Test
    void instanceStartedBeforeTheBusinessCalendar_skipsWeekendsOnly_inAWindowOfTwoHours() {
        at(LocalDate.of(2026, 6, 8), LocalTime.of(10, 0), PARIS);
        ProcessInstance instance = register(Invoices.french(number, LocalDate.of(2026, 6, 7), LocalDate.of(2026, 7, 7)));
        // Such an instance has neither variable.
        runtime.removeVariable(instance.getId(), ProcessVariables.CUSTOMER_COUNTRY);
        runtime.removeVariable(instance.getId(), PolicyVariables.SEND_WINDOW_END);
        at(LocalDate.of(2026, 7, 2), NINE, PARIS);
        runDueJobs(instance);

        // No country: 14 July is a working day.
        String level1 = timer(instance, "Timer_Level1Due").getId();
        assertThat(management.createJobQuery().jobId(level1).singleResult().getDuedate().toInstant())
                .isEqualTo(LocalDate.of(2026, 7, 14).atTime(NINE).atZone(PARIS).toInstant());
        // Computed again when the day has come: the window is send time + 2 hours.
        Instant tenThirty = LocalDate.of(2026, 7, 14).atTime(10, 30).atZone(PARIS).toInstant();
        at(tenThirty);
        management.recalculateJobDuedate(level1, false);
        assertThat(management.createJobQuery().jobId(level1).singleResult().getDuedate().toInstant()).isEqualTo(tenThirty);
        at(LocalDate.of(2026, 7, 14), LocalTime.of(11, 0), PARIS);
        management.recalculateJobDuedate(level1, false);
        assertThat(management.createJobQuery().jobId(level1).singleResult().getDuedate().toInstant())
                .isEqualTo(LocalDate.of(2026, 7, 15).atTime(NINE).atZone(PARIS).toInstant());
    }

    @Test
    void keyAccount_formalNoticeNeedsTheSalespersonsApprovalToo() {
        at(LocalDate.of(2026, 3, 2), LocalTime.of(10, 0), PARIS);
        ProcessInstance instance = register(Invoices.french(number, "key-account", "sam", ISSUED, DUE));
        driveToReview(instance);
        complete(task(instance), withVariables(ProcessVariables.REVIEW_DECISION, "approve"));

        Task approval = task(instance);
        assertThat(approval).hasDefinitionKey("Task_ApproveFormalNotice").hasCandidateUser("sam")
                .hasCandidateGroup("credit-management");
        complete(approval, withVariables(ProcessVariables.SALES_DECISION, "approve"));
        runDueJobs(instance);

        assertThat(instance).hasPassed("Gateway_SalesDecision", "Task_SendFormalNotice").isWaitingAt("Timer_EscalationDue");
    }

    @Test
    void keyAccount_salespersonObjects_theNoticeGoesBackToTheCollectorsReview() {
        at(LocalDate.of(2026, 3, 2), LocalTime.of(10, 0), PARIS);
        ProcessInstance instance = register(Invoices.french(number, "key-account", "sam", ISSUED, DUE));
        driveToReview(instance);
        complete(task(instance), withVariables(ProcessVariables.REVIEW_DECISION, "approve"));
        complete(task(instance), withVariables(ProcessVariables.SALES_DECISION, "object",
                "salesComment", "They pay on Friday, I spoke to their CFO"));

        assertThat(instance).isWaitingAt("Task_ReviewFormalNotice").hasNotPassed("Task_SendFormalNotice");
        assertThat(mailsTo(customerEmail)).noneMatch(m -> subject(m).startsWith("Mise en demeure"));
    }

    @Test
    void salesperson_isInformedBeforeAFormalNotice() {
        ProcessInstance instance = driveToReview();
        assertThat(instance).hasPassed("Task_InformSalespersonOfFormalNotice");
        assertThat(mailsTo("sam@relance.test")).extracting(m -> subject(m))
                .contains("Formal notice ahead for your customer Client " + number + ", invoice " + number);
    }

    @Test
    void holdWhileWaitingForLevel2_pausesTheLadder_andResumesWithItsClockMovedOn() {
        ProcessInstance instance = driveToLevel1();

        // 10 April: the salesperson holds dunning until 25 April inclusive (resumes 26 April, 09:00).
        at(LocalDate.of(2026, 4, 10), LocalTime.of(10, 0), PARIS);
        holds.place(number, new HoldRequest("Customer reorganises its payments, promised by the CFO",
                LocalDate.of(2026, 4, 25)), "sam");
        assertThat(instance).isWaitingAt("Timer_Level2Due", "Gateway_HoldEnd").hasPassed("Task_HoldLadder");
        assertThat(timer(instance, "Timer_HoldEnds").getDuedate().toInstant())
                .isEqualTo(LocalDate.of(2026, 4, 26).atTime(NINE).atZone(PARIS).toInstant());

        at(LocalDate.of(2026, 4, 26), NINE, PARIS);
        runDueJobs(instance);
        assertThat(instance).hasPassed("Timer_HoldEnds", "Task_ResumeLadder", "End_LadderResumed")
                .isWaitingAt("Timer_Level2Due");
        // 16 days on hold (10 → 26 April): level 2 moves from 30 April to 16 May, a Saturday: Monday 18 May.
        assertThat(runtime.getVariable(instance.getId(), "pausedDays")).isEqualTo(16);
        assertThat(timer(instance, "Timer_Level2Due").getDuedate().toInstant())
                .isEqualTo(LocalDate.of(2026, 5, 18).atTime(NINE).atZone(PARIS).toInstant());
        at(LocalDate.of(2026, 4, 30), NINE, PARIS);
        runDueJobs(instance);
        assertThat(instance).isWaitingAt("Timer_Level2Due");
    }

    @Test
    void holdOverAStageDate_keepsItsReminderBack_untilTheHoldIsLifted() {
        ProcessInstance instance = driveToLevel1();
        at(LocalDate.of(2026, 4, 28), LocalTime.of(10, 0), PARIS);
        holds.place(number, new HoldRequest("Dispute with sales being settled", LocalDate.of(2026, 5, 10)), "colette");
        // Level 2 was due 30 April; during the hold it waits for the hold's end.
        assertThat(timer(instance, "Timer_Level2Due").getDuedate().toInstant())
                .isEqualTo(LocalDate.of(2026, 5, 11).atTime(NINE).atZone(PARIS).toInstant());
        at(LocalDate.of(2026, 4, 30), NINE, PARIS);
        runDueJobs(instance);
        assertThat(instance).isWaitingAt("Timer_Level2Due");

        // Lifted after 3 days: level 2 comes 3 days after its date, 3 May, a Sunday: Monday 4 May.
        at(LocalDate.of(2026, 5, 1), LocalTime.of(10, 0), PARIS);
        holds.lift(number);
        assertThat(instance).hasPassed("Message_HoldLiftedReceived", "Task_ResumeLadder").isWaitingAt("Timer_Level2Due");
        assertThat(timer(instance, "Timer_Level2Due").getDuedate().toInstant())
                .isEqualTo(LocalDate.of(2026, 5, 4).atTime(NINE).atZone(PARIS).toInstant());
        at(LocalDate.of(2026, 5, 4), NINE, PARIS);
        runDueJobs(instance);
        assertThat(instance).hasPassed("Task_SendLevel2Reminder");
    }

    private ProcessInstance driveToLevel1() {
        ProcessInstance instance = registerOnTime();
        at(LocalDate.of(2026, 3, 26), NINE, PARIS);
        runDueJobs(instance);
        at(DUE.plusDays(7), NINE, PARIS);
        runDueJobs(instance);
        assertThat(instance).hasPassed("Task_SendLevel1Reminder").isWaitingAt("Timer_Level2Due");
        return instance;
    }

    @Test
    void level1AndLevel2ReviewedByACollector_sendTheWordsTheCollectorApproved() {
        ProcessInstance instance = registerOnTime();
        // The policy asks for a review of levels 1 and 2 (as a DMN row may for some customers).
        runtime.setVariable(instance.getId(), PolicyVariables.LEVEL1_REVIEW, true);
        runtime.setVariable(instance.getId(), PolicyVariables.LEVEL2_REVIEW, true);
        at(LocalDate.of(2026, 3, 26), NINE, PARIS);
        runDueJobs(instance);
        at(DUE.plusDays(7), NINE, PARIS);
        runDueJobs(instance);

        Task review = task(instance);
        assertThat(review).hasDefinitionKey("Task_ReviewLevel1Reminder").hasCandidateGroup("accounting");
        assertThat(mailsTo(customerEmail)).hasSize(1); // the pre-due note only: level 1 waits for the collector
        String drafted = (String) tasks.getVariable(review.getId(), ReviewReminder.BODY);
        assertThat(drafted).startsWith("Madame, Monsieur,").doesNotContain("http://relance.test/portal/");
        assertThat(tasks.getVariable(review.getId(), ReviewReminder.CHANNELS)).isEqualTo("EMAIL");
        completeAs("colette", review, withVariables(ReviewReminder.SUBJECT, "Facture " + number + " : petit rappel",
                ReviewReminder.BODY, drafted.replace("Madame, Monsieur,", "Bonjour Madame Dupont,")));
        runDueJobs(instance);

        MimeMessage level1 = last(mailsTo(customerEmail));
        assertThat(subject(level1)).isEqualTo("Facture " + number + " : petit rappel");
        assertThat(body(level1)).startsWith("Bonjour Madame Dupont,");
        assertThat(html(level1)).contains("Bonjour Madame Dupont,");
        Communication sent = sentMessage(instance, "LEVEL_1", "EMAIL");
        assertThat(sent.getApprovedBy()).isEqualTo("colette");
        assertThat(sent.isEdited()).isTrue();

        at(DUE.plusDays(30), NINE, PARIS);
        runDueJobs(instance);
        Task level2Review = task(instance);
        assertThat(level2Review).hasDefinitionKey("Task_ReviewLevel2Reminder");
        assertThat(tasks.getVariable(level2Review.getId(), ReviewReminder.CHANNELS)).isEqualTo("EMAIL, LETTER");
        completeAs("colette", level2Review, java.util.Map.of());
        runDueJobs(instance);

        assertThat(instance).hasPassed("Gateway_Level1Review", "Task_ReviewLevel1Reminder", "Gateway_Level1Reviewed",
                "Task_ReviewLevel2Reminder", "Task_SendLevel2Reminder").isWaitingAt("Task_CallCustomer");
        Communication letter = sentMessage(instance, "LEVEL_2", "LETTER");
        assertThat(letter.getApprovedBy()).isEqualTo("colette");
        assertThat(letter.isEdited()).isFalse();
    }

    @Test
    void formalNoticeEditedInReview_goesOutInTheEditedWordsByEmailAndRegisteredLetter() throws Exception {
        ProcessInstance instance = driveToReview();
        Task review = task(instance);
        String drafted = (String) tasks.getVariable(review.getId(), ReviewReminder.BODY);
        assertThat(drafted).contains("MISE EN DEMEURE", "40,00\u00a0€");
        assertThat(mailsTo(customerEmail).stream().map(DunningTestSupport::subject))
                .noneMatch(s -> s.startsWith("Mise en demeure"));

        completeAs("colette", review, withVariables(ProcessVariables.REVIEW_DECISION, "approve",
                ReviewReminder.BODY, drafted + "\nSuite à notre entretien du 14 mai.\n"));
        runDueJobs(instance);

        MimeMessage notice = last(mailsTo(customerEmail));
        assertThat(body(notice)).contains("Suite à notre entretien du 14 mai.");
        byte[] letterPdf = attachments(notice).get(number + "-formal_notice-1.pdf");
        assertThat(letterPdf).as("the registered letter, attached to the email").isNotNull();
        try (var pdf = org.apache.pdfbox.Loader.loadPDF(letterPdf)) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(pdf);
            assertThat(text).contains("Lettre recommandée avec accusé de réception", "Client " + number,
                    "Suite à notre entretien du 14 mai.", "Indemnité forfaitaire");
        }
        assertThat(sentMessage(instance, "FORMAL_NOTICE", "LETTER").isEdited()).isTrue();
        assertThat(sentMessage(instance, "FORMAL_NOTICE", "EMAIL").getApprovedBy()).isEqualTo("colette");
    }

    @Test
    void customerSaysItHasPaid_aCollectorChecksThePayment_andTheLadderGoesOn() {
        ProcessInstance instance = afterPreDueReminder();
        answers.paid(claimsFromTheReminder(), "VIR-2026-1103", LocalDate.of(2026, 3, 25));

        Task check = taskAt(instance, "Task_FollowUpCustomerAnswer");
        assertThat(check).hasCandidateGroup("accounting");
        assertThat(tasks.getVariable(check.getId(), "paymentReference")).isEqualTo("VIR-2026-1103");
        complete(check, withVariables("followUpNote", "Not in the bank yet"));

        assertThat(instance).hasPassed("Gateway_AnswerKind", "End_PaymentChecked").isWaitingAt("Timer_Level1Due");
        assertThat(timer(instance, "Timer_Level1Due").getDuedate().toInstant())
                .isEqualTo(DUE.plusDays(7).atTime(NINE).atZone(PARIS).toInstant());
    }

    @Test
    void promiseKept_thePaymentEndsDunning_noReminderInBetween() {
        ProcessInstance instance = afterPreDueReminder();
        answers.promise(claimsFromTheReminder(), LocalDate.of(2026, 4, 10));
        runDueJobs(instance);
        // Held until the promised date plus 3 days' grace: level 1 (7 April) waits.
        assertThat(timer(instance, "Timer_Level1Due").getDuedate().toInstant())
                .isEqualTo(LocalDate.of(2026, 4, 13).atTime(NINE).atZone(PARIS).toInstant());

        at(LocalDate.of(2026, 4, 9), NINE, PARIS);
        runDueJobs(instance);
        assertThat(mailsTo(customerEmail)).hasSize(1);
        pay("1250.00");

        assertThat(instance).isEnded().hasPassed("Task_HoldForPromise").hasNotPassed("Task_SendLevel1Reminder");
    }

    @Test
    void promiseBroken_theCollectorsAreTold_andTheNextStageGoesOutAtOnce() {
        ProcessInstance instance = afterPreDueReminder();
        answers.promise(claimsFromTheReminder(), LocalDate.of(2026, 4, 10));
        runDueJobs(instance);

        at(LocalDate.of(2026, 4, 13), NINE, PARIS);
        runDueJobs(instance);

        assertThat(instance).hasPassed("Timer_CustomerPromiseExpired", "Task_InformCollectorsOfBrokenPromise",
                "Task_ResumeAfterPromise", "End_PromiseBroken", "Task_SendLevel1Reminder").isWaitingAt("Timer_Level2Due");
        assertThat(body(last(mailsTo("colette@relance.test")))).contains(number, "April 10, 2026");
        assertThat(subject(last(mailsTo(customerEmail)))).isEqualTo("Relance : facture " + number + " échue");
        assertThat(runtime.getVariable(instance.getId(), "brokenPromise")).isEqualTo(
                "Payment promised for 2026-04-10, not received by 2026-04-13");
        // The level-2 date is not moved on by the days the promise was waited for.
        assertThat(timer(instance, "Timer_Level2Due").getDuedate().toInstant())
                .isEqualTo(DUE.plusDays(30).atTime(NINE).atZone(PARIS).toInstant());
    }

    @Test
    void disputeRejected_theLadderResumesAtItsStage_withItsDatesMovedOnByTheDisputedDays() {
        ProcessInstance instance = afterPreDueReminder();
        answers.dispute(claimsFromTheReminder(), "Two boxes arrived damaged", null, null, null);
        runDueJobs(instance);
        assertThat(body(last(mailsTo("sam@relance.test")))).contains("Two boxes arrived damaged");
        Task resolve = taskAt(instance, "Task_ResolveCustomerDispute");
        assertThat(resolve).hasCandidateGroup("accounting").hasCandidateUser("sam");

        at(DUE.plusDays(7), NINE, PARIS); // level 1's date: held, nothing goes out
        runDueJobs(instance);
        assertThat(mailsTo(customerEmail)).hasSize(1);

        at(LocalDate.of(2026, 4, 10), LocalTime.of(11, 0), PARIS);
        complete(resolve, withVariables(ProcessVariables.DISPUTE_OUTCOME, "rejected", "resolutionNotes", "Delivery note signed"));

        assertThat(instance).hasPassed("Gateway_CustomerDisputeOutcome", "Gateway_DisputeLeavesAnAmount",
                "Task_ResumeAfterDispute", "End_DisputeResolved").isWaitingAt("Timer_Level1Due");
        // Held from 26 March 09:00 to 10 April 11:00: 16 started days; level 1 moves from 7 to 23 April.
        assertThat(timer(instance, "Timer_Level1Due").getDuedate().toInstant())
                .isEqualTo(LocalDate.of(2026, 4, 23).atTime(NINE).atZone(PARIS).toInstant());
    }

    @Test
    void disputeEndsWithAPartialCreditNote_laterRemindersStateTheLowerAmount() {
        ProcessInstance instance = afterPreDueReminder();
        answers.dispute(claimsFromTheReminder(), "Price list not applied", null, null, null);
        runDueJobs(instance);
        complete(taskAt(instance, "Task_ResolveCustomerDispute"), withVariables(ProcessVariables.DISPUTE_OUTCOME,
                "creditNote", ApplyCreditNote.CREDIT_NOTE_AMOUNT, 250, "resolutionNotes", "Credit note AV-12"));

        assertThat(instance).hasPassed("Task_ApplyCreditNote", "Gateway_CreditNoteSettles", "Task_ResumeAfterDispute");
        assertThat(invoices.findByNumber(number).orElseThrow().getOutstandingAmount()).isEqualByComparingTo("1000.00");
        at(LocalDate.of(2026, 4, 30), NINE, PARIS);
        runDueJobs(instance);
        assertThat(body(last(mailsTo(customerEmail)))).contains("1\u202f000,00\u00a0€");
    }

    @ParameterizedTest
    @ValueSource(strings = {"creditNote", "cancelled"})
    void disputeEndsWithAFullCreditNoteOrTheInvoiceCancelled_dunningEnds(String outcome) {
        ProcessInstance instance = afterPreDueReminder();
        answers.dispute(claimsFromTheReminder(), "Ordered by mistake", null, null, null);
        runDueJobs(instance);
        complete(taskAt(instance, "Task_ResolveCustomerDispute"), withVariables(ProcessVariables.DISPUTE_OUTCOME, outcome,
                ApplyCreditNote.CREDIT_NOTE_AMOUNT, 1250.0, "resolutionNotes", "Agreed with the customer"));

        assertThat(instance).isEnded().hasPassed("StartEvent_InvoiceClosedByDispute", "End_DunningEndedByDispute")
                .hasPassed(outcome.equals("cancelled") ? "End_DisputedInvoiceCancelled" : "End_SettledByCreditNote");
        assertThat(invoices.findByNumber(number).orElseThrow().getStatus())
                .isEqualTo(outcome.equals("cancelled") ? InvoiceStatus.CANCELLED : InvoiceStatus.CREDITED);
    }

    @Test
    void theDecisionTableTimesTheLadderPerTypology_aKeyAccountGetsLongerDelaysAndAFormalNoticeNeedsItsSalesperson() {
        at(LocalDate.of(2026, 3, 2), LocalTime.of(10, 0), PARIS);
        ProcessInstance instance = register(Invoices.french(number, "key-account", "sam", ISSUED, DUE));

        assertThat(instance).hasPassed("Task_DetermineDunningPolicy", "Task_ApplyDunningPolicy", "Gateway_WorthDunning");
        assertThat(runtime.getVariable(instance.getId(), PolicyVariables.LEVEL1_OFFSET_DAYS)).isEqualTo(10);
        assertThat(runtime.getVariable(instance.getId(), PolicyVariables.SALES_APPROVAL_REQUIRED)).isEqualTo(true);
        assertThat(runtime.getVariable(instance.getId(), PolicyVariables.LEVEL1_REVIEW)).isEqualTo(true);
        assertThat(timer(instance, "Timer_PreDueReminderDue").getDuedate().toInstant())
                .isEqualTo(DUE.minusDays(7).atTime(NINE).atZone(PARIS).toInstant());
    }

    @Test
    void anInvoiceBelowThePolicysMinimum_isNotDunned() {
        at(LocalDate.of(2026, 3, 2), LocalTime.of(10, 0), PARIS);
        // Public sector: nothing under 100.00 is dunned.
        InvoiceIntake small = Invoices.french(number, "public-sector", null, ISSUED, DUE);
        registration.register(new InvoiceIntake(small.invoiceNumber(), small.customerNumber(),
                small.customerName(), small.customerEmail(), small.customerPhone(), "fr", "FR", "public-sector", null,
                ISSUED, DUE, small.currency(), new BigDecimal("80.00"), new BigDecimal("80.00"), null,
                small.customerAddressLine1(), null, small.customerPostalCode(), small.customerCity(), null));

        String id = invoices.findByNumber(number).orElseThrow().getProcessInstanceId();
        STARTED.add(id);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(id).count()).isZero();
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(id)
                .activityId("End_NotDunned").count()).isEqualTo(1);
    }

    @Test
    void aCreditManagerEditsTheTableAndDeploysIt_theNextInvoiceFollowsIt() throws Exception {
        String table = new String(getClass().getResourceAsStream("/bpmn/dunning-policy.dmn").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        // Level 1 of the SME rows from +7 to +12 days, as an edit in Camunda Modeler would.
        String edited = table.replace("<text>7</text>", "<text>12</text>");
        assertThat(edited).isNotEqualTo(table);
        org.camunda.bpm.engine.RepositoryService repository = engine.getRepositoryService();
        var deployment = repository.createDeployment().name("Modeler edit").addString("dunning-policy.dmn", edited).deploy();
        try {
            at(LocalDate.of(2026, 3, 2), LocalTime.of(10, 0), PARIS);
            ProcessInstance instance = register(Invoices.french(number, ISSUED, DUE));
            assertThat(runtime.getVariable(instance.getId(), PolicyVariables.LEVEL1_OFFSET_DAYS)).isEqualTo(12);
        } finally {
            repository.deleteDeployment(deployment.getId(), true);
        }
    }

    @Test
    void theCustomersTypologyChanges_theWaitingStagesFollowTheNewPolicy() {
        ProcessInstance instance = afterPreDueReminder();
        assertThat(timer(instance, "Timer_Level1Due").getDuedate().toInstant())
                .isEqualTo(DUE.plusDays(7).atTime(NINE).atZone(PARIS).toInstant());

        transaction.executeWithoutResult(status -> {
            var customer = customers.findByNumber("C-" + number).orElseThrow();
            customer.setSegment("key-account");
            events.publishEvent(new com.relance.invoice.CustomerTypologyChanged(customer));
        });

        assertThat(instance).hasPassed("StartEvent_TypologyChanged", "Task_RedetermineDunningPolicy",
                "Task_ReapplyDunningPolicy", "Task_RescheduleLadder", "End_LadderRescheduled");
        assertThat(timer(instance, "Timer_Level1Due").getDuedate().toInstant())
                .isEqualTo(DUE.plusDays(10).atTime(NINE).atZone(PARIS).toInstant());
    }

    @Test
    void lateChargesAreRecordedOnTheInvoice_theFixedCompensationOnce() {
        ProcessInstance instance = driveToReview();
        var afterLevel2 = invoices.findByNumber(number).orElseThrow();
        assertThat(afterLevel2.getLateCompensation()).isEqualByComparingTo("40.00");
        // 1250 x (ECB 2.15 + 10) % x 30 days / 365 (30 April is day 30 after the due date)
        assertThat(afterLevel2.getLateInterest()).isEqualByComparingTo("12.48");

        complete(task(instance), withVariables(ProcessVariables.REVIEW_DECISION, "approve"));
        runDueJobs(instance);

        var afterNotice = invoices.findByNumber(number).orElseThrow();
        assertThat(afterNotice.getLateCompensation()).as("charged once").isEqualByComparingTo("40.00");
        // ... 45 days to 15 May
        assertThat(afterNotice.getLateInterest()).isEqualByComparingTo("18.72");
        assertThat(afterNotice.getChargesAsOf()).isEqualTo(LocalDate.of(2026, 5, 15));
    }

    @Test
    void aConsumer_isNeverChargedStatutoryB2bLateCharges() {
        at(LocalDate.of(2026, 3, 2), LocalTime.of(10, 0), PARIS);
        ProcessInstance instance = driveToCall(register(Invoices.french(number, "individual", "sam", ISSUED, DUE)));

        MimeMessage level2 = last(mailsTo(customerEmail));
        assertThat(subject(level2)).startsWith("Deuxième relance");
        assertThat(body(level2)).doesNotContain("pénalités", "Pénalités", "indemnité forfaitaire", "Indemnité forfaitaire");
        assertThat(invoices.findByNumber(number).orElseThrow().getLateCompensation()).isNull();
        assertThat(runtime.getVariable(instance.getId(), PolicyVariables.LATE_CHARGES)).isEqualTo(false);
    }

    private ProcessInstance afterPreDueReminder() {
        ProcessInstance instance = registerOnTime();
        at(LocalDate.of(2026, 3, 26), NINE, PARIS);
        runDueJobs(instance);
        assertThat(mailsTo(customerEmail)).hasSize(1);
        return instance;
    }

    private PortalLinks.Claims claimsFromTheReminder() {
        String link = body(mailsTo(customerEmail).get(0)).lines()
                .filter(l -> l.startsWith("http://relance.test/portal/")).findFirst().orElseThrow();
        return portalLinks.verify(link.substring(link.lastIndexOf('/') + 1));
    }

    private Task taskAt(ProcessInstance instance, String activityId) {
        Task task = tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(activityId).singleResult();
        assertThat(task).as("task at " + activityId).isNotNull();
        return task;
    }

    private void completeAs(String user, Task task, java.util.Map<String, Object> variables) {
        identity.setAuthentication(user, List.of("accounting"));
        try {
            complete(task, variables);
        } finally {
            identity.clearAuthentication();
        }
    }

    private Communication sentMessage(ProcessInstance instance, String stage, String channel) {
        Communication c = communications.findByIdempotencyKey(instance.getId() + "/" + stage + "/" + channel + "/1")
                .orElseThrow();
        assertThat(c.getStatus()).isEqualTo(CommunicationStatus.SENT);
        return c;
    }

    private ProcessInstance driveToCall() {
        ProcessInstance instance = registerOnTime();
        return driveToCall(instance);
    }

    /**
     * Day by day at 09:00 from the pre-due date, running what is due and approving the reviews the
     * policy asks for (a key account's levels 1 and 2), until the level-2 call.
     */
    private ProcessInstance driveToCall(ProcessInstance instance) {
        return driveUntil(instance, "Task_CallCustomer", DUE.minusDays(7), DUE.plusDays(40));
    }

    private ProcessInstance driveToReview() {
        return driveToReview(registerOnTime());
    }

    private ProcessInstance driveToReview(ProcessInstance started) {
        ProcessInstance instance = driveToCall(started);
        complete(task(instance), withVariables(ProcessVariables.CALL_OUTCOME, "noAnswer"));
        return driveUntil(instance, "Task_ReviewFormalNotice", LocalDate.ofInstant(new com.relance.EngineClock().instant(),
                PARIS), DUE.plusDays(60));
    }

    private ProcessInstance driveUntil(ProcessInstance instance, String activityId, LocalDate from, LocalDate until) {
        for (LocalDate day = from; !day.isAfter(until); day = day.plusDays(1)) {
            if (day.atTime(NINE).atZone(PARIS).toInstant().isAfter(new com.relance.EngineClock().instant())) {
                at(day, NINE, PARIS);
            }
            runDueJobs(instance);
            for (Task review : tasks.createTaskQuery().processInstanceId(instance.getId())
                    .taskDefinitionKeyIn("Task_ReviewLevel1Reminder", "Task_ReviewLevel2Reminder").list()) {
                complete(review, Map.of());
                runDueJobs(instance);
            }
            if (!tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(activityId).list().isEmpty()) {
                return instance;
            }
        }
        throw new AssertionError("never reached " + activityId + " by " + until);
    }

    private ProcessInstance driveToEscalation() {
        ProcessInstance instance = driveToReview();
        complete(task(instance), withVariables(ProcessVariables.REVIEW_DECISION, "approve"));
        runDueJobs(instance);
        escalate(instance);
        return instance;
    }

    private Task escalate(ProcessInstance instance) {
        at(ESCALATION_DAY, NINE, PARIS);
        runDueJobs(instance);
        Task decision = task(instance);
        assertThat(decision).hasDefinitionKey("Task_DecideEscalation").hasCandidateGroup("credit-management");
        return decision;
    }

    private void pay(String amount) {
        payments.record(number, new PaymentRequest(new BigDecimal(amount), "EUR", LocalDate.now(clockDay()),
                "BANK-" + amount), "colette");
    }

    private static java.time.Clock clockDay() {
        return new com.relance.EngineClock().withZone(PARIS);
    }

    private static MimeMessage last(List<MimeMessage> messages) {
        return messages.get(messages.size() - 1);
    }
}
