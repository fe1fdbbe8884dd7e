package com.relance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.beans.factory.annotation.Autowired;

/** Moving time and running what is due, the way the job executor would, but only for one instance. */
public abstract class DunningTestSupport extends RelanceTest {

    protected static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Autowired
    protected RuntimeService runtime;
    @Autowired
    protected ManagementService management;

    protected static void at(LocalDate day, LocalTime time, ZoneId zone) {
        EngineClock.moveTo(day.atTime(time).atZone(zone).toInstant());
    }

    protected static void at(Instant instant) {
        EngineClock.moveTo(instant);
    }

    /** Executes every job of the instance that is due by the engine clock, until none is. */
    protected void runDueJobs(ProcessInstance instance) {
        for (int round = 0; round < 50; round++) {
            List<Job> due = management.createJobQuery().processInstanceId(instance.getId()).executable().list();
            if (due.isEmpty()) {
                return;
            }
            due.forEach(job -> management.executeJob(job.getId()));
        }
        fail("jobs keep becoming due: a loop in the process?");
    }

    protected Job timer(ProcessInstance instance, String activityId) {
        Job job = management.createJobQuery().processInstanceId(instance.getId()).timers().activityId(activityId)
                .singleResult();
        assertThat(job).as("timer at " + activityId).isNotNull();
        return job;
    }

    protected ProcessInstance instanceOf(String invoiceNumber) {
        ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(invoiceNumber)
                .singleResult();
        assertThat(instance).as("process of " + invoiceNumber).isNotNull();
        return instance;
    }

    protected static List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(mail.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().equals(address));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    protected static String body(MimeMessage message) {
        try {
            return (String) message.getContent();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    protected static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
