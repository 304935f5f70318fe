package org.dashdesk.protocol;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.dashdesk.review.QuestionComment;

/** Request and reply bodies of the review endpoints (sign-off, CRU, actions, MARAC). */
public final class ReviewRequests {

    private ReviewRequests() {
    }

    /** {@code POST …/approval}: the signer's password, checked again by the server. */
    public record Approval(String password) {
        @Override
        public String toString() {
            return "Approval[password=…]";
        }
    }

    /** {@code POST …/return}: at least one comment; {@code questionId} null is an overall comment. */
    public record Return(List<QuestionComment> comments) {
    }

    /** {@code POST …/raise}: the new level ({@code MEDIUM} or {@code HIGH}) and why. */
    public record Raise(String level, String rationale) {
    }

    /** {@code POST …/cru-review}: CRU marks the head revision reviewed, with a required note. */
    public record CruReview(String note) {
    }

    /** {@code POST /assessments/{a}/actions}. */
    public record NewAction(String description, String ownerCollar, LocalDate due) {
    }

    /** {@code PUT /actions/{id}}: a new state ({@code OPEN}, {@code DONE}, {@code CANCELLED}) and a note. */
    public record ActionUpdate(String state, String note) {
    }

    /** {@code PUT /assessments/{a}/marac}. */
    public record MaracUpdate(String state, String note) {
    }

    /** {@code GET /assessments/{a}/marac}. */
    public record MaracStatus(String state, String note, Instant updatedAt, String updatedBy) {
    }
}
