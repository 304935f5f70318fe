package org.dashdesk.assessment;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A repository that checks every answer against its question before the repository it wraps
 * stores it. {@link AssessmentService#repository()} hands this out, so every path that saves an
 * answer (the wizard's autosave, {@code import}) is checked in the domain, whatever store is used.
 */
final class AnswerCheckingRepository implements AssessmentRepository {

    private final AssessmentRepository delegate;
    private final AnswerValidator validator;

    AnswerCheckingRepository(AssessmentRepository delegate, AnswerValidator validator) {
        this.delegate = delegate;
        this.validator = validator;
    }

    @Override
    public Assessment createDraft(AssessmentContent content, String actor) {
        validator.checkAll(content);
        return delegate.createDraft(content, actor);
    }

    @Override
    public void saveAnswer(UUID assessmentId, Answer answer, String resumeQuestionId, String actor) {
        validator.check(answer);
        delegate.saveAnswer(assessmentId, answer, resumeQuestionId, actor);
    }

    @Override
    public void saveDetails(UUID assessmentId, AssessmentContent content, String actor, String what) {
        // Answers in content are ignored by saveDetails (they are saved one by one), so none to check.
        delegate.saveDetails(assessmentId, content, actor, what);
    }

    @Override
    public void saveResumePoint(UUID assessmentId, String resumeQuestionId) {
        delegate.saveResumePoint(assessmentId, resumeQuestionId);
    }

    @Override
    public Optional<Assessment> find(UUID assessmentId) {
        return delegate.find(assessmentId);
    }

    @Override
    public List<AssessmentSummary> drafts() {
        return delegate.drafts();
    }

    @Override
    public List<AssessmentSummary> submitted() {
        return delegate.submitted();
    }

    @Override
    public SummaryPage summaries(ListQuery query) {
        return delegate.summaries(query);
    }

    @Override
    public void recordSubmission(Revision revision, AssessmentState routedState, String actor) {
        delegate.recordSubmission(revision, routedState, actor);
    }

    @Override
    public void createSubmitted(Revision first, AssessmentState routedState, String actor) {
        validator.checkAll(first.content());
        delegate.createSubmitted(first, routedState, actor);
    }

    @Override
    public Optional<Revision> revision(UUID revisionId) {
        return delegate.revision(revisionId);
    }

    @Override
    public List<Revision> revisions(UUID assessmentId) {
        return delegate.revisions(assessmentId);
    }

    @Override
    public Assessment transition(UUID assessmentId, LifecycleEvent event, String actor, String note) {
        return delegate.transition(assessmentId, event, actor, note);
    }

    @Override
    public List<AuditEntry> audit(UUID assessmentId) {
        return delegate.audit(assessmentId);
    }

    @Override
    public void recordView(UUID assessmentId, String actor) {
        delegate.recordView(assessmentId, actor);
    }

    @Override
    public void recordDocument(UUID assessmentId, String actor, String what) {
        delegate.recordDocument(assessmentId, actor, what);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
