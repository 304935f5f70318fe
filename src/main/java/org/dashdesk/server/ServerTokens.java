package org.dashdesk.server;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;

/** Issuing tokens from the command line, with the server's database but without serving. */
public final class ServerTokens {

    private ServerTokens() {
    }

    /** How long a development token is accepted unless the operator says otherwise. */
    public static final Duration DEFAULT_VALIDITY = Duration.ofHours(12);
    /** The longest a development token may last: a week of testing, never a standing credential. */
    public static final Duration MAX_VALIDITY = Duration.ofHours(168);

    /** Stores the new token's hash and returns the token, valid 12 hours, which is shown to the operator once. */
    public static String issue(ServerConfig config, String collar, String role) throws IOException {
        return issue(config, collar, role, null, DEFAULT_VALIDITY);
    }

    /**
     * @throws IllegalArgumentException for a blank collar or a validity outside 1 hour to {@link #MAX_VALIDITY}
     */
    public static String issue(ServerConfig config, String collar, String role, String team, Duration validity) throws IOException {
        if (collar == null || collar.isBlank()) {
            throw new IllegalArgumentException("--collar must not be blank");
        }
        if (validity.compareTo(Duration.ofHours(1)) < 0 || validity.compareTo(MAX_VALIDITY) > 0) {
            throw new IllegalArgumentException("--valid-hours must be between 1 and " + MAX_VALIDITY.toHours());
        }
        if (config.jdbcUrl() == null) {
            Files.createDirectories(config.dataDir());
        }
        try (ServerStore store = ServerStore.open(config.effectiveJdbcUrl(), config.jdbcUser(), config.jdbcPassword(), 1)) {
            return store.issueToken(collar.strip(), role, team == null ? "" : team.strip(), Instant.now(), validity);
        }
    }

    /**
     * Adds a user account to the server's database without serving.
     *
     * @throws IllegalArgumentException when a field is unusable or the username or collar is taken
     */
    public static void addUser(ServerConfig config, ServerPolicy policy, org.dashdesk.security.UserAccount user, char[] password)
            throws IOException {
        if (config.jdbcUrl() == null) {
            Files.createDirectories(config.dataDir());
        }
        try (ServerStore store = ServerStore.open(config.effectiveJdbcUrl(), config.jdbcUser(), config.jdbcPassword(), 1)) {
            new ServerAccounts(store, policy).add(user, password, Instant.now());
        }
    }

    /** What an operator can do to an existing account from the command line. */
    public enum AccountChange {
        DELETE, DISABLE, ENABLE
    }

    /**
     * Deletes, disables or enables an account; deleting and disabling revoke every token of the
     * account at once (decision 0122).
     *
     * @throws IllegalArgumentException when there is no such user
     */
    public static void change(ServerConfig config, String username, AccountChange change) throws IOException {
        try (ServerStore store = ServerStore.open(config.effectiveJdbcUrl(), config.jdbcUser(), config.jdbcPassword(), 1)) {
            ServerAccounts accounts = new ServerAccounts(store, ServerPolicy.defaults());
            switch (change) {
                case DELETE -> accounts.delete(username);
                case DISABLE -> accounts.setDisabled(username, true);
                case ENABLE -> accounts.setDisabled(username, false);
                default -> throw new IllegalStateException(change.name());
            }
        }
    }

    /** Sets a new password; every token of the account is revoked. */
    public static void changePassword(ServerConfig config, ServerPolicy policy, String username, char[] password) throws IOException {
        try (ServerStore store = ServerStore.open(config.effectiveJdbcUrl(), config.jdbcUser(), config.jdbcPassword(), 1)) {
            new ServerAccounts(store, policy).changePassword(username, password);
        }
    }
}
