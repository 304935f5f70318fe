package org.dashdesk.config;

import java.util.Arrays;
import java.util.Optional;

/** The settings a configuration file may hold, by the key written in the file. */
public enum ConfigKey {

    /** Base address of the central server, e.g. {@code https://dash.example.police.uk:8443}. */
    CENTRAL_ENDPOINT("central.endpoint"),
    /** File with the certificate (PEM or DER) the central server is trusted with. */
    CENTRAL_CERTIFICATE("central.certificate"),
    /** Directory with the force's own question packs. */
    PACK_DIRECTORY("packs.directory"),
    /** Where the encrypted store lives, when not in the default data directory. */
    DATA_DIRECTORY("data.directory");

    private final String key;

    ConfigKey(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Optional<ConfigKey> byKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }

    /** For messages: "central.endpoint, central.certificate, …". */
    public static String allKeys() {
        return String.join(", ", Arrays.stream(values()).map(ConfigKey::key).toList());
    }
}
