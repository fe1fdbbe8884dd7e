package com.relance.audit;

import com.relance.communication.Communication;
import com.relance.communication.CommunicationDocument;
import com.relance.communication.CommunicationHistory;
import com.relance.invoice.Invoice;
import com.relance.invoice.InvoiceNotFoundException;
import com.relance.invoice.InvoiceRepository;
import com.relance.invoice.Payment;
import com.relance.invoice.PaymentRepository;
import com.relance.portal.CustomerAnswer;
import com.relance.portal.CustomerAnswerRepository;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricDecisionInputInstance;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.history.HistoricDecisionOutputInstance;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricFormField;
import org.camunda.bpm.engine.history.HistoricIdentityLinkLog;
import org.camunda.bpm.engine.history.HistoricIncident;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An invoice's whole story in time order, for auditors: the engine's history (Camunda CE's Cockpit
 * has no history view) read through the public HistoryService API, merged with Relance's own
 * records — every message word for word, payments, customers' answers, earlier exports. Runs as
 * the application: who may read it is decided by the security rules of the audit API and pages.
 */
@Service
@Transactional(readOnly = true)
public class InvoiceTimeline {

    /** Shown on each task form, refreshed at each task: restating them adds nothing an auditor needs. */
    private static final Set<String> DISPLAY_ONLY = Set.of("daysLate", "outstandingDisplay", "commentsSoFar");
    /**
     * Gateways route, deciding nothing the variables and decisions do not already show; user tasks
     * are told by their task entries, with who worked them.
     */
    private static final Set<String> NOT_SHOWN = Set.of("exclusiveGateway", "parallelGateway", "inclusiveGateway",
            "eventBasedGateway", "userTask");
    /** Elements that wait: their start and their end are two moments (a timer set, then fired). */
    private static final Set<String> WAITING = Set.of("intermediateTimer", "boundaryTimer", "startTimerEvent",
            "intermediateMessageCatch", "boundaryMessage", "receiveTask", "subProcess", "callActivity",
            "eventSubProcess", "intermediateSignalCatch", "intermediateConditional");

    private final InvoiceRepository invoices;
    private final PaymentRepository payments;
    private final CustomerAnswerRepository answers;
    private final CommunicationHistory communications;
    private final AuditExportRepository exports;
    private final HistoryService history;
    private final RepositoryService repository;

    public InvoiceTimeline(InvoiceRepository invoices, PaymentRepository payments, CustomerAnswerRepository answers,
                           CommunicationHistory communications, AuditExportRepository exports, HistoryService history,
                           RepositoryService repository) {
        this.invoices = invoices;
        this.payments = payments;
        this.answers = answers;
        this.communications = communications;
        this.exports = exports;
        this.history = history;
        this.repository = repository;
    }

    /** @throws InvoiceNotFoundException when no invoice has that number */
    public InvoiceAudit of(String number) {
        Invoice invoice = invoices.findByNumber(number).orElseThrow(() -> new InvoiceNotFoundException(number));
        Map<String, String> facts = facts(invoice);
        List<TimelineEntry> entries = new ArrayList<>();
        entries.add(entry(invoice.getRegisteredAt(), "invoice", "Invoice " + number + " registered", null, facts));

        List<HistoricProcessInstance> instances = history.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(number).orderByProcessInstanceStartTime().asc().list();
        List<InvoiceAudit.Decision> decisions = new ArrayList<>();
        List<TimelineEntry> ends = new ArrayList<>();
        InvoiceAudit.Process process = null;
        for (HistoricProcessInstance instance : instances) {
            process = process(instance);
            entries.add(entry(instance.getStartTime(), "process", "Process " + process.definitionKey() + " version "
                    + process.version() + tag(process.versionTag()) + " started", instance.getStartUserId(),
                    processDetails(instance, process)));
            tasks(instance.getId(), entries);
            activities(instance.getId(), entries);
            variables(instance.getId(), entries);
            incidents(instance.getId(), entries);
            operations(instance.getId(), entries);
            decisions(instance.getId(), entries, decisions);
            if (instance.getEndTime() != null) {
                // appended last: at the same instant, what ended the process comes before its end
                ends.add(entry(instance.getEndTime(), "process", "Process ended (" + instance.getState() + ")", null,
                        details("processInstanceId", instance.getId(), "state", instance.getState(),
                                "deleteReason", instance.getDeleteReason())));
            }
        }
        communications(invoice, entries);
        payments(invoice, entries);
        answers(invoice, entries);
        exports(number, entries);
        if (invoice.getClosedAt() != null) {
            ends.add(entry(invoice.getClosedAt(), "invoice", "Invoice closed: " + invoice.getStatus(), null,
                    details("status", invoice.getStatus().name())));
        }
        entries.addAll(ends);
        // stable: entries of the same instant keep the order they were added in
        List<TimelineEntry> sorted = entries.stream().filter(e -> e.at() != null)
                .sorted(Comparator.comparing(TimelineEntry::at)).toList();
        decisions.sort(Comparator.comparing(InvoiceAudit.Decision::evaluatedAt));
        return new InvoiceAudit(facts, process, List.copyOf(decisions), sorted);
    }

