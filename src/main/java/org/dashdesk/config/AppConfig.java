package org.dashdesk.config;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.dashdesk.security.SecurityPolicy;

/**
 * The settings in force for this installation, merged from the IT file and the user's file.
 * A key IT locked takes IT's value (or stays unset) whatever the user's file says; otherwise the
 * user's value wins over IT's, which is then a default. Files with mistakes never stop the app:
 * bad lines are skipped and described in {@link #problems()}, naming file, line and key.
 */
public final class AppConfig {

    /** Where an effective value came from. */
    public enum Source { DEFAULT, IT, USER }

    /** One setting as the app sees it. {@code value} is null when not set. */
    public record Setting(ConfigKey key, String value, Source source, boolean locked) {
    }

    private final ConfigLocations locations;
    private final boolean userFilePresent;
    private final Map<ConfigKey, Setting> settings;
    private final List<String> problems;

    private AppConfig(ConfigLocations locations, boolean userFilePresent, Map<ConfigKey, Setting> settings, List<String> problems) {
        this.locations = locations;
        this.userFilePresent = userFilePresent;
        this.settings = Collections.unmodifiableMap(settings);
        this.problems = List.copyOf(problems);
    }

    /** Reads the settings of this machine and user. */
    public static AppConfig load() {
        return load(ConfigLocations.forThisMachine());
    }

    public static AppConfig load(ConfigLocations locations) {
        List<String> problems = new ArrayList<>();
        ConfigFile it = ConfigFile.read(locations.itFile(), true, problems);
        ConfigFile user = ConfigFile.read(locations.userFile(), false, problems);
        Map<ConfigKey, Setting> settings = new EnumMap<>(ConfigKey.class);
        for (ConfigKey key : ConfigKey.values()) {
            boolean locked = it.locked().contains(key);
            String itValue = it.values().get(key);
            String userValue = user.values().get(key);
            if (locked) {
                if (userValue != null) {
                    problems.add(user.path() + ": " + key.key() + " is locked by " + it.path() + "; the value here is ignored");
                }
                settings.put(key, new Setting(key, itValue, itValue == null ? Source.DEFAULT : Source.IT, true));
            } else if (userValue != null) {
                settings.put(key, new Setting(key, userValue, Source.USER, false));
            } else {
                settings.put(key, new Setting(key, itValue, itValue == null ? Source.DEFAULT : Source.IT, false));
            }
        }
        return new AppConfig(locations, user.present(), settings, problems);
    }

    public Setting setting(ConfigKey key) {
        return settings.get(key);
    }

    public Optional<String> value(ConfigKey key) {
        return Optional.ofNullable(settings.get(key).value());
    }

    public boolean isLocked(ConfigKey key) {
        return settings.get(key).locked();
    }

    public Optional<URI> centralEndpoint() {
        return value(ConfigKey.CENTRAL_ENDPOINT).map(URI::create);
    }

    public Optional<Path> trustedCertificate() {
        return value(ConfigKey.CENTRAL_CERTIFICATE).map(Path::of);
    }

    /** IT's pinned receipt key (Base64), when the file sets one. */
    public Optional<String> receiptKey() {
        return value(ConfigKey.CENTRAL_RECEIPT_KEY).map(String::strip);
    }

    /** Days before a held, finished case's personal content is purged from this laptop (default 7). */
    public int retentionDays() {
        return value(ConfigKey.RETENTION_DAYS).filter(v -> SettingRules.check(ConfigKey.RETENTION_DAYS, v) == null)
                .map(v -> Integer.parseInt(v.strip())).orElse(SettingRules.RETENTION_DAYS_DEFAULT);
    }

    /** The longest names and free text an assessment keeps (issue 11), as IT set them or the defaults. */
    public org.dashdesk.assessment.TextLimits textLimits() {
        return new org.dashdesk.assessment.TextLimits(
                wholeNumber(ConfigKey.LIMITS_NAME, org.dashdesk.assessment.TextLimits.NAME_DEFAULT),
                wholeNumber(ConfigKey.LIMITS_TEXT, org.dashdesk.assessment.TextLimits.TEXT_DEFAULT));
    }

    /** This force's collar-number format, as IT set it or the default. */
    public org.dashdesk.assessment.CollarNumbers collarNumbers() {
        return value(ConfigKey.COLLAR_PATTERN).filter(v -> SettingRules.check(ConfigKey.COLLAR_PATTERN, v) == null)
                .map(v -> new org.dashdesk.assessment.CollarNumbers(v.strip())).orElse(org.dashdesk.assessment.CollarNumbers.DEFAULT);
    }

