package org.dashdesk.review;

/** A supervisor's comment on one question of a returned assessment (questionId null = overall). */
public record QuestionComment(String questionId, String comment) {
}
