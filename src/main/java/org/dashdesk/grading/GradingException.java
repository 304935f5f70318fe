package org.dashdesk.grading;

/** Input the engine refuses, naming the field at fault (e.g. {@code answers.Q31}). */
public class GradingException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final String field;
    private final String problem;

    public GradingException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
        this.problem = problem;
    }

    public String field() {
        return field;
    }

    /** The message without the field, for callers that place the field themselves. */
    public String problem() {
        return problem;
    }
}
