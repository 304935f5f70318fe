package org.dashdesk.protocol;

/**
 * The body of {@code POST /api/v1/assessments/{a}/events}: a supervisor's decision
 * ({@code SIGN_OFF}, {@code RETURN}, {@code RAISE}) made centrally.
 */
public record EventRequest(String event, String note) {
}
