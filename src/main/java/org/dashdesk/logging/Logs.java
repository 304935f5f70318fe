package org.dashdesk.logging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.ConsoleHandler;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends java.util.logging to rotating files {@code logs/dashdesk-0.log … -4.log} (1 MB each) in
 * the data directory, and to the console, both through {@link SafeLogFormatter}. Called once at
 * start-up; a failure to open the file leaves console logging on and never stops the app.
 */
public final class Logs {

    public static final int FILE_LIMIT_BYTES = 1_000_000;
    public static final int FILE_COUNT = 5;
    public static final String PATTERN = "dashdesk-%g.log";

    private final Logger root;
    private final List<Handler> previous;
    private final FileHandler file;

    private Logs(Logger root, List<Handler> previous, FileHandler file) {
        this.root = root;
        this.previous = previous;
        this.file = file;
    }

    /** Configures the root logger to log into {@code dataDirectory/logs}. */
    public static Logs configure(Path dataDirectory) {
        return configure(dataDirectory, FILE_LIMIT_BYTES, FILE_COUNT);
    }

    static Logs configure(Path dataDirectory, int limitBytes, int count) {
        Logger root = Logger.getLogger("");
        List<Handler> previous = List.of(root.getHandlers());
        for (Handler handler : previous) {
            root.removeHandler(handler);
        }
        SafeLogFormatter formatter = new SafeLogFormatter();
        ConsoleHandler console = new ConsoleHandler();
        console.setFormatter(formatter);
        console.setLevel(Level.WARNING);
        root.addHandler(console);
        FileHandler file = null;
        try {
            Path directory = dataDirectory.resolve("logs");
            Files.createDirectories(directory);
            file = new FileHandler(directory.resolve(PATTERN).toString().replace("%", "%%").replace("%%g", "%g"),
                    limitBytes, count, true);
            file.setEncoding("UTF-8");
            file.setFormatter(formatter);
            file.setLevel(Level.INFO);
            root.addHandler(file);
        } catch (IOException | RuntimeException e) {
            Logger.getLogger(Logs.class.getName()).log(Level.WARNING, "log file cannot be opened, logging to the console only: {0}",
                    e.getClass());
        }
        root.setLevel(Level.INFO);
        return new Logs(root, previous, file);
    }

    /** The rotating file handler, or null when the file could not be opened. */
    public FileHandler fileHandler() {
        return file;
    }

    /** Closes the file and puts the previous handlers back (for tests). */
    public void restore() {
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
            handler.close();
        }
        previous.forEach(root::addHandler);
    }
}
