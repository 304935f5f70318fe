package org.dashdesk.review;

import java.time.Instant;
import java.util.UUID;

/**
 * What the central server's history check found after an assessment taken without it was
 * submitted (issue 12), as pulled to the officer's desk: "History found after submission: repeat
 * MARAC criterion met — level would be High". The grading is unchanged; CRU and the supervisor
 * were flagged.
 */
public record HistoryFlag(UUID assessmentId, UUID revisionId, Instant raisedAt, String message) {
}