    private static Map<String, String> facts(Invoice invoice) {
        return details("number", invoice.getNumber(),
                "customerNumber", invoice.getCustomer().getNumber(),
                "customerName", invoice.getCustomer().getName(),
                "salesRep", invoice.getCustomer().getSalesRep(),
                "issueDate", str(invoice.getIssueDate()),
                "dueDate", str(invoice.getDueDate()),
                "currency", invoice.getCurrency().getCurrencyCode(),
                "amount", money(invoice.getAmount()),
                "outstandingAmount", money(invoice.getOutstandingAmount()),
                "overpaidAmount", money(invoice.getOverpaidAmount()),
                "status", invoice.getStatus().name(),
                "dunningStage", invoice.getDunningStage(),
                "lateInterest", money(invoice.getLateInterest()),
                "lateCompensation", money(invoice.getLateCompensation()),
                "chargesAsOf", str(invoice.getChargesAsOf()),
                "registeredAt", str(invoice.getRegisteredAt()),
                "closedAt", str(invoice.getClosedAt()),
                "processInstanceId", invoice.getProcessInstanceId());
    }

    private InvoiceAudit.Process process(HistoricProcessInstance instance) {
        ProcessDefinition definition = repository.createProcessDefinitionQuery()
                .processDefinitionId(instance.getProcessDefinitionId()).singleResult();
        return new InvoiceAudit.Process(instance.getId(), instance.getProcessDefinitionKey(),
                instance.getProcessDefinitionVersion(), definition == null ? null : definition.getVersionTag(),
                instant(instance.getStartTime()), instant(instance.getEndTime()), instance.getState());
    }

    private static Map<String, String> processDetails(HistoricProcessInstance instance, InvoiceAudit.Process process) {
        return details("processInstanceId", instance.getId(), "definitionId", instance.getProcessDefinitionId(),
                "definitionKey", process.definitionKey(), "version", str(process.version()),
                "versionTag", process.versionTag(), "businessKey", instance.getBusinessKey());
    }

    private void tasks(String instanceId, List<TimelineEntry> entries) {
        for (HistoricTaskInstance task : history.createHistoricTaskInstanceQuery().processInstanceId(instanceId)
                .orderByHistoricActivityInstanceStartTime().asc().list()) {
            entries.add(entry(task.getStartTime(), "task", "Task created: " + task.getName(), null,
                    details("taskId", task.getId(), "taskDefinitionKey", task.getTaskDefinitionKey(),
                            "due", str(task.getDueDate()))));
            for (HistoricIdentityLinkLog link : history.createHistoricIdentityLinkLogQuery().taskId(task.getId())
                    .orderByTime().asc().list()) {
                String subject = link.getUserId() != null ? "user " + link.getUserId() : "group " + link.getGroupId();
                entries.add(entry(link.getTime(), "task-link", task.getName() + ": " + link.getType() + " "
                        + subject + " " + (link.getOperationType().equals("add") ? "added" : "removed"),
                        link.getAssignerId(), details("taskId", task.getId(), "type", link.getType(),
                                "userId", link.getUserId(), "groupId", link.getGroupId(),
                                "operation", link.getOperationType())));
            }
            // told with the task, before its completion: what was submitted, by whoever held the task
            for (HistoricDetail d : history.createHistoricDetailQuery().taskId(task.getId()).formFields()
                    .orderByTime().asc().list()) {
                HistoricFormField field = (HistoricFormField) d;
                entries.add(entry(d.getTime(), "form", "Form field " + field.getFieldId() + " = "
                        + str(field.getFieldValue()), task.getAssignee(), details("field", field.getFieldId(),
                        "value", str(field.getFieldValue()), "taskId", task.getId())));
            }
            if (task.getEndTime() != null) {
                String how = "completed".equals(task.getDeleteReason()) ? "completed" : "ended (" + task.getDeleteReason() + ")";
                entries.add(entry(task.getEndTime(), "task", "Task " + how + ": " + task.getName(), task.getAssignee(),
                        details("taskId", task.getId(), "taskDefinitionKey", task.getTaskDefinitionKey(),
                                "assignee", task.getAssignee(), "reason", task.getDeleteReason())));
            }
        }
    }

