package com.relance.dunning;

import com.relance.policy.PolicyVariables;
import java.util.Arrays;
import java.util.List;

/**
 * The rungs of the ladder, in order. Each names the policy variables that time it (offset from the
 * due date) and say how its reminder goes out (channels, review, invoice copy).
 */
public enum DunningStage {
    PRE_DUE("pre-due", PolicyVariables.PRE_DUE_OFFSET_DAYS, PolicyVariables.PRE_DUE_CHANNELS, null,
            PolicyVariables.PRE_DUE_INVOICE_COPY),
    LEVEL_1("level1", PolicyVariables.LEVEL1_OFFSET_DAYS, PolicyVariables.LEVEL1_CHANNELS, PolicyVariables.LEVEL1_REVIEW,
            PolicyVariables.LEVEL1_INVOICE_COPY),
    LEVEL_2("level2", PolicyVariables.LEVEL2_OFFSET_DAYS, PolicyVariables.LEVEL2_CHANNELS, PolicyVariables.LEVEL2_REVIEW,
            PolicyVariables.LEVEL2_INVOICE_COPY),
    FORMAL_NOTICE("formal-notice", PolicyVariables.FORMAL_NOTICE_OFFSET_DAYS, PolicyVariables.FORMAL_NOTICE_CHANNELS,
            null, PolicyVariables.FORMAL_NOTICE_INVOICE_COPY),
    ESCALATION("escalation", PolicyVariables.ESCALATION_OFFSET_DAYS, null, null, null);

    private final String template;
    private final String offsetVariable;
    private final String channelsVariable;
    private final String reviewVariable;
    private final String invoiceCopyVariable;

    DunningStage(String template, String offsetVariable, String channelsVariable, String reviewVariable,
                 String invoiceCopyVariable) {
        this.template = template;
        this.offsetVariable = offsetVariable;
        this.channelsVariable = channelsVariable;
        this.reviewVariable = reviewVariable;
        this.invoiceCopyVariable = invoiceCopyVariable;
    }

    /** The customer message's template name (templates/reminder/ and templates/sms/). */
    public String template() { return template; }

    public String offsetVariable() { return offsetVariable; }

    /** The policy variable listing this stage's channels, such as {@code EMAIL,LETTER}. */
    public String channelsVariable() { return channelsVariable; }

    /**
     * The policy variable saying whether a collector reviews this stage's reminder first; null when
     * the ladder decides itself (the formal notice is always reviewed, the pre-due note never).
     */
    public String reviewVariable() { return reviewVariable; }

    public String invoiceCopyVariable() { return invoiceCopyVariable; }

    /** Late-payment interest and fixed compensation are stated from level 2 on. */
    public boolean statesCharges() { return this == LEVEL_2 || this == FORMAL_NOTICE; }

    /** The formal notice goes as a registered letter, and its email carries that letter. */
    public boolean registered() { return this == FORMAL_NOTICE; }

    /**
     * Which reminders of one customer may go out together (F8): the pre-due notes; the level 1 and
     * level 2 reminders (one message, in the voice of its highest level); null for the formal notice,
     * which a collector always reviews for its one invoice (a grouped message would send words
     * nobody approved), and for escalation, which sends the customer nothing.
     */
    public String groupFamily() {
        return switch (this) {
            case PRE_DUE -> "PRE_DUE";
            case LEVEL_1, LEVEL_2 -> "REMINDER";
            case FORMAL_NOTICE, ESCALATION -> null;
        };
    }

    /** One of these stages (a Modeler-added rung such as {@code LEVEL_3} is not). */
    public static boolean isKnown(String name) {
        return name != null && Arrays.stream(values()).anyMatch(s -> s.name().equals(name));
    }

    /** The stages that send the customer a reminder. */
    public static List<String> reminderStages() {
        return Arrays.stream(values()).filter(s -> s.channelsVariable != null).map(Enum::name).toList();
    }
}
