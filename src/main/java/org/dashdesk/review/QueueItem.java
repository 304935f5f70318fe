package org.dashdesk.review;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.dashdesk.assessment.AssessmentState;
import org.dashdesk.grading.RiskLevel;

/**
 * One line of a sign-off or CRU queue. No victim or suspect names: queues are lists.
 *
 * @param age     time since the revision was received centrally, as the server computed it
 * @param overdue true when {@code age} is past the force's configured limit
 */
public record QueueItem(
        UUID assessmentId,
        UUID revisionId,
        int revisionNumber,
        String incidentReference,
        String district,
        String officerCollar,
        String team,
        RiskLevel level,
        boolean childrenInvolved,
        AssessmentState state,
        Instant receivedAt,
        Duration age,
        boolean overdue) {
}
