package org.dashdesk.ui.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.dashdesk.assessment.Assessment;
import org.dashdesk.assessment.AssessmentService;
import org.dashdesk.assessment.Channel;
import org.dashdesk.assessment.Officer;
import org.dashdesk.grading.Choice;
import org.dashdesk.grading.GradingEngine;
import org.dashdesk.grading.GradingPolicy;
import org.dashdesk.instrument.PackRegistry;
import org.dashdesk.ui.common.Appearance;
import org.dashdesk.ui.common.CurrentThreadTaskExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 11, item 1: keys act only where they are meant. Each test failed on the old wizard: Tab
 * from a question landed on its Yes button (where typed letters answered it), a click on Yes kept
 * focus on the question while a key moved on, and a changed answer looked like a first answer.
 * All data is synthetic.
 */
@ExtendWith(ApplicationExtension.class)
class AnswerKeysTest {

    private static final Officer USER = new Officer("4471", "PC Test Example");
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T02:14:05Z"), ZoneOffset.UTC);
    private final PackRegistry packs = PackRegistry.builtIn();
    private WizardViewModel vm;

    @Start
    void start(Stage stage) {
        InMemoryRepository repo = new InMemoryRepository();
        AssessmentService service = new AssessmentService(repo, new GradingEngine(packs, GradingPolicy.builtInDefault()),
                packs.require("dash-2009"), clock);
        Assessment a = service.startDraft(Channel.AT_SCENE, USER, null, USER.collarNumber());
        vm = new WizardViewModel(service, packs, new CurrentThreadTaskExecutor(), a, USER, USER.collarNumber(), clock);
        Scene scene = new Scene(new WizardView(vm, () -> { }, o -> { }), 1180, 760);
        new Appearance().apply(scene);
        stage.setScene(scene);
        stage.show();
    }

    @BeforeEach
    void firstQuestionPage(FxRobot robot) {
        robot.interact(vm::next);
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> row(robot, "Q1").requestFocus());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static QuestionRow row(FxRobot robot, String id) {
        return robot.lookup(".question-row").queryAllAs(QuestionRow.class).stream()
                .filter(r -> r.viewModel().id().equals(id)).findFirst().orElseThrow();
    }

    private static Node focusOwner(FxRobot robot) {
        return robot.targetWindow(robot.listTargetWindows().get(0)).lookup(".root").query().getScene().getFocusOwner();
    }

    private Choice choice(String id) {
        return vm.question(id).orElseThrow().choiceProperty().get();
    }

    @Test
    void tabFromTheAnswerGoesToCommentThenSourceThenTheNextQuestionAndTypingThereAnswersNothing(FxRobot robot) {
        QuestionRow q1 = row(robot, "Q1");
        robot.type(KeyCode.TAB);
        Node owner = focusOwner(robot);
        assertTrue(owner.getStyleClass().contains("question-comment"), "Tab from the answer goes to Comment, not to Yes: " + owner);
        assertTrue(isInside(owner, q1), "Q1's own comment");
        robot.write("they said yes, dad did");
        assertNull(choice("Q1"), "typing a comment answers nothing");
        assertNull(choice("Q2"));
        robot.type(KeyCode.TAB);
        owner = focusOwner(robot);
        assertTrue(owner.getStyleClass().contains("question-source") && isInside(owner, q1), "then Source: " + owner);
        robot.type(KeyCode.TAB);
        assertEquals(row(robot, "Q2"), focusOwner(robot), "then the next question");
        assertEquals("they said yes, dad did", vm.question("Q1").orElseThrow().commentProperty().get());
    }

    @Test
    void aClickOnYesMovesOnJustAsTheKeyDoes(FxRobot robot) {
        ToggleButton yes = row(robot, "Q1").lookupAll(".choice").stream().map(ToggleButton.class::cast)
                .filter(b -> b.getText().equals("Yes")).findFirst().orElseThrow();
        robot.clickOn(yes);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Choice.YES, choice("Q1"));
        assertEquals("Q2", vm.focusedQuestionProperty().get().id(), "the click moved on, like Y");
        robot.type(KeyCode.N);
        assertEquals(Choice.YES, choice("Q1"), "a key after a click answers the next question, not the one clicked");
        assertEquals(Choice.NO, choice("Q2"));
    }

    @Test
    void aChangedAnswerIsShownAndCtrlZPutsItBack(FxRobot robot) {
        robot.type(KeyCode.Y);
        assertEquals(Choice.YES, choice("Q1"));
        Label change = robot.lookup("#answer-change").queryAs(Label.class);
        assertTrue(!change.isVisible() || change.getText().isEmpty(), "a first answer is not a change");

        robot.type(KeyCode.UP);
        robot.type(KeyCode.N);
        assertEquals(Choice.NO, choice("Q1"));
        assertTrue(change.isVisible());
        assertTrue(change.getText().startsWith("Q1 changed: Yes → No"), change.getText());

        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Choice.YES, choice("Q1"), "Ctrl+Z undid the change");
        assertEquals("Q1", vm.focusedQuestionProperty().get().id());
    }

    private static boolean isInside(Node n, Node ancestor) {
        for (Node x = n; x != null; x = x.getParent()) {
            if (x == ancestor) {
                return true;
            }
        }
        return false;
    }
}
