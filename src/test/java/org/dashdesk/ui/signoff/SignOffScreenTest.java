package org.dashdesk.ui.signoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.dashdesk.assessment.AssessmentState;
import org.dashdesk.assessment.Revision;
import org.dashdesk.review.QuestionComment;
import org.dashdesk.ui.common.Appearance;
import org.dashdesk.ui.common.FxTaskExecutor;
import org.dashdesk.ui.common.UserProfile.Role;
import org.dashdesk.ui.review.FakeReviewGateway;
import org.dashdesk.ui.review.QuestionRef;
import org.dashdesk.ui.review.ReviewFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The real sign-off screen, headless, with the real background executor over the in-memory server. Synthetic data. */
@ExtendWith(ApplicationExtension.class)
class SignOffScreenTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    private final FakeReviewGateway server = new FakeReviewGateway("2001", Role.SUPERVISOR, "correct horse", CLOCK);
    private final FxTaskExecutor executor = new FxTaskExecutor();
    private Revision oldest;
    private Revision other;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        oldest = ReviewFixtures.revision("KNT-0001", "Maidstone", "4472", 2, false);
        other = ReviewFixtures.revision("KNT-0002", "Medway", "4471", 3, false);
        server.add(other, 4, false);
        server.add(oldest, 80, true);
        Appearance appearance = new Appearance();
        Scene scene = new Scene(new SignOffScreen(server, "2001", executor, ReviewFixtures.PACKS, null), 1180, 760);
        appearance.apply(scene);
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

    private Node focus() {
        return stage.getScene().getFocusOwner();
    }

    /**
     * Focus moves after layout (a pulse), which a loaded machine may deliver after the background
     * work and queued events are done: wait for the focus the next keystroke needs (the
     * assertions after it stay exact).
     */
    private void awaitFocus(java.util.function.Predicate<Node> wanted) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> focus() != null && wanted.test(focus()));
        } catch (java.util.concurrent.TimeoutException e) {
            // Left to the exact assertion that follows, which names what has the focus instead.
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void supervisorApprovesTheOldestFromTheQueueByKeyboardOnly(FxRobot robot) throws Exception {
        settle();
        TableView<?> table = robot.lookup("#queue-table").queryAs(TableView.class);
        awaitFocus(n -> n == table);
        assertEquals(table, focus(), "the queue has the keyboard");
        assertEquals(0, table.getSelectionModel().getSelectedIndex(), "the oldest is selected");
        robot.type(KeyCode.ENTER);
        settle();
        assertNotNull(robot.lookup("#review").tryQuery().orElse(null), "the review opened");
        awaitFocus(n -> "approve".equals(n.getId()));
        assertEquals("approve", focus().getId(), "Approve is the first decision offered");
        robot.type(KeyCode.ENTER);
        settle();
        awaitFocus(n -> n instanceof PasswordField);
        assertInstanceOf(PasswordField.class, focus(), "the signature form asks for the password");
        robot.write("correct horse");
        robot.type(KeyCode.ENTER);
        settle();
        assertEquals(AssessmentState.SIGNED_OFF, server.state(oldest.assessmentId()));
        Label message = robot.lookup("#queue-message").queryAs(Label.class);
        assertTrue(message.isVisible() && message.getText().startsWith("Approved KNT-0001"), message.getText());
        assertEquals(1, table.getItems().size(), "only the other one is left");
        assertEquals(new String(new char[13]), new String(server.passwordArray), "the signature was zeroed after use");
    }

    @Test
    void supervisorReturnsWithACommentOnQ5(FxRobot robot) throws Exception {
        settle();
        awaitFocus(n -> n instanceof TableView);
        robot.type(KeyCode.DOWN);
        robot.type(KeyCode.ENTER);
        settle();
        robot.clickOn("#return");
        settle();
        robot.clickOn("#send-return");
        settle();
        assertTrue(robot.lookup(".field-error").queryAllAs(Label.class).stream()
                .anyMatch(l -> l.isVisible() && l.getText().startsWith("Add at least one comment")));
        @SuppressWarnings("unchecked")
        ComboBox<QuestionRef> question = robot.lookup("#comment-question").queryAs(ComboBox.class);
        robot.interact(() -> question.getSelectionModel().select(
                question.getItems().stream().filter(q -> "Q5".equals(q.questionId())).findFirst().orElseThrow()));
        robot.clickOn("#comment-text").write("Which neighbour? Record the source fully.");
        robot.clickOn("#add-comment");
        settle();
        assertEquals(1, robot.lookup("#comments").queryListView().getItems().size());
        robot.clickOn("#send-return");
        settle();
        assertEquals(AssessmentState.RETURNED, server.state(other.assessmentId()));
        assertEquals(java.util.List.of(new QuestionComment("Q5", "Which neighbour? Record the source fully.")),
                server.latest(other.assessmentId()).orElseThrow().comments());
        assertEquals("Returned KNT-0002 to 4471 with 1 comment.", robot.lookup("#queue-message").queryAs(Label.class).getText());
    }

    @Test
    void theReturnFormsQuestionListStaysInsideTheWindowAtLargeText(FxRobot robot) throws Exception {
        robot.interact(() -> {
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(1000);
            stage.getScene().getRoot().setStyle("-fx-font-size: 28px;");
        });
        settle();
        robot.type(KeyCode.ENTER);
        settle();
        robot.interact(() -> robot.lookup("#return").queryButton().fire());
        settle();
        ComboBox<QuestionRef> question = robot.lookup("#comment-question").queryAs(ComboBox.class);
        robot.interact(question::show);
        settle();
        javafx.stage.Window popup = javafx.stage.Window.getWindows().stream()
                .filter(w -> w instanceof javafx.stage.PopupWindow && w.isShowing() && w.getWidth() > 50).findFirst().orElseThrow();
        double windowRight = stage.getX() + stage.getWidth();
        assertTrue(popup.getX() + popup.getWidth() <= windowRight + 1,
                "the drop-down ends at " + (popup.getX() + popup.getWidth()) + ", the window at " + windowRight);
        robot.interact(question::hide);
    }
}
