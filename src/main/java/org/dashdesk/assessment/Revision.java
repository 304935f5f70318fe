package org.dashdesk.assessment;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.dashdesk.grading.GradingResult;

/**
 * An immutable, submitted version of an assessment: what sync carries and the server stores.
 * {@code contentHash} is the SHA-256 (hex) of {@link #canonicalBody()}, which covers every other
 * field; {@link #verify()} recomputes it.
 *
 * @param baseRevisionId the revision this one amends, or null for the first
 * @param reason         why a later revision was made (null for the first)
 * @param createdBy      collar number of the person who submitted it
 */
public record Revision(
        UUID assessmentId,
        UUID revisionId,
        UUID baseRevisionId,
        int revisionNumber,
        String reason,
        Instant createdAt,
        String createdBy,
        AssessmentContent content,
        GradingResult grading,
        String contentHash) {

    /** Freezes content into a revision, computing its hash. */
    public static Revision freeze(UUID assessmentId, UUID revisionId, UUID baseRevisionId, int revisionNumber, String reason,
            Instant createdAt, String createdBy, AssessmentContent content, GradingResult grading) {
        Revision unhashed = new Revision(assessmentId, revisionId, baseRevisionId, revisionNumber, reason, createdAt, createdBy,
                content, grading, null);
        return new Revision(assessmentId, revisionId, baseRevisionId, revisionNumber, reason, createdAt, createdBy, content,
                grading, AssessmentJson.sha256Hex(unhashed.canonicalBody()));
    }

    /** Canonical JSON of everything but the hash. */
    public String canonicalBody() {
        Revision withoutHash = new Revision(assessmentId, revisionId, baseRevisionId, revisionNumber, reason, createdAt, createdBy,
                content, grading, null);
        return AssessmentJson.canonical(withoutHash);
    }

    /** True when the stored hash matches the content. */
    @JsonIgnore
    public boolean verify() {
        return contentHash != null && contentHash.equals(AssessmentJson.sha256Hex(canonicalBody()));
    }
}
