package org.dashdesk.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.dashdesk.assessment.Answer;
import org.dashdesk.assessment.AssessmentContent;
import org.dashdesk.assessment.AssessmentJson;
import org.dashdesk.assessment.AssessmentService;
import org.dashdesk.assessment.AssessmentState;
import org.dashdesk.assessment.Completeness;
import org.dashdesk.assessment.IncompleteAssessmentException;
import org.dashdesk.assessment.InvalidAnswerException;
import org.dashdesk.assessment.People;
import org.dashdesk.assessment.Revision;
import org.dashdesk.grading.Choice;
import org.dashdesk.grading.GradingEngine;
import org.dashdesk.grading.GradingPolicy;
import org.dashdesk.grading.ProfessionalJudgement;
import org.dashdesk.grading.RiskLevel;
import org.dashdesk.instrument.PackRegistry;
import org.dashdesk.security.FileKeyProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, "complete before it is graded": a draft with DASH questions neither answered nor
 * marked not asked is not submitted; one with questions not asked cannot be Standard on the
 * count alone. Run against the real encrypted H2 store: a refusal leaves the draft as it was,
 * with no revision and nothing queued to sync.
 */
class CompletenessGateTest {

    private static final PackRegistry PACKS = PackRegistry.builtIn();

    @TempDir
    Path dir;

    private H2AssessmentRepository repo;
    private AssessmentService service;

    @BeforeEach
    void open() {
        repo = H2AssessmentRepository.open(dir, new FileKeyProvider());
        service = new AssessmentService(repo, new GradingEngine(PACKS, GradingPolicy.builtInDefault()), PACKS.require("dash-2009"),
                Clock.systemUTC());
    }

    @AfterEach
    void close() {
        repo.close();
    }

    /** Q1.. answered as given, the rest of Q1–Q27 as {@code rest} (null = left unanswered). */
    private UUID draft(int yes, int no, String notAskedReason, Boolean children) {
        AssessmentContent c = StoreFixtures.start().withPeople(new People("Synthetic Victim", List.of("Synthetic Abuser"), List.of(), children));
        for (int i = 1; i <= 27; i++) {
            String id = "Q" + i;
            if (i <= yes) {
                c = c.withAnswer(Answer.choice(id, Choice.YES));
            } else if (i <= yes + no) {
                c = c.withAnswer(Answer.choice(id, Choice.NO));
            } else if (notAskedReason != null) {
                c = c.withAnswer(Answer.notAsked(id, notAskedReason));
            }
        }
        UUID id = repo.createDraft(StoreFixtures.start(), "1234").id();
        repo.saveDetails(id, c, "1234", "people");
        for (Answer a : c.answers().values()) {
            repo.saveAnswer(id, a, a.questionId(), "1234");
        }
        return id;
    }

    private void assertStillADraftWithNothingQueued(UUID id) {
        assertEquals(AssessmentState.DRAFT, repo.find(id).orElseThrow().state());
        assertTrue(repo.revisions(id).isEmpty());
        assertTrue(new OutboxStore(repo.database()).unsynced().isEmpty(), "nothing queued to sync");
    }

    @Test
    void unansweredDashQuestionsStopSubmissionAndTheDraftStaysAsItWas() {
        UUID id = draft(2, 11, null, true);
        IncompleteAssessmentException e = assertThrows(IncompleteAssessmentException.class, () -> service.submit(id, "1234", null));
        assertTrue(e.getMessage().startsWith("14 of 27 questions not answered (Q14, Q15"), e.getMessage());
        assertTrue(e.getMessage().contains("mark it not asked with the reason"), e.getMessage());
        assertStillADraftWithNothingQueued(id);
    }

