package org.dashdesk.ui.common;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Opens a saved document in the computer's own viewer, from which it is printed (issue 13: the
 * MARAC referral "can be printed"). The app gives it JavaFX's host services at start; until then,
 * and in tests, it only remembers what it was asked to open.
 */
public final class DocumentOpener {

    private static volatile Consumer<String> opener = uri -> { };
    private static volatile String lastOpened;

    private DocumentOpener() {
    }

    /** Set once by the application: {@code getHostServices()::showDocument}. */
    public static void use(Consumer<String> showDocument) {
        opener = Objects.requireNonNull(showDocument);
    }

    public static void open(Path file) {
        String uri = file.toAbsolutePath().toUri().toString();
        lastOpened = uri;
        opener.accept(uri);
    }

    /** The last document asked for (tests). */
    public static String lastOpened() {
        return lastOpened;
    }
}
