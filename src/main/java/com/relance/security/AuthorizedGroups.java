package com.relance.security;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.springframework.stereotype.Component;

/**
 * The engine's authorization checks without their group pre-filter for users in a few groups.
 *
 * <p>Before its first check in each command, the engine reads {@code SELECT DISTINCT GROUP_ID_ FROM
 * ACT_RU_AUTHORIZATION} to drop the user's groups that hold no authorization (camunda-bpm-platform
 * issue 5485). That table holds a grant per invoice for its salesperson, so the read grows with the
 * ledger: 7 ms per command at 100,000 invoices on PostgreSQL, and the Tasklist runs one command per
 * task shown. Relance's users are in one or two groups; a group without authorizations in the
 * checks' {@code GROUP_ID_ IN (...)} matches nothing, so passing the groups unfiltered gives the same
 * answers. Above {@value #FEW} groups the engine's filter applies as before. Engine SPI (impl
 * package): kept in this class, as CIB seven's {@code authGroupFilterThreshold} does it.
 */
@Component
class AuthorizedGroups extends AbstractProcessEnginePlugin {

    static final int FEW = 10;

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<SessionFactory> factories = configuration.getCustomSessionFactories() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomSessionFactories());
        factories.add(new SessionFactory() {
            @Override
            public Class<?> getSessionType() {
                return AuthorizationManager.class;
            }

            @Override
            public Session openSession() {
                return new Manager();
            }
        });
        configuration.setCustomSessionFactories(factories);
    }

    static class Manager extends AuthorizationManager {

        @Override
        public List<String> filterAuthenticatedGroupIds(List<String> authenticatedGroupIds) {
            if (authenticatedGroupIds != null && !authenticatedGroupIds.isEmpty() && authenticatedGroupIds.size() <= FEW) {
                return new ArrayList<>(authenticatedGroupIds);
            }
            return super.filterAuthenticatedGroupIds(authenticatedGroupIds);
        }
    }
}
