package com.relance.dunning;

import static org.assertj.core.api.Assertions.assertThat;

import com.relance.DunningTestSupport;
import com.relance.Invoices;
import com.relance.invoice.InvoiceIntake;
import com.relance.invoice.InvoiceRegistration;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The whole schedule each shipped policy gives one French invoice (EUR 2,000.00, due Tuesday
 * 15 December 2026, registered 20 November): the table's offsets, moved onto French business days
 * (Christmas, New Year, weekends), at 09:00 Paris. Walked through the real process: every stage's
 * timer is read when the ladder waits at it, then fired; reviews are approved, the call unanswered.
 */
class PolicySchedulesTest extends DunningTestSupport {

    private static final LocalDate DUE = LocalDate.of(2026, 12, 15);
    private static final List<String> TIMERS = List.of("Timer_PreDueReminderDue", "Timer_Level1Due", "Timer_Level2Due",
            "Timer_FormalNoticeDue", "Timer_EscalationDue");

    @Autowired
    InvoiceRegistration registration;
    @Autowired
    TaskService tasks;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            sme          | none | 2026-12-10 | 2026-12-22 | 2027-01-14 | 2027-01-29 | 2027-02-15
            key-account  | none | 2026-12-08 | 2026-12-28 | 2027-01-19 | 2027-02-03 | 2027-02-23
            public-sector| none | none       | 2026-12-30 | 2027-01-29 | 2027-02-15 | 2027-03-15
            individual   | none | 2026-12-14 | 2026-12-22 | 2027-01-05 | 2027-01-19 | 2027-02-03
            sme          | high | 2026-12-08 | 2026-12-18 | 2026-12-30 | 2027-01-11 | 2027-01-19
            """)
    void eachShippedPolicy_timesTheLadderOnBusinessDays(String segment, String risk, String preDue, String level1,
                                                        String level2, String formalNotice, String escalation) {
        String number = Invoices.nextNumber();
        at(LocalDate.of(2026, 11, 20), LocalTime.of(10, 0), PARIS);
        InvoiceIntake french = Invoices.french(number, segment, "sam", LocalDate.of(2026, 11, 15), DUE);
        registration.register(new InvoiceIntake(number, french.customerNumber(), french.customerName(),
                french.customerEmail(), french.customerPhone(), "fr", "FR", segment, "sam", french.issueDate(), DUE,
                french.currency(), new BigDecimal("2000.00"), new BigDecimal("2000.00"), null,
                french.customerAddressLine1(), null, french.customerPostalCode(), french.customerCity(), null));
        ProcessInstance instance = instanceOf(number);
        if (risk != null) {
            runtime.createMessageCorrelation(PolicyRedecision.MESSAGE).processInstanceId(instance.getId())
                    .setVariable("riskClass", risk).correlate();
        }

        Map<String, LocalDate> schedule = walk(instance);

        Map<String, LocalDate> expected = new LinkedHashMap<>();
        String[] dates = {preDue, level1, level2, formalNotice, escalation};
        for (int i = 0; i < TIMERS.size(); i++) {
            if (dates[i] != null) {
                expected.put(TIMERS.get(i), LocalDate.parse(dates[i]));
            }
        }
        assertThat(schedule).containsExactlyEntriesOf(expected);
    }

    /** Fires each stage at its timer, noting the day (each at 09:00 Paris), until the escalation decision. */
    private Map<String, LocalDate> walk(ProcessInstance instance) {
        Map<String, LocalDate> schedule = new LinkedHashMap<>();
        for (int step = 0; step < 30; step++) {
            runDueJobs(instance);
            for (Task task : tasks.createTaskQuery().processInstanceId(instance.getId()).list()) {
                switch (task.getTaskDefinitionKey()) {
                    case "Task_DecideEscalation" -> {
                        return schedule;
                    }
                    case "Task_CallCustomer" -> tasks.complete(task.getId(), Map.of(ProcessVariables.CALL_OUTCOME, "noAnswer"));
                    case "Task_ReviewFormalNotice" ->
                            tasks.complete(task.getId(), Map.of(ProcessVariables.REVIEW_DECISION, "approve"));
                    case "Task_ApproveFormalNotice" ->
                            tasks.complete(task.getId(), Map.of(ProcessVariables.SALES_DECISION, "approve"));
                    default -> tasks.complete(task.getId()); // the reviews of levels 1 and 2: approved as drafted
                }
            }
            runDueJobs(instance);
            for (String timer : TIMERS) {
                Job next = management.createJobQuery().processInstanceId(instance.getId()).timers().activityId(timer)
                        .singleResult();
                if (next != null) {
                    var at = next.getDuedate().toInstant().atZone(PARIS);
                    assertThat(at.toLocalTime()).as(timer).isEqualTo(LocalTime.of(9, 0));
                    schedule.put(timer, at.toLocalDate());
                    at(next.getDuedate().toInstant());
                }
            }
        }
        throw new AssertionError("the ladder never reached the escalation decision: " + schedule);
    }
}
