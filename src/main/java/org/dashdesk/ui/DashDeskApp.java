package org.dashdesk.ui;

import java.time.Clock;
import java.util.concurrent.Callable;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

import org.dashdesk.ui.common.AppServices;
import org.dashdesk.ui.common.Appearance;
import org.dashdesk.ui.common.FxTaskExecutor;
import org.dashdesk.ui.shell.ShellView;
import org.dashdesk.ui.shell.ShellViewModel;

/**
 * The desktop application. The window shows at once; the encrypted store opens on the background
 * thread meanwhile (decision 0020). The title is always "DASH Desk": it is visible in task bars
 * and screen shares, so it never carries a name.
 */
public class DashDeskApp extends Application {

    /** With -Ddashdesk.startupProbe=true the app prints FIRST_FRAME (and READY) and exits: the start-up benchmark. */
    public static final String PROBE = "dashdesk.startupProbe";

    private FxTaskExecutor executor;
    private ShellViewModel shell;

    @Override
    public void start(Stage stage) {
        long started = System.nanoTime();
        executor = new FxTaskExecutor();
        Appearance appearance = new Appearance();
        shell = new ShellViewModel(executor, Clock.systemDefaultZone(), appearance);
        Scene scene = new Scene(new ShellView(shell), 1180, 780);
        appearance.apply(scene);
        stage.setTitle("DASH Desk");
        stage.setMinWidth(800);
        stage.setMinHeight(560);
        stage.setScene(scene);
        stage.show();
        boolean probe = Boolean.getBoolean(PROBE);
        if (probe) {
            Platform.runLater(() -> System.out.println("FIRST_FRAME " + (System.nanoTime() - started) / 1_000_000));
            shell.servicesProperty().addListener((o, a, b) -> Platform.runLater(() -> {
                System.out.println("READY " + (System.nanoTime() - started) / 1_000_000);
                System.out.flush();
                Platform.exit();
            }));
            shell.errorProperty().addListener((o, a, b) -> Platform.runLater(Platform::exit));
        }
        Callable<AppServices> opener = StoreServices::openDefault;
        shell.start(opener);
    }

    @Override
    public void stop() {
        AppServices s = shell == null ? null : shell.servicesProperty().get();
        if (shell != null && shell.wizardProperty().get() != null) {
            shell.wizardProperty().get().commitPending();
        }
        if (executor != null) {
            executor.close();
        }
        if (s != null) {
            try {
                s.closer().close();
            } catch (Exception e) {
                // closing at exit: everything was committed as it was given
            }
        }
    }
}
