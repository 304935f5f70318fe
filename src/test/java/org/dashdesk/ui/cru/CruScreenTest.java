package org.dashdesk.ui.cru;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javafx.scene.Scene;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.dashdesk.history.HistoryRequests;
import org.dashdesk.review.ActionState;
import org.dashdesk.review.SafetyAction;
import org.dashdesk.ui.common.Appearance;
import org.dashdesk.ui.common.FxTaskExecutor;
import org.dashdesk.ui.common.UserProfile.Role;
import org.dashdesk.ui.review.FakeReviewGateway;
import org.dashdesk.ui.review.ReviewFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The real CRU screen, headless: open a case, add a safety-plan action, mark it done. Synthetic data. */
@ExtendWith(ApplicationExtension.class)
class CruScreenTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    private final FakeReviewGateway server = new FakeReviewGateway("3003", Role.CRU, "pw", CLOCK);
    private final FxTaskExecutor executor = new FxTaskExecutor();

    private static final UUID EARLIER = UUID.fromString("01900000-0000-7000-8000-000000000001");
    private static final UUID COUSIN = UUID.fromString("01900000-0000-7000-8000-000000000002");

    @Start
    void start(Stage stage) {
        org.dashdesk.assessment.Revision r = ReviewFixtures.revision("KNT-0100", "Medway", "4471", 16, true);
        server.add(r, 10, false);
        server.historyFlags.put(r.assessmentId(), "History found after submission: repeat MARAC criterion met — level would be High");
        server.otherForVictim.put(r.assessmentId(), 2);
        server.suggestions.put(r.assessmentId(), List.of(
                new HistoryRequests.Link(EARLIER, LocalDate.of(2026, 3, 22), "HIGH", "Medway", true, "name_and_date_of_birth", "suggested", null),
                new HistoryRequests.Link(COUSIN, LocalDate.of(2026, 2, 10), "STANDARD", "Dover", false, "similar_name_and_birth_year",
                        "suggested", null)));
        CruScreen screen = new CruScreen(new CruViewModel(server, "3003", executor, ReviewFixtures.PACKS, CLOCK), null);
        Scene scene = new Scene(screen, 1180, 760);
        new Appearance().apply(scene);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void tearDown() {
        executor.close();
    }

    private void settle() throws Exception {
        for (int i = 0; i < 3; i++) {
            WaitForAsyncUtils.waitForFxEvents();
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, executor::isIdle);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void cruAddsAnActionAndMarksItDone(FxRobot robot) throws Exception {
        settle();
        robot.type(KeyCode.ENTER);
        settle();
        TabPane tabs = robot.lookup("#review-tabs").queryAs(TabPane.class);
        robot.interact(() -> tabs.getSelectionModel().select(tabs.getTabs().stream()
                .filter(t -> "tab-safety-plan".equals(t.getId())).findFirst().orElseThrow()));
        settle();
        robot.clickOn("#action-description").write("Fit a panic alarm at the victim's address");
        robot.clickOn("#action-owner").write("5120");
        robot.clickOn("#action-due").write("30/11/2026");
        robot.clickOn("#add-action");
        settle();
        @SuppressWarnings("unchecked")
        TableView<SafetyAction> table = robot.lookup("#actions-table").queryAs(TableView.class);
        assertEquals(1, table.getItems().size(), "the action is listed");
        assertEquals("5120", table.getItems().get(0).ownerCollar());
        assertEquals(java.time.LocalDate.of(2026, 11, 30), table.getItems().get(0).due());
        robot.interact(() -> table.getSelectionModel().select(0));
        robot.clickOn("#mark-done");
        settle();
        assertTrue(robot.lookup(".field-error").queryAllAs(javafx.scene.control.Label.class).stream()
                .anyMatch(l -> l.isVisible() && "Write a note saying what was done.".equals(l.getText())));
        robot.clickOn("#action-note").write("Alarm fitted 23/11 by the crime prevention officer");
        robot.clickOn("#mark-done");
        settle();
        SafetyAction done = table.getItems().get(0);
        assertEquals(ActionState.DONE, done.state());
        assertEquals("Alarm fitted 23/11 by the crime prevention officer", done.note());
        assertEquals(ActionState.DONE, server.actions(done.assessmentId()).get(0).state(), "recorded on the server");
    }

    @Test
    void cruMarksACaseReviewedWithANoteAndItLeavesTheQueue(FxRobot robot) throws Exception {
        settle();
        robot.type(KeyCode.ENTER);
        settle();
        robot.clickOn("#mark-reviewed");
        settle();
        robot.clickOn("#send-reviewed");
        settle();
        assertTrue(robot.lookup(".field-error").queryAllAs(javafx.scene.control.Label.class).stream()
                .anyMatch(l -> l.isVisible() && l.getText() != null && l.getText().startsWith("Write a note first")));
        robot.clickOn("#review-note").write("Alarm requested; referred to MARAC");
        robot.clickOn("#send-reviewed");
        settle();
        javafx.scene.control.Label message = robot.lookup("#queue-message").queryAs(javafx.scene.control.Label.class);
        assertTrue(message.isVisible() && message.getText().startsWith("Marked KNT-0100 (revision 1) reviewed."), message.getText());
        @SuppressWarnings("unchecked")
        TableView<org.dashdesk.review.QueueItem> queue = robot.lookup("#queue-table").queryAs(TableView.class);
        assertTrue(queue.getItems().isEmpty(), "the reviewed case has left the CRU queue");
    }

    @Test
    void theQueueShowsTheHistoryFlagAndCruConfirmsAndRejectsLinksByKeyboard(FxRobot robot) throws Exception {
        settle();
        @SuppressWarnings("unchecked")
        TableView<org.dashdesk.review.QueueItem> queue = robot.lookup("#queue-table").queryAs(TableView.class);
        var history = queue.getColumns().stream().filter(c -> "History".equals(c.getText())).findFirst().orElseThrow();
        assertEquals("Flag · Repeat 2", history.getCellData(0));
        javafx.scene.control.Label flag = robot.lookup("#queue-history-flag").queryAs(javafx.scene.control.Label.class);
        assertTrue(flag.isVisible() && flag.getText().startsWith("KNT-0100: History found after submission: repeat MARAC criterion met — level would be High;"
                + " repeat victim: 2 other DASH. The officer's grading is unchanged"),
                flag.getText());
        robot.type(KeyCode.ENTER);
        settle();
        javafx.scene.control.Label beside = robot.lookup("#review-history-flag").queryAs(javafx.scene.control.Label.class);
        assertTrue(beside.isVisible() && beside.getText().endsWith("act on it, then mark the case reviewed saying what was done."),
                beside.getText());
        TabPane tabs = robot.lookup("#review-tabs").queryAs(TabPane.class);
        robot.interact(() -> tabs.getSelectionModel().select(tabs.getTabs().stream()
                .filter(t -> "tab-victim-links".equals(t.getId())).findFirst().orElseThrow()));
        settle();
        @SuppressWarnings("unchecked")
        TableView<HistoryRequests.Link> links = robot.lookup("#links-table").queryAs(TableView.class);
        assertEquals(2, links.getItems().size());
        robot.clickOn(robot.lookup("#links-table .table-row-cell").nth(0).queryAs(javafx.scene.Node.class));
        robot.clickOn("#confirm-link");
        settle();
        javafx.scene.control.Label error = robot.lookup("#links-error").queryAs(javafx.scene.control.Label.class);
        assertTrue(error.isVisible() && error.getText().startsWith("Say why"), error.getText());
        robot.clickOn("#link-note").write("Same date of birth and address");
        // Keyboard: Tab from the note to the confirm button, Enter fires it.
        robot.type(KeyCode.TAB);
        robot.type(KeyCode.ENTER);
        settle();
        assertEquals("Same victim (cru1)", VictimLinksViewModel.state(links.getItems().get(0)));
        javafx.scene.control.Label message = robot.lookup("#links-message").queryAs(javafx.scene.control.Label.class);
        assertTrue(message.isVisible() && message.getText().contains("22/03/2026 is linked as the same victim"), message.getText());
        robot.interact(() -> links.getSelectionModel().select(1));
        robot.clickOn("#link-note").write("Different date of birth: a cousin");
        robot.clickOn("#reject-link");
        settle();
        assertEquals("Not the same (cru1)", VictimLinksViewModel.state(links.getItems().get(1)));
    }
}
