package org.dashdesk.assessment;

import java.util.Locale;

/** Where an assessment stands in its lifecycle. See {@link Lifecycle} for the legal moves. */
public enum AssessmentState {
    DRAFT, SUBMITTED, AWAITING_SIGN_OFF, REFERRED, SIGNED_OFF, RETURNED;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String label() {
        return switch (this) {
            case DRAFT -> "Draft";
            case SUBMITTED -> "Submitted";
            case AWAITING_SIGN_OFF -> "Awaiting sign-off";
            case REFERRED -> "Referred";
            case SIGNED_OFF -> "Signed off";
            case RETURNED -> "Returned";
        };
    }

    public static AssessmentState fromJson(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
