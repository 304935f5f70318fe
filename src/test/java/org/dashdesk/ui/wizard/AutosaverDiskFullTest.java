package org.dashdesk.ui.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.dashdesk.assessment.Assessment;
import org.dashdesk.assessment.AssessmentService;
import org.dashdesk.assessment.Channel;
import org.dashdesk.assessment.Officer;
import org.dashdesk.grading.Choice;
import org.dashdesk.grading.GradingEngine;
import org.dashdesk.grading.GradingPolicy;
import org.dashdesk.instrument.PackRegistry;
import org.dashdesk.store.FilePathDiskFull;
import org.dashdesk.store.H2AssessmentRepository;
import org.dashdesk.ui.common.CurrentThreadTaskExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The autosaver on the real encrypted store whose disk fills up mid-assessment: the banner says
 * what the store says (free space, keep the app open), the retry succeeds once space is freed,
 * and the shell can ask whether anything is still unsaved (decision 0013).
 */
class AutosaverDiskFullTest {

    private static final Officer USER = new Officer("4471", "PC Test Example");
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T02:14:05Z"), ZoneOffset.UTC);
    private final CurrentThreadTaskExecutor executor = new CurrentThreadTaskExecutor();

    @TempDir
    Path dir;

    private H2AssessmentRepository repo;
    private WizardViewModel vm;

    @BeforeEach
    void open() {
        repo = FilePathDiskFull.openRepository(dir, clock);
        PackRegistry packs = PackRegistry.builtIn();
        AssessmentService service = new AssessmentService(repo, new GradingEngine(packs, GradingPolicy.builtInDefault()),
                packs.require("dash-2009"), clock);
        Assessment a = service.startDraft(Channel.AT_SCENE, USER, null, USER.collarNumber());
        vm = new WizardViewModel(service, packs, executor, a, USER, USER.collarNumber(), clock);
    }

    @AfterEach
    void close() throws InterruptedException {
        FilePathDiskFull.diskFull(false);
        repo.database().close();
        // H2 closes a store whose disk filled up, and its LOB cleaner can then fail on a thread of its
        // own a moment later ("This store is closed"). That failure is this test's doing, not the
        // next test's: TestFX would report it in whichever TestFX test runs next. Keep it here.
        long until = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < until) {
            Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("H2-lob"))
                    .forEach(t -> t.setUncaughtExceptionHandler((thread, e) -> { }));
            Thread.sleep(50);
        }
        org.testfx.util.WaitForAsyncUtils.clearExceptions();
    }

    private Choice stored(String questionId) {
        var answer = repo.find(vm.assessmentId()).orElseThrow().content().answer(questionId);
        return answer == null ? null : answer.choice();
    }

    @Test
    void aFullDiskIsRetriedUntilSpaceIsFreedAndTheBannerAgreesWithTheStore() {
        Autosaver saver = vm.autosaver();
        vm.question("Q1").orElseThrow().choiceProperty().set(Choice.YES);
        assertFalse(saver.unsavedProperty().get());
        assertEquals("Saved 02:14:05", saver.statusProperty().get());
        assertTrue(saver.exitWarning().isEmpty());

        FilePathDiskFull.diskFull(true);
        vm.question("Q2").orElseThrow().choiceProperty().set(Choice.YES);

        String banner = saver.errorProperty().get();
        assertTrue(banner.contains("the disk is full"), banner);
        assertTrue(banner.contains("Free some space"), "the store's advice reaches the user: " + banner);
        assertTrue(banner.contains("Do not close DASH Desk"), banner);
        assertFalse(banner.contains("Restart"), "no advice to restart, which would lose what is on screen: " + banner);
        assertTrue(saver.unsavedProperty().get());
        assertFalse(saver.restartNeededProperty().get());
        assertTrue(saver.exitWarning().orElseThrow().contains("lost"));
        assertEquals(1, executor.scheduledCount(), "a retry is scheduled");

        executor.runScheduled();
        assertEquals("Not saved", saver.statusProperty().get(), "still full");
        assertEquals(1, executor.scheduledCount(), "and retried again");

        FilePathDiskFull.diskFull(false);
        executor.runScheduled();

        assertNull(saver.errorProperty().get());
        assertEquals("Saved 02:14:05", saver.statusProperty().get());
        assertFalse(saver.unsavedProperty().get());
        assertTrue(saver.exitWarning().isEmpty());
        assertEquals(Choice.YES, stored("Q1"));
        assertEquals(Choice.YES, stored("Q2"), "saved by the retry, without a restart");
    }

    @Test
    void retryNowSavesAsSoonAsSpaceIsFreed() {
        FilePathDiskFull.diskFull(true);
        vm.question("Q3").orElseThrow().choiceProperty().set(Choice.NO);
        assertTrue(vm.autosaver().unsavedProperty().get());

        FilePathDiskFull.diskFull(false);
        vm.autosaver().retryNow();

        assertNull(vm.autosaver().errorProperty().get());
        assertEquals(Choice.NO, stored("Q3"));
    }

    @Test
    void aStoreThatStoppedSaysToNoteTheAnswersAndRestartAndIsNotRetriedInALoop() {
        repo.database().close();

        vm.question("Q4").orElseThrow().choiceProperty().set(Choice.YES);

        String banner = vm.autosaver().errorProperty().get();
        assertTrue(banner.contains("restart DASH Desk"), banner);
        assertTrue(banner.contains("make a note of them"), banner);
        assertFalse(banner.contains("tries again"), "it must not promise a retry that cannot work: " + banner);
        assertTrue(vm.autosaver().restartNeededProperty().get());
        assertTrue(vm.autosaver().unsavedProperty().get());
        assertEquals(0, executor.scheduledCount(), "no retry every 10 seconds against a closed store");
        assertTrue(vm.autosaver().exitWarning().orElseThrow().contains("make a note"));
    }
}
