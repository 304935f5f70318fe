package org.dashdesk.ui.review;

/** A question a return comment can be attached to; {@code questionId} null means the assessment as a whole. */
public record QuestionRef(String questionId, String label) {

    public static final QuestionRef OVERALL = new QuestionRef(null, "The assessment as a whole");

    @Override
    public String toString() {
        return label;
    }
}
