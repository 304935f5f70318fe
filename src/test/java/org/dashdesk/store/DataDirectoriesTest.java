package org.dashdesk.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class DataDirectoriesTest {

    private static final String HOME = Path.of("/home/pc").toAbsolutePath().toString();

    @Test
    void propertyBeatsEnvironmentBeatsPlatformDefault() {
        Path prop = Path.of("/tmp/prop").toAbsolutePath();
        Path env = Path.of("/tmp/env").toAbsolutePath();
        assertEquals(prop, DataDirectories.resolve(prop.toString(), Map.of("DASHDESK_DATA_DIR", env.toString()), "Linux", HOME));
        assertEquals(env, DataDirectories.resolve(null, Map.of("DASHDESK_DATA_DIR", env.toString()), "Linux", HOME));
        assertEquals(env, DataDirectories.resolve(" ", Map.of("DASHDESK_DATA_DIR", env.toString()), "Linux", HOME));
    }

    @Test
    void platformDefaults() {
        assertEquals(Path.of(HOME, ".local", "share", "dashdesk"), DataDirectories.resolve(null, Map.of(), "Linux", HOME));
        Path xdg = Path.of("/srv/xdg").toAbsolutePath();
        assertEquals(xdg.resolve("dashdesk"), DataDirectories.resolve(null, Map.of("XDG_DATA_HOME", xdg.toString()), "Linux", HOME));
        assertEquals(Path.of(HOME, ".local", "share", "dashdesk"),
                DataDirectories.resolve(null, Map.of("XDG_DATA_HOME", "relative/ignored"), "Linux", HOME));
        assertEquals(Path.of(HOME, "Library", "Application Support", "DashDesk"), DataDirectories.resolve(null, Map.of(), "Mac OS X", HOME));
        assertEquals(Path.of("C:\\Users\\pc\\AppData\\Local", "DashDesk"),
                DataDirectories.resolve(null, Map.of("LOCALAPPDATA", "C:\\Users\\pc\\AppData\\Local"), "Windows 11", HOME));
    }
}
