package com.relance.calendar;

import com.relance.security.AccessRules;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.Authentication;

/** Who looks at the calendar: what they may see (a salesperson: their own customers only). */
public record Viewer(String user, Set<String> groups) {

    public Viewer {
        groups = Set.copyOf(groups);
    }

    public static Viewer of(Authentication auth) {
        return new Viewer(auth.getName(), Set.copyOf(AccessRules.groupsOf(auth)));
    }

    public static Viewer of(String user, List<String> groups) {
        return new Viewer(user, Set.copyOf(groups));
    }

    public boolean seesEveryCustomer() {
        return AccessRules.seesEveryCustomer(groups);
    }

    public boolean mayReadAudit() {
        return AccessRules.mayReadAudit(groups);
    }

    public boolean maySee(String salesRep) {
        return seesEveryCustomer() || user.equals(salesRep);
    }
}
