package com.relance.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.relance.DunningTestSupport;
import com.relance.Invoices;
import com.relance.invoice.InvoiceRegistration;
import java.time.LocalDate;
import java.time.LocalTime;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Invoices whose ladder is where a calendar test needs it, walked there by the real process with
 * the engine clock (SME policy, France: pre-due 5 days before the due date, level 1 at +7, level 2
 * at +30 but at least 7 days after level 1, at 09:00 Paris; a task is due 2 days after it opens).
 */
abstract class CalendarSeeds extends DunningTestSupport {

    @Autowired
    protected InvoiceRegistration registration;
    @Autowired
    protected TaskService tasks;

    /**
     * Registered on {@code monday} at 10:00, 41 days after its due date: level 1 goes at once, the
     * ladder then waits for level 2 on the next Monday at 09:00 (returned, not yet fired).
     */
    protected ProcessInstance waitingForLevel2(String number, String salesRep, LocalDate monday) {
        at(monday, LocalTime.of(10, 0), PARIS);
        registration.register(Invoices.french(number, "sme", salesRep, monday.minusDays(71), monday.minusDays(41)));
        ProcessInstance instance = instanceOf(number);
        runDueJobs(instance);
        assertThat(instance).isWaitingAt("Timer_Level2Due");
        return instance;
    }

    /** As {@link #waitingForLevel2}, then level 2 fires on the next Monday at 09:00: the call task opens, due 2 days later. */
    protected Task callTask(String number, String salesRep, LocalDate monday) {
        ProcessInstance instance = waitingForLevel2(number, salesRep, monday);
        at(monday.plusDays(7), LocalTime.of(9, 0), PARIS);
        runDueJobs(instance);
        assertThat(instance).isWaitingAt("Task_CallCustomer");
        return tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey("Task_CallCustomer")
                .singleResult();
    }

    /** Registered now, due on {@code due}: the ladder waits for the pre-due reminder, 5 days before. */
    protected ProcessInstance waitingForPreDue(String number, String salesRep, LocalDate due) {
        registration.register(Invoices.french(number, "sme", salesRep, due.minusDays(30), due));
        ProcessInstance instance = instanceOf(number);
        runDueJobs(instance);
        assertThat(instance).isWaitingAt("Timer_PreDueReminderDue");
        return instance;
    }

    /** A customer name iCalendar must escape (comma, semicolon, backslash) and fold. */
    static String trickyName(String number) {
        return "Dupont, Fils; Cie \\ Frères — société à responsabilité limitée très longue " + number;
    }
}
