package com.relance.security;

import static org.camunda.bpm.engine.authorization.Resources.APPLICATION;
import static org.camunda.bpm.engine.authorization.Resources.DECISION_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.DECISION_REQUIREMENTS_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.DEPLOYMENT;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_INSTANCE;
import static org.camunda.bpm.engine.authorization.Resources.TASK;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.stereotype.Component;

/**
 * The engine authorizations each group gets (authorization checks are on), kept exactly as
 * listed at every start. Group-wide grants only: tasks are granted per task to their candidate
 * groups and users by the engine itself (see TaskGrants), and a salesperson reads their own
 * customers' process instances through a grant per instance (see DunningProcess). Filters are
 * granted per filter.
 */
@Component
class GroupAuthorizations {

    record Grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
    }

    private static final String DUNNING = "invoice-dunning";
    private static final String BANK_LINE_REVIEW = "bank-line-review";
    private static final String ANY = Authorization.ANY;

    static final List<Grant> GRANTS = List.of(
            // Collectors read the ladder's instances and tasks (its history shows them all anyway); they
            // work only the tasks where accounting is a candidate group: the engine grants those per
            // task, without READ (TaskGrants: it keeps the Tasklist's query fast).
            new Grant(Groups.ACCOUNTING, APPLICATION, "tasklist", Permissions.ACCESS),
            new Grant(Groups.ACCOUNTING, PROCESS_DEFINITION, DUNNING, ProcessDefinitionPermissions.READ,
                    ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY,
                    ProcessDefinitionPermissions.READ_TASK),
            // Bank-statement lines the import could not match: accounting chooses the invoice.
            new Grant(Groups.ACCOUNTING, PROCESS_DEFINITION, BANK_LINE_REVIEW, ProcessDefinitionPermissions.READ,
                    ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY,
                    ProcessDefinitionPermissions.READ_TASK),
            // Salespeople see the definition (to load forms); their tasks come as candidate user.
            new Grant(Groups.SALES, APPLICATION, "tasklist", Permissions.ACCESS),
            new Grant(Groups.SALES, PROCESS_DEFINITION, DUNNING, ProcessDefinitionPermissions.READ),
            // Legal prepares litigation files (candidate group of that task).
            new Grant(Groups.LEGAL, APPLICATION, "tasklist", Permissions.ACCESS),
            new Grant(Groups.LEGAL, PROCESS_DEFINITION, DUNNING, ProcessDefinitionPermissions.READ),
            // Credit managers see and decide everything, and deploy from the Modeler.
            new Grant(Groups.CREDIT_MANAGEMENT, APPLICATION, "tasklist", Permissions.ACCESS),
            new Grant(Groups.CREDIT_MANAGEMENT, APPLICATION, "cockpit", Permissions.ACCESS),
            new Grant(Groups.CREDIT_MANAGEMENT, PROCESS_DEFINITION, ANY, Permissions.ALL),
            new Grant(Groups.CREDIT_MANAGEMENT, PROCESS_INSTANCE, ANY, Permissions.ALL),
            new Grant(Groups.CREDIT_MANAGEMENT, TASK, ANY, Permissions.ALL),
            new Grant(Groups.CREDIT_MANAGEMENT, DEPLOYMENT, ANY, Permissions.ALL),
            new Grant(Groups.CREDIT_MANAGEMENT, DECISION_DEFINITION, ANY, Permissions.ALL),
            new Grant(Groups.CREDIT_MANAGEMENT, DECISION_REQUIREMENTS_DEFINITION, ANY, Permissions.ALL),
            // Auditors read, never change.
            new Grant(Groups.AUDITORS, APPLICATION, "cockpit", Permissions.ACCESS),
            new Grant(Groups.AUDITORS, PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ,
                    ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY,
                    ProcessDefinitionPermissions.READ_TASK),
            new Grant(Groups.AUDITORS, PROCESS_INSTANCE, ANY, Permissions.READ),
            new Grant(Groups.AUDITORS, DEPLOYMENT, ANY, Permissions.READ),
            new Grant(Groups.AUDITORS, DECISION_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY),
            new Grant(Groups.AUDITORS, DECISION_REQUIREMENTS_DEFINITION, ANY, Permissions.READ));

    private final AuthorizationService authorizations;

    GroupAuthorizations(AuthorizationService authorizations) {
        this.authorizations = authorizations;
    }

    void apply() {
        GRANTS.forEach(this::grant);
        // Administrators hold every permission. camunda-admin's grants must exist in every profile:
        // until they do, the webapps offer anybody to create the first administrator.
        for (Resources resource : Resources.values()) {
            grant(new Grant(Groups.RELANCE_ADMINS, resource, ANY, Permissions.ALL));
            grant(new Grant(Groups.CAMUNDA_ADMIN, resource, ANY, Permissions.ALL));
        }
    }

    private void grant(Grant grant) {
        Authorization existing = authorizations.createAuthorizationQuery().groupIdIn(grant.groupId())
                .resourceType(grant.resource()).resourceId(grant.resourceId())
                .authorizationType(Authorization.AUTH_TYPE_GRANT).singleResult();
        Authorization authorization = existing != null ? existing
                : authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        if (existing == null) {
            authorization.setGroupId(grant.groupId());
            authorization.setResource(grant.resource());
            authorization.setResourceId(grant.resourceId());
        }
        // Exactly the listed permissions: a grant removed from the table is revoked at the next start.
        authorization.setPermissions(grant.permissions());
        authorizations.saveAuthorization(authorization);
    }
}
