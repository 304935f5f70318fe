package org.dashdesk;

import java.util.Arrays;

import org.dashdesk.cli.Cli;

/**
 * Entry point of the jar. It deliberately does not extend {@code Application}: with JavaFX on the
 * class path a main class that does fails with "JavaFX runtime components are missing".
 * With no arguments it starts the desktop app; with a sub-command it runs headless.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || args[0].startsWith("--ui")) {
            org.dashdesk.logging.Logs.configure(org.dashdesk.config.AppConfig.load().dataDirectory());
            org.dashdesk.ui.DesktopMain.start(args);
            return;
        }
        int code = new Cli(System.in, System.out, System.err).run(Arrays.asList(args));
        System.exit(code);
    }
}
