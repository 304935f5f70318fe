package org.dashdesk.server;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.dashdesk.protocol.Account;
import org.dashdesk.security.PasswordVerifier;
import org.dashdesk.security.Role;
import org.dashdesk.security.UserAccount;

/**
 * The server's users: the source of truth for who may sign in, with which roles, in which team.
 * Passwords are kept only as a salted PBKDF2 verifier; consecutive failures (at sign-in or when a
 * password signs an approval) lock the account for a while. Tokens issued at sign-in expire and
 * are stored hashed. The slow derivation runs outside any database transaction.
 */
final class ServerAccounts {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a password check came to. */
    sealed interface Check {
    }

    record Accepted(Account account) implements Check {
    }

    /** Unknown user, disabled account or wrong password: deliberately not told apart. */
    record WrongCredentials() implements Check {
    }

    record LockedOut(Instant until) implements Check {
    }

    record Grant(String token, Instant expiresAt, Account account) implements Check {
    }

    private final ServerStore store;
    private final ServerPolicy policy;

    ServerAccounts(ServerStore store, ServerPolicy policy) {
        this.store = store;
        this.policy = policy;
    }

    static Set<Role> parseRoles(String csv) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String part : csv.split(",")) {
            if (!part.isBlank()) {
                roles.add(Principal.role(part));
            }
        }
        return roles;
    }

    static String rolesCsv(Set<Role> roles) {
        return EnumSet.copyOf(roles).stream().map(Principal::roleName).collect(Collectors.joining(","));
    }

    /**
     * Adds a user.
     *
     * @throws IllegalArgumentException when the username or collar number is taken, or a field is unusable
     */
    Account add(UserAccount user, char[] password, Instant now) {
        if (password == null || password.length < 10) {
            throw new IllegalArgumentException("password: at least 10 characters");
        }
        if (user.collarNumber().isBlank() && (user.hasRole(Role.OFFICER) || user.hasRole(Role.IMU) || user.hasRole(Role.SUPERVISOR))) {
            throw new IllegalArgumentException("collar: officers, IMU staff and supervisors need a collar number");
        }
        PasswordVerifier v = PasswordVerifier.create(password, policy.iterations(), RANDOM);
        return store.transaction(c -> {
            if (exists(c, "SELECT 1 FROM srv_user WHERE username = ?", user.username())) {
                throw new IllegalArgumentException("username: " + user.username() + " already exists");
            }
            if (!user.collarNumber().isBlank() && exists(c, "SELECT 1 FROM srv_user WHERE collar = ?", user.collarNumber())) {
                throw new IllegalArgumentException("collar: " + user.collarNumber() + " already belongs to another user");
            }
            try (PreparedStatement ins = c.prepareStatement("""
                    INSERT INTO srv_user (username, display_name, collar, roles, team, iterations, salt, verifier, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                ins.setString(1, user.username());
                ins.setString(2, user.displayName());
                ins.setString(3, user.collarNumber().isBlank() ? null : user.collarNumber());
                ins.setString(4, rolesCsv(user.roles()));
                ins.setString(5, user.team());
                ins.setInt(6, v.iterations());
                ins.setString(7, v.salt());
                ins.setString(8, v.verifier());
                ins.setObject(9, ServerStore.offset(now));
                ins.executeUpdate();
            }
            return account(user, false);
        });
    }

    private static boolean exists(Connection c, String sql, String value) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, value);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        }
    }

    static Account account(UserAccount u, boolean disabled) {
        return new Account(u.username(), u.displayName(), u.collarNumber(), u.roles().stream().sorted().map(Principal::roleName).toList(),
                u.team(), disabled);
    }

    List<Account> list() {
        return store.transaction(c -> {
            List<Account> out = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement(
                    "SELECT username, display_name, collar, roles, team, disabled FROM srv_user ORDER BY username");
                    ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(new Account(rs.getString(1), rs.getString(2), rs.getString(3) == null ? "" : rs.getString(3),
                            parseRoles(rs.getString(4)).stream().map(Principal::roleName).toList(), rs.getString(5),
                            rs.getBoolean(6)));
                }
            }
            return out;
        });
    }

    void setDisabled(String username, boolean disabled) {
        String u = UserAccount.normaliseUsername(username);
        int n = store.transaction(c -> {
            try (PreparedStatement up = c.prepareStatement("UPDATE srv_user SET disabled = ? WHERE username = ?")) {
                up.setBoolean(1, disabled);
                up.setString(2, u);
                return up.executeUpdate();
            }
        });
        if (n == 0) {
            throw new IllegalArgumentException("username: no user " + u);
        }
    }

    private record Stored(Account account, PasswordVerifier verifier, int failures, Instant lockedUntil) {
    }

    private Optional<Stored> load(String username) {
        return store.transaction(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT username, display_name, collar, roles, team, disabled,"
                    + " iterations, salt, verifier, failures, locked_until FROM srv_user WHERE username = ?")) {
                q.setString(1, username);
                try (ResultSet rs = q.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<Stored>empty();
                    }
                    Account a = new Account(rs.getString(1), rs.getString(2), rs.getString(3) == null ? "" : rs.getString(3),
                            parseRoles(rs.getString(4)).stream().map(Principal::roleName).toList(), rs.getString(5), rs.getBoolean(6));
                    return Optional.of(new Stored(a, new PasswordVerifier(rs.getInt(7), rs.getString(8), rs.getString(9)),
                            rs.getInt(10), ServerStore.instant(rs, 11)));
                }
            }
        });
    }

    /**
     * Checks a password, counting failures toward the lockout. A locked account is refused without
     * deriving anything, even with the right password.
     */
    Check check(String typedUsername, char[] password, Instant now) {
        String username;
        try {
            username = UserAccount.normaliseUsername(typedUsername);
        } catch (IllegalArgumentException e) {
            PasswordVerifier.decoy(password, policy.iterations());
            return new WrongCredentials();
        }
        Optional<Stored> found = load(username);
        if (found.isEmpty()) {
            PasswordVerifier.decoy(password, policy.iterations());
            return new WrongCredentials();
        }
        Stored s = found.get();
        if (s.lockedUntil() != null && now.isBefore(s.lockedUntil())) {
            return new LockedOut(s.lockedUntil());
        }
        boolean right = s.verifier().matches(password);
        if (right && !s.account().disabled()) {
            store.transaction(c -> {
                try (PreparedStatement up = c.prepareStatement(
                        "UPDATE srv_user SET failures = 0, locked_until = NULL WHERE username = ?")) {
                    up.setString(1, username);
                    return up.executeUpdate();
                }
            });
            return new Accepted(s.account());
        }
        if (s.account().disabled()) {
            return new WrongCredentials();
        }
        Instant until = now.plus(policy.lockoutPeriod());
        Instant locked = store.transaction(c -> {
            try (PreparedStatement up = c.prepareStatement("UPDATE srv_user SET failures = failures + 1,"
                    + " locked_until = CASE WHEN failures + 1 >= ? THEN ? ELSE locked_until END WHERE username = ?")) {
                up.setInt(1, policy.maxFailures());
                up.setObject(2, ServerStore.offset(until));
                up.setString(3, username);
                up.executeUpdate();
            }
            try (PreparedStatement q = c.prepareStatement("SELECT failures, locked_until FROM srv_user WHERE username = ?")) {
                q.setString(1, username);
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) >= policy.maxFailures()) {
                        try (PreparedStatement reset = c.prepareStatement("UPDATE srv_user SET failures = 0 WHERE username = ?")) {
                            reset.setString(1, username);
                            reset.executeUpdate();
                        }
                        return ServerStore.instant(rs, 2);
                    }
                    return null;
                }
            }
        });
        return locked != null ? new LockedOut(locked) : new WrongCredentials();
    }

    /** Signs in: checks the password and issues a token valid for the policy's session lifetime. */
    Check signIn(String username, char[] password, Instant now) {
        Check check = check(username, password, now);
        if (!(check instanceof Accepted a)) {
            return check;
        }
        String token = ServerStore.newToken();
        Instant expires = now.plus(policy.sessionLifetime()).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        store.transaction(c -> {
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO srv_token (token_hash, collar, role, team, created_at,"
                    + " username, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ins.setString(1, ServerStore.tokenHash(token));
                ins.setString(2, a.account().collarNumber());
                ins.setString(3, "");
                ins.setString(4, a.account().team());
                ins.setObject(5, ServerStore.offset(now));
                ins.setString(6, a.account().username());
                ins.setObject(7, ServerStore.offset(expires));
                return ins.executeUpdate();
            }
        });
        return new Grant(token, expires, a.account());
    }

    /** Signs out: the token stops working at once. */
    void revoke(String tokenHash) {
        store.transaction(c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM srv_token WHERE token_hash = ?")) {
                del.setString(1, tokenHash);
                return del.executeUpdate();
            }
        });
    }
}
