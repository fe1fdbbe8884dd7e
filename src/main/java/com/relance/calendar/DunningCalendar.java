package com.relance.calendar;

import com.relance.calendar.CalendarEntry.Kind;
import com.relance.dunning.DunningStage;
import com.relance.dunning.ProcessVariables;
import com.relance.invoice.Invoice;
import com.relance.invoice.InvoiceRepository;
import com.relance.policy.PolicyVariables;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.management.JobDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.util.UriUtils;

/**
 * The upcoming actions of every running dunning, read from the engine's public API: the ladder's
 * waiting timers (when the next stage comes, and who will act then) and the open user tasks (who
 * acts now). Nothing is stored: the calendar is always what the engine will do.
 */
@Service
@Transactional(readOnly = true)
public class DunningCalendar {

    /** Longest range one request may ask for. */
    public static final int MAX_RANGE_DAYS = 366;

    /** What a ladder timer leads to: the stage, the step's name, and the user task that follows it, if any. */
    private record TimerStep(String stage, Kind kind, String action, String reviewVariable, String taskElement,
                             List<String> extraChannels) {
    }

    private static final Map<String, TimerStep> TIMERS = Map.of(
            "Timer_PreDueReminderDue", new TimerStep("PRE_DUE", Kind.SEND, "Send the pre-due reminder", null, null, List.of()),
            "Timer_Level1Due", new TimerStep("LEVEL_1", Kind.SEND, "Send the level 1 reminder", PolicyVariables.LEVEL1_REVIEW,
                    "Task_ReviewLevel1Reminder", List.of()),
            "Timer_Level2Due", new TimerStep("LEVEL_2", Kind.SEND, "Send the level 2 reminder", PolicyVariables.LEVEL2_REVIEW,
                    "Task_ReviewLevel2Reminder", List.of()),
            "Timer_FormalNoticeDue", new TimerStep("FORMAL_NOTICE", Kind.REVIEW, "Review the formal notice", null,
                    "Task_ReviewFormalNotice", List.of()),
            "Timer_ReviewHoldEnds", new TimerStep("FORMAL_NOTICE", Kind.REVIEW, "Review the formal notice again", null,
                    "Task_ReviewFormalNotice", List.of()),
            "Timer_EscalationDue", new TimerStep("ESCALATION", Kind.DECISION, "Decide the escalation", null,
                    "Task_DecideEscalation", List.of()),
            "Timer_PromiseExpired", new TimerStep(null, Kind.CHECK, "Check the promised payment", null, null, List.of()),
            "Timer_CustomerPromiseExpired", new TimerStep(null, Kind.CHECK, "Check the promised payment", null, null,
                    List.of()),
            "Timer_HoldEnds", new TimerStep(null, Kind.CHECK, "Dunning hold ends: the ladder resumes", null, null, List.of()));

    /** The level-2 date also brings the collector's phone call. */
    private static final String CALL_TASK = "Task_CallCustomer";

    private record TaskStep(String stage, Kind kind, DunningStage channelsOf) {
    }

    private static final Map<String, TaskStep> TASKS = Map.of(
            "Task_ReviewLevel1Reminder", new TaskStep("LEVEL_1", Kind.REVIEW, DunningStage.LEVEL_1),
            "Task_ReviewLevel2Reminder", new TaskStep("LEVEL_2", Kind.REVIEW, DunningStage.LEVEL_2),
            CALL_TASK, new TaskStep("LEVEL_2", Kind.CALL, null),
            "Task_ReviewFormalNotice", new TaskStep("FORMAL_NOTICE", Kind.REVIEW, DunningStage.FORMAL_NOTICE),
            "Task_ApproveFormalNotice", new TaskStep("FORMAL_NOTICE", Kind.DECISION, null),
            "Task_DecideEscalation", new TaskStep("ESCALATION", Kind.DECISION, null),
            "Task_PrepareLitigationFile", new TaskStep("ESCALATION", Kind.TASK, null),
            "Task_ResolveDispute", new TaskStep(null, Kind.DECISION, null),
            "Task_ResolveCustomerDispute", new TaskStep(null, Kind.DECISION, null));

    private static final List<String> VARIABLES = List.of(ProcessVariables.STAGE, ProcessVariables.HOLD_UNTIL_DATE,
            PolicyVariables.PRE_DUE_CHANNELS, PolicyVariables.LEVEL1_CHANNELS, PolicyVariables.LEVEL2_CHANNELS,
            PolicyVariables.FORMAL_NOTICE_CHANNELS, PolicyVariables.LEVEL1_REVIEW, PolicyVariables.LEVEL2_REVIEW);

