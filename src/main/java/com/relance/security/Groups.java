package com.relance.security;

import java.util.List;

/** The Camunda groups Relance's people belong to. */
public final class Groups {

    public static final String ACCOUNTING = "accounting";
    public static final String SALES = "sales";
    public static final String CREDIT_MANAGEMENT = "credit-management";
    public static final String LEGAL = "legal";
    public static final String AUDITORS = "auditors";
    public static final String RELANCE_ADMINS = "relance-admins";
    /** Created by the starter's admin-user; holds every grant. */
    public static final String CAMUNDA_ADMIN = "camunda-admin";
    /** A Prometheus scraper's user: metrics and health details, nothing of the invoices. */
    public static final String MONITORING = "monitoring";

    public static final List<String> ALL = List.of(ACCOUNTING, SALES, CREDIT_MANAGEMENT, LEGAL, AUDITORS, RELANCE_ADMINS,
            CAMUNDA_ADMIN);

    /** Spring Security authority for membership of a group. */
    public static String authority(String groupId) {
        return "GROUP_" + groupId;
    }

    private Groups() {
    }
}
