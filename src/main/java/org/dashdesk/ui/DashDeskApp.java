package org.dashdesk.ui;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/** The desktop application. A placeholder window until the wizard lands. */
public class DashDeskApp extends Application {

    @Override
    public void start(Stage stage) {
        stage.setTitle("DASH Desk");
        stage.setScene(new Scene(new StackPane(new Label("DASH Desk")), 1024, 720));
        stage.show();
    }
}
