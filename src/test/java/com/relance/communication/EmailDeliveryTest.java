package com.relance.communication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.relance.DunningTestSupport;
import com.relance.EngineClock;
import com.relance.Invoices;
import com.relance.invoice.Invoice;
import com.relance.invoice.InvoiceRegistration;
import com.relance.invoice.InvoiceRepository;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Map;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Exactly once: no reminder sent twice, none lost, whatever fails around the SMTP call. */
class EmailDeliveryTest extends DunningTestSupport {

    private static final LocalDate DUE = LocalDate.of(2026, 3, 31);
    private static final java.time.ZoneId LONDON = java.time.ZoneId.of("Europe/London");

    @Autowired
    InvoiceRegistration registration;
    @Autowired
    InvoiceRepository invoices;
    @Autowired
    EmailDelivery delivery;
    @Autowired
    CommunicationRepository communications;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    JdbcTemplate jdbc;

    private String number;
    private String customerEmail;

    @BeforeEach
    void register() {
        number = Invoices.nextNumber();
        customerEmail = "billing-" + number.toLowerCase() + "@customer.test";
        at(LocalDate.of(2026, 3, 2), LocalTime.of(10, 0), PARIS);
        registration.register(Invoices.british(number, LocalDate.of(2026, 3, 1), DUE));
    }

    @Test
    void sameReminderJobExecutedTwice_sendsOneMail() {
        ProcessInstance instance = instanceOf(number);
        at(DUE.minusDays(5), LocalTime.of(9, 0), LONDON);
        runDueJobs(instance);
        assertThat(mailsTo(customerEmail)).hasSize(1);

        // Run the same stage's send job again in the same instance (as a retry or a second node would).
        runtime.createProcessInstanceModification(instance.getId()).startBeforeActivity("Task_SendPreDueReminder").execute();
        Job again = management.createJobQuery().processInstanceId(instance.getId()).activityId("Task_SendPreDueReminder")
                .singleResult();
        management.executeJob(again.getId());

        assertThat(mailsTo(customerEmail)).hasSize(1);
        assertThat(communications.findByIdempotencyKey(instance.getId() + "/PRE_DUE/EMAIL/1")).get()
                .extracting(Communication::getStatus, Communication::getAttempts).containsExactly(CommunicationStatus.SENT, 1);
    }

    @Test
    void retryAfterTheJobRolledBackPastASuccessfulSend_sendsNothingMore() {
        OutgoingEmail email = email("rollback");
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            delivery.deliver(email);
            throw new IllegalStateException("the job's transaction fails after the send (e.g. optimistic locking)");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(mailsTo(customerEmail)).hasSize(1);

        Communication retried = transaction.execute(status -> delivery.deliver(email));

        assertThat(retried.getStatus()).isEqualTo(CommunicationStatus.SENT);
        assertThat(mailsTo(customerEmail)).hasSize(1);
    }

    @Test
    void smtpDown_becomesAnIncident_andTheReminderGoesOutOnceWhenSmtpIsBack() throws Exception {
        ProcessInstance instance = instanceOf(number);
        at(DUE.minusDays(5), LocalTime.of(9, 0), LONDON);
        mail.stop();
        try {
            Job send = null;
            for (int attempt = 0; attempt < 10; attempt++) {
                runDueJobsIgnoringFailures(instance);
                send = management.createJobQuery().processInstanceId(instance.getId()).activityId("Task_SendPreDueReminder")
                        .singleResult();
                if (send.getRetries() == 0) {
                    break;
                }
                assertThat(send.getExceptionMessage()).contains("could not be sent");
                at(send.getDuedate().toInstant());
            }
            assertThat(send.getRetries()).isZero();
            Incident incident = runtime.createIncidentQuery().processInstanceId(instance.getId()).singleResult();
            assertThat(incident.getActivityId()).isEqualTo("Task_SendPreDueReminder");
            assertThat(incident.getIncidentMessage()).contains(customerEmail, "could not be sent");
            Communication failed = communications.findByIdempotencyKey(instance.getId() + "/PRE_DUE/EMAIL/1").orElseThrow();
            assertThat(failed.getStatus()).isEqualTo(CommunicationStatus.FAILED);
            assertThat(failed.getAttempts()).isEqualTo(5);
        } finally {
            mail.start();
        }

        // What an operator does in Cockpit: give the job a retry.
        Job send = management.createJobQuery().processInstanceId(instance.getId()).activityId("Task_SendPreDueReminder")
                .singleResult();
        management.setJobRetries(send.getId(), 1);
        management.executeJob(send.getId());

        assertThat(mailsTo(customerEmail)).hasSize(1);
        assertThat(runtime.createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();
        assertThat(instance).isWaitingAt("Timer_Level1Due");
    }

    @Test
    void anAttemptInterruptedByACrash_isResentWithTheSameMessageId() throws Exception {
        OutgoingEmail email = email("crash");
        mail.stop();
        try {
            assertThatThrownBy(() -> delivery.deliver(email)).isInstanceOf(DeliveryFailedException.class);
        } finally {
            mail.start();
        }
        // A node died after starting an attempt an hour ago: the record says SENDING, nothing says SENT.
        jdbc.update("update communication set status = 'SENDING', attempt_started_at = ? where idempotency_key = ?",
                java.sql.Timestamp.from(new EngineClock().instant().minusSeconds(3600)), email.idempotencyKey());

        Communication sent = delivery.deliver(email);

        assertThat(sent.getStatus()).isEqualTo(CommunicationStatus.SENT);
        assertThat(mailsTo(customerEmail)).hasSize(1);
        assertThat(mailsTo(customerEmail).get(0).getMessageID()).isEqualTo(sent.getMessageId());
    }

    @Test
    void anAttemptInProgressOnAnotherNode_isNotDuplicated() {
        OutgoingEmail email = email("concurrent");
        mail.stop();
        try {
            assertThatThrownBy(() -> delivery.deliver(email)).isInstanceOf(DeliveryFailedException.class);
        } finally {
            mail.start();
        }
        jdbc.update("update communication set status = 'SENDING', attempt_started_at = ? where idempotency_key = ?",
                java.sql.Timestamp.from(new EngineClock().instant()), email.idempotencyKey());

        assertThatThrownBy(() -> delivery.deliver(email)).isInstanceOf(DeliveryFailedException.class)
                .hasMessageContaining("in progress");
        assertThat(mailsTo(customerEmail)).isEmpty();
    }

    private OutgoingEmail email(String occasion) {
        Invoice invoice = invoices.findByNumber(number).orElseThrow();
        InvoiceFacts facts = InvoiceFacts.of(invoice, java.util.Locale.UK, LocalDate.of(2026, 4, 10));
        return new OutgoingEmail("test/" + number + "/" + occasion, invoice, null, "SALESPERSON_LEVEL_2", customerEmail,
                "salesperson-level2", "en", Map.of("invoice", facts, "salespersonName", "Sam", "customerEmail", customerEmail,
                        "customerPhone", "+44 0", "tasklistUrl", "http://localhost/tasklist/", "disputeReason", "-"));
    }
}
