package org.dashdesk.assessment;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.dashdesk.grading.Choice;
import org.dashdesk.grading.GradingEngine;
import org.dashdesk.grading.GradingPolicy;
import org.dashdesk.instrument.PackRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Answers are checked against their question's kind before they are saved. */
class AnswerValidatorTest {

    private static final PackRegistry PACKS = PackRegistry.builtIn();
    private static final GradingEngine ENGINE = new GradingEngine(PACKS, GradingPolicy.builtInDefault());
    private static final AnswerValidator VALIDATOR = new AnswerValidator(ENGINE.questions());

    private static Answer blank(String id) {
        return new Answer(id, null, null, null, null, null, null, null);
    }

    /** What the wizard stores for each kind of question (Q3 grid, O1 text, O5 number, O6 date, S1 supplement). */
    static Stream<Arguments> fitting() {
        return Stream.of(
                Arguments.of("yes with comment and source", Answer.choice("Q1", Choice.YES).withComment("synthetic")
                        .withInformationSource("neighbour")),
                Arguments.of("don't know", Answer.choice("Q27", Choice.DONT_KNOW)),
                Arguments.of("comment before a choice", blank("Q2").withComment("synthetic")),
                Arguments.of("grid ticks", Answer.choice("Q3", Choice.YES).withFearGrid(Set.of("Kill|Self", "Further injury and violence|Children",
                        "Other (please clarify)|Other (please specify)"))),
                Arguments.of("free text", Answer.text("O1", "synthetic note")),
                Arguments.of("number zero", blank("O5").withNumber(0)),
                Arguments.of("number", blank("O5").withNumber(4)),
                Arguments.of("date", blank("O6").withDate(LocalDate.of(2026, 11, 20))),
                Arguments.of("supplement question", Answer.choice("S1", Choice.NO)),
                Arguments.of("H-DASH question", Answer.choice("H1", Choice.YES)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fitting")
    void answersThatFitTheirQuestionPass(String name, Answer answer) {
        assertDoesNotThrow(() -> VALIDATOR.check(answer));
    }

    static Stream<Arguments> misfits() {
        return Stream.of(
                Arguments.of("unknown question", Answer.choice("Q99", Choice.YES), "Q99", "no such question"),
                Arguments.of("grid row that does not exist", Answer.choice("Q3", Choice.YES).withFearGrid(Set.of("Maim|Self")), "Q3",
                        "must be one of its rows (Kill, Further injury and violence, Other (please clarify))"),
                Arguments.of("grid column that does not exist", Answer.choice("Q3", Choice.YES).withFearGrid(Set.of("Kill|Neighbour")), "Q3",
                        "and one of its columns (Self, Children, Other (please specify)) as ROW|COLUMN"),
                Arguments.of("grid cell without a bar", Answer.choice("Q3", Choice.YES).withFearGrid(Set.of("Kill")), "Q3", "as ROW|COLUMN"),
                Arguments.of("grid ticks on a yes/no question", Answer.choice("Q1", Choice.YES).withFearGrid(Set.of("Kill|Self")), "Q1",
                        "takes yes/no/don't know, not fear-grid ticks"),
                Arguments.of("negative whole number", blank("O5").withNumber(-1), "O5", "0 or more"),
                Arguments.of("number on a yes/no question", Answer.choice("Q1", Choice.YES).withNumber(2), "Q1", "not a number"),
                Arguments.of("date on a text question", blank("O1").withDate(LocalDate.of(2026, 1, 1)), "O1", "takes free text, not a date"),
                Arguments.of("text on a number question", Answer.text("O5", "three"), "O5", "takes a whole number, not text"),
                Arguments.of("text on a yes/no question", Answer.text("Q1", "synthetic"), "Q1", "not text"),
                Arguments.of("choice on a date question", Answer.choice("O6", Choice.YES), "O6", "takes a date, not a yes/no/don't-know choice"),
                Arguments.of("choice on a text question", Answer.choice("O1", Choice.NO), "O1", "not a yes/no/don't-know choice"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("misfits")
    void answersThatDoNotFitAreRefusedNamingTheQuestion(String name, Answer answer, String questionId, String problem) {
        InvalidAnswerException e = assertThrows(InvalidAnswerException.class, () -> VALIDATOR.check(answer));
        assertEquals(questionId, e.questionId());
        assertTrue(e.getMessage().startsWith(questionId + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    @Test
    void refusalNeverRepeatsTheValueGiven() {
        InvalidAnswerException e = assertThrows(InvalidAnswerException.class,
                () -> VALIDATOR.check(Answer.text("Q1", "Synthetic Secret Name")));
        assertFalse(e.getMessage().contains("Synthetic Secret Name"), e.getMessage());
    }

    /** The service's repository refuses before the store sees anything; submit re-checks what is stored. */
    @Test
    void serviceChecksBeforeTheStoreSavesAndAtSubmit() {
        RecordingRepository store = new RecordingRepository();
        AssessmentService service = new AssessmentService(store, ENGINE, PACKS.require("dash-2009"),
                Clock.fixed(Instant.parse("2026-11-20T02:00:00Z"), ZoneOffset.UTC));
        UUID id = UUID.randomUUID();
        assertThrows(InvalidAnswerException.class, () -> service.repository().saveAnswer(id, blank("O5").withNumber(-3), "O5", "1234"));
        assertThrows(InvalidAnswerException.class, () -> service.repository().createDraft(
                AssessmentContent.start("dash-2009", "1", Channel.AT_SCENE, new Officer("1234", null), null)
                        .withAnswer(blank("O1").withDate(LocalDate.of(2026, 1, 1))), "1234"));
        assertTrue(store.saved.isEmpty(), "nothing reached the store");
        service.repository().saveAnswer(id, Answer.choice("Q3", Choice.YES).withFearGrid(Set.of("Kill|Self")), "Q3", "1234");
        assertEquals(1, store.saved.size());

        // A draft stored before answers were checked (straight into the store) cannot be submitted as it is.
        store.draft = new Assessment(id, AssessmentState.DRAFT, AssessmentContent.start("dash-2009", "1", Channel.AT_SCENE,
                new Officer("1234", null), null).withAnswer(Answer.choice("Q3", Choice.YES).withFearGrid(Set.of("Kill|Pets"))),
                null, 0, Instant.EPOCH, Instant.EPOCH, null);
        InvalidAnswerException e = assertThrows(InvalidAnswerException.class, () -> service.submit(id, "1234", null));
        assertEquals("Q3", e.questionId());
        assertTrue(store.submitted.isEmpty());
    }

    /** Only what the checks above touch; the rest is never called. */
    private static final class RecordingRepository implements AssessmentRepository {
        final List<Answer> saved = new ArrayList<>();
        final Map<UUID, Revision> submitted = new LinkedHashMap<>();
        Assessment draft;

        @Override
        public Assessment createDraft(AssessmentContent content, String actor) {
            throw new AssertionError("createDraft reached the store");
        }

        @Override
        public void saveAnswer(UUID assessmentId, Answer answer, String resumeQuestionId, String actor) {
            saved.add(answer);
        }

        @Override
        public void saveDetails(UUID assessmentId, AssessmentContent content, String actor, String what) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void saveResumePoint(UUID assessmentId, String resumeQuestionId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Assessment> find(UUID assessmentId) {
            return Optional.ofNullable(draft);
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
            submitted.put(revision.revisionId(), revision);
        }

        @Override
        public void createSubmitted(Revision first, AssessmentState routedState, String actor) {
            throw new AssertionError("createSubmitted reached the store");
        }

        @Override
        public Optional<Revision> revision(UUID revisionId) {
            return Optional.empty();
        }

        @Override
        public List<Revision> revisions(UUID assessmentId) {
            return List.of();
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
        }

        @Override
        public void recordDocument(UUID assessmentId, String actor, String what) {
        }

        @Override
        public void close() {
        }
    }
}
