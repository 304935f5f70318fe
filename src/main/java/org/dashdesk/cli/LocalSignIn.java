package org.dashdesk.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.dashdesk.security.KeyProvider;
import org.dashdesk.security.SessionManager;
import org.dashdesk.security.SignInException;

/**
 * How a headless command opens the local store: through the per-user keyring ({@code --username U},
 * password from {@code --password-file F} or the first line of standard input — never on the
 * command line). A folder with no one enrolled is refused: the command never creates a plain key
 * file, and a laptop is set up (first user enrolled) in the app.
 */
final class LocalSignIn {

    private final KeyProvider keys;
    private final char[] password;
    private final String username;

    private LocalSignIn(KeyProvider keys, String username, char[] password) {
        this.keys = keys;
        this.username = username;
        this.password = password;
    }

    /**
     * @throws IllegalArgumentException when no one is enrolled in the folder, no user was given, or
     *                                  the password file cannot be read
     * @throws SignInException          when the keyring refuses the password
     */
    static LocalSignIn open(Path dataDir, String username, String passwordFile, InputStream in) throws IOException {
        SessionManager sessions = SessionManager.open(dataDir);
        if (!sessions.hasEnrolledUsers()) {
            // The per-user keyring replaced the foundation's plain key file (decision 0050): opening
            // through FileKeyProvider here would create a new dashdesk.key beside a new store, or keep
            // an old one in use. Setting up the laptop enrols the first user and moves an old key in.
            throw new IllegalArgumentException(sessions.willMigrateKeyFile()
                    ? "no one is set up on this laptop yet and " + dataDir + " still has the old key file: start DASH Desk"
                            + " and set up the laptop (it moves that key into the per-user keyring), then give --username U"
                    : "no one is set up on this laptop yet (" + dataDir + " has no keyring): start DASH Desk and set up the"
                            + " laptop first, then give --username U (password on standard input or --password-file F)");
        }
        if (username == null) {
            throw new IllegalArgumentException("this data folder is protected by user accounts: give --username U"
                    + " (password on standard input or --password-file F)");
        }
        char[] pw = readPassword(passwordFile, in);
        sessions.signIn(username, pw);
        return new LocalSignIn(sessions.keyProvider(), username, pw);
    }

    KeyProvider keys() {
        return keys;
    }

    /** The username given with {@code --username}, or null. */
    String username() {
        return username;
    }

    /** The password read for the username (null without one); cleared by {@link #clear()}. */
    char[] password() {
        return password;
    }

    void clear() {
        if (password != null) {
            Arrays.fill(password, '\0');
        }
    }

    /** The first line of the file or of standard input, without keeping it in a String. */
    static char[] readPassword(String passwordFile, InputStream in) throws IOException {
        if (passwordFile != null) {
            Path f = Path.of(passwordFile);
            if (!Files.isReadable(f)) {
                throw new IllegalArgumentException(f + ": cannot be read");
            }
            try (InputStream file = Files.newInputStream(f)) {
                return firstLine(file);
            }
        }
        char[] pw = firstLine(in);
        if (pw.length == 0) {
            throw new IllegalArgumentException("no password: type it on standard input or give --password-file F");
        }
        return pw;
    }

    private static char[] firstLine(InputStream in) throws IOException {
        Reader r = new InputStreamReader(in, StandardCharsets.UTF_8);
        char[] buf = new char[256];
        int n = 0;
        int ch;
        while ((ch = r.read()) >= 0 && ch != '\n') {
            if (n == buf.length) {
                char[] bigger = Arrays.copyOf(buf, n * 2);
                Arrays.fill(buf, '\0');
                buf = bigger;
            }
            buf[n++] = (char) ch;
        }
        if (n > 0 && buf[n - 1] == '\r') {
            n--;
        }
        char[] out = Arrays.copyOf(buf, n);
        Arrays.fill(buf, '\0');
        return out;
    }
}
