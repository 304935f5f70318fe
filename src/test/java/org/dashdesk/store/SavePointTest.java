package org.dashdesk.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.OptionalLong;
import java.util.UUID;

import org.dashdesk.assessment.Answer;
import org.dashdesk.assessment.StoreException;
import org.dashdesk.grading.Choice;
import org.dashdesk.security.FileKeyProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The save point catches a store that opens at an older state than one already forced to disk —
 * what H2 does, without an error, when the newest chunks are unreadable. An older copy of the file
 * put back in place is the deterministic stand-in for that here.
 */
class SavePointTest {

    @TempDir
    Path dir;

    @TempDir
    Path elsewhere;

    private Path file() {
        return dir.resolve(Database.FILE_NAME);
    }

    private UUID draftWithOneAnswer() {
        try (H2AssessmentRepository repo = H2AssessmentRepository.open(dir, new FileKeyProvider())) {
            UUID id = repo.createDraft(StoreFixtures.fullDetails(), "1234").id();
            repo.saveAnswer(id, Answer.choice("Q1", Choice.YES), "Q1", "1234");
            return id;
        }
    }

    @Test
    void closingRecordsAGenerationThatRisesWithEachForcedWrite() {
        draftWithOneAnswer();
        long afterFirstClose = new SavePoint(dir).read().orElseThrow();

        try (H2AssessmentRepository repo = H2AssessmentRepository.open(dir, new FileKeyProvider())) {
            repo.drafts();
        }

        assertTrue(afterFirstClose >= 1, "first close marks generation " + afterFirstClose);
        assertEquals(afterFirstClose + 1, new SavePoint(dir).read().orElseThrow());
        assertFalse(Files.exists(dir.resolve(SavePoint.FILE_NAME + ".tmp")), "no temporary file is left behind");
    }

    @Test
    void olderCopyOfTheFileIsRefusedUntouchedAndOpensOnceTheSavePointIsRemoved() throws IOException {
        draftWithOneAnswer();
        Path older = elsewhere.resolve("older.mv.db");
        Files.copy(file(), older);
        draftWithOneAnswer();
        Files.copy(older, file(), StandardCopyOption.REPLACE_EXISTING);
        byte[] before = Files.readAllBytes(file());

        StoreException e = assertThrows(StoreException.class, () -> Database.open(dir, new FileKeyProvider()));

        assertTrue(e.getMessage().contains(file().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("older state"), e.getMessage());
        assertTrue(e.getMessage().contains(dir.resolve(SavePoint.FILE_NAME).toString()), "says how to accept the older copy: " + e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file()), "the file must be left exactly as it was");

        Files.delete(dir.resolve(SavePoint.FILE_NAME));
        try (H2AssessmentRepository repo = H2AssessmentRepository.open(dir, new FileKeyProvider())) {
            assertEquals(1, repo.drafts().size(), "the older copy holds the first draft only");
        }
    }

    @Test
    void missingDatabaseWithASavePointIsNotReplacedByAnEmptyOne() throws IOException {
        draftWithOneAnswer();
        Files.move(file(), elsewhere.resolve("moved-away.mv.db"));

        StoreException e = assertThrows(StoreException.class, () -> Database.open(dir, new FileKeyProvider()));

        assertTrue(e.getMessage().contains("missing"), e.getMessage());
        assertFalse(Files.exists(file()), "no empty database may be created in its place");
    }

    @Test
    void storeFromBeforeSavePointsAndAnUnreadableMarkBothOpen() throws IOException {
        UUID id = draftWithOneAnswer();
        Files.delete(dir.resolve(SavePoint.FILE_NAME));
        try (H2AssessmentRepository repo = H2AssessmentRepository.open(dir, new FileKeyProvider())) {
            assertTrue(repo.find(id).isPresent());
        }

        Files.writeString(dir.resolve(SavePoint.FILE_NAME), "not a number");
        assertEquals(OptionalLong.empty(), new SavePoint(dir).read());
        try (H2AssessmentRepository repo = H2AssessmentRepository.open(dir, new FileKeyProvider())) {
            assertTrue(repo.find(id).isPresent());
        }
    }

    @Test
    void aForcedWriteMovesTheSavePointWhileTheStoreIsOpenButAnAutosaveDoesNot() {
        try (H2AssessmentRepository repo = H2AssessmentRepository.open(dir, new FileKeyProvider())) {
            long before = new SavePoint(dir).read().orElse(0);
            UUID id = repo.createDraft(StoreFixtures.fullDetails(), "1234").id();
            repo.saveAnswer(id, Answer.choice("Q1", Choice.YES), "Q1", "1234");
            assertEquals(before, new SavePoint(dir).read().orElse(0), "an autosave alone does not force the disk");

            // What submit and stored sync receipts call.
            repo.database().checkpointSync();

            assertEquals(before + 1, new SavePoint(dir).read().orElse(0));
        }
    }
}
