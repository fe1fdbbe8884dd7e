package com.relance.security;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Creates Relance's groups, the configured users and memberships, and each group's authorizations. */
@Component
@Order(0)
class IdentityProvisioning implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(IdentityProvisioning.class);

    private final IdentityService identity;
    private final IdentityProperties properties;
    private final GroupAuthorizations authorizations;

    IdentityProvisioning(IdentityService identity, IdentityProperties properties, GroupAuthorizations authorizations) {
        this.identity = identity;
        this.properties = properties;
        this.authorizations = authorizations;
    }

    @Override
    public void run(ApplicationArguments args) {
        properties.groups().forEach(this::ensureGroup);
        properties.users().forEach(this::ensureUser);
        authorizations.apply();
        if (identity.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).count() == 0) {
            log.warn("No member of group {}: the Camunda webapps will show their set-up page (which refuses to create "
                    + "anyone). Provision an administrator in relance.identity.users.", Groups.CAMUNDA_ADMIN);
        }
    }

    private void ensureGroup(IdentityProperties.GroupEntry entry) {
        if (identity.createGroupQuery().groupId(entry.id()).count() == 0) {
            Group group = identity.newGroup(entry.id());
            group.setName(entry.name() == null ? entry.id() : entry.name());
            group.setType("WORKFLOW");
            identity.saveGroup(group);
        }
    }

    private void ensureUser(IdentityProperties.UserEntry entry) {
        User user = identity.createUserQuery().userId(entry.id()).singleResult();
        if (user == null) {
            if (entry.password() == null || entry.password().isBlank()) {
                throw new IllegalStateException("relance.identity.users: new user '" + entry.id()
                        + "' needs a password (set it from the environment, never in a shared file)");
            }
            user = identity.newUser(entry.id());
            user.setPassword(entry.password());
            fill(user, entry);
            identity.saveUser(user);
            log.info("Created user {}", entry.id());
        } else if (entry.email() != null || entry.firstName() != null || entry.lastName() != null) {
            fill(user, entry);
            identity.saveUser(user);
        }
        for (String group : entry.groups()) {
            if (identity.createUserQuery().userId(entry.id()).memberOfGroup(group).count() == 0) {
                identity.createMembership(entry.id(), group);
            }
        }
    }

    private static void fill(User user, IdentityProperties.UserEntry entry) {
        if (entry.firstName() != null) user.setFirstName(entry.firstName());
        if (entry.lastName() != null) user.setLastName(entry.lastName());
        if (entry.email() != null) user.setEmail(entry.email());
    }
}