    @Test
    void questionsNotAskedMakeItCompleteButStandardThenNeedsAJudgementWithReasons() {
        UUID id = draft(2, 11, "victim_declined", true);
        IncompleteAssessmentException e = assertThrows(IncompleteAssessmentException.class, () -> service.submit(id, "1234", null));
        assertTrue(e.getMessage().startsWith("14 of 27 questions were not asked, so Standard cannot rest on the count alone"),
                e.getMessage());
        assertStillADraftWithNothingQueued(id);

        AssessmentContent content = repo.find(id).orElseThrow().content();
        repo.saveDetails(id, content.withJudgement(new ProfessionalJudgement(RiskLevel.STANDARD,
                "synthetic: victim calm, no weapons, abuser arrested")), "1234", "professional judgement");
        Revision r = service.submit(id, "1234", null);
        assertEquals(RiskLevel.STANDARD, r.grading().level(), "the judgement may keep Standard");
        assertEquals(AssessmentState.AWAITING_SIGN_OFF, repo.find(id).orElseThrow().state());
        Completeness done = service.completeness(r.content());
        assertTrue(done.isComplete());
        assertEquals("14 of 27 not asked: Victim declined to answer",
                done.notAskedSummary(GradingPolicy.builtInDefault()::notAskedLabel));
    }

    @Test
    void anUnnamedVictimIsSubmittedOnlyWithTheReasonTheNameIsNotKnown() {
        UUID id = draft(3, 24, null, true);
        AssessmentContent named = repo.find(id).orElseThrow().content();
        People p = named.people();
        repo.saveDetails(id, named.withPeople(new People(null, p.abuserNames(), p.dependants(), p.childrenOrDependants())), "1234", "people");
        IncompleteAssessmentException e = assertThrows(IncompleteAssessmentException.class, () -> service.submit(id, "1234", null));
        assertEquals("the victim's name is required: enter it, or say why it is not known", e.getMessage());
        assertStillADraftWithNothingQueued(id);

        repo.saveDetails(id, named.withPeople(new People(null, p.abuserNames(), p.dependants(), p.childrenOrDependants(),
                "synthetic: victim would not give it with the abuser in the next room")), "1234", "people");
        Revision r = service.submit(id, "1234", null);
        assertEquals("synthetic: victim would not give it with the abuser in the next room", r.content().people().victimNameNotKnown());
        assertTrue(r.verify());
        assertFalse(AssessmentJson.canonical(People.EMPTY).contains("victimNameNotKnown"),
                "left out when there is none, so revisions frozen before it keep their hash");
    }

    @Test
    void notAskedQuestionsNeedNoJudgementWhenTheCountIsAlreadyHigh() {
        UUID id = draft(14, 0, "ended_early", true);
        Revision r = service.submit(id, "1234", null);
        assertEquals(RiskLevel.HIGH, r.grading().level());
        assertEquals(13, service.completeness(r.content()).notAsked().size());
    }

    @Test
    void theChildrenSectionsQuestionsDoNotApplyWhenThereAreNone() {
        AssessmentContent c = StoreFixtures.start().withPeople(new People("Synthetic Victim", List.of("Synthetic Abuser"), List.of(), false));
        for (int i = 1; i <= 27; i++) {
            if (i < 9 || i > 12) {
                c = c.withAnswer(Answer.choice("Q" + i, Choice.NO));
            }
        }
        Completeness completeness = service.completeness(c);
        assertTrue(completeness.isComplete(), completeness.toString());
        assertEquals(23, completeness.counted());
        assertFalse(service.completeness(c.withPeople(new People("Synthetic Victim", List.of(), List.of(), true))).isComplete(),
                "with children, Q9–Q12 must be answered too");
    }

