package org.dashdesk.assessment;

/**
 * Submitting was refused because the assessment is not complete enough to grade: counted
 * questions unanswered, or Standard resting on a count with questions not asked (see
 * {@link Completeness}). Nothing was stored; the draft is as it was.
 */
public final class IncompleteAssessmentException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public IncompleteAssessmentException(String message) {
        super(message);
    }
}
