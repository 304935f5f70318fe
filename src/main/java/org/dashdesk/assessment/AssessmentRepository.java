package org.dashdesk.assessment;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Durable storage of assessments, implemented by the store package (H2). Every method that
 * changes something commits before it returns and writes an audit row in the same transaction;
 * failures are {@link StoreException}s with a message a user can act on.
 */
public interface AssessmentRepository extends AutoCloseable {

    /** Creates a draft with the given starting content. */
    Assessment createDraft(AssessmentContent content, String actor);

    /** Commits one answer of a draft at once (autosave) and remembers where the user is. */
    void saveAnswer(UUID assessmentId, Answer answer, String resumeQuestionId, String actor);

    /**
     * Commits the draft's other content (people, incident, phone-in details, judgement, referral
     * decisions). Answers in {@code content} are ignored: they are saved one by one.
     *
     * @param what a short description for the audit trail, without personal data
     */
    void saveDetails(UUID assessmentId, AssessmentContent content, String actor, String what);

    void saveResumePoint(UUID assessmentId, String resumeQuestionId);

    Optional<Assessment> find(UUID assessmentId);

    List<AssessmentSummary> drafts();

    List<AssessmentSummary> submitted();

    /**
     * Atomically stores a frozen revision, moves the assessment to {@code routedState}, queues the
     * revision in the sync outbox, writes the audit row, and forces it all to disk.
     *
     * @throws IllegalTransitionException when the assessment is not a draft
     */
    void recordSubmission(Revision revision, AssessmentState routedState, String actor);

    Optional<Revision> revision(UUID revisionId);

    List<Revision> revisions(UUID assessmentId);

    /** Applies a lifecycle event (sign-off, return, raise, reopen); illegal moves throw. */
    Assessment transition(UUID assessmentId, LifecycleEvent event, String actor, String note);

    List<AuditEntry> audit(UUID assessmentId);

    /** Records that {@code actor} opened the assessment: every view is attributable, not only changes. */
    void recordView(UUID assessmentId, String actor);

    @Override
    void close();
}
