package org.dashdesk.ui;

import java.time.Clock;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

import org.dashdesk.ui.common.Appearance;
import org.dashdesk.ui.common.FxTaskExecutor;
import org.dashdesk.ui.shell.ShellView;
import org.dashdesk.ui.shell.ShellViewModel;

/**
 * The desktop application. The window shows at once; settings and the keyring are read on the
 * background thread meanwhile, and the encrypted store opens there after sign-in (decisions 0020,
 * 0050). The title is always "DASH Desk": it is visible in task bars and screen shares, so it
 * never carries a name.
 */
public class DashDeskApp extends Application {

    /** With -Ddashdesk.startupProbe=true the app prints FIRST_FRAME (and READY) and exits: the start-up benchmark. */
    public static final String PROBE = "dashdesk.startupProbe";

    private FxTaskExecutor executor;
    private ShellViewModel shell;

    @Override
    public void start(Stage stage) {
        // Saved documents (the MARAC referral) open in the computer's viewer, which prints them.
        org.dashdesk.ui.common.DocumentOpener.use(getHostServices()::showDocument);
        long started = System.nanoTime();
        executor = new FxTaskExecutor();
        Appearance appearance = new Appearance();
        // Signs in online at the configured central server after the laptop's own sign-in (decision 0100).
        StoreServices backend = StoreServices.forThisMachine();
        // Night from the first frame: the laptop's last look, kept outside the encrypted store (decision 0152).
        appearance.bindToLaptop(new org.dashdesk.ui.common.AppearanceFile(backend.appearanceFile()));
        shell = new ShellViewModel(executor, Clock.systemDefaultZone(), appearance, backend, Platform::runLater);
        ShellView view = new ShellView(shell);
        // Sized to the screen it opens on, and maximised on a laptop-sized screen (1366×768 or smaller):
        // a fixed 1180×780 window lost its bottom rows, the status bar among them, on a 768-pixel screen.
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(view, Math.min(1180, screen.getWidth()), Math.min(780, screen.getHeight()));
        if (screen.getWidth() <= 1366 || screen.getHeight() <= 768) {
            stage.setMaximized(true);
        }
        appearance.apply(scene);
        stage.setTitle("DASH Desk");
        stage.setMinWidth(800);
        stage.setMinHeight(560);
        stage.setScene(scene);
        view.guardClose(stage);
        stage.show();
        boolean probe = Boolean.getBoolean(PROBE);
        if (probe) {
            Platform.runLater(() -> System.out.println("FIRST_FRAME " + (System.nanoTime() - started) / 1_000_000));
            // READY: the first screen a person can use (setup, set up this laptop, or sign-in) is up.
            shell.screenProperty().addListener((o, a, b) -> {
                if (b != ShellViewModel.Screen.LOADING) {
                    Platform.runLater(() -> {
                        System.out.println("READY " + (System.nanoTime() - started) / 1_000_000);
                        System.out.flush();
                        Platform.exit();
                    });
                }
            });
        }
        shell.start();
    }

    @Override
    public void stop() {
        if (shell != null && shell.wizardProperty().get() != null) {
            shell.wizardProperty().get().commitPending();
        }
        if (executor != null) {
            executor.close();
        }
        if (shell != null) {
            shell.shutdown();
        }
    }
}
