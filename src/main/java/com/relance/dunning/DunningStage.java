package com.relance.dunning;

import com.relance.policy.PolicyVariables;

/** The rungs of the ladder, in order. Each names the policy variable holding its offset from the due date. */
public enum DunningStage {
    PRE_DUE("pre-due", PolicyVariables.PRE_DUE_OFFSET_DAYS),
    LEVEL_1("level1", PolicyVariables.LEVEL1_OFFSET_DAYS),
    LEVEL_2("level2", PolicyVariables.LEVEL2_OFFSET_DAYS),
    FORMAL_NOTICE("formal-notice", PolicyVariables.FORMAL_NOTICE_OFFSET_DAYS),
    ESCALATION("escalation", PolicyVariables.ESCALATION_OFFSET_DAYS);

    private final String template;
    private final String offsetVariable;

    DunningStage(String template, String offsetVariable) {
        this.template = template;
        this.offsetVariable = offsetVariable;
    }

    /** The customer message's template name (templates/email/&lt;template&gt;_&lt;language&gt;.txt). */
    public String template() { return template; }

    public String offsetVariable() { return offsetVariable; }
}