    private int wholeNumber(ConfigKey key, int fallback) {
        return value(key).filter(v -> SettingRules.check(key, v) == null).map(v -> Integer.parseInt(v.strip())).orElse(fallback);
    }

    public Optional<Path> packDirectory() {
        return value(ConfigKey.PACK_DIRECTORY).map(Path::of);
    }

    /** Where the store lives: {@code data.directory} if set, else the default data directory. */
    public Path dataDirectory() {
        return value(ConfigKey.DATA_DIRECTORY).map(Path::of).orElse(locations.baseDataDirectory());
    }

    /** The default data directory: the user's settings file lives here (the store and the logs live in {@link #dataDirectory()}). */
    public Path baseDataDirectory() {
        return locations.baseDataDirectory();
    }

    public ConfigLocations locations() {
        return locations;
    }

    /** True once the user's file exists, i.e. the first-run setup was completed. */
    public boolean userFilePresent() {
        return userFilePresent;
    }

    /** True when IT locked every first-run setting: nothing is left for a user to set at first run. */
    public boolean everythingLocked() {
        return settings.values().stream().filter(s -> s.key().firstRun()).allMatch(Setting::locked);
    }

    /**
     * {@code base} with the idle lock and lockout numbers this installation sets
     * ({@code security.idle.minutes}, {@code security.lockout.failures},
     * {@code security.lockout.minutes}); a key not set, or set badly (reported in
     * {@link #problems()}), keeps {@code base}'s value.
     */
    public SecurityPolicy securityPolicy(SecurityPolicy base) {
        SecurityPolicy p = base;
        Optional<Integer> idle = number(ConfigKey.SECURITY_IDLE_MINUTES);
        if (idle.isPresent()) {
            p = p.withIdleTimeout(Duration.ofMinutes(idle.get()));
        }
        Optional<Integer> failures = number(ConfigKey.SECURITY_LOCKOUT_FAILURES);
        Optional<Integer> minutes = number(ConfigKey.SECURITY_LOCKOUT_MINUTES);
        if (failures.isPresent() || minutes.isPresent()) {
            p = p.withLockout(failures.orElse(p.maxFailures()), minutes.map(Duration::ofMinutes).orElse(p.lockoutPeriod()));
        }
        return p;
    }

    /** A value the file reader already checked against {@link SettingRules}, so it parses. */
    private Optional<Integer> number(ConfigKey key) {
        return value(key).map(String::strip).map(Integer::valueOf);
    }

    /** What was wrong in the files (empty when nothing): each names the file and line or key. */
    public List<String> problems() {
        return problems;
    }

    /**
     * Writes the user's file with {@code values} (blank or missing = not set) and returns the
     * settings as they now are. Locked keys must not be changed: giving one a value different from
     * IT's throws {@link LockedSettingException} and writes nothing. Invalid values throw
     * {@link IllegalArgumentException} naming the key, also before anything is written.
     */
    public AppConfig saveUserSettings(Map<ConfigKey, String> values) throws IOException {
        StringBuilder text = new StringBuilder()
                .append("# DASH Desk user settings, written by the first-run setup.\n")
                .append("# One 'key = value' per line; values are taken literally.\n");
        for (ConfigKey key : ConfigKey.values()) {
            String value = values.getOrDefault(key, "");
            value = value == null ? "" : value.strip();
            if (isLocked(key)) {
                String itValue = settings.get(key).value();
                if (!value.isEmpty() && !value.equals(itValue)) {
                    throw new LockedSettingException(key, locations.itFile());
                }
                continue;
            }
            if (value.contains("\n") || value.contains("\r")) {
                throw new IllegalArgumentException(key.key() + " must be on one line");
            }
            String error = SettingRules.check(key, value);
            if (error != null) {
                throw new IllegalArgumentException(key.key() + " " + error);
            }
            if (!value.isEmpty()) {
                text.append(key.key()).append(" = ").append(value).append('\n');
            }
        }
        Path file = locations.userFile();
        Files.createDirectories(file.getParent());
        // Write aside, then move over: a crash mid-write must not leave a half file behind.
        Path temporary = Files.createTempFile(file.getParent(), ConfigLocations.FILE_NAME, ".tmp");
        try {
            try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                out.write(text.toString());
            }
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
        return load(locations);
    }
}
