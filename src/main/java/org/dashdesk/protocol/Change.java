package org.dashdesk.protocol;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.dashdesk.review.QuestionComment;

/**
 * One thing that happened centrally to an assessment, e.g. a supervisor signed it off.
 *
 * @param seq        position in the server's change log; the next cursor is the last seq seen
 * @param event      a {@link org.dashdesk.assessment.LifecycleEvent} name, e.g. {@code SIGN_OFF}
 * @param state      the state the assessment is in on the server after the event
 * @param actor      collar number of who did it
 * @param revisionId the revision the decision was about (absent for decisions made through the
 *                   older {@code /events} endpoint)
 * @param comments   for {@code RETURN}: the supervisor's comments, by question (absent otherwise)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Change(long seq, UUID assessmentId, String event, String state, String actor, String note, Instant at,
        UUID revisionId, List<QuestionComment> comments) {

    public Change {
        comments = comments == null ? null : List.copyOf(comments);
    }

    public Change(long seq, UUID assessmentId, String event, String state, String actor, String note, Instant at) {
        this(seq, assessmentId, event, state, actor, note, at, null, null);
    }
}
