package org.dashdesk.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

/** What makes a setting's value acceptable; shared by the file reader and the setup screen. */
public final class SettingRules {

    private SettingRules() {
    }

    /** Null when {@code value} is acceptable for {@code key} (blank means "not set"), else what is wrong. */
    public static String check(ConfigKey key, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (key) {
            case CENTRAL_ENDPOINT -> checkEndpoint(value.strip());
            case CENTRAL_CERTIFICATE, PACK_DIRECTORY, DATA_DIRECTORY -> checkPath(value.strip());
            case SECURITY_IDLE_MINUTES -> checkWholeNumber(value.strip(), IDLE_MINUTES_MIN, IDLE_MINUTES_MAX, "minutes");
            case SECURITY_LOCKOUT_FAILURES -> checkWholeNumber(value.strip(), LOCKOUT_FAILURES_MIN, LOCKOUT_FAILURES_MAX,
                    "wrong passwords");
            case SECURITY_LOCKOUT_MINUTES -> checkWholeNumber(value.strip(), LOCKOUT_MINUTES_MIN, LOCKOUT_MINUTES_MAX, "minutes");
            case CENTRAL_RECEIPT_KEY -> checkPublicKey(value.strip());
            case RETENTION_DAYS -> checkWholeNumber(value.strip(), 0, RETENTION_DAYS_MAX, "days");
            case LIMITS_NAME -> checkWholeNumber(value.strip(), org.dashdesk.assessment.TextLimits.NAME_MIN,
                    org.dashdesk.assessment.TextLimits.NAME_MAX, "characters");
            case LIMITS_TEXT -> checkWholeNumber(value.strip(), org.dashdesk.assessment.TextLimits.TEXT_MIN,
                    org.dashdesk.assessment.TextLimits.TEXT_MAX, "characters");
            case COLLAR_PATTERN -> org.dashdesk.assessment.CollarNumbers.problemWith(value.strip());
        };
    }

    // Bounds keep a deployment inside what still protects a laptop left open or guessed at: a
    // window may not stay unlocked for more than four hours idle, nor an account allow endless guesses.
    public static final int IDLE_MINUTES_MIN = 1;
    public static final int IDLE_MINUTES_MAX = 240;
    public static final int LOCKOUT_FAILURES_MIN = 3;
    public static final int LOCKOUT_FAILURES_MAX = 20;
    public static final int LOCKOUT_MINUTES_MIN = 1;
    public static final int LOCKOUT_MINUTES_MAX = 1440;

    /** A laptop holds a case's personal content at most a year after the force has it. */
    public static final int RETENTION_DAYS_MAX = 365;
    public static final int RETENTION_DAYS_DEFAULT = 7;

    private static String checkPublicKey(String value) {
        try {
            org.dashdesk.evidence.Ed25519.publicKey(value);
            return null;
        } catch (IllegalArgumentException e) {
            return "is not the server's receipt key: " + e.getMessage() + " (copy it from 'server receipt-key show')";
        }
    }

    private static String checkWholeNumber(String value, int min, int max, String unit) {
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return "must be a whole number of " + unit + " from " + min + " to " + max + ", not '" + value + "'";
        }
        if (n < min || n > max) {
            return "must be from " + min + " to " + max + " " + unit + ", not " + n;
        }
        return null;
    }

    private static String checkEndpoint(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            return "is not a web address: " + e.getReason();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            return "must be a full address such as https://dash.example.police.uk:8443";
        }
        if (scheme.equals("http") && !isLoopback(uri.getHost())) {
            // Plain HTTP would send officers' tokens and assessments readable on the network;
            // the server only offers it on this machine for development.
            return "must use https (plain http is only for a development server on this machine)";
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            return "must not contain '?' or '#'";
        }
        return null;
    }

    static boolean isLoopback(String host) {
        // Parsed literals and "localhost" only: a prefix test let http://127.evil.example through.
        return org.dashdesk.protocol.Loopback.isLoopbackHost(host);
    }

    private static String checkPath(String value) {
        try {
            if (!Path.of(value).isAbsolute()) {
                return "must be a full path (for example /srv/dashdesk or C:\\DashDesk), not a relative one";
            }
        } catch (InvalidPathException e) {
            return "is not a valid path: " + e.getReason();
        }
        return null;
    }
}
