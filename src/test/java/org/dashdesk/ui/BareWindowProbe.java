package org.dashdesk.ui;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/** The start-up floor: a bare JavaFX window with one label, printing FIRST_FRAME like the app does. */
public final class BareWindowProbe extends Application {

    public static void main(String[] args) {
        Application.launch(BareWindowProbe.class, args);
    }

    /** Plain entry point: a main class that extends Application fails on the class path. */
    public static final class Main {
        private Main() {
        }

        public static void main(String[] args) {
            BareWindowProbe.main(args);
        }
    }

    @Override
    public void start(Stage stage) {
        stage.setScene(new Scene(new StackPane(new Label("DASH Desk")), 1180, 780));
        stage.show();
        Platform.runLater(() -> {
            System.out.println("FIRST_FRAME");
            System.out.flush();
            Platform.exit();
        });
    }
}
