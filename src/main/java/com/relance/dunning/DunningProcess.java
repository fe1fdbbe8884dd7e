package com.relance.dunning;

import com.relance.communication.CommunicationHistory;
import com.relance.invoice.DunningProgress;
import com.relance.policy.PolicyDecision;
import com.relance.invoice.Invoice;
import com.relance.invoice.InvoiceRegistered;
import com.relance.invoice.PaymentRecorded;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstantiationBuilder;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.event.EventListener;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;

/**
 * The invoice's side of {@code invoice-dunning}: one instance per invoice (business key = invoice
 * number), started in the registering transaction, ended by a settling payment.
 */
@Service
public class DunningProcess implements DunningProgress {

    private final RuntimeService runtime;
    private final TaskService tasks;
    private final AuthorizationService authorizations;
    private final CommunicationHistory history;

    public DunningProcess(RuntimeService runtime, TaskService tasks, AuthorizationService authorizations,
                          CommunicationHistory history) {
        this.runtime = runtime;
        this.authorizations = authorizations;
        this.tasks = tasks;
        this.history = history;
    }

    /** Synchronous on purpose: runs in the registering transaction, so both commit or neither. */
    @EventListener
    public void onInvoiceRegistered(InvoiceRegistered event) {
        start(event.invoice(), null, Map.of());
    }

    /**
     * Starts the ladder; {@code startBefore} (demo data only) starts it at a later element, with
     * {@code extra} variables that the skipped elements would have set.
     */
    public ProcessInstance start(Invoice invoice, String startBefore, Map<String, Object> extra) {
        Map<String, Object> variables = new HashMap<>(factsOf(invoice));
        variables.putAll(extra);
        ProcessInstantiationBuilder builder = runtime.createProcessInstanceByKey(ProcessVariables.PROCESS_KEY)
                .businessKey(invoice.getNumber()).setVariables(variables);
        if (startBefore != null) {
            builder.startBeforeActivity(startBefore);
        }
        ProcessInstance instance = builder.execute();
        invoice.setProcessInstanceId(instance.getId());
        grantToSalesperson(invoice, instance);
        return instance;
    }

    /** The customer's salesperson may read this instance (and only their customers' ones). */
    private void grantToSalesperson(Invoice invoice, ProcessInstance instance) {
        String salesRep = invoice.getCustomer().getSalesRep();
        if (salesRep == null) {
            return;
        }
        Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        grant.setUserId(salesRep);
        grant.setResource(Resources.PROCESS_INSTANCE);
        grant.setResourceId(instance.getId());
        grant.addPermission(Permissions.READ);
        authorizations.saveAuthorization(grant);
    }

    /** The engine's optimistic-lock failure is reported as Spring's, so the payment is retried whole. */
    @EventListener
    public void onPaymentRecorded(PaymentRecorded event) {
        try {
            follow(event);
        } catch (OptimisticLockingException raced) {
            throw new OptimisticLockingFailureException("Invoice " + event.invoice().getNumber()
                    + ": its process moved on at the same time", raced);
        }
    }

    private void follow(PaymentRecorded event) {
        Invoice invoice = event.invoice();
        ProcessInstance instance = runtime.createProcessInstanceQuery()
                .processInstanceBusinessKey(invoice.getNumber(), ProcessVariables.PROCESS_KEY).active().singleResult();
        if (instance == null) {
            return; // dunning already over (written off, with the agency, …): the payment is recorded all the same
        }
        if (event.settled()) {
            runtime.createMessageCorrelation(ProcessVariables.MESSAGE_INVOICE_PAID)
                    .processInstanceBusinessKey(invoice.getNumber())
                    .setVariable(ProcessVariables.OUTSTANDING_AMOUNT, invoice.getOutstandingAmount().toPlainString())
                    .correlateWithResult();
        } else {
            runtime.setVariable(instance.getId(), ProcessVariables.OUTSTANDING_AMOUNT,
                    invoice.getOutstandingAmount().toPlainString());
        }
    }

    @Override
    public Summary of(Invoice invoice) {
        List<OpenTask> open = invoice.getProcessInstanceId() == null ? List.of()
                : tasks.createTaskQuery().processInstanceId(invoice.getProcessInstanceId()).orderByTaskCreateTime().asc()
                .list().stream().map(this::openTask).toList();
        boolean running = invoice.getProcessInstanceId() != null && runtime.createProcessInstanceQuery()
                .processInstanceId(invoice.getProcessInstanceId()).count() > 0;
        List<Message> messages = history.of(invoice).stream()
                .map(c -> new Message(c.getId(), c.getStage(), c.getChannel(), c.getRecipient(), c.getSubject(),
                        c.getStatus().name(), c.getSentAt(), c.getApprovedBy(), c.isEdited(), c.getDeliveredVia(),
                        history.documentsOf(c).stream().map(d -> new DunningProgress.Document(d.getKind().name(),
                                d.getFileName(), CommunicationHistory.documentHref(c.getId(), d.getId()))).toList()))
                .toList();
        return new Summary(invoice.getProcessInstanceId(), running, running ? holdOf(invoice.getProcessInstanceId()) : null,
                open, messages);
    }

    Hold holdOf(String processInstanceId) {
        Date until = (Date) runtime.getVariable(processInstanceId, ProcessVariables.HOLD_UNTIL_DATE);
        return until == null ? null : new Hold(until.toInstant(),
                (String) runtime.getVariable(processInstanceId, ProcessVariables.HOLD_REASON),
                (String) runtime.getVariable(processInstanceId, ProcessVariables.HOLD_PLACED_BY));
    }

    private OpenTask openTask(Task task) {
        List<String> groups = tasks.getIdentityLinksForTask(task.getId()).stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
                .map(IdentityLink::getGroupId).toList();
        return new OpenTask(task.getId(), task.getName(), task.getTaskDefinitionKey(), task.getAssignee(), groups,
                task.getCreateTime().toInstant(), task.getDueDate() == null ? null : task.getDueDate().toInstant());
    }

    private static Map<String, Object> factsOf(Invoice invoice) {
        Map<String, Object> v = new HashMap<>();
        v.put(ProcessVariables.INVOICE_NUMBER, invoice.getNumber());
        v.put(ProcessVariables.CUSTOMER_NUMBER, invoice.getCustomer().getNumber());
        v.put(ProcessVariables.CUSTOMER_NAME, invoice.getCustomer().getName());
        v.put(ProcessVariables.CUSTOMER_PHONE, invoice.getCustomer().getPhone());
        v.put(ProcessVariables.CUSTOMER_TIME_ZONE, invoice.getCustomer().getTimeZone());
        v.put(ProcessVariables.CUSTOMER_COUNTRY, invoice.getCustomer().getCountry());
        v.put(ProcessVariables.SALES_REP, invoice.getCustomer().getSalesRep());
        v.put(ProcessVariables.DUE_DATE, invoice.getDueDate().toString());
        v.put(ProcessVariables.CURRENCY, invoice.getCurrency().getCurrencyCode());
        v.put(ProcessVariables.AMOUNT, invoice.getAmount().toPlainString());
        v.put(ProcessVariables.OUTSTANDING_AMOUNT, invoice.getOutstandingAmount().toPlainString());
        v.put(ProcessVariables.REMINDERS_SENT, 0L);
        v.putAll(PolicyDecision.inputs(invoice));
        return v;
    }
}
