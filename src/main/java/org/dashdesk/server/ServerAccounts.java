package org.dashdesk.server;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
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

    /** @param id the account's immutable id, which a session token is bound to */
    record Accepted(Account account, UUID id) implements Check {
    }

    /** Unknown user, disabled account or wrong password: deliberately not told apart. */
    record WrongCredentials() implements Check {
    }

    /** Only from {@link #check} (a signed-in user re-entering their password); sign-in answers {@link WrongCredentials}. */
    record LockedOut(Instant until) implements Check {
    }

    /** Too many sign-in attempts for this username in a short time, on all nodes together; try again after {@code retryAfter}. */
    record Throttled(java.time.Duration retryAfter) implements Check {
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
     * Adds a user, with a new immutable id that its tokens are bound to (decision 0122).
     *
     * @throws IllegalArgumentException when the username or collar number is taken, or a field is unusable
     *                                  (message "field: reason", checked before the database)
     */
    Account add(UserAccount user, char[] password, Instant now) {
        AccountRules.checkNewAccount(user, password);
        PasswordVerifier v = PasswordVerifier.create(password, policy.iterations(), RANDOM);
        return store.transaction(c -> {
            if (exists(c, "SELECT 1 FROM srv_user WHERE username = ?", user.username())) {
                throw new IllegalArgumentException("username: " + user.username() + " already exists");
            }
            if (!user.collarNumber().isBlank() && exists(c, "SELECT 1 FROM srv_user WHERE collar = ?", user.collarNumber())) {
                throw new IllegalArgumentException("collar: " + user.collarNumber() + " already belongs to another user");
            }
            try (PreparedStatement ins = c.prepareStatement("""
                    INSERT INTO srv_user (username, display_name, collar, roles, team, iterations, salt, verifier, created_at, user_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                ins.setString(1, user.username());
                ins.setString(2, user.displayName());
                ins.setString(3, user.collarNumber().isBlank() ? null : user.collarNumber());
                ins.setString(4, rolesCsv(user.roles()));
                ins.setString(5, user.team());
                ins.setInt(6, v.iterations());
                ins.setString(7, v.salt());
                ins.setString(8, v.verifier());
                ins.setObject(9, ServerStore.offset(now));
                ins.setObject(10, UUID.randomUUID());
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

    /** Disables (every token revoked at once) or enables an account. */
    void setDisabled(String username, boolean disabled) {
        String u = UserAccount.normaliseUsername(username);
        int n = store.transaction(c -> {
            int changed;
            try (PreparedStatement up = c.prepareStatement("UPDATE srv_user SET disabled = ? WHERE username = ?")) {
                up.setBoolean(1, disabled);
                up.setString(2, u);
                changed = up.executeUpdate();
            }
            if (disabled) {
                revokeAll(c, u);
            }
            return changed;
        });
        if (n == 0) {
            throw new IllegalArgumentException("username: no user " + u);
        }
    }

    /** Deletes an account and its tokens; a new account under the same username is another person (decision 0122). */
    void delete(String username) {
        String u = UserAccount.normaliseUsername(username);
        int n = store.transaction(c -> {
            revokeAll(c, u);
            try (PreparedStatement del = c.prepareStatement("DELETE FROM srv_user WHERE username = ?")) {
                del.setString(1, u);
                return del.executeUpdate();
            }
        });
        if (n == 0) {
            throw new IllegalArgumentException("username: no user " + u);
        }
    }

    /** Sets a new password; every token of the account stops working (whoever held the old password is signed out). */
    void changePassword(String username, char[] password) {
        String u = UserAccount.normaliseUsername(username);
        if (password == null || password.length < 10 || password.length > 1000) {
            throw new IllegalArgumentException("password: 10 to 1000 characters");
        }
        PasswordVerifier v = PasswordVerifier.create(password, policy.iterations(), RANDOM);
        int n = store.transaction(c -> {
            int changed;
            try (PreparedStatement up = c.prepareStatement(
                    "UPDATE srv_user SET iterations = ?, salt = ?, verifier = ?, failures = 0, locked_until = NULL WHERE username = ?")) {
                up.setInt(1, v.iterations());
                up.setString(2, v.salt());
                up.setString(3, v.verifier());
                up.setString(4, u);
                changed = up.executeUpdate();
            }
            revokeAll(c, u);
            return changed;
        });
        if (n == 0) {
            throw new IllegalArgumentException("username: no user " + u);
        }
    }

    /** Every token of this username's current account. */
    private static void revokeAll(Connection c, String username) throws SQLException {
        try (PreparedStatement del = c.prepareStatement(
                "DELETE FROM srv_token WHERE user_id IN (SELECT user_id FROM srv_user WHERE username = ?)")) {
            del.setString(1, username);
            del.executeUpdate();
        }
    }

    private record Stored(Account account, UUID id, PasswordVerifier verifier, AccountRules.State state) {
    }

    /** The account row, locked for this transaction: every node and thread queues here, per account. */
    private static Optional<Stored> lockRow(Connection c, String username) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT username, display_name, collar, roles, team, disabled,"
                + " iterations, salt, verifier, failures, locked_until, user_id FROM srv_user WHERE username = ? FOR UPDATE")) {
            q.setString(1, username);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Account a = new Account(rs.getString(1), rs.getString(2), rs.getString(3) == null ? "" : rs.getString(3),
                        parseRoles(rs.getString(4)).stream().map(Principal::roleName).toList(), rs.getString(5), rs.getBoolean(6));
                return Optional.of(new Stored(a, rs.getObject(12, UUID.class), new PasswordVerifier(rs.getInt(7), rs.getString(8),
                        rs.getString(9)), new AccountRules.State(rs.getInt(10), ServerStore.instant(rs, 11), rs.getBoolean(6))));
            }
        }
    }

    /** How many real password derivations ran (decoys not counted): for tests and metrics. */
    static final AtomicLong VERIFICATIONS = new AtomicLong();

    private sealed interface Admitted {
    }

    private record Go(Stored stored) implements Admitted {
    }

    private record Stop(Check answer) implements Admitted {
    }

    /**
     * The username in its stored form, or null when it cannot be one; then the password is still
     * derived once (a decoy), so a malformed name answers as slowly as a wrong password.
     */
    private String normalisedOrNull(String typedUsername, char[] password) {
        try {
            return UserAccount.normaliseUsername(typedUsername);
        } catch (IllegalArgumentException e) {
            PasswordVerifier.decoy(password, policy.iterations());
            return null;
        }
    }

    /**
     * Checks a password, counting failures toward the lockout. The attempt is admitted (and one
     * failure counted) under the account's row lock before the slow derivation, which runs outside
     * any transaction; the result is then written under the lock again (decision 0125). A locked
     * account is refused without deriving anything, even with the right password.
     */
    Check check(String typedUsername, char[] password, Instant now) {
        String username = normalisedOrNull(typedUsername, password);
        if (username == null) {
            return new WrongCredentials();
        }
        Admitted admitted = store.transaction(c -> {
            Optional<Stored> found = lockRow(c, username);
            if (found.isEmpty()) {
                return new Stop(new WrongCredentials());
            }
            Stored s = found.get();
            switch (AccountRules.admit(s.state(), now, policy.maxFailures())) {
                case LOCKED:
                    return new Stop(new LockedOut(s.state().lockedUntil()));
                case LOCK_NOW:
                    return new Stop(new LockedOut(lock(c, s, now)));
                default:
                    try (PreparedStatement up = c.prepareStatement("UPDATE srv_user SET failures = failures + 1 WHERE user_id = ?")) {
                        up.setObject(1, s.id());
                        up.executeUpdate();
                    }
                    return new Go(s);
            }
        });
        if (admitted instanceof Stop stop) {
            if (stop.answer() instanceof WrongCredentials) {
                PasswordVerifier.decoy(password, policy.iterations());
            }
            return stop.answer();
        }
        Stored s = ((Go) admitted).stored();
        VERIFICATIONS.incrementAndGet();
        boolean right = s.verifier().matches(password);
        return store.transaction(c -> {
            Optional<Stored> again = lockRow(c, username);
            if (again.isEmpty() || !again.get().id().equals(s.id())) {
                return new WrongCredentials();
            }
            Stored now2 = again.get();
            if (right) {
                if (AccountRules.locked(now2.state(), now)) {
                    return new LockedOut(now2.state().lockedUntil());
                }
                if (!AccountRules.acceptRight(now2.state(), now)) {
                    return new WrongCredentials();
                }
                try (PreparedStatement up = c.prepareStatement("UPDATE srv_user SET failures = 0, locked_until = NULL WHERE user_id = ?")) {
                    up.setObject(1, s.id());
                    up.executeUpdate();
                }
                return new Accepted(now2.account(), s.id());
            }
            if (AccountRules.lockAfterWrong(now2.state(), now, policy.maxFailures())) {
                return new LockedOut(lock(c, now2, now));
            }
            return new WrongCredentials();
        });
    }

    /** Locks the account for the lockout period, resets the count, and revokes its tokens (a guesser may hold one). */
    private Instant lock(Connection c, Stored s, Instant now) throws SQLException {
        Instant until = now.plus(policy.lockoutPeriod()).truncatedTo(ChronoUnit.MILLIS);
        try (PreparedStatement up = c.prepareStatement("UPDATE srv_user SET failures = 0, locked_until = ? WHERE user_id = ?")) {
            up.setObject(1, ServerStore.offset(until));
            up.setObject(2, s.id());
            up.executeUpdate();
        }
        try (PreparedStatement del = c.prepareStatement("DELETE FROM srv_token WHERE user_id = ?")) {
            del.setObject(1, s.id());
            del.executeUpdate();
        }
        return until;
    }

    /**
     * Counts one sign-in attempt for this username in the database (every node shares the count).
     *
     * @return false when the username has used its attempts for this window
     */
    private boolean admitRate(String username, Instant now) {
        return store.transactionRetryingUnique(c -> {
            Instant start = null;
            int attempts = 0;
            boolean found;
            try (PreparedStatement q = c.prepareStatement(
                    "SELECT window_start, attempts FROM srv_signin_limit WHERE username = ? FOR UPDATE")) {
                q.setString(1, username);
                try (ResultSet rs = q.executeQuery()) {
                    found = rs.next();
                    if (found) {
                        start = ServerStore.instant(rs, 1);
                        attempts = rs.getInt(2);
                    }
                }
            }
            if (!AccountRules.withinRate(start, attempts, now)) {
                return false;
            }
            boolean newWindow = start == null || !now.isBefore(start.plus(AccountRules.RATE_WINDOW));
            if (!found) {
                // Old windows of other names go as new ones come, so guessed names cannot fill the table.
                try (PreparedStatement del = c.prepareStatement("DELETE FROM srv_signin_limit WHERE window_start < ?")) {
                    del.setObject(1, ServerStore.offset(now.minus(AccountRules.RATE_WINDOW.multipliedBy(10))));
                    del.executeUpdate();
                }
                try (PreparedStatement ins = c.prepareStatement(
                        "INSERT INTO srv_signin_limit (username, window_start, attempts) VALUES (?, ?, 1)")) {
                    ins.setString(1, username);
                    ins.setObject(2, ServerStore.offset(now));
                    ins.executeUpdate();
                }
            } else {
                try (PreparedStatement up = c.prepareStatement(
                        "UPDATE srv_signin_limit SET window_start = ?, attempts = ? WHERE username = ?")) {
                    up.setObject(1, ServerStore.offset(newWindow ? now : start));
                    up.setInt(2, newWindow ? 1 : attempts + 1);
                    up.setString(3, username);
                    up.executeUpdate();
                }
            }
            return true;
        });
    }

    /**
     * Signs in: checks the password and issues a token, bound to the account's immutable id,
     * valid for the policy's session lifetime. Unknown, disabled and locked accounts get the same
     * answer ({@link WrongCredentials}), so nobody learns that a username exists or when it unlocks;
     * past the per-username rate the answer is {@link Throttled}, whatever the username.
     */
    Check signIn(String typedUsername, char[] password, Instant now) {
        String username = normalisedOrNull(typedUsername, password);
        if (username == null) {
            return new WrongCredentials();
        }
        if (!admitRate(username, now)) {
            return new Throttled(AccountRules.RATE_WINDOW);
        }
        Check check = check(username, password, now);
        if (check instanceof LockedOut) {
            // As slow as an unknown user's answer, so timing does not tell "locked" from "unknown" either.
            PasswordVerifier.decoy(password, policy.iterations());
        }
        if (!(check instanceof Accepted a)) {
            return new WrongCredentials();
        }
        String token = ServerStore.newToken();
        Instant expires = now.plus(policy.sessionLifetime()).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        store.transaction(c -> {
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO srv_token (token_hash, collar, role, team, created_at,"
                    + " username, expires_at, user_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                ins.setString(1, ServerStore.tokenHash(token));
                ins.setString(2, a.account().collarNumber());
                ins.setString(3, "");
                ins.setString(4, a.account().team());
                ins.setObject(5, ServerStore.offset(now));
                ins.setString(6, a.account().username());
                ins.setObject(7, ServerStore.offset(expires));
                ins.setObject(8, a.id());
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
