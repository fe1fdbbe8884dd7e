package com.relance.audit;

import com.relance.dunning.DunningStage;
import com.relance.invoice.Invoice;
import com.relance.invoice.InvoiceStatus;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Finds the invoices an auditor asks about; every criterion is optional, all given ones apply. */
@Service
@Transactional(readOnly = true)
public class AuditSearch {

    /** At most this many invoices per search: a page an auditor can read; narrow the search for more. */
    static final int LIMIT = 200;

    /**
     * @param customer part of the customer's number or name
     * @param period   "issue" (the invoice's issue date, default) or "registered" (when Relance got it)
     * @param stage    a dunning stage: invoices that reached it or a later one
     * @param outcome  an invoice status
     * @param user     a user who acted on the invoice: worked a task, changed something in the engine,
     *                 recorded a payment or an answer, approved a message
     */
    public record Criteria(String customer, LocalDate from, LocalDate to, String period, String stage, String outcome,
                           String user) {
    }

    public record Row(String number, String customerNumber, String customerName, LocalDate issueDate,
                      String status, String dunningStage, String outstanding, String currency) {
    }

    private final EntityManager entities;
    private final HistoryService history;

    public AuditSearch(EntityManager entities, HistoryService history) {
        this.entities = entities;
        this.history = history;
    }

    public List<Row> find(Criteria c) {
        StringBuilder jpql = new StringBuilder("select i from Invoice i join fetch i.customer c where 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (present(c.customer())) {
            jpql.append(" and (lower(c.number) like :customer or lower(c.name) like :customer)");
            params.put("customer", "%" + c.customer().strip().toLowerCase(Locale.ROOT) + "%");
        }
        boolean registered = "registered".equals(c.period());
        if (c.from() != null) {
            jpql.append(registered ? " and i.registeredAt >= :from" : " and i.issueDate >= :from");
            params.put("from", registered ? c.from().atStartOfDay().toInstant(ZoneOffset.UTC) : c.from());
        }
        if (c.to() != null) {
            jpql.append(registered ? " and i.registeredAt < :to" : " and i.issueDate <= :to");
            params.put("to", registered ? c.to().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC) : c.to());
        }
        if (present(c.stage())) {
            DunningStage reached = DunningStage.valueOf(c.stage());
            jpql.append(" and i.dunningStage in :stages");
            params.put("stages", Arrays.stream(DunningStage.values()).filter(s -> s.compareTo(reached) >= 0)
                    .map(Enum::name).toList());
        }
        if (present(c.outcome())) {
            jpql.append(" and i.status = :status");
            params.put("status", InvoiceStatus.valueOf(c.outcome()));
        }
        if (present(c.user())) {
            Set<String> numbers = actedOn(c.user().strip());
            if (numbers.isEmpty()) {
                return List.of();
            }
            jpql.append(" and i.number in :numbers");
            params.put("numbers", numbers);
        }
        jpql.append(" order by i.number");
        TypedQuery<Invoice> query = entities.createQuery(jpql.toString(), Invoice.class).setMaxResults(LIMIT);
        params.forEach(query::setParameter);
        return query.getResultList().stream().map(i -> new Row(i.getNumber(), i.getCustomer().getNumber(),
                i.getCustomer().getName(), i.getIssueDate(), i.getStatus().name(), i.getDunningStage(),
                i.getOutstandingAmount().toPlainString(), i.getCurrency().getCurrencyCode())).toList();
    }

    /** Numbers of the invoices a user acted on, from the engine's history and Relance's own records. */
    private Set<String> actedOn(String user) {
        Set<String> instanceIds = new HashSet<>();
        history.createHistoricTaskInstanceQuery().taskAssignee(user).list().stream()
                .map(HistoricTaskInstance::getProcessInstanceId).forEach(instanceIds::add);
        history.createUserOperationLogQuery().userId(user).list().stream()
                .map(UserOperationLogEntry::getProcessInstanceId).forEach(instanceIds::add);
        instanceIds.remove(null);
        Set<String> numbers = new HashSet<>();
        if (!instanceIds.isEmpty()) {
            history.createHistoricProcessInstanceQuery().processInstanceIds(instanceIds).list().stream()
                    .map(HistoricProcessInstance::getBusinessKey).forEach(numbers::add);
        }
        for (String jpql : List.of("select p.invoice.number from Payment p where p.recordedBy = :user",
                "select a.invoice.number from CustomerAnswer a where a.answeredBy = :user",
                "select m.invoice.number from Communication m where m.approvedBy = :user")) {
            numbers.addAll(entities.createQuery(jpql, String.class).setParameter("user", user).getResultList());
        }
        numbers.remove(null);
        return numbers;
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    static List<String> stages() {
        return Arrays.stream(DunningStage.values()).map(Enum::name).toList();
    }

    static List<String> outcomes() {
        return new ArrayList<>(Arrays.stream(InvoiceStatus.values()).map(Enum::name).toList());
    }
}
