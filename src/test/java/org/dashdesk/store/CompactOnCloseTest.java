package org.dashdesk.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.dashdesk.assessment.Answer;
import org.dashdesk.assessment.AssessmentService;
import org.dashdesk.assessment.Channel;
import org.dashdesk.assessment.Officer;
import org.dashdesk.grading.Choice;
import org.dashdesk.grading.GradingEngine;
import org.dashdesk.grading.GradingPolicy;
import org.dashdesk.instrument.PackRegistry;
import org.dashdesk.security.FileKeyProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store that is mostly dead chunks is compacted fully at close (SHUTDOWN COMPACT, decision
 * 0160): the new file is still encrypted, still owner-only, no temporary copy is left, the save
 * point still matches, and everything is there on the next open.
 */
class CompactOnCloseTest {

    @Test
    void aMostlyFreeFileIsRewrittenSmallEncryptedAndOwnerOnly(@TempDir Path dir) throws Exception {
        PackRegistry packs = PackRegistry.builtIn();
        List<UUID> ids = new ArrayList<>();
        Path file = dir.resolve(Database.FILE_NAME);
        long openSize;
        int fill;
        try (H2AssessmentRepository repo = H2AssessmentRepository.open(dir, new FileKeyProvider())) {
            AssessmentService service = new AssessmentService(repo, new GradingEngine(packs, GradingPolicy.builtInDefault()),
                    packs.require("dash-2009"), Clock.systemUTC());
            while (Files.size(file) < 2 * Database.COMPACT_FROM_BYTES) {
                UUID id = service.startDraft(Channel.AT_SCENE, new Officer("1234", "PC Synthetic"), null, "1234").id();
                for (int q = 1; q <= 27; q++) {
                    repo.saveAnswer(id, Answer.choice("Q" + q, q % 3 == 0 ? Choice.YES : Choice.NO).withComment("compact synthetic " + q),
                            "Q" + q, "1234");
                }
                org.dashdesk.assessment.CompleteSheets.answerTheRestNo(repo, id, "1234");
                service.submit(id, "1234", null);
                ids.add(id);
            }
            openSize = Files.size(file);
            fill = repo.database().inTransaction(Database::chunksFillRate);
        }
        long closedSize = Files.size(file);
        System.out.printf("CompactOnCloseTest: %d assessments, %.1f MB open (chunks %d%% live), %.2f MB after close%n", ids.size(),
                openSize / 1e6, fill, closedSize / 1e6);
        assertTrue(fill < Database.COMPACT_BELOW_FILL_PERCENT, "the test must reach the full-compaction path: fill " + fill);
        assertTrue(closedSize * 20 < openSize, "closed " + closedSize + " bytes, open " + openSize);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().contains("temp")), "no temporary copy left behind");
        }
        String raw = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        assertFalse(raw.contains("compact synthetic"), "the compacted file is still encrypted");
        assertFalse(raw.contains("PC Synthetic"), "the compacted file is still encrypted");
        try (H2AssessmentRepository repo = H2AssessmentRepository.open(dir, new FileKeyProvider())) {
            assertEquals(ids.size(), repo.submitted().size());
            for (UUID id : ids) {
                assertEquals(27, repo.find(id).orElseThrow().content().answers().size());
            }
        }
    }

    @Test
    void whileOpenAnIdleMostlyFreeStoreIsCompactedAndGoesOnWorking(@TempDir Path dir) throws Exception {
        PackRegistry packs = PackRegistry.builtIn();
        Path file = dir.resolve(Database.FILE_NAME);
        List<UUID> ids = new ArrayList<>();
        try (H2AssessmentRepository repo = H2AssessmentRepository.open(dir, new FileKeyProvider())) {
            AssessmentService service = new AssessmentService(repo, new GradingEngine(packs, GradingPolicy.builtInDefault()),
                    packs.require("dash-2009"), Clock.systemUTC());
            while (Files.size(file) < 2 * Database.COMPACT_FROM_BYTES) {
                UUID id = service.startDraft(Channel.AT_SCENE, new Officer("1234", "PC Synthetic"), null, "1234").id();
                for (int q = 1; q <= 27; q++) {
                    repo.saveAnswer(id, Answer.choice("Q" + q, Choice.NO), "Q" + q, "1234");
                }
                org.dashdesk.assessment.CompleteSheets.answerTheRestNo(repo, id, "1234");
                service.submit(id, "1234", null);
                ids.add(id);
            }
            long before = Files.size(file);
            Database db = repo.database();
            assertFalse(db.compactIfIdle(System.nanoTime()), "just used: not idle");
            assertTrue(db.compactIfIdle(System.nanoTime() + Database.IDLE_COMPACT_AFTER_NANOS + 1), "idle and mostly free");
            long after = Files.size(file);
            System.out.printf("CompactOnCloseTest: idle compaction while open %.1f MB → %.2f MB%n", before / 1e6, after / 1e6);
            assertTrue(after * 10 < before, before + " → " + after);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertFalse(db.compactIfMostlyFree(), "nothing left to give back");
            // The store goes on with its new connection: reads, writes and a submit.
            assertEquals(ids.size(), repo.submitted().size());
            UUID more = service.startDraft(Channel.AT_SCENE, new Officer("1234", "PC Synthetic"), null, "1234").id();
            repo.saveAnswer(more, Answer.choice("Q1", Choice.YES), "Q1", "1234");
            org.dashdesk.assessment.CompleteSheets.answerTheRestNo(repo, more, "1234");
            service.submit(more, "1234", null);
            ids.add(more);
        }
        try (H2AssessmentRepository repo = H2AssessmentRepository.open(dir, new FileKeyProvider())) {
            assertEquals(ids.size(), repo.submitted().size());
        }
    }
}
