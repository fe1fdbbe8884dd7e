package com.relance.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Groups and users provisioned at start-up ({@code relance.identity}), in any profile. A new
 * user needs a password (outside the demo profile: from the environment); an existing user keeps
 * theirs, and only gains the listed memberships.
 */
@ConfigurationProperties("relance.identity")
public record IdentityProperties(List<GroupEntry> groups, List<UserEntry> users) {

    public IdentityProperties {
        groups = groups == null ? List.of() : List.copyOf(groups);
        users = users == null ? List.of() : List.copyOf(users);
    }

    public record GroupEntry(String id, String name) {
    }

    public record UserEntry(String id, String firstName, String lastName, String email, String password,
                            List<String> groups) {
        public UserEntry {
            groups = groups == null ? List.of() : List.copyOf(groups);
        }
    }
}
