package com.relance.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The Tasklist's work queues, created (and kept up to date) at start-up, each readable by the
 * groups it is for. Lists show invoice, customer and outstanding amount; queues are sorted by
 * priority (which grows with days late and amount), then due date.
 */
@Component
@Order(1)
class TasklistFilters implements ApplicationRunner {

    private static final List<Map<String, String>> SHOWN_VARIABLES = List.of(
            Map.of("name", "invoiceNumber", "label", "Invoice"),
            Map.of("name", "customerName", "label", "Customer"),
            Map.of("name", "outstandingAmount", "label", "Outstanding"),
            Map.of("name", "currency", "label", "Currency"));

    private final FilterService filters;
    private final TaskService tasks;
    private final AuthorizationService authorizations;

    TasklistFilters(FilterService filters, TaskService tasks, AuthorizationService authorizations) {
        this.filters = filters;
        this.tasks = tasks;
        this.authorizations = authorizations;
    }

    @Override
    public void run(ApplicationArguments args) {
        ensure(1, "My tasks", "Tasks assigned to me",
                tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}"),
                Groups.ACCOUNTING, Groups.SALES, Groups.CREDIT_MANAGEMENT, Groups.LEGAL, Groups.RELANCE_ADMINS);
        ensure(2, "Accounting queue", "Collectors' work, biggest and oldest debts first",
                byPriority(tasks.createTaskQuery().taskCandidateGroup(Groups.ACCOUNTING).includeAssignedTasks()),
                Groups.ACCOUNTING, Groups.CREDIT_MANAGEMENT, Groups.RELANCE_ADMINS);
        ensure(3, "My customers", "Tasks about my customers' invoices",
                byPriority(tasks.createTaskQuery().taskCandidateUserExpression("${currentUser()}").includeAssignedTasks()),
                Groups.SALES);
        ensure(4, "Formal notices to review", "Formal notices waiting for a collector or a salesperson",
                byPriority(tasks.createTaskQuery().taskDefinitionKeyIn("Task_ReviewFormalNotice", "Task_ApproveFormalNotice")),
                Groups.ACCOUNTING, Groups.CREDIT_MANAGEMENT, Groups.RELANCE_ADMINS);
        ensure(5, "Escalations to decide", "Collection agency, litigation or write-off",
                byPriority(tasks.createTaskQuery().taskDefinitionKey("Task_DecideEscalation")),
                Groups.CREDIT_MANAGEMENT, Groups.RELANCE_ADMINS);
        ensure(6, "Litigation files", "Files to prepare for an order for payment",
                byPriority(tasks.createTaskQuery().taskDefinitionKey("Task_PrepareLitigationFile")),
                Groups.LEGAL, Groups.CREDIT_MANAGEMENT, Groups.RELANCE_ADMINS);
        ensure(7, "All open tasks", "Every open task (read-only for auditors)",
                byPriority(tasks.createTaskQuery()), Groups.CREDIT_MANAGEMENT, Groups.AUDITORS, Groups.RELANCE_ADMINS);
    }

    private static TaskQuery byPriority(TaskQuery query) {
        return query.orderByTaskPriority().desc().orderByDueDate().asc();
    }

    private void ensure(int order, String name, String description, TaskQuery query, String... groups) {
        Filter filter = filters.createFilterQuery().filterName(name).singleResult();
        if (filter == null) {
            filter = filters.newTaskFilter(name);
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("description", description);
        properties.put("priority", order);
        properties.put("refresh", true);
        properties.put("variables", SHOWN_VARIABLES);
        filter.setQuery(query);
        filter.setProperties(properties);
        filters.saveFilter(filter);
        for (String group : groups) {
            grantRead(filter.getId(), group);
        }
    }

    private void grantRead(String filterId, String group) {
        boolean granted = authorizations.createAuthorizationQuery().groupIdIn(group).resourceType(Resources.FILTER)
                .resourceId(filterId).count() > 0;
        if (!granted) {
            Authorization read = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            read.setGroupId(group);
            read.setResource(Resources.FILTER);
            read.setResourceId(filterId);
            read.addPermission(Permissions.READ);
            authorizations.saveAuthorization(read);
        }
    }
}