    private final ManagementService management;
    private final TaskService tasks;
    private final RuntimeService runtime;
    private final RepositoryService repository;
    private final IdentityService identity;
    private final InvoiceRepository invoices;
    private final CalendarProperties properties;
    private final Clock clock;

    public DunningCalendar(ManagementService management, TaskService tasks, RuntimeService runtime,
                           RepositoryService repository, IdentityService identity, InvoiceRepository invoices,
                           CalendarProperties properties, Clock clock) {
        this.management = management;
        this.tasks = tasks;
        this.runtime = runtime;
        this.repository = repository;
        this.identity = identity;
        this.invoices = invoices;
        this.properties = properties;
        this.clock = clock;
    }

    /** The team's time zone: the calendar's days. */
    public java.time.ZoneId timeZone() {
        return properties.timeZone();
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(properties.timeZone()));
    }

    /**
     * The actions from {@code from} (null: also everything still waiting from before, the overdue
     * ones) to {@code to} inclusive, days in the team's time zone, earliest first, as far as the
     * viewer may see them (a salesperson: their own customers).
     */
    public List<CalendarEntry> entries(LocalDate from, LocalDate to, CalendarFilter filter, Viewer viewer) {
        Instant start = from == null ? null : from.atStartOfDay(properties.timeZone()).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(properties.timeZone()).toInstant();
        Instant now = clock.instant();

        List<Job> timers = management.createJobQuery().processDefinitionKey(ProcessVariables.PROCESS_KEY).timers().active()
                .duedateLowerThan(Date.from(end)).list().stream()
                .filter(job -> start == null || !job.getDuedate().toInstant().isBefore(start)).toList();
        List<Task> open = tasks.createTaskQuery().processDefinitionKey(ProcessVariables.PROCESS_KEY).active().list().stream()
                .filter(task -> inRange(when(task), start, end)).toList();

        Set<String> instanceIds = new HashSet<>();
        timers.forEach(job -> instanceIds.add(job.getProcessInstanceId()));
        open.forEach(task -> instanceIds.add(task.getProcessInstanceId()));
        if (instanceIds.isEmpty()) {
            return List.of();
        }
        Map<String, Invoice> invoiceOf = invoicesOf(instanceIds);
        Map<String, Map<String, Object>> variablesOf = variablesOf(instanceIds);
        Map<String, String> activityOf = management.createJobDefinitionQuery()
                .processDefinitionKey(ProcessVariables.PROCESS_KEY).list().stream()
                .collect(Collectors.toMap(JobDefinition::getId, JobDefinition::getActivityId, (a, b) -> a));
        Models models = new Models();

        List<CalendarEntry> entries = new ArrayList<>();
        for (Job timer : timers) {
            Invoice invoice = invoiceOf.get(timer.getProcessInstanceId());
            if (invoice == null || !viewer.maySee(invoice.getCustomer().getSalesRep())) {
                continue;
            }
            Map<String, Object> variables = variablesOf.getOrDefault(timer.getProcessInstanceId(), Map.of());
            entries.addAll(fromTimer(timer, activityOf.get(timer.getJobDefinitionId()), invoice, variables, models, now,
                    viewer));
        }
        for (Task task : open) {
            Invoice invoice = invoiceOf.get(task.getProcessInstanceId());
            if (invoice == null || !viewer.maySee(invoice.getCustomer().getSalesRep())) {
                continue;
            }
            entries.add(fromTask(task, invoice, variablesOf.getOrDefault(task.getProcessInstanceId(), Map.of()), now, viewer));
        }
        Set<String> collectorGroups = filter.collector() == null ? Set.of() : groupsOf(filter.collector());
        return entries.stream().filter(e -> matches(e, filter, collectorGroups))
                .sorted(Comparator.comparing(CalendarEntry::at).thenComparing(CalendarEntry::invoiceNumber)
                        .thenComparing(CalendarEntry::id))
                .toList();
    }

    /** The group ids a user belongs to (for "what this collector has to do"). */
    public Set<String> groupsOf(String user) {
        return identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).collect(Collectors.toSet());
    }

    /** The actions one user has to do: their tasks and their groups' (a salesperson: all of their customers'). */
    public List<CalendarEntry> workOf(Viewer viewer, LocalDate from, LocalDate to) {
        CalendarFilter filter = viewer.seesEveryCustomer() ? new CalendarFilter(viewer.user(), null, null, null)
                : CalendarFilter.NONE;
        return entries(from, to, filter, viewer);
    }

    private List<CalendarEntry> fromTimer(Job timer, String activityId, Invoice invoice, Map<String, Object> variables,
                                          Models models, Instant now, Viewer viewer) {
        Instant at = timer.getDuedate().toInstant();
        boolean onHold = variables.get(ProcessVariables.HOLD_UNTIL_DATE) != null;
        String currentStage = (String) variables.get(ProcessVariables.STAGE);
        String id = timer.getProcessInstanceId() + "." + activityId;
        TimerStep step = TIMERS.get(activityId);
        if (step == null) {
            // A timer added in the Modeler: named as the model names it, nobody known to act.
            return List.of(entry(id, at, Kind.CHECK, models.name(timer.getProcessDefinitionId(), activityId), invoice,
                    currentStage, List.of(), null, List.of(), List.of(), now, onHold, null, viewer));
        }
        String stage = step.stage() == null ? currentStage : step.stage();
        List<String> channels = step.stage() == null ? List.of() : channelsOf(DunningStage.valueOf(step.stage()), variables);
        List<CalendarEntry> found = new ArrayList<>();
        boolean reviewed = step.reviewVariable() != null && Boolean.TRUE.equals(variables.get(step.reviewVariable()));
        if (step.kind() == Kind.SEND && !reviewed) {
            found.add(entry(id, at, Kind.SEND, step.action(), invoice, stage, channels, null, List.of(), List.of(), now,
                    onHold, null, viewer));
        } else if (step.taskElement() != null) {
            String action = step.kind() == Kind.SEND ? models.name(timer.getProcessDefinitionId(), step.taskElement())
                    : step.action();
            found.add(entry(id, at, step.kind() == Kind.SEND ? Kind.REVIEW : step.kind(), action, invoice, stage,
                    step.kind() == Kind.DECISION ? List.of() : channels, null,
                    models.candidateGroups(timer.getProcessDefinitionId(), step.taskElement()), List.of(), now, onHold,
                    null, viewer));
        } else {
            found.add(entry(id, at, step.kind(), step.action(), invoice, stage, channels, null, List.of(), List.of(), now,
                    onHold, null, viewer));
        }
        if ("Timer_Level2Due".equals(activityId)) {
            found.add(entry(id + ".call", at, Kind.CALL, models.name(timer.getProcessDefinitionId(), CALL_TASK), invoice,
                    stage, List.of("PHONE"), null, models.candidateGroups(timer.getProcessDefinitionId(), CALL_TASK),
                    List.of(), now, onHold, null, viewer));
        }
        return found;
    }

    private CalendarEntry fromTask(Task task, Invoice invoice, Map<String, Object> variables, Instant now, Viewer viewer) {
        List<String> groups = new ArrayList<>();
        List<String> users = new ArrayList<>();
        for (IdentityLink link : tasks.getIdentityLinksForTask(task.getId())) {
            if (IdentityLinkType.CANDIDATE.equals(link.getType())) {
                if (link.getGroupId() != null) {
                    groups.add(link.getGroupId());
                } else if (link.getUserId() != null) {
                    users.add(link.getUserId());
                }
            }
        }
        TaskStep step = TASKS.get(task.getTaskDefinitionKey());
        Kind kind = step == null ? Kind.TASK : step.kind();
        String stage = step == null || step.stage() == null ? (String) variables.get(ProcessVariables.STAGE) : step.stage();
        List<String> channels = step == null ? List.of()
                : kind == Kind.CALL ? List.of("PHONE")
                : step.channelsOf() == null ? List.of() : channelsOf(step.channelsOf(), variables);
        // The task listener adds " · invoice · customer" to the name for the Tasklist; the calendar shows those apart.
        String name = task.getName() == null ? task.getTaskDefinitionKey() : task.getName().split(" · ", 2)[0];
        return entry("task." + task.getId(), when(task), kind, name, invoice, stage, channels, task.getAssignee(), groups,
                users, now, variables.get(ProcessVariables.HOLD_UNTIL_DATE) != null, task.getId(), viewer);
    }

    private CalendarEntry entry(String id, Instant at, Kind kind, String action, Invoice invoice, String stage,
                                List<String> channels, String assignee, List<String> groups, List<String> users,
                                Instant now, boolean onHold, String taskId, Viewer viewer) {
        boolean automatic = assignee == null && groups.isEmpty() && users.isEmpty();
        String actor = assignee != null ? assignee : automatic ? CalendarEntry.AUTOMATIC
                : String.join(", ", concat(groups, users));
        return new CalendarEntry(id, at, at.atZone(properties.timeZone()).toLocalDate(), kind, action, invoice.getNumber(),
                invoice.getCustomer().getNumber(), invoice.getCustomer().getName(), invoice.getCustomer().getSalesRep(),
                stage, List.copyOf(channels), actor, automatic, assignee, List.copyOf(groups), List.copyOf(users),
                invoice.getOutstandingAmount(), invoice.getCurrency().getCurrencyCode(), at.isBefore(now), onHold, taskId,
                invoiceHref(invoice.getNumber(), viewer));
    }

    /** The audit timeline for those who may read it, else the desk's own invoice page. */
    static String invoiceHref(String number, Viewer viewer) {
        String segment = UriUtils.encodePathSegment(number, StandardCharsets.UTF_8);
        return viewer.mayReadAudit() ? "/audit/invoices/" + segment : "/invoices/" + segment;
    }

    private static boolean matches(CalendarEntry e, CalendarFilter filter, Set<String> collectorGroups) {
        if (filter.collector() != null) {
            boolean theirs = e.assignee() != null ? e.assignee().equals(filter.collector())
                    : e.candidateUsers().contains(filter.collector())
                    || e.candidateGroups().stream().anyMatch(collectorGroups::contains);
            if (!theirs) {
                return false;
            }
        }
        if (filter.salesperson() != null && !filter.salesperson().equals(e.salesRep())) {
            return false;
        }
        if (filter.customer() != null && !filter.customer().equalsIgnoreCase(e.customerNumber())
                && !e.customerName().toLowerCase(Locale.ROOT).contains(filter.customer().toLowerCase(Locale.ROOT))) {
            return false;
        }
        return filter.stage() == null || filter.stage().equals(e.stage());
    }

    private static List<String> channelsOf(DunningStage stage, Map<String, Object> variables) {
        Object listed = stage.channelsVariable() == null ? null : variables.get(stage.channelsVariable());
        if (listed == null) {
            return List.of();
        }
        return Arrays.stream(listed.toString().split(",")).map(String::strip).filter(c -> !c.isEmpty()).toList();
    }

    private static Instant when(Task task) {
        Date date = task.getDueDate() != null ? task.getDueDate()
                : task.getFollowUpDate() != null ? task.getFollowUpDate() : task.getCreateTime();
        return date.toInstant();
    }

    private static boolean inRange(Instant at, Instant start, Instant end) {
        return (start == null || !at.isBefore(start)) && at.isBefore(end);
    }

    private Map<String, Invoice> invoicesOf(Collection<String> instanceIds) {
        Map<String, Invoice> found = new HashMap<>();
        for (List<String> chunk : chunks(instanceIds)) {
            invoices.findByProcessInstanceIdIn(chunk).forEach(i -> found.put(i.getProcessInstanceId(), i));
        }
        return found;
    }

    /** Process-level variables only: a subprocess's local ones (a promise's date) are not the ladder's. */
    private Map<String, Map<String, Object>> variablesOf(Collection<String> instanceIds) {
        Map<String, Map<String, Object>> found = new HashMap<>();
        for (List<String> chunk : chunks(instanceIds)) {
            for (VariableInstance v : runtime.createVariableInstanceQuery().processInstanceIdIn(chunk.toArray(String[]::new))
                    .variableNameIn(VARIABLES.toArray(String[]::new)).list()) {
                if (v.getProcessInstanceId().equals(v.getExecutionId()) && v.getValue() != null) {
                    found.computeIfAbsent(v.getProcessInstanceId(), id -> new HashMap<>()).put(v.getName(), v.getValue());
                }
            }
        }
        return found;
    }

    private static List<List<String>> chunks(Collection<String> ids) {
        List<String> all = List.copyOf(ids);
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 500) {
            chunks.add(all.subList(i, Math.min(all.size(), i + 500)));
        }
        return chunks;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** The deployed models, read once per request: element names and candidate groups as the Modeler set them. */
    private final class Models {
        private final Map<String, BpmnModelInstance> byDefinition = new HashMap<>();

        private FlowElement element(String definitionId, String elementId) {
            BpmnModelInstance model = byDefinition.computeIfAbsent(definitionId, repository::getBpmnModelInstance);
            return model.getModelElementById(elementId);
        }

        String name(String definitionId, String elementId) {
            FlowElement element = element(definitionId, elementId);
            return element == null || element.getName() == null ? elementId : element.getName();
        }

        List<String> candidateGroups(String definitionId, String elementId) {
            if (element(definitionId, elementId) instanceof UserTask task && task.getCamundaCandidateGroups() != null) {
                return Arrays.stream(task.getCamundaCandidateGroups().split(",")).map(String::strip)
                        .filter(g -> !g.isEmpty()).toList();
            }
            return List.of();
        }
    }
}
