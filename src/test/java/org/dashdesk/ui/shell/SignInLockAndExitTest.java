package org.dashdesk.ui.shell;

import static org.dashdesk.ui.shell.DeskFixture.focusOwner;
import static org.dashdesk.ui.shell.DeskFixture.id;
import static org.dashdesk.ui.shell.DeskFixture.tabUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.DialogPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.dashdesk.assessment.Answer;
import org.dashdesk.assessment.Assessment;
import org.dashdesk.assessment.AssessmentContent;
import org.dashdesk.assessment.Channel;
import org.dashdesk.assessment.Incident;
import org.dashdesk.assessment.Officer;
import org.dashdesk.assessment.People;
import org.dashdesk.grading.Choice;
import org.dashdesk.security.Role;
import org.dashdesk.outbox.OutboxState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Sign-in refusals, the idle lock over a draft, and the exit warning with a real sync service. Synthetic data. */
@ExtendWith(ApplicationExtension.class)
class SignInLockAndExitTest {

    @TempDir
    Path dir;
    private Stage stage;
    private DeskFixture desk;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void tearDown() throws Exception {
        if (desk != null) {
            desk.close();
        }
    }

    @Test
    void aWrongPasswordIsRefusedInWordsAndTheRightOneOpensTheStore(FxRobot robot) throws Exception {
        desk = new DeskFixture(dir, stage).configured().enrolled("pc4471", "PC Test Example", "4471", Role.OFFICER);
        desk.open();
        tabUntil(robot, id("sign-in-username"), "username");
        robot.write("pc4471").type(KeyCode.TAB).write("not my password at all").type(KeyCode.ENTER);
        desk.settle();
        assertEquals("Unknown username or wrong password. Check both and try again.",
                robot.lookup("#sign-in-message").queryLabeled().getText());
        assertNull(desk.services(), "nothing opened");
        assertEquals("", robot.lookup("#sign-in-password").queryTextInputControl().getText(), "the typed password is not kept");
        desk.signIn(robot, "pc4471");
        assertTrue(robot.lookup("#status-bar").query().isVisible(), "the status bar shows once signed in");
        assertTrue(robot.lookup("#sync-status").queryLabeled().getText().startsWith("Nothing waiting to send · last successful sync never"),
                robot.lookup("#sync-status").queryLabeled().getText());
    }

