package org.dashdesk.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.dashdesk.store.DataDirectories;

/**
 * Where the two settings files are. The IT file is machine-wide ({@code -Ddashdesk.config}
 * overrides it); the user's file sits in the default data directory, which stays put even when
 * the user moves the store elsewhere with {@code data.directory}: otherwise the next start could
 * not find the setting that says where the store went.
 *
 * @param itFile the machine-wide file IT deploys (it may not exist)
 * @param baseDataDirectory the default data directory, home of the user's file and the logs
 */
public record ConfigLocations(Path itFile, Path baseDataDirectory) {

    public static final String PROPERTY = "dashdesk.config";
    public static final String FILE_NAME = "dashdesk.properties";

    public Path userFile() {
        return baseDataDirectory.resolve(FILE_NAME);
    }

    /** The locations for this process: system properties, environment and operating system. */
    public static ConfigLocations forThisMachine() {
        return new ConfigLocations(itFile(System.getProperty(PROPERTY), System.getenv(), System.getProperty("os.name", "")),
                DataDirectories.resolve());
    }

    static Path itFile(String property, Map<String, String> env, String osName) {
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath();
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String programData = env.getOrDefault("PROGRAMDATA", "C:\\ProgramData");
            return Path.of(programData, "DashDesk", FILE_NAME);
        }
        if (os.startsWith("mac")) {
            return Path.of("/Library", "Application Support", "DashDesk", FILE_NAME);
        }
        return Path.of("/etc", "dashdesk", FILE_NAME);
    }
}
