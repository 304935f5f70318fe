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
    DATA_DIRECTORY("data.directory"),
    /** Minutes without input after which the window locks and needs the password again. */
    SECURITY_IDLE_MINUTES("security.idle.minutes", false),
    /** Consecutive wrong passwords that lock an account on this laptop. */
    SECURITY_LOCKOUT_FAILURES("security.lockout.failures", false),
    /** Minutes a locked account refuses every password, even the right one. */
    SECURITY_LOCKOUT_MINUTES("security.lockout.minutes", false),
    /**
     * The central server's receipt-signing public key (Base64, from {@code server receipt-key show}):
     * receipts must be signed by it or by a key it endorsed. Unset: the first key the server
     * publishes is pinned (decision 0170).
     */
    CENTRAL_RECEIPT_KEY("central.receipt.key", false),
    /**
     * Days a case's personal content stays on this laptop once the force holds it and it has left
     * the officer's hands (issue 14); 0 keeps it until signed off.
     */
    RETENTION_DAYS("retention.days", false),
    /** Longest name kept (victim, abuser, dependant), in characters (issue 11; default 200). */
    LIMITS_NAME("limits.name.characters", false),
    /** Longest free text kept (place, comments, reasons), in characters (default 4,000). */
    LIMITS_TEXT("limits.text.characters", false),
    /** This force's collar-number format, a regular expression the whole number must match. */
    COLLAR_PATTERN("collar.pattern", false);

    private final String key;
    private final boolean firstRun;

    ConfigKey(String key) {
        this(key, true);
    }

    ConfigKey(String key, boolean firstRun) {
        this.key = key;
        this.firstRun = firstRun;
    }

    public String key() {
        return key;
    }

    /**
     * True for what the first-run setup asks (server, certificate, packs, data folder). The
     * security numbers are IT's to deploy, not asked at first run, so they do not count when
     * deciding whether IT left anything for the user to set.
     */
    public boolean firstRun() {
        return firstRun;
    }

    public static Optional<ConfigKey> byKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }

    /** For messages: "central.endpoint, central.certificate, …". */
    public static String allKeys() {
        return String.join(", ", Arrays.stream(values()).map(ConfigKey::key).toList());
    }
}
