package org.dashdesk.ui.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.dashdesk.assessment.Assessment;
import org.dashdesk.assessment.AssessmentService;
import org.dashdesk.assessment.Channel;
import org.dashdesk.assessment.Officer;
import org.dashdesk.grading.GradingEngine;
import org.dashdesk.grading.GradingPolicy;
import org.dashdesk.instrument.PackRegistry;
import org.dashdesk.ui.common.BackgroundTask;
import org.dashdesk.ui.common.CurrentThreadTaskExecutor;
import org.dashdesk.ui.common.MutableClock;
import org.dashdesk.ui.common.TaskExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Typed text is saved when typing pauses, not only when focus moves: a long narrative typed just
 * before a crash is not lost. One save per pause, through the background executor.
 */
class TypingPauseSaveTest {

    private static final Officer USER = new Officer("4471", "PC Test Example");
    private static final String NARRATIVE = "Neighbour heard shouting from 23:10; victim says it has happened before";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T02:14:05Z"), ZoneOffset.UTC);
    private final PackRegistry packs = PackRegistry.builtIn();
    private final CurrentThreadTaskExecutor executor = new CurrentThreadTaskExecutor();
    private InMemoryRepository repo;
    private AssessmentService service;

    @BeforeEach
    void setUp() {
        repo = new InMemoryRepository();
        service = new AssessmentService(repo, new GradingEngine(packs, GradingPolicy.builtInDefault()), packs.require("dash-2009"), clock);
    }

    private WizardViewModel open(TaskExecutor with) {
        Assessment a = service.startDraft(Channel.AT_SCENE, USER, null, USER.collarNumber());
        return new WizardViewModel(service, packs, with, repo.find(a.id()).orElse(a), USER, USER.collarNumber(), clock);
    }

    private long answerSaves(String questionId) {
        return repo.calls.stream().filter(c -> c.equals("answer " + questionId)).count();
    }

    /** Types {@code text} a character at a time, {@code gap} apart, as a user would. */
    private void type(javafx.beans.property.StringProperty field, String text, Duration gap) {
        for (int i = 1; i <= text.length(); i++) {
            field.set(text.substring(0, i));
            clock.advance(gap);
        }
    }

    @Test
    void aCommentIsSavedOnceWhenTypingPausesWithoutMovingFocus() {
        WizardViewModel vm = open(executor);
        QuestionViewModel q1 = vm.question("Q1").orElseThrow();

        type(q1.commentProperty(), NARRATIVE, Duration.ofMillis(80));

        assertEquals(0, answerSaves("Q1"), "no save per keystroke");
        assertEquals(List.of(TypingPause.PAUSE), executor.scheduledDelays(), "one timer, not one per keystroke");
        assertTrue(TypingPause.PAUSE.compareTo(Duration.ofMillis(300)) <= 0,
                "issue 11: typed text is saved within 300 ms of the last keystroke, so a crash loses at most that");

        // The timer comes due while the user is still typing: it waits for the rest of the pause.
        executor.runScheduled();
        assertEquals(0, answerSaves("Q1"), "typing went on after the timer was set");
        Duration left = executor.scheduledDelays().get(0);
        assertTrue(left.compareTo(TypingPause.PAUSE) < 0, "waits only for what is left of the pause: " + left);

        clock.advance(left);
        executor.runScheduled();

        assertEquals(1, answerSaves("Q1"), "one save for the whole burst");
        assertEquals(NARRATIVE, repo.rows.get(vm.assessmentId()).content().answer("Q1").comment());
        assertEquals(0, executor.scheduledCount(), "the timer stops once the text is saved");
        assertEquals("Q1", repo.rows.get(vm.assessmentId()).resumeQuestionId());
    }

    @Test
    void incidentDetailsAndTheJudgementRationaleAreSavedWhenTypingPauses() {
        WizardViewModel vm = open(executor);

        type(vm.details().placeProperty(), "Flat 2, 1 Synthetic Road", Duration.ofMillis(50));
        clock.advance(TypingPause.PAUSE);
        executor.runScheduled();
        executor.runScheduled();

        assertEquals("Flat 2, 1 Synthetic Road", repo.rows.get(vm.assessmentId()).content().incident().place());

        vm.judgementLevelProperty().set(org.dashdesk.grading.RiskLevel.HIGH);
        type(vm.judgementRationaleProperty(), "Victim's own perception of risk", Duration.ofMillis(50));
        clock.advance(TypingPause.PAUSE);
        executor.runScheduled();
        executor.runScheduled();

        assertEquals("Victim's own perception of risk", repo.rows.get(vm.assessmentId()).content().judgement().rationale());
    }

    @Test
    void movingFocusStillSavesAtOnceAndTheTimerThenHasNothingToSave() {
        WizardViewModel vm = open(executor);
        QuestionViewModel q2 = vm.question("Q2").orElseThrow();
        q2.commentProperty().set("synthetic note");

        vm.commitPending();
        assertEquals(1, answerSaves("Q2"));

        clock.advance(TypingPause.PAUSE);
        executor.runScheduled();
        executor.runScheduled();
        assertEquals(1, answerSaves("Q2"), "no second save of the same text");
    }

    /** In the app the timer fires on the FX thread; the save it starts must still run in the background. */
    @Test
    void thePauseSaveIsHandedToTheBackgroundExecutorNotWrittenByTheTimer() {
        Deferred deferred = new Deferred();
        WizardViewModel vm = open(deferred);
        vm.question("Q3").orElseThrow().commentProperty().set("synthetic");

        clock.advance(TypingPause.PAUSE);
        deferred.runTimers();

        assertEquals(0, answerSaves("Q3"), "the timer itself must not write");
        assertEquals(1, deferred.background.size(), "one background save queued");
        deferred.runBackground();
        assertEquals(1, answerSaves("Q3"));
    }

    /** Holds background tasks and timers until the test runs them. */
    private static final class Deferred implements TaskExecutor {
        final List<BackgroundTask<?>> background = new ArrayList<>();
        final List<Runnable> timers = new ArrayList<>();

        @Override
        public <T> void execute(BackgroundTask<T> task) {
            background.add(task);
        }

        @Override
        public void schedule(Duration delay, Runnable action) {
            timers.add(action);
        }

        void runTimers() {
            List<Runnable> now = List.copyOf(timers);
            timers.clear();
            now.forEach(Runnable::run);
        }

        @SuppressWarnings("unchecked")
        void runBackground() {
            List<BackgroundTask<?>> now = List.copyOf(background);
            background.clear();
            for (BackgroundTask<?> t : now) {
                BackgroundTask<Object> task = (BackgroundTask<Object>) t;
                try {
                    task.succeeded(task.call());
                } catch (Exception e) {
                    task.failed(e);
                }
            }
        }

        @Override
        public boolean isIdle() {
            return background.isEmpty() && timers.isEmpty();
        }

        @Override
        public void close() {
        }
    }
}
