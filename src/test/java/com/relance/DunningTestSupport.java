package com.relance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
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

    /**
     * Like {@link #runDueJobs}, but a failing job only records its failure (retries down). A failed
     * job is due again only after its retry interval, so this ends.
     */
    protected void runDueJobsIgnoringFailures(ProcessInstance instance) {
        for (int round = 0; round < 10; round++) {
            List<Job> due = management.createJobQuery().processInstanceId(instance.getId()).executable().list();
            if (due.isEmpty()) {
                return;
            }
            for (Job job : due) {
                try {
                    management.executeJob(job.getId());
                } catch (RuntimeException expected) {
                    // the engine records the failure on the job: retries down, exception kept
                }
            }
        }
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

    /** The plain-text part (the whole body of a plain-text email). */
    protected static String body(MimeMessage message) {
        return part(message, "text/plain");
    }

    /** The HTML alternative, or null when the email has none. */
    protected static String html(MimeMessage message) {
        return part(message, "text/html");
    }

    /** File name to content of each attachment. */
    protected static Map<String, byte[]> attachments(MimeMessage message) {
        try {
            Map<String, byte[]> files = new LinkedHashMap<>();
            collectAttachments(message, files);
            return files;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String part(MimeMessage message, String type) {
        try {
            return find(message, type);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String find(Part part, String type) throws Exception {
        if (part.isMimeType(type) && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return (String) part.getContent();
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = find(multipart.getBodyPart(i), type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static void collectAttachments(Part part, Map<String, byte[]> files) throws Exception {
        if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            files.put(part.getFileName(), part.getInputStream().readAllBytes());
        } else if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                collectAttachments(multipart.getBodyPart(i), files);
            }
        }
    }

    protected static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Flow nodes of the latest version of {@code processKey} that none of these instances passed through. */
    protected static Set<String> flowNodesNotPassed(String processKey, Collection<String> instanceIds) {
        ProcessEngine engine = ProcessEngines.getDefaultProcessEngine();
        ProcessDefinition definition = engine.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey(processKey).latestVersion().singleResult();
        Set<String> elements = engine.getRepositoryService().getBpmnModelInstance(definition.getId())
                .getModelElementsByType(FlowNode.class).stream().map(FlowNode::getId).collect(Collectors.toSet());
        for (String id : instanceIds) {
            engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(id).list()
                    .forEach(a -> elements.remove(a.getActivityId()));
        }
        return elements;
    }
}
