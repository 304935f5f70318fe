package org.dashdesk.server;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;

/** Issuing tokens from the command line, with the server's database but without serving. */
public final class ServerTokens {

    private ServerTokens() {
    }

    /** Stores the new token's hash and returns the token, which is shown to the operator once. */
    public static String issue(ServerConfig config, String collar, String role) throws IOException {
        return issue(config, collar, role, null);
    }

    public static String issue(ServerConfig config, String collar, String role, String team) throws IOException {
        if (collar == null || collar.isBlank()) {
            throw new IllegalArgumentException("--collar must not be blank");
        }
        if (config.jdbcUrl() == null) {
            Files.createDirectories(config.dataDir());
        }
        try (ServerStore store = ServerStore.open(config.effectiveJdbcUrl(), config.jdbcUser(), config.jdbcPassword(), 1)) {
            return store.issueToken(collar.strip(), role, team == null ? "" : team.strip(), Instant.now());
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
}
