package org.dashdesk.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.dashdesk.assessment.Answer;
import org.dashdesk.assessment.Assessment;
import org.dashdesk.assessment.AssessmentService;
import org.dashdesk.assessment.AssessmentState;
import org.dashdesk.assessment.Channel;
import org.dashdesk.assessment.IllegalTransitionException;
import org.dashdesk.assessment.LifecycleEvent;
import org.dashdesk.assessment.Officer;
import org.dashdesk.assessment.Revision;
import org.dashdesk.grading.Choice;
import org.dashdesk.grading.GradingEngine;
import org.dashdesk.grading.GradingPolicy;
import org.dashdesk.grading.RiskLevel;
import org.dashdesk.instrument.PackRegistry;
import org.dashdesk.security.FileKeyProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AssessmentService on the real encrypted store: grade, freeze, route, queue for sync. */
class SubmissionEndToEndTest {

    record OutboxRow(UUID revisionId, UUID assessmentId, long deviceSeq, int priority, String state, int attempts) {
    }

    @TempDir
    Path dir;

    private H2AssessmentRepository repo;
    private AssessmentService service;

    @BeforeEach
    void open() {
        repo = H2AssessmentRepository.open(dir, new FileKeyProvider());
        PackRegistry packs = PackRegistry.builtIn();
        service = new AssessmentService(repo, new GradingEngine(packs, GradingPolicy.builtInDefault()), packs.require("dash-2009"),
                Clock.systemUTC());
    }

    @AfterEach
    void close() {
        repo.close();
    }

    private UUID draftWithYes(int yes) {
        UUID id = service.startDraft(Channel.AT_SCENE, new Officer("1234", "PC Synthetic"), null, "1234").id();
        for (int i = 1; i <= 27; i++) {
            repo.saveAnswer(id, Answer.choice("Q" + i, i <= yes ? Choice.YES : Choice.NO), "Q" + i, "1234");
        }
        org.dashdesk.assessment.CompleteSheets.answerTheRestNo(repo, id, "1234");
        return id;
    }

    private List<OutboxRow> outbox() {
        return repo.database().inTransaction(c -> {
            List<OutboxRow> rows = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT revision_id, assessment_id, device_seq, priority, state, attempts"
                    + " FROM outbox ORDER BY device_seq"); ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    rows.add(new OutboxRow(r.getObject(1, UUID.class), r.getObject(2, UUID.class), r.getLong(3), r.getInt(4),
                            r.getString(5), r.getInt(6)));
                }
            }
            return rows;
        });
    }

    @Test
    void eachLevelIsRoutedAndQueuedWithItsPriority() {
        UUID standard = draftWithYes(3);
        UUID medium = draftWithYes(10);
        UUID high = draftWithYes(14);

        Revision rs = service.submit(standard, "1234", null);
        Revision rm = service.submit(medium, "1234", null);
        Revision rh = service.submit(high, "1234", null);

        assertEquals(RiskLevel.STANDARD, rs.grading().level());
        assertEquals(RiskLevel.MEDIUM, rm.grading().level());
        assertEquals(RiskLevel.HIGH, rh.grading().level());
        assertEquals(AssessmentState.AWAITING_SIGN_OFF, repo.find(standard).orElseThrow().state());
        assertEquals(AssessmentState.REFERRED, repo.find(medium).orElseThrow().state());
        assertEquals(AssessmentState.REFERRED, repo.find(high).orElseThrow().state());

        List<OutboxRow> out = outbox();
        assertEquals(List.of(new OutboxRow(rs.revisionId(), standard, 1, 2, "waiting", 0), new OutboxRow(rm.revisionId(), medium, 2, 1, "waiting", 0),
                new OutboxRow(rh.revisionId(), high, 3, 0, "waiting", 0)), out);

        Revision stored = repo.revision(rh.revisionId()).orElseThrow();
        assertEquals(rh, stored);
        assertTrue(stored.verify());
        String hashColumn = repo.database().inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT content_hash FROM revision WHERE revision_id = ?")) {
                p.setObject(1, rh.revisionId());
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    return r.getString(1);
                }
            }
        });
        assertEquals(rh.contentHash(), hashColumn);
        assertTrue(repo.audit(high).stream().anyMatch(a -> a.what().equals("submitted revision 1, graded high, draft → referred")));
    }

    /**
     * Submitting must survive a power cut, not only a crash: the service's submit has to end in a
     * forced write, which is what raises the save point. Autosaves before it must not.
     */
    @Test
    void submitForcesTheStoreToDisk() {
        UUID id = draftWithYes(3);
        long beforeSubmit = new SavePoint(dir).read().orElse(0);

        service.submit(id, "1234", null);

        assertEquals(beforeSubmit + 1, new SavePoint(dir).read().orElse(0), "submit ran no CHECKPOINT SYNC");
        long inStore = repo.database().inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT setting_value FROM setting WHERE setting_key = ?")) {
                p.setString(1, Database.GENERATION_SETTING);
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    return Long.parseLong(r.getString(1));
                }
            }
        });
        assertEquals(beforeSubmit + 1, inStore, "the save point names the generation the store holds");
    }

    @Test
    void aReturnedAssessmentIsReopenedAndResubmittedAsRevisionTwoWithAReason() {
        UUID id = draftWithYes(3);
        Revision first = service.submit(id, "1234", null);
        assertThrows(IllegalTransitionException.class, () -> service.submit(id, "1234", null), "already submitted");

        repo.transition(id, LifecycleEvent.RETURN, "SUP1", "incomplete");
        Assessment draft = service.reopen(id, "1234");
        assertEquals(AssessmentState.DRAFT, draft.state());
        assertEquals(first.content(), draft.content());
        assertEquals(1, draft.revisionCount());
        assertEquals(first.revisionId(), draft.headRevisionId());

        repo.saveAnswer(id, Answer.choice("Q20", Choice.YES).withComment("added after return"), "Q20", "1234");
        assertThrows(IllegalArgumentException.class, () -> service.submit(id, "1234", " "), "a later revision needs a reason");
        Revision second = service.submit(id, "1234", "added Q20 after supervisor return");

        assertEquals(2, second.revisionNumber());
        assertEquals(first.revisionId(), second.baseRevisionId());
        assertEquals("added Q20 after supervisor return", second.reason());
        assertNull(first.reason());
        List<Revision> revisions = repo.revisions(id);
        assertEquals(List.of(first, second), revisions);
        revisions.forEach(r -> assertTrue(r.verify()));
        assertEquals(Choice.YES, second.content().answer("Q20").choice());
        assertEquals(Choice.NO, first.content().answer("Q20").choice(), "the first revision is immutable");
        assertEquals(2, outbox().size());
        assertEquals(second.revisionId(), repo.find(id).orElseThrow().headRevisionId());

        // Everything is still there after a restart.
        repo.close();
        repo = H2AssessmentRepository.open(dir, new FileKeyProvider());
        assertEquals(List.of(first, second), repo.revisions(id));
        assertEquals(AssessmentState.AWAITING_SIGN_OFF, repo.find(id).orElseThrow().state());
        assertEquals(2, outbox().size());
    }
}
