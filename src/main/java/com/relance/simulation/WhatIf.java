package com.relance.simulation;

import com.relance.communication.Channel;
import com.relance.communication.ChannelChoice;
import com.relance.dunning.ProcessVariables;
import com.relance.invoice.Customer;
import com.relance.invoice.Invoice;
import com.relance.invoice.InvoiceStatus;
import com.relance.policy.BusinessCalendar;
import com.relance.policy.DunningPolicy;
import com.relance.policy.PolicyDecision;
import com.relance.policy.PolicyVariables;
import com.relance.progress.BackgroundJobs;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A what-if: today's open invoices played forward on a chosen policy table, as a background job.
 * Reads invoices and the dunning processes' variables; writes nothing anywhere.
 */
@Service
public class WhatIf {

    public static final String JOB_KIND = "what-if";
    public static final Set<Integer> HORIZONS = Set.of(30, 60, 90);
    public static final List<String> ASSUMPTIONS = List.of(
            "No invoice is paid, credited or cancelled during the period; promises and disputes change nothing.",
            "Every review, call and approval is done the day its task appears, so its reminder goes that day.",
            "Invoices keep their current stage, last reminder date, days on hold and any active hold.",
            "Reminders count once per channel that reaches the customer (an email becomes a letter without an email address).");

    /** The page's and the API's answer once the job is done. */
    public record Report(String policy, int days, List<String> assumptions, LadderSimulation.Result result) {
    }

    private static final String PROCESS = ProcessVariables.PROCESS_KEY;
    private static final String[] STATE_VARIABLES = {ProcessVariables.LAST_REMINDER_SENT_AT, PolicyVariables.PAUSED_DAYS,
            ProcessVariables.HOLD_UNTIL_DATE};

    private final PolicyTables tables;
    private final DunningPolicy policy;
    private final BusinessCalendar calendar;
    private final RepositoryService repository;
    private final RuntimeService runtime;
    private final EntityManager entities;
    private final TransactionTemplate readOnly;
    private final BackgroundJobs jobs;
    private final Clock clock;

    WhatIf(PolicyTables tables, DunningPolicy policy, BusinessCalendar calendar, RepositoryService repository,
           RuntimeService runtime, EntityManager entities, PlatformTransactionManager transactions, BackgroundJobs jobs,
           Clock clock) {
        this.tables = tables;
        this.policy = policy;
        this.calendar = calendar;
        this.repository = repository;
        this.runtime = runtime;
        this.entities = entities;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.jobs = jobs;
        this.clock = clock;
    }

    /** Starts the simulation of a table already checked (PolicyTables); returns the queued job. */
    public BackgroundJobs.Job start(PolicyTables.Table table, int days, String user) {
        Instant now = clock.instant();
        return jobs.start(JOB_KIND, user, progress -> run(table, days, now, progress));
    }

    Report run(PolicyTables.Table table, int days, Instant now, java.util.function.IntConsumer progress) {
        List<LadderSimulation.OpenInvoice> invoices = readOnly.execute(s -> openInvoices());
        progress.accept(10);
        LadderSimulation simulation = new LadderSimulation(calendar, tasks());
        LadderSimulation.Result result = simulation.run(invoices,
                invoice -> policy.variablesFor(table.decide(invoice.decisionInputs()), invoice.outstanding()), now, days,
                percent -> progress.accept(10 + percent * 9 / 10));
        if (!invoices.isEmpty() && result.problems().size() == invoices.size()) {
            throw new BackgroundJobs.WorkRefused("The policy " + table.label() + " could not be applied to any open invoice; "
                    + "the first: " + result.problems().get(0));
        }
        return new Report(table.label(), days, ASSUMPTIONS, result);
    }

    /** Open invoices with a running dunning process, with what their process knows today. */
    private List<LadderSimulation.OpenInvoice> openInvoices() {
        List<Invoice> open = entities.createQuery("""
                        select i from Invoice i join fetch i.customer
                        where i.status = :open and i.processInstanceId is not null order by i.number""", Invoice.class)
                .setParameter("open", InvoiceStatus.OPEN).getResultList();
        Map<String, Map<String, Object>> state = processState(open.stream().map(Invoice::getProcessInstanceId).toList());
        List<LadderSimulation.OpenInvoice> invoices = new ArrayList<>();
        for (Invoice invoice : open) {
            Map<String, Object> variables = state.get(invoice.getProcessInstanceId());
            if (variables == null) {
                continue; // its process has ended meanwhile (paid, stopped): nothing left to simulate
            }
            Customer customer = invoice.getCustomer();
            invoices.add(new LadderSimulation.OpenInvoice(invoice.getNumber(), invoice.getCurrency(),
                    invoice.getOutstandingAmount(), invoice.getDueDate(), customer.getCountry(),
                    ZoneId.of(customer.getTimeZone()), invoice.getDunningStage(),
                    instant(variables.get(ProcessVariables.LAST_REMINDER_SENT_AT)),
                    variables.get(PolicyVariables.PAUSED_DAYS) instanceof Number n ? n.intValue() : 0,
                    instant(variables.get(ProcessVariables.HOLD_UNTIL_DATE)), PolicyDecision.inputs(invoice),
                    wanted -> ChannelChoice.reachable(customer, wanted.stream().map(Channel::valueOf).toList())
                            .stream().map(Channel::name).toList()));
        }
        return invoices;
    }

    /** The variables the schedule reads, per running process instance (read-only queries, by batches). */
    private Map<String, Map<String, Object>> processState(List<String> instanceIds) {
        Map<String, Map<String, Object>> state = new HashMap<>();
        for (int from = 0; from < instanceIds.size(); from += 500) {
            String[] batch = instanceIds.subList(from, Math.min(instanceIds.size(), from + 500)).toArray(String[]::new);
            runtime.createProcessInstanceQuery().processInstanceIds(Set.of(batch)).list()
                    .forEach(p -> state.put(p.getId(), new HashMap<>()));
            for (VariableInstance v : runtime.createVariableInstanceQuery().processInstanceIdIn(batch)
                    .variableNameIn(STATE_VARIABLES).list()) {
                Map<String, Object> variables = state.get(v.getProcessInstanceId());
                // The process's own variable, not a same-named local of a subprocess.
                if (variables != null && v.getExecutionId().equals(v.getProcessInstanceId())) {
                    variables.put(v.getName(), v.getValue());
                }
            }
        }
        return state;
    }

    /** Who acts at each stage, read from the deployed BPMN (names and candidate groups). */
    LadderSimulation.Tasks tasks() {
        String definition = repository.createProcessDefinitionQuery().processDefinitionKey(PROCESS).latestVersion()
                .singleResult().getId();
        BpmnModelInstance model = repository.getBpmnModelInstance(definition);
        return new LadderSimulation.Tasks(task(model, "Task_ReviewLevel1Reminder"), task(model, "Task_ReviewLevel2Reminder"),
                task(model, "Task_CallCustomer"), task(model, "Task_ReviewFormalNotice"),
                task(model, "Task_ApproveFormalNotice"), task(model, "Task_DecideEscalation"));
    }

    private static LadderSimulation.TaskKind task(BpmnModelInstance model, String id) {
        if (!(model.getModelElementById(id) instanceof UserTask task)) {
            throw new IllegalStateException("The deployed " + PROCESS + " has no user task " + id);
        }
        String group = task.getCamundaCandidateGroups() == null ? "unassigned" : task.getCamundaCandidateGroups();
        return new LadderSimulation.TaskKind(id, task.getName(), group);
    }

    private static Instant instant(Object value) {
        return value instanceof Date date ? date.toInstant() : null;
    }
}
