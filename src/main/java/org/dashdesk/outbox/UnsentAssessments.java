package org.dashdesk.outbox;

/**
 * Assessments that have not reached the central server, counted in the store (not from a list of
 * every unsent revision held in memory).
 *
 * @param assessments assessments with at least one revision not yet synced (refused ones included)
 * @param refused     of those, the ones with a revision the server refused (quarantined)
 */
public record UnsentAssessments(int assessments, int refused) {
}
