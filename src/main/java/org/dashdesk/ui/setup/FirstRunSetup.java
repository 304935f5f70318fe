package org.dashdesk.ui.setup;

import java.time.Duration;
import java.util.Optional;

import javafx.scene.Scene;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

import org.dashdesk.config.AppConfig;
import org.dashdesk.config.EndpointCheck;
import org.dashdesk.ui.common.TaskExecutor;

/**
 * Entry points for the shell: whether the setup is due, and showing it as a modal window.
 * Wiring (in {@code DashDeskApp.start}, after the main window shows):
 * <pre>{@code
 * AppConfig config = AppConfig.load();
 * if (FirstRunSetup.needed(config)) {
 *     FirstRunSetup.showAndWait(stage, config, executor);
 * }
 * }</pre>
 */
public final class FirstRunSetup {

    private FirstRunSetup() {
    }

    /** Due until the user's settings file exists, unless IT locked every setting. */
    public static boolean needed(AppConfig config) {
        return SetupViewModel.isDue(config);
    }

    /** Shows the setup over {@code owner}; returns the saved settings, or empty if it was closed unsaved. */
    public static Optional<AppConfig> showAndWait(Window owner, AppConfig config, TaskExecutor executor) {
        SetupViewModel model = new SetupViewModel(config, executor, new EndpointCheck(Duration.ofSeconds(10)));
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle("DASH Desk setup");
        Scene scene = new Scene(new SetupView(model, stage::close));
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
        stage.showAndWait();
        return model.savedProperty().get() ? Optional.of(model.config()) : Optional.empty();
    }
}
