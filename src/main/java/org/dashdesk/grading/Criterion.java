package org.dashdesk.grading;

/** Codes of the built-in criteria; policy rules add their own codes. */
public final class Criterion {
    public static final String VISIBLE_HIGH_RISK = "VISIBLE_HIGH_RISK";
    public static final String ESCALATION = "ESCALATION";
    public static final String REPEAT_MARAC = "REPEAT_MARAC";
    public static final String PROFESSIONAL_JUDGEMENT = "PROFESSIONAL_JUDGEMENT";

    private Criterion() {
    }
}
