package org.dashdesk.ui;

/** Plain main class: a main class that extends Application fails on the class path without modules. */
public final class ScreenshotTourMain {

    private ScreenshotTourMain() {
    }

    public static void main(String[] args) {
        ScreenshotTour.main(args);
    }
}
