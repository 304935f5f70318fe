package org.dashdesk.ui;

import java.time.Duration;
import java.time.Instant;

import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.scene.Scene;
import javafx.stage.Window;

/**
 * Start-up probe for the installer build and CI: with {@code -Ddashdesk.startupProbe=true} the
 * app prints how long the process took to reach its first frame and exits. The installer build
 * uses one such run to record the class-data-sharing archive; CI uses it to prove the packaged
 * app starts. It watches the window list so the application class itself needs no change.
 */
public final class StartupProbe {

    public static final String PROPERTY = "dashdesk.startupProbe";
    /** Printed on standard output; scripts look for this prefix. */
    public static final String MARKER = "dashdesk.startupProbe firstFrameMillis=";

    private StartupProbe() {
    }

    /** Call before {@code Application.launch}; does nothing unless the probe property is set. */
    public static void installIfRequested() {
        if (!Boolean.getBoolean(PROPERTY)) {
            return;
        }
        Window.getWindows().addListener((ListChangeListener<Window>) change -> {
            while (change.next()) {
                for (Window window : change.getAddedSubList()) {
                    reportAfterFirstFrame(window);
                }
            }
        });
    }

    private static void reportAfterFirstFrame(Window window) {
        Scene scene = window.getScene();
        if (scene == null) {
            return;
        }
        // The first pulse after showing lays out and renders the scene; the second pulse only
        // starts once that frame has been handed to the renderer, so it marks "first frame".
        Runnable[] listener = new Runnable[1];
        int[] pulses = {0};
        listener[0] = () -> {
            pulses[0]++;
            if (pulses[0] == 1) {
                Platform.requestNextPulse();
                return;
            }
            scene.removePostLayoutPulseListener(listener[0]);
            report();
        };
        scene.addPostLayoutPulseListener(listener[0]);
        Platform.requestNextPulse();
    }

    private static void report() {
        long millis = ProcessHandle.current().info().startInstant()
                .map(start -> Duration.between(start, Instant.now()).toMillis())
                .orElse(-1L);
        System.out.println(MARKER + millis);
        System.out.flush();
        // System.exit rather than Platform.exit: the JVM must end even if other screens started
        // non-daemon work, and -XX:ArchiveClassesAtExit dumps the archive on this path too.
        System.exit(0);
    }
}
