package org.dashdesk.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javafx.scene.Node;
import javafx.stage.Stage;

import org.dashdesk.security.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Memory that does not grow across sign-outs (issue 17): a session's home screen is gone once the
 * next one is up, and no scroll pane keeps a bitmap of its viewport (the renderer never handed
 * such bitmaps back when a screen was thrown away: 8 MB more per sign-in at 1366×768).
 */
@ExtendWith(ApplicationExtension.class)
class SignOutLeavesNothingBehindTest {

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
    void theLastSessionsHomeScreenIsCollectedAndNoViewportIsCached(FxRobot robot) throws Exception {
        desk = new DeskFixture(dir, stage).configured().enrolled("pc4471", "PC Test Example", "4471", Role.OFFICER);
        desk.open();
        assertNoCachedViewport(robot, "the sign-in screen");
        desk.signIn(robot, "pc4471");
        Node firstHome = robot.lookup("#home").query();
        assertNotNull(firstHome);
        assertNoCachedViewport(robot, "the home screen");
        WeakReference<Node> first = new WeakReference<>(firstHome);
        firstHome = null;

        for (int cycle = 0; cycle < 2; cycle++) {
            robot.interact(() -> desk.shell.signOut());
            desk.settle();
            assertEquals(ShellViewModel.Screen.SIGN_IN, desk.shell.screenProperty().get());
            desk.signIn(robot, "pc4471");
        }
        assertNotNull(robot.lookup("#home").query(), "signed in again");
        assertNoCachedViewport(robot, "the home screen after two sign-outs");

        for (int i = 0; i < 20 && first.get() != null; i++) {
            System.gc();
            WaitForAsyncUtils.sleep(100, TimeUnit.MILLISECONDS);
            WaitForAsyncUtils.waitForFxEvents();
        }
        assertNull(first.get(), "the first session's home screen (and all it showed) is no longer held by anything");
    }

    private static void assertNoCachedViewport(FxRobot robot, String where) {
        List<Node> viewports = robot.lookup(".viewport").queryAll().stream().toList();
        assertFalse(viewports.isEmpty(), where + " has scroll panes to look at");
        for (Node viewport : viewports) {
            assertFalse(viewport.isCache(), where + ": a viewport with a bitmap cache (" + viewport.getParent() + ")");
        }
        assertTrue(viewports.stream().allMatch(v -> v.getParent() instanceof javafx.scene.control.ScrollPane));
    }
}
