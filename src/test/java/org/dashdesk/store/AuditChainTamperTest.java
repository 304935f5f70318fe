package org.dashdesk.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import org.dashdesk.assessment.Answer;
import org.dashdesk.assessment.AssessmentService;
import org.dashdesk.assessment.Channel;
import org.dashdesk.assessment.Officer;
import org.dashdesk.evidence.ChainVerifier;
import org.dashdesk.grading.Choice;
import org.dashdesk.grading.GradingEngine;
import org.dashdesk.grading.GradingPolicy;
import org.dashdesk.instrument.PackRegistry;
import org.dashdesk.security.FileKeyProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 on the laptop: edit, delete, reorder or insert audit rows directly with SQL (as
 * someone holding the store's key could) and {@code audit verify} finds every one. Each case
 * starts from the same honest trail of three assessments (drafts, answers, changes, submissions).
 */
class AuditChainTamperTest {

    @TempDir
    Path dir;

    private H2AssessmentRepository repo;
    private final List<UUID> assessments = new ArrayList<>();

    @BeforeEach
    void honestTrail() {
        repo = H2AssessmentRepository.open(dir, new FileKeyProvider());
        PackRegistry packs = PackRegistry.builtIn();
        AssessmentService service = new AssessmentService(repo, new GradingEngine(packs, GradingPolicy.builtInDefault()),
                packs.require("dash-2009"), Clock.systemUTC());
        for (int n = 0; n < 3; n++) {
            UUID id = service.startDraft(Channel.AT_SCENE, new Officer("1234", "PC Synthetic"), null, "1234").id();
            for (int i = 1; i <= 27; i++) {
                repo.saveAnswer(id, Answer.choice("Q" + i, i <= 5 + n ? Choice.YES : Choice.NO), "Q" + i, "1234");
            }
            repo.saveAnswer(id, Answer.choice("Q20", Choice.YES), "Q20", "1234");
            org.dashdesk.assessment.CompleteSheets.answerTheRestNo(repo, id, "1234");
            service.submit(id, "1234", null);
            assessments.add(id);
        }
        repo.recordView(assessments.get(0), "9001");
    }

    @AfterEach
    void close() {
        repo.close();
    }

    private long rows() {
        return repo.database().inTransaction(c -> {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM audit")) {
                r.next();
                return r.getLong(1);
            }
        });
    }

    private long seqOfRow(int index) {
        return repo.database().inTransaction(c -> {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT seq FROM audit ORDER BY seq LIMIT 1 OFFSET " + index)) {
                r.next();
                return r.getLong(1);
            }
        });
    }

    private void sql(String statement, Object... args) {
        repo.database().inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement(statement)) {
                for (int i = 0; i < args.length; i++) {
                    p.setObject(i + 1, args[i]);
                }
                p.executeUpdate();
            }
            return null;
        });
    }

    private void assertCaught(String what, Consumer<Long> tamper) {
        ChainVerifier.Result before = repo.verifyAudit();
        assertTrue(before.intact(), "the honest trail is intact: " + before.words());
        tamper.accept(seqOfRow((int) (rows() / 2)));
        ChainVerifier.Result after = repo.verifyAudit();
        assertFalse(after.intact(), what + " went unnoticed: " + after.words());
        assertTrue(after.words().startsWith("BROKEN at row "), after.words());
    }

    @Test
    void anHonestTrailIsIntactAndCountsEveryRow() {
        ChainVerifier.Result r = repo.verifyAudit();
        assertTrue(r.intact(), r.words());
        assertEquals(rows(), r.rows());
        assertTrue(r.rows() > 90, "drafts, 28 answers each, a change, submissions and a view: " + r.rows());
        assertEquals(r.rows() + " rows, intact", r.words());
    }

    @Test
    void anEditedDescriptionIsCaught() {
        assertCaught("an edited 'what'", seq -> sql("UPDATE audit SET what = 'changed Q5: Yes → No' WHERE seq = ?", seq));
    }

    @Test
    void anEditedActorOrTimeIsCaught() {
        assertCaught("an edited actor", seq -> sql("UPDATE audit SET actor = '9999' WHERE seq = ?", seq));
    }

    @Test
    void anEditedTimeIsCaught() {
        assertCaught("an edited time", seq -> sql("UPDATE audit SET at = DATEADD('HOUR', -3, at) WHERE seq = ?", seq));
    }

    @Test
    void anEditedRowWhoseHashWasRecomputedIsStillCaughtByTheNextRow() {
        // The editor recomputes the edited row's own hash; the next row still links to the old one.
        assertCaught("an edit with its own hash recomputed", seq -> repo.database().inTransaction(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT assessment_id, at, actor, assessment_prev, log_prev FROM audit WHERE seq = ?")) {
                q.setLong(1, seq);
                try (ResultSet r = q.executeQuery()) {
                    r.next();
                    String hash = org.dashdesk.evidence.AuditRow.hash(seq, r.getObject(1, UUID.class),
                            r.getObject(2, java.time.OffsetDateTime.class).toInstant(), r.getString(3), "", "viewed", r.getString(4),
                            r.getString(5));
                    try (PreparedStatement up = c.prepareStatement("UPDATE audit SET what = 'viewed', row_hash = ? WHERE seq = ?")) {
                        up.setString(1, hash);
                        up.setLong(2, seq);
                        up.executeUpdate();
                    }
                }
            }
            return null;
        }));
    }

    @Test
    void aDeletedRowIsCaught() {
        assertCaught("a deleted row", seq -> sql("DELETE FROM audit WHERE seq = ?", seq));
    }

    @Test
    void aDeletedFirstRowIsCaught() {
        assertCaught("the first row deleted", seq -> sql("DELETE FROM audit WHERE seq = (SELECT MIN(seq) FROM audit)"));
    }

    @Test
    void rowsCutFromTheEndAreCaught() {
        assertCaught("the last rows deleted", seq -> sql("DELETE FROM audit WHERE seq > ?", seq));
    }

    @Test
    void aWholeAssessmentsRowsDeletedAreCaught() {
        assertCaught("one assessment's rows deleted", seq -> sql("DELETE FROM audit WHERE assessment_id = ?", assessments.get(1)));
    }

    @Test
    void twoRowsSwappedAreCaught() {
        assertCaught("two rows swapped", seq -> repo.database().inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE audit SET seq = -1 WHERE seq = " + seq);
                s.executeUpdate("UPDATE audit SET seq = " + seq + " WHERE seq = " + (seq + 1));
                s.executeUpdate("UPDATE audit SET seq = " + (seq + 1) + " WHERE seq = -1");
            }
            return null;
        }));
    }

    @Test
    void aRowSlippedInIsCaught() {
        // Copies a real row's links and hash under a new number in the middle (numbers shifted to make room).
        assertCaught("a row inserted", seq -> repo.database().inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE audit SET seq = seq + 1000000 WHERE seq > " + seq);
                s.executeUpdate("INSERT INTO audit (seq, assessment_id, at, actor, what, assessment_prev, log_prev, row_hash)"
                        + " SELECT seq + 1, assessment_id, at, actor, 'changed Q1: Yes → No', assessment_prev, log_prev, row_hash"
                        + " FROM audit WHERE seq = " + seq);
            }
            return null;
        }));
    }

    @Test
    void aRowAppendedWithoutAHashIsCaught() {
        assertCaught("a row appended by SQL", seq -> sql("INSERT INTO audit (seq, assessment_id, at, actor, what)"
                + " VALUES ((SELECT MAX(seq) + 1 FROM audit), ?, CURRENT_TIMESTAMP, '1234', 'viewed')", assessments.get(2)));
    }

    @Test
    void theChainSurvivesClosingAndReopening() {
        repo.close();
        repo = H2AssessmentRepository.open(dir, new FileKeyProvider());
        repo.recordView(assessments.get(2), "1234");
        ChainVerifier.Result r = repo.verifyAudit();
        assertTrue(r.intact(), r.words());
        assertEquals(rows(), r.rows());
    }
}
