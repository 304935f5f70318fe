package org.dashdesk.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

import org.dashdesk.assessment.Answer;
import org.dashdesk.assessment.Assessment;
import org.dashdesk.assessment.StoreException;
import org.dashdesk.grading.Choice;
import org.dashdesk.security.FileKeyProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk is not damage (decision 0013): on a real encrypted H2 file whose writes fail the way
 * they do on ENOSPC, saving fails with a message that says to free space, and succeeds again once
 * space is freed, without a restart and without losing or rewriting anything saved before.
 */
class DiskFullTest {

    @TempDir
    Path dir;

    @TempDir
    Path elsewhere;

    @BeforeEach
    void diskHasRoom() {
        FilePathDiskFull.register();
        FilePathDiskFull.FULL.set(false);
        FilePathDiskFull.REFUSED.set(0);
    }

    @AfterEach
    void freeTheDisk() {
        FilePathDiskFull.FULL.set(false);
    }

    private Path file() {
        return dir.resolve(Database.FILE_NAME);
    }

    private H2AssessmentRepository onFaultyDisk() {
        return new H2AssessmentRepository(Database.open(dir, new FileKeyProvider(), FilePathDiskFull.PREFIX));
    }

    private static StoreException failsToSave(H2AssessmentRepository repo, UUID id, Answer a) {
        return assertThrows(StoreException.class, () -> repo.saveAnswer(id, a, a.questionId(), "1234"));
    }

    @Test
    void savingFailsWhileTheDiskIsFullAndSucceedsOnceSpaceIsFreedWithoutARestart() {
        try (H2AssessmentRepository repo = onFaultyDisk(); Database db = repo.database()) {
            UUID id = repo.createDraft(StoreFixtures.fullDetails(), "1234").id();
            repo.saveAnswer(id, Answer.choice("Q1", Choice.YES), "Q1", "1234");

            FilePathDiskFull.FULL.set(true);
            StoreException first = failsToSave(repo, id, Answer.choice("Q2", Choice.YES));
            assertTrue(FilePathDiskFull.REFUSED.get() > 0, "the fault must have reached H2's writes");
            assertFalse(first.restartNeeded(), "a full disk is not a reason to restart: " + first.getMessage());
            // Still full: every try (each reopens the file) says the same, and nothing is stopped for good.
            StoreException again = failsToSave(repo, id, Answer.choice("Q2", Choice.YES));
            assertTrue(again.getMessage().contains("disk is full"), again.getMessage());
            assertFalse(again.restartNeeded());

            FilePathDiskFull.FULL.set(false);
            repo.saveAnswer(id, Answer.choice("Q2", Choice.YES), "Q2", "1234");

            Assessment a = repo.find(id).orElseThrow();
            assertEquals(Choice.YES, a.content().answer("Q1").choice(), "saved before the disk filled");
            assertEquals(Choice.YES, a.content().answer("Q2").choice(), "saved after space was freed");
            db.checkpointSync();
        }
        // A normal open afterwards passes the save-point check and finds everything.
        try (H2AssessmentRepository repo = H2AssessmentRepository.open(dir, new FileKeyProvider())) {
            Assessment a = repo.drafts().stream().findFirst().flatMap(s -> repo.find(s.id())).orElseThrow();
            assertEquals(Choice.YES, a.content().answer("Q2").choice());
        }
    }

    @Test
    void theDiskFullMessageNamesTheFileAndSaysWhatToDo() {
        try (H2AssessmentRepository repo = onFaultyDisk()) {
            UUID id = repo.createDraft(StoreFixtures.fullDetails(), "1234").id();
            FilePathDiskFull.FULL.set(true);

            String m = failsToSave(repo, id, Answer.text("O1", StoreFixtures.SECRET_COMMENT)).getMessage();

            assertTrue(m.contains(file().toString()), m);
            assertTrue(m.contains("disk is full"), m);
            assertTrue(m.contains("Free some space on the drive that holds " + dir), m);
            assertTrue(m.contains("everything saved before is kept"), m);
            assertFalse(m.contains("Restart"), "the store must not tell the user to restart, which would lose what is on screen: " + m);
            assertFalse(m.contains(StoreFixtures.SECRET_COMMENT), "the message quotes no answer");
        }
    }

    @Test
    void closingWhileTheDiskIsFullKeepsWhatWasSavedAndTheFileOpensOnceSpaceIsFreed() {
        UUID id;
        try (H2AssessmentRepository repo = onFaultyDisk(); Database db = repo.database()) {
            id = repo.createDraft(StoreFixtures.fullDetails(), "1234").id();
            repo.saveAnswer(id, Answer.choice("Q1", Choice.YES), "Q1", "1234");
            FilePathDiskFull.FULL.set(true);
            failsToSave(repo, id, Answer.choice("Q2", Choice.NO));
        }
        FilePathDiskFull.FULL.set(false);
        try (H2AssessmentRepository repo = H2AssessmentRepository.open(dir, new FileKeyProvider())) {
            Assessment a = repo.find(id).orElseThrow();
            assertEquals(Choice.YES, a.content().answer("Q1").choice());
            assertEquals(null, a.content().answer("Q2"), "an answer the full disk refused is not there (it was only on screen)");
        }
    }

    /**
     * The reopen goes through the save-point check of decision 0111: a file that would open at an
     * older state than the last forced write is refused, left byte for byte as it was, and the
     * store stops for good rather than writing over it.
     */
    @Test
    void reopeningAfterAFullDiskStillRefusesAnOlderStateAndLeavesTheFileUntouched() throws Exception {
        Path older = elsewhere.resolve("older.mv.db");
        try (H2AssessmentRepository repo = onFaultyDisk(); Database db = repo.database()) {
            UUID id = repo.createDraft(StoreFixtures.fullDetails(), "1234").id();
            db.checkpointSync();
            Files.copy(file(), older);
            repo.saveAnswer(id, Answer.choice("Q1", Choice.YES), "Q1", "1234");
            db.checkpointSync();

            FilePathDiskFull.FULL.set(true);
            failsToSave(repo, id, Answer.choice("Q2", Choice.YES));
            // What H2 would find if the newest chunks were lost: an older, valid state.
            Files.copy(older, file(), StandardCopyOption.REPLACE_EXISTING);
            byte[] before = Files.readAllBytes(file());
            FilePathDiskFull.FULL.set(false);

            StoreException e = failsToSave(repo, id, Answer.choice("Q2", Choice.YES));

            assertTrue(e.getMessage().contains("older state"), e.getMessage());
            assertTrue(e.restartNeeded(), "a refused file is not retried: " + e.getMessage());
            assertArrayEquals(before, Files.readAllBytes(file()), "the refused file must be left exactly as it was");
            StoreException later = failsToSave(repo, id, Answer.choice("Q2", Choice.YES));
            assertTrue(later.restartNeeded());
            assertArrayEquals(before, Files.readAllBytes(file()));
        }
    }
}
