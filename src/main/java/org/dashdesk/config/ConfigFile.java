package org.dashdesk.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One parsed settings file: {@code key = value} lines, {@code #} comments, UTF-8. Values are taken
 * literally (no escapes), so Windows paths are written as they are. The IT file may also say
 * {@code locked = central.endpoint, central.certificate} to stop users changing those keys.
 * A line that cannot be understood is reported with file and line number and skipped; the rest of
 * the file still counts.
 */
final class ConfigFile {

    static final String LOCKED = "locked";

    private final Path path;
    private final boolean present;
    private final Map<ConfigKey, String> values;
    private final Set<ConfigKey> locked;

    private ConfigFile(Path path, boolean present, Map<ConfigKey, String> values, Set<ConfigKey> locked) {
        this.path = path;
        this.present = present;
        this.values = Collections.unmodifiableMap(values);
        this.locked = Collections.unmodifiableSet(locked);
    }

    static ConfigFile absent(Path path) {
        return new ConfigFile(path, false, new EnumMap<>(ConfigKey.class), EnumSet.noneOf(ConfigKey.class));
    }

    /** Reads {@code path}; problems are added to {@code problems}, never thrown. */
    static ConfigFile read(Path path, boolean mayLock, List<String> problems) {
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return absent(path);
        } catch (CharacterCodingException e) {
            problems.add(path + ": not UTF-8 text; the whole file is ignored");
            return absent(path);
        } catch (IOException e) {
            problems.add(path + ": cannot be read (" + e.getClass().getSimpleName() + "); the whole file is ignored");
            return absent(path);
        }
        Map<ConfigKey, String> values = new EnumMap<>(ConfigKey.class);
        Set<ConfigKey> locked = EnumSet.noneOf(ConfigKey.class);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            String where = path + " line " + (i + 1);
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1).strip();
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int equals = line.indexOf('=');
            if (equals < 0) {
                problems.add(where + ": expected 'key = value'; line ignored");
                continue;
            }
            String key = line.substring(0, equals).strip();
            String value = line.substring(equals + 1).strip();
            if (key.equals(LOCKED)) {
                if (!mayLock) {
                    problems.add(where + ": 'locked' only counts in the file IT deploys; line ignored");
                    continue;
                }
                for (String name : value.split(",")) {
                    String trimmed = name.strip();
                    if (trimmed.isEmpty()) {
                        continue;
                    }
                    ConfigKey.byKey(trimmed).ifPresentOrElse(locked::add,
                            () -> problems.add(where + ": cannot lock unknown key '" + trimmed + "' (known: " + ConfigKey.allKeys() + ")"));
                }
                continue;
            }
            var known = ConfigKey.byKey(key);
            if (known.isEmpty()) {
                problems.add(where + ": unknown key '" + key + "' (known: " + ConfigKey.allKeys() + ", " + LOCKED + "); line ignored");
                continue;
            }
            if (values.containsKey(known.get())) {
                problems.add(where + ": '" + key + "' given again; this later value is used");
            }
            String error = SettingRules.check(known.get(), value);
            if (error != null) {
                problems.add(where + ": " + key + " " + error + "; line ignored");
                continue;
            }
            if (!value.isEmpty()) {
                values.put(known.get(), value);
            }
        }
        return new ConfigFile(path, true, values, locked);
    }

    Path path() {
        return path;
    }

    boolean present() {
        return present;
    }

    Map<ConfigKey, String> values() {
        return values;
    }

    Set<ConfigKey> locked() {
        return locked;
    }
}
