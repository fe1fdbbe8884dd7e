package com.relance.security;

import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Row-level rules for Relance's own API: a salesperson sees and acts on their own customers
 * only; the other groups see every customer (what they may change is decided per endpoint).
 */
@Component
public class AccessRules {

    private static final Set<String> SEE_EVERY_CUSTOMER = Set.of(Groups.ACCOUNTING, Groups.CREDIT_MANAGEMENT,
            Groups.LEGAL, Groups.AUDITORS, Groups.RELANCE_ADMINS, Groups.CAMUNDA_ADMIN);

    /** True when the caller may see (and, where the endpoint allows, act on) this salesperson's customer. */
    public boolean mayAccessCustomerOf(String salesRep) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null) {
            return true; // the application itself (jobs, start-up), not a request
        }
        boolean seesAll = auth.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .anyMatch(a -> SEE_EVERY_CUSTOMER.stream().map(Groups::authority).anyMatch(a::equals));
        return seesAll || auth.getName().equals(salesRep);
    }

    public String currentUser() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? null : auth.getName();
    }
}
