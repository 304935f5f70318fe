package org.dashdesk.ui.shell;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.dashdesk.ui.StoreServices;
import org.dashdesk.ui.common.AppServices;
import org.dashdesk.ui.common.Appearance;
import org.dashdesk.ui.common.FxTaskExecutor;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A real DASH Desk window over a real encrypted H2 store in a temporary directory, with the real
 * background executor. {@link #restart()} throws the window and store away and opens them again
 * over the same files, as a killed and restarted app would.
 */
final class DeskFixture {

    final Path dataDir;
    final Stage stage;
    FxTaskExecutor executor;
    ShellViewModel shell;
    AppServices services;

    DeskFixture(Path dataDir, Stage stage) {
        this.dataDir = dataDir;
        this.stage = stage;
        current = stage;
    }

    void open() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            executor = new FxTaskExecutor();
            Appearance appearance = new Appearance();
            shell = new ShellViewModel(executor, Clock.systemDefaultZone(), appearance);
            Scene scene = new Scene(new ShellView(shell), 1180, 780);
            appearance.apply(scene);
            stage.setTitle("DASH Desk");
            stage.setScene(scene);
            stage.show();
            shell.start(() -> StoreServices.open(dataDir));
        }).get(10, TimeUnit.SECONDS);
        settle();
        services = shell.servicesProperty().get();
        if (services == null) {
            throw new AssertionError("store did not open: " + shell.errorProperty().get());
        }
    }

    /** Waits until background saves have finished and the FX thread has handled their results. */
    void settle() throws Exception {
        for (int i = 0; i < 3; i++) {
            WaitForAsyncUtils.waitForFxEvents();
            WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> executor.isIdle());
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Drops everything without saving anything more, as if the process died, and opens again. */
    void restart() throws Exception {
        settle();
        close();
        open();
    }

    void close() throws Exception {
        executor.close();
        if (services != null) {
            services.closer().close();
        }
    }

    private static Stage current;

    static Node focusOwner(FxRobot robot) {
        return current.getScene().getFocusOwner();
    }

    /** Presses Tab until the focused node matches (keyboard only, but not tied to an exact count). */
    static void tabUntil(FxRobot robot, Predicate<Node> wanted, String what) {
        for (int i = 0; i < 60; i++) {
            WaitForAsyncUtils.waitForFxEvents();
            Node n = focusOwner(robot);
            if (n != null && wanted.test(n)) {
                return;
            }
            robot.type(KeyCode.TAB);
        }
        throw new AssertionError("Tab never reached " + what + "; focus is on " + focusOwner(robot));
    }

    static Predicate<Node> id(String id) {
        return n -> id.equals(n.getId());
    }
}