    private void activities(String instanceId, List<TimelineEntry> entries) {
        for (HistoricActivityInstance a : history.createHistoricActivityInstanceQuery().processInstanceId(instanceId)
                .orderByHistoricActivityInstanceStartTime().asc().orderPartiallyByOccurrence().asc().list()) {
            if (NOT_SHOWN.contains(a.getActivityType())) {
                continue;
            }
            String name = a.getActivityName() != null ? a.getActivityName() : a.getActivityId();
            Map<String, String> details = details("activityId", a.getActivityId(), "type", a.getActivityType(),
                    "started", str(a.getStartTime()), "ended", str(a.getEndTime()),
                    "canceled", a.isCanceled() ? "true" : null);
            boolean waits = WAITING.contains(a.getActivityType());
            entries.add(entry(a.getStartTime(), "activity", (waits ? "Waiting: " : "") + name, null, details));
            if (waits && a.getEndTime() != null) {
                String ended = a.isCanceled() ? "Cancelled: " : a.getActivityType().contains("Timer") ? "Timer fired: " : "Done: ";
                entries.add(entry(a.getEndTime(), "activity", ended + name, null, details));
            }
        }
    }

    private void variables(String instanceId, List<TimelineEntry> entries) {
        for (HistoricDetail d : history.createHistoricDetailQuery().processInstanceId(instanceId).variableUpdates()
                .disableCustomObjectDeserialization().orderByTime().asc().list()) {
            if (d instanceof HistoricVariableUpdate update && !DISPLAY_ONLY.contains(update.getVariableName())) {
                String value = value(update);
                entries.add(entry(d.getTime(), "variable", update.getVariableName() + " = " + abbreviate(value), null,
                        details("name", update.getVariableName(), "value", value, "type", update.getTypeName(),
                                "revision", String.valueOf(update.getRevision()), "taskId", d.getTaskId(),
                                "activityInstanceId", d.getActivityInstanceId())));
            }
        }
    }

    private void incidents(String instanceId, List<TimelineEntry> entries) {
        for (HistoricIncident i : history.createHistoricIncidentQuery().processInstanceId(instanceId).list()) {
            Map<String, String> details = details("incidentId", i.getId(), "type", i.getIncidentType(),
                    "activityId", i.getActivityId(), "message", i.getIncidentMessage());
            entries.add(entry(i.getCreateTime(), "incident", "Incident: " + i.getIncidentMessage(), null, details));
            if (i.getEndTime() != null) {
                entries.add(entry(i.getEndTime(), "incident", "Incident " + (i.isResolved() ? "resolved" : "closed")
                        + ": " + i.getIncidentMessage(), null, details));
            }
        }
    }

