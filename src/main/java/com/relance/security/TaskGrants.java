package com.relance.security;

import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * The grants the engine gives a candidate group on each of its tasks, without READ when the group
 * already reads every task of that process definition (READ_TASK, see GroupAuthorizations).
 *
 * <p>Why: the task query joins each per-task grant of the user's groups on {@code RESOURCE_ID_ IN
 * (task id, definition key, '*')}, which no index serves; PostgreSQL compares every task with every
 * grant (2,000 × 2,000 for the accounting queue: 650 ms, measured by the benchmark). Grants that
 * only let the group work the task (the engine's UPDATE) drop out of that join; the definition's
 * READ_TASK makes them visible in one row. Working a task stays per task and per candidate group, so
 * a collector still cannot claim or complete the credit manager's approval (four eyes).
 *
 * <p>A task created while the definition grant exists keeps no READ of its own: remove READ_TASK
 * from a group and it no longer sees those tasks. Engine SPI (impl package): kept in this class.
 */
@Component
class TaskGrants extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setResourceAuthorizationProvider(new Provider());
    }

    static class Provider extends DefaultAuthorizationProvider {

        @Override
        public AuthorizationEntity[] newTaskGroupIdentityLink(Task task, String groupId, String type) {
            AuthorizationEntity[] grants = super.newTaskGroupIdentityLink(task, groupId, type);
            if (grants != null && readsTasksOfItsDefinition(groupId, task)) {
                for (AuthorizationEntity grant : grants) {
                    grant.removePermission(Permissions.READ);
                }
            }
            return grants;
        }

        private boolean readsTasksOfItsDefinition(String groupId, Task task) {
            if (task.getProcessDefinitionId() == null) {
                return false; // a standalone task: its grant is the only way to read it
            }
            String key = Context.getProcessEngineConfiguration().getDeploymentCache()
                    .findDeployedProcessDefinitionById(task.getProcessDefinitionId()).getKey();
            AuthorizationManager authorizations = Context.getCommandContext().getAuthorizationManager();
            for (String resourceId : new String[] {key, Authorization.ANY}) {
                AuthorizationEntity grant = authorizations.findAuthorizationByGroupIdAndResourceId(
                        Authorization.AUTH_TYPE_GRANT, groupId, Resources.PROCESS_DEFINITION, resourceId);
                if (grant != null && grant.isPermissionGranted(ProcessDefinitionPermissions.READ_TASK)) {
                    return true;
                }
            }
            return false;
        }
    }
}
