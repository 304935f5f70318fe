package org.dashdesk.review;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Why an assessment was returned to its officer: the supervisor's comments, by question. */
public record ReturnNotes(UUID assessmentId, UUID revisionId, String returnedBy, Instant returnedAt, List<QuestionComment> comments) {

    public ReturnNotes {
        comments = List.copyOf(comments);
    }
}
