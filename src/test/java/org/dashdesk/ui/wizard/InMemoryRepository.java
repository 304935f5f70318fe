package org.dashdesk.ui.wizard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.dashdesk.assessment.Answer;
import org.dashdesk.assessment.Assessment;
import org.dashdesk.assessment.AssessmentContent;
import org.dashdesk.assessment.AssessmentRepository;
import org.dashdesk.assessment.AssessmentState;
import org.dashdesk.assessment.AssessmentSummary;
import org.dashdesk.assessment.AuditEntry;
import org.dashdesk.assessment.LifecycleEvent;
import org.dashdesk.assessment.Revision;
import org.dashdesk.assessment.StoreException;

/** A repository in memory that records every call and can be told to fail, for view-model tests. */
final class InMemoryRepository implements AssessmentRepository {

    final Map<UUID, Assessment> rows = new LinkedHashMap<>();
    final List<String> calls = new ArrayList<>();
    final List<Revision> revisions = new ArrayList<>();
    boolean failing;

    private void check() {
        if (failing) {
            throw new StoreException("the database file cannot be written (disk full)");
        }
    }

    @Override
    public Assessment createDraft(AssessmentContent content, String actor) {
        check();
        Assessment a = new Assessment(UUID.randomUUID(), AssessmentState.DRAFT, content, null, 0, Instant.now(), Instant.now(), null);
        rows.put(a.id(), a);
        return a;
    }

    @Override
    public void saveAnswer(UUID id, Answer answer, String resumeQuestionId, String actor) {
        check();
        calls.add("answer " + answer.questionId());
        Assessment a = rows.get(id);
        rows.put(id, new Assessment(id, a.state(), a.content().withAnswer(answer), a.headRevisionId(), a.revisionCount(),
                a.createdAt(), Instant.now(), resumeQuestionId));
    }

    @Override
    public void saveDetails(UUID id, AssessmentContent content, String actor, String what) {
        check();
        calls.add("details " + what);
        Assessment a = rows.get(id);
        AssessmentContent merged = new AssessmentContent(content.packId(), content.packVersion(), content.channel(), content.officer(),
                content.phoneIn(), content.people(), content.incident(), a.content().answers(), content.judgement(), content.referrals());
        rows.put(id, new Assessment(id, a.state(), merged, a.headRevisionId(), a.revisionCount(), a.createdAt(), Instant.now(),
                a.resumeQuestionId()));
    }

    @Override
    public void saveResumePoint(UUID id, String resumeQuestionId) {
        check();
        calls.add("resume " + resumeQuestionId);
        Assessment a = rows.get(id);
        rows.put(id, new Assessment(id, a.state(), a.content(), a.headRevisionId(), a.revisionCount(), a.createdAt(), a.updatedAt(),
                resumeQuestionId));
    }

    @Override
    public Optional<Assessment> find(UUID id) {
        return Optional.ofNullable(rows.get(id));
    }

    @Override
    public List<AssessmentSummary> drafts() {
        return List.of();
    }

    @Override
    public List<AssessmentSummary> submitted() {
        return List.of();
    }

    @Override
    public void recordSubmission(Revision revision, AssessmentState routedState, String actor) {
        check();
        revisions.add(revision);
        Assessment a = rows.get(revision.assessmentId());
        rows.put(a.id(), new Assessment(a.id(), routedState, a.content(), revision.revisionId(), a.revisionCount() + 1, a.createdAt(),
                Instant.now(), a.resumeQuestionId()));
    }

    @Override
    public void createSubmitted(Revision first, AssessmentState routedState, String actor) {
        check();
        revisions.add(first);
        rows.put(first.assessmentId(), new Assessment(first.assessmentId(), routedState, first.content(), first.revisionId(), 1,
                Instant.now(), Instant.now(), null));
    }

    @Override
    public Optional<Revision> revision(UUID revisionId) {
        return revisions.stream().filter(r -> r.revisionId().equals(revisionId)).findFirst();
    }

    @Override
    public List<Revision> revisions(UUID assessmentId) {
        return revisions.stream().filter(r -> r.assessmentId().equals(assessmentId)).toList();
    }

    @Override
    public Assessment transition(UUID assessmentId, LifecycleEvent event, String actor, String note) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<AuditEntry> audit(UUID assessmentId) {
        return List.of();
    }

    @Override
    public void recordView(UUID assessmentId, String actor) {
        // Views are not part of what the wizard's view-model tests look at.
    }

    @Override
    public void recordDocument(UUID assessmentId, String actor, String what) {
        // Nor are documents.
    }

    @Override
    public void close() {
    }
}
