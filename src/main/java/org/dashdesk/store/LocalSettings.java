package org.dashdesk.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/**
 * Small local settings kept in the encrypted store (for example the user's local profile), as
 * text under a key. Keys starting with {@code device.} belong to the store itself.
 */
public final class LocalSettings {

    private static final String RESERVED_PREFIX = "device.";

    private final Database database;

    public LocalSettings(Database database) {
        this.database = database;
    }

    public Optional<String> get(String key) {
        requireKey(key);
        return database.inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT setting_value FROM setting WHERE setting_key = ?")) {
                p.setString(1, key);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? Optional.of(r.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    /** Stores {@code value} under {@code key}, committed before returning. */
    public void put(String key, String value) {
        requireWritable(key);
        if (value == null) {
            throw new IllegalArgumentException("setting '" + key + "': value is missing (use remove)");
        }
        database.inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "MERGE INTO setting (setting_key, setting_value) KEY (setting_key) VALUES (?, ?)")) {
                p.setString(1, key);
                p.setString(2, value);
                return p.executeUpdate();
            }
        });
    }

    public void remove(String key) {
        requireWritable(key);
        database.inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM setting WHERE setting_key = ?")) {
                p.setString(1, key);
                return p.executeUpdate();
            }
        });
    }

    private static void requireKey(String key) {
        if (key == null || key.isBlank() || key.length() > 200) {
            throw new IllegalArgumentException("setting key must be 1–200 characters, got " + (key == null ? "none" : key.length()));
        }
    }

    private static void requireWritable(String key) {
        requireKey(key);
        if (key.startsWith(RESERVED_PREFIX)) {
            throw new IllegalArgumentException("setting '" + key + "' belongs to the store and cannot be changed");
        }
    }
}
