package org.dashdesk.ui.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.scene.Scene;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleGroup;
import javafx.stage.Stage;

import org.dashdesk.assessment.Assessment;
import org.dashdesk.assessment.AssessmentService;
import org.dashdesk.assessment.Channel;
import org.dashdesk.assessment.Officer;
import org.dashdesk.grading.Choice;
import org.dashdesk.grading.GradingEngine;
import org.dashdesk.grading.GradingPolicy;
import org.dashdesk.grading.RiskLevel;
import org.dashdesk.instrument.PackRegistry;
import org.dashdesk.ui.common.Appearance;
import org.dashdesk.ui.common.CurrentThreadTaskExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The wizard screen alone, headless, over the in-memory repository. All data is synthetic. */
@ExtendWith(ApplicationExtension.class)
class WizardViewTest {

    private static final Officer USER = new Officer("4471", "PC Test Example");
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T02:14:05Z"), ZoneOffset.UTC);
    private final PackRegistry packs = PackRegistry.builtIn();
    private WizardViewModel vm;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
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

    private void answerYes(FxRobot robot, int from, int to) {
        robot.interact(() -> {
            for (int n = from; n <= to; n++) {
                vm.question("Q" + n).orElseThrow().choiceProperty().set(Choice.YES);
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static RadioButton radio(FxRobot robot, String id) {
        return robot.lookup("#" + id).queryAs(RadioButton.class);
    }

    @Test
    void theJudgementButtonsFollowTheViewModelWhenTheComputedLevelChanges(FxRobot robot) {
        robot.interact(() -> vm.goTo(vm.visiblePages().stream().filter(p -> p.kind() == Page.Kind.GRADING).findFirst().orElseThrow()));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(radio(robot, "judgement-agree").isSelected(), "no judgement yet: agree");

        robot.clickOn("#judgement-raise-high");
        robot.clickOn("#judgement-rationale").write("Victim's own perception of risk is very high");
        robot.interact(vm::commitPending);
        assertEquals(RiskLevel.HIGH, vm.judgementLevelProperty().get());

        // The checklist now gives medium: the options are rebuilt, and the visible "Raise to High" is the one selected.
        answerYes(robot, 1, 10);
        assertEquals("grading", vm.currentPageProperty().get().id(), "pages added by Q4 and Q8 leave the officer where they are");
        assertEquals(RiskLevel.MEDIUM, vm.gradingProperty().get().computedLevel());
        RadioButton high = radio(robot, "judgement-raise-high");
        assertTrue(high.isSelected(), "the shown button matches the judgement");
        assertFalse(radio(robot, "judgement-agree").isSelected());
        ToggleGroup group = high.getToggleGroup();
        Set<Node> shown = robot.lookup(".radio-button").queryAll().stream().filter(n -> n.getScene() != null).collect(Collectors.toSet());
        assertEquals(shown, Set.copyOf(group.getToggles().stream().map(t -> (Node) t).toList()),
                "only the buttons on screen are in the group");
        assertEquals("Victim's own perception of risk is very high", robot.lookup("#judgement-rationale").queryAs(TextArea.class).getText());

        // Changed in the view model (e.g. a reopened draft), the buttons follow.
        robot.interact(() -> vm.judgementLevelProperty().set(null));
        assertTrue(radio(robot, "judgement-agree").isSelected());
        robot.interact(() -> vm.judgementLevelProperty().set(RiskLevel.HIGH));
        assertTrue(radio(robot, "judgement-raise-high").isSelected());

        // The checklist reaches high by itself: the judgement raises nothing now. The view does not
        // quietly choose "agree" for the officer, which would throw away the written reasons.
        answerYes(robot, 11, 14);
        assertEquals(RiskLevel.HIGH, vm.gradingProperty().get().computedLevel());
        assertEquals(RiskLevel.HIGH, vm.judgementLevelProperty().get());
        assertEquals("Victim's own perception of risk is very high", vm.judgementRationaleProperty().get());
        assertFalse(radio(robot, "judgement-agree").isSelected());
        assertNotNull(vm.judgementErrorProperty().get(), "the error says what to do");

        // The officer's own click on "agree" clears it.
        robot.clickOn("#judgement-agree");
        assertNull(vm.judgementLevelProperty().get());
        assertNull(vm.judgementErrorProperty().get());
    }

    @Test
    void theSidePanelAndTheReviewSpeakInWords(FxRobot robot) {
        assertEquals("Yes answers of 27", robot.lookup("#yes-caption").queryAs(Label.class).getText(), "the policy's count");
        answerYes(robot, 1, 14);
        assertEquals("Criteria met: 14+ yes answers (visible high risk)", robot.lookup("#criteria").queryAs(Label.class).getText());
        robot.interact(() -> vm.goTo(vm.visiblePages().get(vm.visiblePages().size() - 1)));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("review", vm.currentPageProperty().get().id());
        List<String> groups = robot.lookup(".review-group").queryAll().stream().map(n -> ((Label) n).getText()).toList();
        assertTrue(groups.contains("Must be fixed before submitting") && groups.contains("Incident and people")
                && groups.contains("Officer's section"), groups::toString);
        List<String> links = robot.lookup(".hyperlink").queryAll().stream().map(n -> ((Hyperlink) n).getText()).toList();
        assertEquals(1, links.stream().filter(t -> t.contains("S-DASH") || t.matches("S\\d+:.*")).count(),
                () -> "S-DASH (offered by Q8 Yes, untouched) is one line: " + links);
        String q15 = "Must be fixed: Q15: " + vm.question("Q15").orElseThrow().displayTextProperty().get()
                + " — not answered: answer it, or mark it not asked with the reason.";
        Hyperlink link = robot.lookup((Node n) -> n instanceof Hyperlink h && q15.equals(h.getText())).queryAs(Hyperlink.class);
        robot.interact(link::fire);
        assertEquals("dash-2009/domestic_violence_history", vm.currentPageProperty().get().id());
        assertEquals("Q15", vm.focusedQuestionProperty().get().id());
    }

    @Test
    void theUnansweredAreMarkedNotAskedFromTheReviewPageByKeyboardAndEachRowSaysSo(FxRobot robot) {
        robot.interact(() -> {
            for (int n = 1; n <= 13; n++) {
                vm.question("Q" + n).orElseThrow().choiceProperty().set(Choice.NO);
            }
            vm.goTo(vm.visiblePages().get(vm.visiblePages().size() - 1));
        });
        WaitForAsyncUtils.waitForFxEvents();
        Node box = robot.lookup("#not-asked-box").query();
        assertTrue(box.isVisible(), "14 unanswered: the box offers to mark them");
        assertTrue(robot.lookup("#submit").queryButton().isDisabled(), "submit stays disabled");
        robot.interact(() -> robot.lookup("#not-asked-reason").query().requestFocus());
        robot.type(KeyCode.DOWN);
        javafx.scene.control.ComboBox<?> reason = robot.lookup("#not-asked-reason").queryAs(javafx.scene.control.ComboBox.class);
        assertEquals("victim_declined", ((GradingPolicy.NotAskedReason) reason.getValue()).id(), "Down chooses the first reason");
        robot.type(KeyCode.TAB);
        assertTrue(robot.lookup("#mark-not-asked").query().isFocused(), "Tab goes on to the button");
        robot.type(KeyCode.SPACE);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, vm.submission().unansweredProperty().get());
        assertFalse(box.isVisible(), "nothing left to mark");
        assertEquals("victim_declined", vm.content().answer("Q27").notAsked());
        assertEquals("14 questions not asked", robot.lookup("#not-asked-count").queryLabeled().getText(), "beside the live grade");
        assertTrue(robot.lookup((Node n) -> n instanceof Hyperlink h && h.getText().startsWith("Must be fixed: 14 of 27 questions were not asked"))
                .tryQuery().isPresent(), "Standard now needs the officer's judgement");

        robot.interact(() -> vm.goTo(vm.visiblePages().stream().filter(p -> "dash-2009/abuser".equals(p.id())).findFirst().orElseThrow()));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup((Node n) -> n instanceof Label l && "Not asked: Victim declined to answer".equals(l.getText()) && l.isVisible())
                .tryQuery().isPresent(), "the question row says it was not asked, and why");
    }

    /** The counter a counted field shows at its right end (a ControlsFX CustomTextField's right node). */
    private static Label counterOf(FxRobot robot, String id) {
        var field = robot.lookup("#" + id).queryAs(org.controlsfx.control.textfield.CustomTextField.class);
        return (Label) field.getRight();
    }

    @Test
    void textFieldsCountTheirCharactersAndAPastedPageTurnsTheCountRedAndStopsSubmission(FxRobot robot) {
        robot.interact(() -> vm.goTo(vm.pageById("people")));
        Label counter = counterOf(robot, "victim-name");
        assertEquals("", counter.getText(), "no count while the field is empty and not in use");
        robot.clickOn("#victim-name").write("Synthetic");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("9 / 200", counter.getText(), "the count shows while typing");
        assertFalse(counter.getPseudoClassStates().contains(javafx.css.PseudoClass.getPseudoClass("over")));
        robot.interact(() -> robot.lookup("#victim-name").queryAs(javafx.scene.control.TextField.class).setText("V".repeat(5000)));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("5,000 / 200", counter.getText());
        assertTrue(counter.getPseudoClassStates().contains(javafx.css.PseudoClass.getPseudoClass("over")), "red past the limit");
        assertTrue(robot.lookup(".field-error").queryAllAs(Label.class).stream()
                .anyMatch(l -> l.isVisible() && "Victim's name: 5000 characters, at most 200.".equals(l.getText())), "the page says why");
        assertFalse(vm.canSubmitProperty().get(), "a pasted page is not submitted");
        assertEquals("V".repeat(5000), vm.details().victimNameProperty().get(), "nothing typed is cut or lost");

        // Tab on to the next field: the victim's count hides below four-fifths of the limit.
        robot.interact(() -> robot.lookup("#victim-name").queryAs(javafx.scene.control.TextField.class).setText("Synthetic"));
        robot.type(KeyCode.TAB);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("", counter.getText());
        assertEquals("0 / 200", counterOf(robot, "abuser-names").getText(), "the next field counts as it takes the keyboard");
    }
}
