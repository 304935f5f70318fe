package org.dashdesk.assessment;

/**
 * An answer that does not fit its question (a date on a text question, a fear-grid cell the grid
 * does not have, a negative count). The message names the question, never the value given, so it
 * can be shown and logged without personal data.
 */
public class InvalidAnswerException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;
    private final String questionId;

    public InvalidAnswerException(String questionId, String problem) {
        super(questionId + ": " + problem);
        this.questionId = questionId;
    }

    public String questionId() {
        return questionId;
    }
}
