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
     * One page of a home list, searched and filtered, newest first, with how many match in all
     * (issue 17). Reads only the page's rows, so its cost does not grow with the store.
     *
     * <p>This default serves stores without an index (test doubles): it filters the whole list in
     * memory, and its text search sees only the incident reference, the one searchable thing a
     * summary carries.
     */
    default SummaryPage summaries(ListQuery query) {
        List<String> words = SearchText.words(query.text());
        java.time.ZoneId zone = java.time.ZoneId.systemDefault();
        List<AssessmentSummary> matching = (query.drafts() ? drafts() : submitted()).stream()
                .filter(s -> words.isEmpty() || SearchText.words(s.incidentReference()).containsAll(words))
                .filter(s -> query.from() == null || !s.updatedAt().atZone(zone).toLocalDate().isBefore(query.from()))
                .filter(s -> query.to() == null || !s.updatedAt().atZone(zone).toLocalDate().isAfter(query.to()))
                .filter(s -> query.level() == null || s.level() == query.level())
                .filter(s -> query.state() == null || s.state() == query.state())
                .filter(s -> query.channel() == null || s.channel() == query.channel())
                .filter(s -> query.sync() == null || s.syncState() != null && switch (query.sync()) {
                    case NOT_YET_SENT -> s.syncState().startsWith("Waiting") || s.syncState().startsWith("Sending");
                    case HELD_CENTRALLY -> s.syncState().startsWith("Synced");
                    case REFUSED -> s.syncState().startsWith("Refused");
                })
                .toList();
        int from = Math.min(query.offset(), matching.size());
        return new SummaryPage(matching.subList(from, Math.min(matching.size(), from + query.limit())), query.offset(), matching.size());
    }

    /**
     * Atomically stores a frozen revision, moves the assessment to {@code routedState}, queues the
     * revision in the sync outbox, writes the audit row, and forces it all to disk.
     *
     * @throws IllegalTransitionException when the assessment is not a draft
     */
    void recordSubmission(Revision revision, AssessmentState routedState, String actor);

    /**
     * Stores a complete assessment taken elsewhere, already frozen as its first revision (the
     * {@code import} path): the same rows, audit trail ("created draft", then "submitted revision
     * 1") and outbox entry as {@link #createDraft} followed by {@link #recordSubmission}, written
     * once in one transaction instead of written, read back and rewritten.
     *
     * @throws IllegalArgumentException when the revision is not a first revision, has no grading,
     *                                  does not match its hash, or its level does not route to {@code routedState}
     */
    void createSubmitted(Revision first, AssessmentState routedState, String actor);

    Optional<Revision> revision(UUID revisionId);

    List<Revision> revisions(UUID assessmentId);

    /** Applies a lifecycle event (sign-off, return, raise, reopen); illegal moves throw. */
    Assessment transition(UUID assessmentId, LifecycleEvent event, String actor, String note);

    List<AuditEntry> audit(UUID assessmentId);

    /** Records that {@code actor} opened the assessment: every view is attributable, not only changes. */
    void recordView(UUID assessmentId, String actor);

    /**
     * Records that {@code actor} produced a document from the assessment ({@code what}, e.g.
     * "produced the MARAC referral document (revision 2)"): every copy that leaves the desk is attributable.
     */
    void recordDocument(UUID assessmentId, String actor, String what);

    @Override
    void close();
}
