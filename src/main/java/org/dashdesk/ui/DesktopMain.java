package org.dashdesk.ui;

import javafx.application.Application;

/** Starts the JavaFX application; kept apart so the launcher never touches JavaFX for CLI runs. */
public final class DesktopMain {

    private DesktopMain() {
    }

    public static void start(String[] args) {
        Application.launch(DashDeskApp.class, args);
    }
}