    /** Changes made by a person in Cockpit, the Tasklist or the REST API: one entry per operation. */
    private void operations(String instanceId, List<TimelineEntry> entries) {
        Map<String, List<UserOperationLogEntry>> byOperation = history.createUserOperationLogQuery()
                .processInstanceId(instanceId).orderByTimestamp().asc().list().stream()
                .collect(Collectors.groupingBy(e -> Objects.requireNonNullElse(e.getOperationId(), e.getId()),
                        LinkedHashMap::new, Collectors.toList()));
        byOperation.values().forEach(changes -> {
            UserOperationLogEntry first = changes.get(0);
            Map<String, String> details = details("operation", first.getOperationType(),
                    "entity", first.getEntityType(), "taskId", first.getTaskId(), "category", first.getCategory(),
                    "annotation", first.getAnnotation());
            changes.stream().filter(c -> c.getProperty() != null).forEach(c -> details.put(c.getProperty(),
                    (c.getOrgValue() == null ? "" : c.getOrgValue() + " → ") + Objects.toString(c.getNewValue(), "")));
            entries.add(entry(first.getTimestamp(), "user-operation", first.getOperationType() + " "
                    + first.getEntityType(), first.getUserId(), details));
        });
    }

    private void decisions(String instanceId, List<TimelineEntry> entries, List<InvoiceAudit.Decision> decisions) {
        for (HistoricDecisionInstance d : history.createHistoricDecisionInstanceQuery().processInstanceId(instanceId)
                .includeInputs().includeOutputs().disableCustomObjectDeserialization().list()) {
            DecisionDefinition definition = repository.createDecisionDefinitionQuery()
                    .decisionDefinitionId(d.getDecisionDefinitionId()).singleResult();
            Integer version = definition == null ? null : definition.getVersion();
            String versionTag = definition == null ? null : definition.getVersionTag();
            Map<String, String> inputs = new LinkedHashMap<>();
            for (HistoricDecisionInputInstance in : d.getInputs()) {
                inputs.put(Objects.requireNonNullElse(in.getClauseName(), in.getClauseId()), value(in.getTypedValue()));
            }
            List<Map<String, String>> outputs = new ArrayList<>();
            Map<String, Map<String, String>> byRule = new LinkedHashMap<>();
            for (HistoricDecisionOutputInstance out : d.getOutputs()) {
                byRule.computeIfAbsent(out.getRuleId(), rule -> {
                    Map<String, String> m = new LinkedHashMap<>();
                    m.put("rule", rule);
                    outputs.add(m);
                    return m;
                }).put(Objects.requireNonNullElse(out.getVariableName(), out.getClauseId()), value(out.getTypedValue()));
            }
            decisions.add(new InvoiceAudit.Decision(instant(d.getEvaluationTime()), d.getDecisionDefinitionKey(),
                    d.getDecisionDefinitionName(), version, versionTag, d.getActivityId(), inputs, outputs));
            Map<String, String> details = details("decisionKey", d.getDecisionDefinitionKey(), "version", str(version),
                    "versionTag", versionTag, "activityId", d.getActivityId());
            inputs.forEach((k, v) -> details.put("in: " + k, v));
            outputs.forEach(rule -> rule.forEach((k, v) -> {
                if (!k.equals("rule")) {
                    details.put("out: " + k, v);
                }
            }));
            details.put("matched rules", outputs.stream().map(r -> r.get("rule")).collect(Collectors.joining(", ")));
            entries.add(entry(d.getEvaluationTime(), "decision", "Decision " + d.getDecisionDefinitionKey() + " version "
                    + version + tag(versionTag) + " evaluated", d.getUserId(), details));
        }
    }

    private void communications(Invoice invoice, List<TimelineEntry> entries) {
        for (Communication c : communications.of(invoice)) {
            Map<String, String> details = details("communicationId", str(c.getId()), "stage", c.getStage(),
                    "channel", c.getChannel(), "recipient", c.getRecipient(), "language", c.getLanguage(),
                    "subject", c.getSubject(), "body", c.getBody(), "status", c.getStatus().name(),
                    "createdAt", str(c.getCreatedAt()), "sentAt", str(c.getSentAt()), "messageId", c.getMessageId(),
                    "deliveredVia", c.getDeliveredVia(), "postalAddress", c.getPostalAddress(),
                    "approvedBy", c.getApprovedBy(), "approvedAt", str(c.getApprovedAt()),
                    "edited", c.getApprovedBy() == null ? null : String.valueOf(c.isEdited()),
                    "attempts", String.valueOf(c.getAttempts()), "lastError", c.getLastError());
            for (CommunicationDocument d : communications.documentsOf(c)) {
                details.put("document " + d.getFileName(), CommunicationHistory.documentHref(c.getId(), d.getId()));
            }
            Instant at = c.getSentAt() != null ? c.getSentAt() : c.getCreatedAt();
            entries.add(entry(at, "communication", c.getChannel() + " " + c.getStage() + " to " + c.getRecipient()
                    + ": " + c.getSubject() + " (" + c.getStatus() + ")", c.getApprovedBy(), details));
        }
    }

