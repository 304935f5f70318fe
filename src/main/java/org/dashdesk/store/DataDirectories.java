package org.dashdesk.store;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where DASH Desk keeps its data on this machine. The system property {@code dashdesk.data.dir}
 * wins, then the environment variable {@code DASHDESK_DATA_DIR}, then the platform's usual
 * per-user application-data folder.
 */
public final class DataDirectories {

    public static final String PROPERTY = "dashdesk.data.dir";
    public static final String ENVIRONMENT = "DASHDESK_DATA_DIR";

    private DataDirectories() {
    }

    /** The data directory for this process (not created here). */
    public static Path resolve() {
        return resolve(System.getProperty(PROPERTY), System.getenv(), System.getProperty("os.name", ""),
                System.getProperty("user.home", "."));
    }

    static Path resolve(String property, Map<String, String> env, String osName, String userHome) {
        if (present(property)) {
            return Path.of(property).toAbsolutePath();
        }
        if (present(env.get(ENVIRONMENT))) {
            return Path.of(env.get(ENVIRONMENT)).toAbsolutePath();
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String local = env.get("LOCALAPPDATA");
            Path base = present(local) ? Path.of(local) : Path.of(userHome, "AppData", "Local");
            return base.resolve("DashDesk");
        }
        if (os.startsWith("mac")) {
            return Path.of(userHome, "Library", "Application Support", "DashDesk");
        }
        String xdg = env.get("XDG_DATA_HOME");
        // XDG says a relative XDG_DATA_HOME is invalid and must be ignored.
        Path base = present(xdg) && Path.of(xdg).isAbsolute() ? Path.of(xdg) : Path.of(userHome, ".local", "share");
        return base.resolve("dashdesk");
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
