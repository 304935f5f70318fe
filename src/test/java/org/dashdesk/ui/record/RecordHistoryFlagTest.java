package org.dashdesk.ui.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

import org.dashdesk.assessment.Assessment;
import org.dashdesk.assessment.AssessmentState;
import org.dashdesk.assessment.Revision;
import org.dashdesk.review.HistoryFlag;
import org.dashdesk.server.TestRevisions;
import org.dashdesk.ui.common.Appearance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The officer's record of a submitted assessment shows what the server's history check found
 * after submission (issue 12) for the revision it concerns, and nothing for an older revision's
 * flag. Synthetic data.
 */
@ExtendWith(ApplicationExtension.class)
class RecordHistoryFlagTest {

    private static final String MESSAGE = "History found after submission: repeat MARAC criterion met — level would be High";
    private final Revision revision = TestRevisions.first(UUID.randomUUID(), 2);
    private final Assessment assessment = new Assessment(revision.assessmentId(), AssessmentState.AWAITING_SIGN_OFF, revision.content(),
            revision.revisionId(), 1, revision.createdAt(), revision.createdAt(), null);

    private RecordViewModel vm(HistoryFlag flag) {
        return new RecordViewModel(assessment, revision, List.of(), TestRevisions.PACKS, "held centrally", () -> { }, () -> { })
                .withHistoryFlag(flag);
    }

    @Start
    void start(Stage stage) {
        Scene scene = new Scene(new RecordView(vm(new HistoryFlag(revision.assessmentId(), revision.revisionId(),
                Instant.parse("2026-11-23T09:00:00Z"), MESSAGE))), 1366, 768);
        new Appearance().apply(scene);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void theFlagOfThisRevisionIsShownAndAnOlderRevisionsIsNot(FxRobot robot) {
        Label flag = robot.lookup("#record-history-flag").queryAs(Label.class);
        assertTrue(flag.isVisible());
        assertEquals(MESSAGE + ". CRU and your supervisor have been told; your grading is unchanged until one of them acts.", flag.getText());
        assertNull(vm(new HistoryFlag(revision.assessmentId(), UUID.randomUUID(), Instant.parse("2026-11-23T09:00:00Z"), MESSAGE))
                .historyFlag(), "a flag about another revision is not this record's");
        assertNull(vm(null).historyFlag());
    }
}
