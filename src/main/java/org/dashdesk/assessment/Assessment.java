package org.dashdesk.assessment;

import java.time.Instant;
import java.util.UUID;

/**
 * One assessment as the store holds it now: its state, its current content (the draft being
 * edited, or the head revision's content once submitted) and where the user left off.
 *
 * @param headRevisionId  the latest submitted revision, or null if never submitted
 * @param resumeQuestionId the question the user was on, so a restart reopens there
 */
public record Assessment(
        UUID id,
        AssessmentState state,
        AssessmentContent content,
        UUID headRevisionId,
        int revisionCount,
        Instant createdAt,
        Instant updatedAt,
        String resumeQuestionId) {
}