    @Test
    void ctrlShiftNSwitchesNightAndLightOnTheSignInScreen(FxRobot robot) throws Exception {
        desk = new DeskFixture(dir, stage).configured().enrolled("pc4471", "PC Test Example", "4471", Role.OFFICER);
        desk.open();
        tabUntil(robot, id("sign-in-username"), "username");
        assertTrue(stage.getScene().getStylesheets().get(1).endsWith("/light.css"));
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.N).release(KeyCode.N, KeyCode.SHIFT, KeyCode.CONTROL);
        desk.settle();
        assertTrue(stage.getScene().getStylesheets().get(1).endsWith("/night.css"), "night before anyone signs in");
        assertEquals("", robot.lookup("#sign-in-username").queryTextInputControl().getText(), "the key typed nothing");
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.N).release(KeyCode.N, KeyCode.SHIFT, KeyCode.CONTROL);
        desk.settle();
        assertTrue(stage.getScene().getStylesheets().get(1).endsWith("/light.css"), "and back");
    }

    @Test
    void theIdleLockHidesEverythingAndUnlockingKeepsTheDraft(FxRobot robot) throws Exception {
        desk = new DeskFixture(dir, stage).configured().enrolled("pc4471", "PC Test Example", "4471", Role.OFFICER);
        desk.open();
        desk.signIn(robot, "pc4471");
        tabUntil(robot, id("new-at-scene"), "New assessment — at scene");
        robot.type(KeyCode.SPACE);
        desk.settle();
        var wizard = desk.shell.wizardProperty().get();
        tabUntil(robot, id("victim-name"), "victim name");
        robot.write("Sam Synthetic");

        desk.clock.advance(Duration.ofMinutes(9));
        WaitForAsyncUtils.asyncFx(desk.shell::checkIdle).get(5, TimeUnit.SECONDS);
        assertFalse(desk.shell.lockedProperty().get(), "not yet idle for the policy's 10 minutes");
        desk.clock.advance(Duration.ofMinutes(2));
        WaitForAsyncUtils.asyncFx(desk.shell::checkIdle).get(5, TimeUnit.SECONDS);
        desk.settle();
        assertTrue(desk.shell.lockedProperty().get());
        assertTrue(robot.lookup("#lock").query().isVisible());
        assertFalse(visibleText(robot, "Sam Synthetic"), "nothing of the assessment shows while locked");
        assertEquals("DASH Desk", stage.getTitle());
        assertEquals("Sam Synthetic", desk.services().service().repository().find(wizard.assessmentId()).orElseThrow()
                .content().people().victimName(), "locking saved what was typed");

        // Keys do not reach the screen underneath; the privacy key does not lift the lock.
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.H).release(KeyCode.H, KeyCode.SHIFT, KeyCode.CONTROL);
        assertEquals("unlock-password", focusOwner(robot).getId());
        robot.write("wrong password here").type(KeyCode.ENTER);
        desk.settle();
        assertTrue(desk.shell.lockedProperty().get());
        assertEquals("Wrong password. Too many wrong passwords lock the account.", robot.lookup("#unlock-message").queryLabeled().getText());
        robot.write(DeskFixture.PASSWORD).type(KeyCode.ENTER);
        desk.settle();
        assertFalse(desk.shell.lockedProperty().get());
        assertTrue(visibleText(robot, "Sam Synthetic"), "the draft is on screen as it was");
        assertEquals(wizard, desk.shell.wizardProperty().get(), "the same wizard, not a reload");
        desk.settle();
        assertEquals("victim-name", focusOwner(robot).getId(), "\"continue where you were\": the keyboard is back in the victim's name, not on Q1");
    }

    @Test
    void closingWithUnsentAssessmentsSaysSoPlainly(FxRobot robot) throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        desk = new DeskFixture(dir, stage).configured("central.endpoint = https://127.0.0.1:" + closedPort)
                .enrolled("pc4471", "PC Test Example", "4471", Role.OFFICER);
        desk.open();
        desk.signIn(robot, "pc4471");
        assertTrue(robot.lookup("#sync-status").queryLabeled().getText().contains("Not sending: No central server token yet"),
                robot.lookup("#sync-status").queryLabeled().getText());
        WaitForAsyncUtils.asyncFx(() -> desk.shell.useSyncToken("synthetic-token")).get(5, TimeUnit.SECONDS);
        desk.settle();
        var service = desk.services().service();
        for (int i = 0; i < 2; i++) {
            AssessmentContent content = AssessmentContent.start("dash-2009", service.mainPack().version(), Channel.AT_SCENE,
                            new Officer("4471", "PC Test Example"), null)
                    .withPeople(new People("Victim Synthetic", List.of("Abuser Synthetic"), List.of(), false))
                    .withIncident(new Incident(LocalDateTime.of(2026, 11, 20, 2, 10), "Home", "Maidstone", "INC-EXIT-" + i, 0, null))
                    .withAnswer(Answer.choice("Q1", Choice.YES));
            Assessment draft = service.repository().createDraft(org.dashdesk.assessment.CompleteSheets.restNo(content), "4471");
            service.submit(draft.id(), "4471", null);
        }
        // The real sync service tries the unreachable server; records stay waiting with the problem in words.
        // (Once one lane finds the server down the cycle stops, so not every record need carry an error.)
        WaitForAsyncUtils.asyncFx(desk.shell::syncNow).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> {
            var unsynced = desk.services().sync().snapshot().unsynced();
            return unsynced.size() == 2 && unsynced.stream().allMatch(r -> r.state() == OutboxState.WAITING)
                    && unsynced.stream().anyMatch(r -> r.lastError() != null);
        });
        WaitForAsyncUtils.asyncFx(desk.shell::refreshSync).get(5, TimeUnit.SECONDS);
        desk.settle();
        assertTrue(robot.lookup("#sync-status").queryLabeled().getText().startsWith("2 waiting to send"),
                robot.lookup("#sync-status").queryLabeled().getText());
        assertEquals(2, desk.shell.syncDetails().size());
        assertTrue(desk.shell.syncDetails().values().stream().allMatch(w -> w.startsWith("Waiting to send")),
                desk.shell.syncDetails().toString());
        assertTrue(desk.shell.syncDetails().values().stream().anyMatch(w -> w.startsWith("Waiting to send (last attempt: ")),
                "the last error is shown in words: " + desk.shell.syncDetails());

        CompletableFuture<Boolean> closed = new CompletableFuture<>();
        Platform.runLater(() -> closed.complete(desk.view.confirmExit(stage)));
        // The dialog pane exists before its window is shown and laid out: wait until its button can be
        // clicked, by the same test clickOn applies (visible and inside its scene's bounds, which are
        // zero until the dialog's window has been sized).
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#exit-warning").tryQuery().isPresent()
                && robot.lookup("Stay open").match(org.testfx.util.NodeQueryUtils.isVisible()).tryQuery().map(n -> n.getScene() != null
                        && n.getScene().getWindow() != null && n.getScene().getWindow().isShowing()).orElse(false));
        DialogPane dialog = robot.lookup("#exit-warning").queryAs(DialogPane.class);
        assertEquals("2 assessments have not reached the central server yet. They are safe on this laptop and will be sent next"
                + " time you are online.", dialog.getContentText());
        robot.clickOn("Stay open");
        assertFalse(closed.get(10, TimeUnit.SECONDS), "Stay open keeps the app open");
        assertTrue(stage.isShowing());
    }

    private static boolean visibleText(FxRobot robot, String text) {
        return robot.lookup(n -> n instanceof javafx.scene.control.TextInputControl t && text.equals(t.getText()) && showing(n))
                .tryQuery().isPresent();
    }

    private static boolean showing(Node n) {
        for (Node x = n; x != null; x = x.getParent()) {
            if (!x.isVisible()) {
                return false;
            }
        }
        return true;
    }

    @Test
    void aSignedInOfficerAddsAColleagueByKeyboardAndTheColleagueSignsIn(FxRobot robot) throws Exception {
        desk = new DeskFixture(dir, stage).configured().enrolled("pc4471", "PC Test Example", "4471", Role.OFFICER);
        desk.open();
        assertTrue(robot.lookup("#signin-new-here").queryLabeled().getText().contains("Add a person to this laptop"),
                "the sign-in screen says how a newcomer gets on");
        desk.signIn(robot, "pc4471");
        tabUntil(robot, id("open-settings"), "Settings");
        robot.type(KeyCode.SPACE);
        desk.settle();
        assertTrue(robot.lookup("#settings-people").queryAs(javafx.scene.layout.VBox.class).getChildren().stream()
                .anyMatch(n -> ((javafx.scene.control.Label) n).getText().contains("username pc4471")), "who can sign in here");
        tabUntil(robot, id("settings-add-person"), "Add a person");
        robot.type(KeyCode.SPACE);
        desk.settle();

        assertEquals("Add a person to this laptop", robot.lookup(".page-title").queryLabeled().getText());
        assertTrue(robot.lookup("#enrol-role-supervisor").query().isDisabled(), "an officer cannot give the supervisor role");
        tabUntil(robot, id("enrol-name"), "name");
        robot.write("PC Colleague Example");
        tabUntil(robot, id("enrol-username"), "username");
        robot.write("pc5502");
        tabUntil(robot, id("enrol-collar"), "collar");
        robot.write("5502");
        tabUntil(robot, id("enrol-role-officer"), "officer role");
        robot.type(KeyCode.SPACE);
        tabUntil(robot, id("enrol-password"), "password");
        robot.write("colleague synthetic phrase");
        tabUntil(robot, id("enrol-confirm"), "password again");
        robot.write("colleague synthetic phrase");
        robot.type(KeyCode.ENTER);
        desk.settle();

        assertEquals(ShellViewModel.Screen.SETTINGS, desk.shell.screenProperty().get(),
                () -> robot.lookup("#enrol-message").queryLabeled().getText());
        assertTrue(robot.lookup("#settings-people").queryAs(javafx.scene.layout.VBox.class).getChildren().stream()
                .anyMatch(n -> ((javafx.scene.control.Label) n).getText().equals("PC Colleague Example · Officer (username pc5502)")),
                "the list shows the colleague");

        robot.clickOn("#sign-out");
        desk.settle();
        tabUntil(robot, id("sign-in-username"), "username");
        robot.write("pc5502").type(KeyCode.TAB).write("colleague synthetic phrase").type(KeyCode.ENTER);
        desk.settle();
        assertEquals(ShellViewModel.Screen.HOME, desk.shell.screenProperty().get(),
                () -> robot.lookup("#sign-in-message").queryLabeled().getText());
        assertEquals("PC Colleague Example", desk.shell.userProperty().get().name());
    }
}
