package org.dashdesk.ui.common;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * The laptop's last theme and text size, in a small plain file beside the store
 * ({@code appearance.properties}), so the sign-in screen is already dark at night: the person's
 * own settings live in the encrypted store and can only be read after sign-in (decision 0152).
 * It holds nothing about anyone, only {@code ui.theme} and {@code ui.fontSize}; any other key is
 * refused so nothing else can end up in clear text here.
 */
public final class AppearanceFile implements SettingsStore {

    public static final String FILE_NAME = "appearance.properties";
    private static final java.util.Set<String> KEYS = java.util.Set.of(Appearance.THEME_KEY, Appearance.FONT_KEY);

    private final Path file;
    private final Properties values = new Properties();

    /** Reads the file if it is there; a missing or unreadable file just means the defaults. */
    public AppearanceFile(Path file) {
        this.file = file;
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                values.load(in);
            } catch (IOException | IllegalArgumentException e) {
                values.clear();
            }
        }
    }

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.getProperty(key));
    }

    @Override
    public void put(String key, String value) {
        if (!KEYS.contains(key)) {
            throw new IllegalArgumentException("only the theme and text size are kept outside the encrypted store");
        }
        values.setProperty(key, value);
        write();
    }

    @Override
    public void remove(String key) {
        if (values.remove(key) != null) {
            write();
        }
    }

    /** Written to a temporary file and moved over the old one, so a crash leaves one or the other. */
    private void write() {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                values.store(out, "DASH Desk: theme and text size of the sign-in screen (no personal data)");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