    @Test
    void notAskedIsOnlyForYesNoQuestionsNeverWithAnAnswerAndOnlyForThePolicysReasons() {
        UUID id = repo.createDraft(StoreFixtures.start(), "1234").id();
        var store = service.repository();
        assertThrows(InvalidAnswerException.class, () -> store.saveAnswer(id, Answer.notAsked("O1", "victim_declined"), "O1", "1234"));
        assertThrows(InvalidAnswerException.class,
                () -> store.saveAnswer(id, new Answer("Q1", Choice.YES, null, null, null, null, null, null, "victim_declined"), "Q1", "1234"));
        InvalidAnswerException unknown = assertThrows(InvalidAnswerException.class,
                () -> store.saveAnswer(id, Answer.notAsked("Q1", "felt_like_it"), "Q1", "1234"));
        assertTrue(unknown.getMessage().contains("victim_declined"), unknown.getMessage());
        store.saveAnswer(id, Answer.notAsked("Q1", "not_safe_to_ask"), "Q1", "1234");
        assertEquals("not_safe_to_ask", repo.find(id).orElseThrow().content().answer("Q1").notAsked());
        store.saveAnswer(id, Answer.notAsked("Q1", "not_safe_to_ask").withChoice(Choice.NO), "Q1", "1234");
        Answer asked = repo.find(id).orElseThrow().content().answer("Q1");
        assertEquals(Choice.NO, asked.choice());
        assertEquals(null, asked.notAsked(), "an answer given ends 'not asked'");
    }

    @Test
    void anAnswerWithoutNotAskedIsWrittenAsBeforeSoOldRevisionsKeepTheirHash() {
        assertEquals("{\"choice\":\"YES\",\"comment\":null,\"date\":null,\"fearGrid\":[],\"informationSource\":null,\"number\":null,"
                + "\"questionId\":\"Q1\",\"text\":null}", AssessmentJson.canonical(Answer.choice("Q1", Choice.YES)));
        Answer notAsked = Answer.notAsked("Q2", "victim_declined");
        assertEquals(notAsked, AssessmentJson.read(AssessmentJson.canonical(notAsked), Answer.class));
    }

    @Test
    void aPastedPageInACommentOrNameIsRefusedWholeNamedAndNothingIsStoredOrQueued() {
        UUID id = draft(2, 25, null, false);
        String page = "x".repeat(5000);
        repo.saveAnswer(id, new Answer("Q3", Choice.NO, page, null, null, null, null, null), "Q3", "1234");
        IncompleteAssessmentException e = assertThrows(IncompleteAssessmentException.class, () -> service.submit(id, "1234", null));
        assertTrue(e.getMessage().contains("Q3 comment: 5,000 characters, at most 4,000"), e.getMessage());
        assertStillADraftWithNothingQueued(id);
        assertEquals(page, repo.find(id).orElseThrow().content().answer("Q3").comment(), "the typed text is kept, not cut");

        // The force may keep less: 300 characters of free text, 40 of a name.
        repo.saveAnswer(id, new Answer("Q3", Choice.NO, "y".repeat(301), null, null, null, null, null), "Q3", "1234");
        service.useForceRules(new org.dashdesk.assessment.TextLimits(40, 300), org.dashdesk.assessment.CollarNumbers.DEFAULT);
        e = assertThrows(IncompleteAssessmentException.class, () -> service.submit(id, "1234", null));
        assertTrue(e.getMessage().contains("Q3 comment: 301 characters, at most 300"), e.getMessage());
        assertStillADraftWithNothingQueued(id);

        repo.saveAnswer(id, new Answer("Q3", Choice.NO, "fits", null, null, null, null, null), "Q3", "1234");
        AssessmentContent c = repo.find(id).orElseThrow().content();
        repo.saveDetails(id, c.withPeople(new People("A".repeat(41), List.of("Synthetic Abuser"), List.of(), false)), "1234", "people");
        e = assertThrows(IncompleteAssessmentException.class, () -> service.submit(id, "1234", null));
        assertTrue(e.getMessage().contains("Victim's name: 41 characters, at most 40"), e.getMessage());
        assertStillADraftWithNothingQueued(id);

        repo.saveDetails(id, c, "1234", "people");
        assertEquals(1, service.submit(id, "1234", null).revisionNumber(), "within the limits it is submitted");
    }
}
