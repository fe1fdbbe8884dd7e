package com.relance.security;

import java.util.Collection;
import java.util.List;
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

    /** Whole invoice histories (audit pages and API), every customer's: not for salespeople. */
    public static final List<String> AUDIT_GROUPS = List.of(Groups.AUDITORS, Groups.CREDIT_MANAGEMENT, Groups.ACCOUNTING,
            Groups.RELANCE_ADMINS, Groups.CAMUNDA_ADMIN);

    /** Who may hold an invoice, record a promise or a dispute, comment (salespeople for their own customers). */
    public static final List<String> ACT_GROUPS = List.of(Groups.ACCOUNTING, Groups.SALES, Groups.CREDIT_MANAGEMENT,
            Groups.RELANCE_ADMINS, Groups.CAMUNDA_ADMIN);

    /** True when the caller may see (and, where the endpoint allows, act on) this salesperson's customer. */
    public boolean mayAccessCustomerOf(String salesRep) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null) {
            return true; // the application itself (jobs, start-up), not a request
        }
        return seesEveryCustomer(groupsOf(auth)) || auth.getName().equals(salesRep);
    }

    /** For a user known by their groups (a signed calendar feed has no login session). */
    public static boolean seesEveryCustomer(Collection<String> groups) {
        return groups.stream().anyMatch(SEE_EVERY_CUSTOMER::contains);
    }

    public static boolean mayReadAudit(Collection<String> groups) {
        return groups.stream().anyMatch(AUDIT_GROUPS::contains);
    }

    public static boolean mayAct(Collection<String> groups) {
        return groups.stream().anyMatch(ACT_GROUPS::contains);
    }

    /** The group ids of a logged-in user (authorities {@code GROUP_<id>}). */
    public static List<String> groupsOf(Authentication auth) {
        return auth.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("GROUP_")).map(a -> a.substring("GROUP_".length())).toList();
    }

    public String currentUser() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? null : auth.getName();
    }
}