    private void payments(Invoice invoice, List<TimelineEntry> entries) {
        for (Payment p : payments.findByInvoiceOrderByPaidOnAscIdAsc(invoice)) {
            entries.add(entry(p.getRecordedAt(), "payment", "Payment of " + money(p.getAmount()) + " "
                    + p.getCurrency().getCurrencyCode() + " recorded", p.getRecordedBy(),
                    details("amount", money(p.getAmount()), "currency", p.getCurrency().getCurrencyCode(),
                            "paidOn", str(p.getPaidOn()), "reference", p.getReference(),
                            "recordedBy", p.getRecordedBy())));
        }
    }

    private void answers(Invoice invoice, List<TimelineEntry> entries) {
        for (CustomerAnswer a : answers.findByInvoiceOrderByAnsweredAtAsc(invoice)) {
            String by = a.getAnsweredBy() != null ? "recorded by " + a.getAnsweredBy() : "online, through the reminder's link";
            entries.add(entry(a.getAnsweredAt(), "customer-answer", "Customer answer: " + a.getKind() + " (" + by + ")",
                    a.getAnsweredBy(), details("kind", a.getKind().name(), "promisedDate", str(a.getPromisedDate()),
                            "reason", a.getReason(), "paymentReference", a.getPaymentReference(),
                            "paidOn", str(a.getPaidOn()), "attachment", a.getAttachmentName(),
                            "linkIssuedAt", str(a.getLinkIssuedAt()))));
        }
    }

    private void exports(String number, List<TimelineEntry> entries) {
        for (AuditExport e : exports.findByInvoiceNumberOrderByExportedAtAscIdAsc(number)) {
            entries.add(entry(e.getExportedAt(), "export", "Audit trail exported as " + e.getFormat(), e.getUserId(),
                    details("format", e.getFormat(), "user", e.getUserId())));
        }
    }

    private static TimelineEntry entry(Object at, String kind, String what, String who, Map<String, String> details) {
        Instant instant = at instanceof Date date ? date.toInstant() : (Instant) at;
        return new TimelineEntry(instant, kind, what, who, details);
    }

    /** Key, value pairs in order, leaving out what is null: an auditor reads facts, not blanks. */
    private static Map<String, String> details(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                map.put(pairs[i], pairs[i + 1]);
            }
        }
        return map;
    }

    private static String value(HistoricVariableUpdate update) {
        return update.getErrorMessage() != null ? "(unreadable: " + update.getErrorMessage() + ")"
                : value(update.getTypedValue());
    }

    /** Objects (JSON maps, such as the policy's decision) as they were stored, never re-serialised. */
    private static String value(TypedValue typed) {
        if (typed == null) {
            return null;
        }
        if (typed instanceof ObjectValue object && !object.isDeserialized()) {
            return object.getValueSerialized();
        }
        Object v = typed.getValue();
        return v instanceof Date d ? d.toInstant().toString() : v == null ? null : String.valueOf(v);
    }

    private static String abbreviate(String s) {
        return s == null || s.length() <= 120 ? String.valueOf(s) : s.substring(0, 117) + "...";
    }

    private static String tag(String versionTag) {
        return versionTag == null ? "" : " (" + versionTag + ")";
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private static String money(BigDecimal amount) {
        return amount == null ? null : amount.stripTrailingZeros().scale() < 2 ? amount.setScale(2).toPlainString()
                : amount.stripTrailingZeros().toPlainString();
    }

    private static String str(Object o) {
        if (o instanceof Date d) {
            return d.toInstant().toString();
        }
        return o == null ? null : o.toString();
    }
}
