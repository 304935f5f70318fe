package org.dashdesk.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

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
 * With WRITE_DELAY=0 H2 does no background housekeeping, so every autosave commit leaves dead
 * space and the file grows while the store is open. Closing must give that space back, or a
 * laptop's store would grow by megabytes every shift.
 */
class FileGrowthTest {

    @Test
    void closingTheStoreGivesBackTheSpaceAutosaveUsed(@TempDir Path dir) throws Exception {
        PackRegistry packs = PackRegistry.builtIn();
        List<UUID> ids = new ArrayList<>();
        long openSize;
        try (H2AssessmentRepository repo = H2AssessmentRepository.open(dir, new FileKeyProvider())) {
            AssessmentService service = new AssessmentService(repo, new GradingEngine(packs, GradingPolicy.builtInDefault()),
                    packs.require("dash-2009"), Clock.systemUTC());
            for (int i = 0; i < 25; i++) {
                UUID id = service.startDraft(Channel.AT_SCENE, new Officer("1234", "PC Synthetic"), null, "1234").id();
                for (int q = 1; q <= 27; q++) {
                    repo.saveAnswer(id, Answer.choice("Q" + q, q % 3 == 0 ? Choice.YES : Choice.NO).withComment("synthetic " + q),
                            "Q" + q, "1234");
                }
                org.dashdesk.assessment.CompleteSheets.answerTheRestNo(repo, id, "1234");
                service.submit(id, "1234", null);
                ids.add(id);
            }
            openSize = Files.size(dir.resolve(Database.FILE_NAME));
        }
        long closedSize = Files.size(dir.resolve(Database.FILE_NAME));
        System.out.printf("FileGrowthTest: 25 assessments, %d commits: %.1f MB while open, %.1f MB after close%n",
                25 * 29, openSize / 1e6, closedSize / 1e6);
        assertTrue(closedSize * 8 < openSize, "closed " + closedSize + " bytes, open " + openSize + " bytes");
        try (H2AssessmentRepository repo = H2AssessmentRepository.open(dir, new FileKeyProvider())) {
            assertEquals(25, repo.submitted().size());
            for (UUID id : ids) {
                assertEquals(27, repo.find(id).orElseThrow().content().answers().size());
            }
        }
    }
}
