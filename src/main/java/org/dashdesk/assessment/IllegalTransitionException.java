package org.dashdesk.assessment;

/** An event that is not allowed in the assessment's current state. */
public class IllegalTransitionException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public IllegalTransitionException(AssessmentState from, LifecycleEvent event) {
        super("cannot " + event.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " an assessment that is "
                + from.label().toLowerCase(java.util.Locale.ROOT));
    }
}
