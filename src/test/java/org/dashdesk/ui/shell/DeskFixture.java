package org.dashdesk.ui.shell;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.dashdesk.config.ConfigLocations;
import org.dashdesk.security.Role;
import org.dashdesk.security.SecurityPolicy;
import org.dashdesk.security.SessionManager;
import org.dashdesk.security.UserAccount;
import org.dashdesk.ui.StoreServices;
import org.dashdesk.ui.common.AppServices;
import org.dashdesk.ui.common.Appearance;
import org.dashdesk.ui.common.FxTaskExecutor;
import org.dashdesk.ui.common.MutableClock;
import org.dashdesk.ui.common.OnlineSignIn;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A real DASH Desk window over real settings files, a real keyring and a real encrypted H2 store
 * in a temporary directory, with the real background executor. {@link #restart()} throws the
 * window and store away and opens them again over the same files, as a killed and restarted app
 * would. The clock is moved by hand for the idle lock.
 */
final class DeskFixture {

    /** Fast key derivation for tests; everything else as in production (idle lock after 10 minutes). */
    static final SecurityPolicy POLICY = SecurityPolicy.defaults().withIterations(SecurityPolicy.MIN_ITERATIONS);
    static final String PASSWORD = "synthetic pass phrase 1";

    final Path dataDir;
    final Stage stage;
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T01:00:00Z"), ZoneId.of("Europe/London"));
    FxTaskExecutor executor;
    ShellViewModel shell;
    ShellView view;

    DeskFixture(Path dataDir, Stage stage) {
        this.dataDir = dataDir;
        this.stage = stage;
        current = stage;
    }

    ConfigLocations locations() {
        return new ConfigLocations(dataDir.resolve("it-settings-absent.properties"), dataDir);
    }

    /** As if the first-run setup had been completed, with these lines in the user's settings file. */
    DeskFixture configured(String... lines) throws Exception {
        Files.createDirectories(dataDir);
        Files.writeString(locations().userFile(), "# test settings\n" + String.join("\n", lines) + "\n");
        return this;
    }

    /** Enrols a user on the laptop without the UI (then signs out), as an earlier session would have. */
    DeskFixture enrolled(String username, String name, String collar, Role role) {
        SessionManager sessions = SessionManager.open(dataDir, POLICY, clock);
        sessions.enrolFirstUser(new UserAccount(username, name, collar, Set.of(role), "Team Synthetic"), PASSWORD.toCharArray());
        sessions.signOut();
        return this;
    }

    /**
     * A desk over a store seeded with {@code count} synthetic assessments (issue 17's seeder),
     * opened and signed in by keyboard as pc4471.
     */
    static DeskFixture seededAndSignedIn(Path dataDir, Stage stage, FxRobot robot, int count) throws Exception {
        DeskFixture desk = new DeskFixture(dataDir, stage).configured();
        SessionManager sessions = SessionManager.open(dataDir, POLICY, desk.clock);
        sessions.enrolFirstUser(new UserAccount("pc4471", "PC Test Example", "4471", Set.of(Role.OFFICER), "Team Synthetic"),
                PASSWORD.toCharArray());
        org.dashdesk.store.SyntheticStore.seed(dataDir, sessions.keyProvider(), count, desk.clock.instant());
        sessions.signOut();
        desk.open();
        desk.signIn(robot, "pc4471");
        return desk;
    }

    void open() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            executor = new FxTaskExecutor();
            Appearance appearance = new Appearance();
            shell = new ShellViewModel(executor, clock, appearance, new StoreServices(locations(), POLICY, clock, OnlineSignIn.OFFLINE),
                    Platform::runLater);
            view = new ShellView(shell);
            Scene scene = new Scene(view, 1180, 780);
            appearance.apply(scene);
            stage.setTitle("DASH Desk");
            stage.setScene(scene);
            stage.show();
            shell.start();
        }).get(10, TimeUnit.SECONDS);
        settle();
    }

    /** Signs in through the sign-in screen by keyboard. */
    void signIn(FxRobot robot, String username) throws Exception {
        settle();
        if (robot.lookup("#sign-in").tryQuery().isEmpty()) {
            throw new AssertionError("not on the sign-in screen but " + shell.screenProperty().get() + ": " + shell.errorProperty().get());
        }
        tabUntil(robot, id("sign-in-username"), "username");
        robot.write(username);
        robot.type(KeyCode.TAB).write(PASSWORD);
        robot.type(KeyCode.ENTER);
        settle();
        if (services() == null) {
            throw new AssertionError("store did not open: " + shell.signIn().messageProperty().get());
        }
    }

    /**
     * Puts the window at the top left of Monocle's 1280×800 headless screen and sizes it. A window
     * that reaches past the screen's edge (the default position is x = 50) overflows Monocle's
     * frame buffer on every frame, and the render thread's errors then land in later tests.
     */
    void sizeWindow(FxRobot robot, double width, double height) {
        robot.interact(() -> {
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(width);
            stage.setHeight(height);
        });
    }

    AppServices services() {
        return shell.servicesProperty().get();
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
        WaitForAsyncUtils.asyncFx(() -> view.dispose()).get(5, TimeUnit.SECONDS);
        executor.close();
        shell.shutdown();
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
