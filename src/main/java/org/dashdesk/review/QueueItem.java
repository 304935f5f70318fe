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
 * @param historyFlag what the server's history check found after submission and no one has acted on yet (issue 12); null when nothing
 * @param otherForVictim other assessments (earlier or later) the force holds about the same victim (strong matches: force id, name and date of
 *                         birth); null when the server did not count them
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
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
        boolean overdue,
        String historyFlag,
        Integer otherForVictim) {

    public QueueItem(UUID assessmentId, UUID revisionId, int revisionNumber, String incidentReference, String district, String officerCollar,
            String team, RiskLevel level, boolean childrenInvolved, AssessmentState state, Instant receivedAt, Duration age, boolean overdue) {
        this(assessmentId, revisionId, revisionNumber, incidentReference, district, officerCollar, team, level, childrenInvolved, state,
                receivedAt, age, overdue, null, null);
    }

    /** "Repeat victim: 3 earlier DASH" for the queue; empty when none. */
    public String repeatVictimWords() {
        return otherForVictim == null || otherForVictim == 0 ? "" : "Repeat victim: " + otherForVictim + " other DASH";
    }
}
