package org.dashdesk.security;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.dashdesk.assessment.StoreException;

/**
 * Local accounts for one data folder: enrolment, offline sign-in against the keyring, lockout
 * after repeated failures, idle lock, password change, and the database key for the signed-in
 * user (through {@link #keyProvider()}). Decision 0050 describes the key hierarchy.
 *
 * <p>Passwords are passed as {@code char[]} and stay owned by the caller, who should clear them;
 * this class never stores, logs or copies a password into a {@link String}.
 *
 * <p>Thread-safe: every public method runs under this object's lock, so an idle-lock timer and the
 * UI can call it from different threads.
 */
public final class SessionManager {

    /** File names are fixed next to the store's {@code dashdesk.mv.db}. */
    public static final String DATABASE_FILE_NAME = "dashdesk.mv.db";
    public static final String KEYRING_FILE_NAME = "dashdesk.keyring.json";

    private final Path directory;
    private final SecurityPolicy policy;
    private final Clock clock;
    private final SecureRandom random;
    private final KeyringFile keyringFile;
    private Session current;

    private SessionManager(Path directory, SecurityPolicy policy, Clock clock, SecureRandom random) {
        this.directory = directory.toAbsolutePath().normalize();
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = random;
        this.keyringFile = new KeyringFile(this.directory.resolve(KEYRING_FILE_NAME));
    }

    /**
     * The accounts of the data folder {@code directory}. Reads the keyring at once so a damaged
     * one is reported before anyone types a password.
     *
     * @throws StoreException when the keyring exists but cannot be read or parsed (it is left untouched)
     */
    public static SessionManager open(Path directory, SecurityPolicy policy, Clock clock) {
        SessionManager m = new SessionManager(directory, policy, clock, new SecureRandom());
        m.keyringFile.load();
        return m;
    }

    public static SessionManager open(Path directory) {
        return open(directory, SecurityPolicy.defaults(), Clock.systemUTC());
    }

    public Path keyringFile() {
        return keyringFile.path();
    }

    public Path databaseFile() {
        return directory.resolve(DATABASE_FILE_NAME);
    }

    public SecurityPolicy policy() {
        return policy;
    }

    /** False until the first user has been enrolled: the UI then shows first-time set-up. */
    public synchronized boolean hasEnrolledUsers() {
        return keyringFile.load().isPresent();
    }

    /**
     * True when this folder still has the foundation's plain key file and no keyring: the first
     * enrolment will wrap that key (keeping the existing database openable) and then delete it.
     */
    public synchronized boolean willMigrateKeyFile() {
        return keyringFile.load().isEmpty() && Files.exists(legacyKeyFile());
    }

    /** The accounts enrolled on this laptop, for a sign-in list; no credentials. */
    public synchronized List<UserAccount> enrolledAccounts() {
        return keyringFile.load().map(k -> k.users.values().stream().map(e -> e.account).toList()).orElse(List.of());
    }

    /** The keyring's security log, oldest first. */
    public synchronized List<SecurityEvent> securityEvents() {
        return keyringFile.load().map(k -> List.copyOf(k.events)).orElse(List.of());
    }

    /** When {@code username} accepts passwords again, if it is locked out now. */
    public synchronized Optional<Instant> lockedUntil(String username) {
        Instant now = clock.instant();
        String u;
        try {
            u = UserAccount.normaliseUsername(username);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return keyringFile.load().map(k -> k.users.get(u)).filter(e -> e.lockedAt(now)).map(e -> e.lockedUntil);
    }

    public synchronized Optional<Session> current() {
        return Optional.ofNullable(current);
    }

    /**
     * Sets up a laptop: enrols the first user and signs them in. The database key is created at
     * random, or, when the foundation's {@code dashdesk.key} is present, taken from it; that plain
     * file is deleted only once the keyring holding the key has been written and read back.
     *
     * @throws IllegalStateException when someone is already enrolled
     * @throws StoreException        when a database exists that no key could open, or a file cannot be written
     */
    public synchronized Session enrolFirstUser(UserAccount account, char[] password) {
        requirePasswordAcceptable(account.username(), password);
        if (keyringFile.load().isPresent()) {
            throw new IllegalStateException("Users are already enrolled in " + keyringFile.path()
                    + "; a signed-in user enrols further users.");
        }
        Path legacy = legacyKeyFile();
        boolean migrating = Files.exists(legacy);
        byte[] key = migrating ? readLegacyKey(legacy) : newDatabaseKey();
        try {
            Instant now = clock.instant();
            Keyring keyring = new Keyring(UUID.randomUUID());
            Keyring.Entry entry = new Keyring.Entry(account,
                    KeyWrapping.seal(password, key, policy.iterations(), keyring.aadFor(account.username()), random), now, null);
            keyring.sealAccount(entry, key);
            keyring.users.put(account.username(), entry);
            keyring.record(new SecurityEvent(now, SecurityEvent.Kind.ENROLLED, account.username(), null));
            if (migrating) {
                keyring.record(new SecurityEvent(now, SecurityEvent.Kind.KEY_MIGRATED, account.username(), null));
            }
            keyringFile.save(keyring);
            if (migrating) {
                confirmSealedOnDisk(account.username(), password, key);
                destroyLegacyKeyFile(legacy);
            }
            current = new Session(account, key, now);
            key = null;
            return current;
        } finally {
            if (key != null) {
                Arrays.fill(key, (byte) 0);
            }
        }
    }

    /**
     * Signs {@code username} in offline: checks the password against the keyring and unwraps the
     * database key. Every wrong password counts toward the lockout, which is written to the
     * keyring before this returns, so it survives a restart.
     *
     * @throws SignInException       when refused (wrong credentials, locked out, damaged entry)
     * @throws IllegalStateException when a session is already open (sign out first) or nobody is enrolled
     */
    public synchronized Session signIn(String username, char[] password) {
        if (current != null) {
            throw new IllegalStateException("Sign out " + current.username() + " before signing in someone else.");
        }
        Keyring keyring = keyringFile.load().orElseThrow(
                () -> new IllegalStateException("Nobody is enrolled on this laptop yet: enrol the first user."));
        byte[] key = check(keyring, username, password, false);
        Keyring.Entry entry = keyring.users.get(UserAccount.normaliseUsername(username));
        current = new Session(entry.account, key, clock.instant());
        destroyLegacyKeyFileIfItHolds(key);
        return current;
    }

    /** Marks activity now: the idle timer restarts. Does nothing unless a session is active. */
    public synchronized void touch() {
        if (current != null && current.isActive()) {
            current.touched(clock.instant());
        }
    }

    /**
     * Locks the session if it has been idle for the policy's timeout at {@code now}; call it from
     * a timer. Returns true if this call locked it.
     */
    public synchronized boolean lockIfIdle(Instant now) {
        if (current == null || !current.isActive()) {
            return false;
        }
        if (Duration.between(current.lastActivity(), now).compareTo(policy.idleTimeout()) >= 0) {
            current.lock();
            return true;
        }
        return false;
    }

    /** Locks the session at once (the user stepped away); the database key is wiped from memory. */
    public synchronized void lock() {
        if (current != null && current.isActive()) {
            current.lock();
        }
    }

    /**
     * Continues a locked session with the same user's password. Wrong passwords count toward the
     * lockout; if the account locks out, the session ends and the user must sign in again later.
     */
    public synchronized Session unlock(char[] password) {
        if (current == null || current.state() != Session.State.LOCKED) {
            throw new IllegalStateException("There is no locked session to unlock.");
        }
        Keyring keyring = keyringFile.load().orElseThrow(() -> new IllegalStateException("The keyring has disappeared."));
        try {
            byte[] key = check(keyring, current.username(), password, false);
            current.unlocked(key, clock.instant());
            return current;
        } catch (SignInException e) {
            if (e.reason() != SignInException.Reason.WRONG_CREDENTIALS) {
                endSession();
            }
            throw e;
        }
    }

    /** Signs out: the database key is zeroed in memory. Safe to call when nobody is signed in. */
    public synchronized void signOut() {
        endSession();
    }

    /**
     * Enrols another user on this laptop by sealing the database key, held by the signed-in user,
     * under the new user's password. Until the server decides enrolments (issue 5, later), any
     * signed-in user may enrol someone, but may grant only roles they hold themselves unless they
     * are an administrator; the server remains the authority on roles.
     */
    public synchronized void enrol(UserAccount account, char[] password) {
        Session by = requireActive();
        requireMayGrant(by, account);
        seal(by, account, password);
    }

    /**
     * Enrols another user whose account the central server has just given, having accepted the
     * password they typed: the server granted the roles, not the person signed in here (as for
     * {@link #adoptServerAccount}), so the granting rule of {@link #enrol} does not apply.
     */
    public synchronized void enrolFromServer(UserAccount fromServer, char[] password) {
        seal(requireActive(), fromServer, password);
    }

    private void seal(Session by, UserAccount account, char[] password) {
        requirePasswordAcceptable(account.username(), password);
        Keyring keyring = keyringFile.load().orElseThrow();
        if (keyring.users.containsKey(account.username())) {
            throw new IllegalArgumentException("username: " + account.username() + " is already enrolled on this laptop");
        }
        Instant now = clock.instant();
        Keyring.Entry entry = new Keyring.Entry(account,
                KeyWrapping.seal(password, by.databaseKey(), policy.iterations(), keyring.aadFor(account.username()), random),
                now, by.username());
        keyring.sealAccount(entry, by.databaseKey());
        keyring.users.put(account.username(), entry);
        keyring.record(new SecurityEvent(now, SecurityEvent.Kind.ENROLLED, account.username(), by.username()));
        keyringFile.save(keyring);
        by.touched(now);
    }

    /**
     * Changes the signed-in user's password: the database key is sealed again under the new one.
     * A wrong current password counts toward the lockout (and locking out ends the session).
     * Copies of the keyring taken earlier (backups) still open with the old password.
     */
    public synchronized void changePassword(char[] currentPassword, char[] newPassword) {
        Session s = requireActive();
        requirePasswordAcceptable(s.username(), newPassword);
        Keyring keyring = keyringFile.load().orElseThrow();
        byte[] checked;
        try {
            checked = check(keyring, s.username(), currentPassword, true);
        } catch (SignInException e) {
            if (e.reason() != SignInException.Reason.WRONG_CREDENTIALS) {
                endSession();
            }
            throw e;
        }
        Arrays.fill(checked, (byte) 0);
        Instant now = clock.instant();
        Keyring.Entry entry = keyring.users.get(s.username());
        entry.credential = KeyWrapping.seal(newPassword, s.databaseKey(), policy.iterations(), keyring.aadFor(s.username()), random);
        keyring.record(new SecurityEvent(now, SecurityEvent.Kind.PASSWORD_CHANGED, s.username(), null));
        keyringFile.save(keyring);
        s.touched(now);
    }

    /**
     * Replaces the cached details (name, collar number, roles, team) of an enrolled user, for
     * example after the server reports a change. Same granting rule as {@link #enrol}.
     */
    public synchronized void updateAccount(UserAccount refreshed) {
        Session by = requireActive();
        requireMayGrant(by, refreshed);
        Keyring keyring = keyringFile.load().orElseThrow();
        Keyring.Entry entry = keyring.users.get(refreshed.username());
        if (entry == null) {
            throw new IllegalArgumentException("username: " + refreshed.username() + " is not enrolled on this laptop");
        }
        entry.account = refreshed;
        keyring.sealAccount(entry, by.databaseKey());
        Instant now = clock.instant();
        keyring.record(new SecurityEvent(now, SecurityEvent.Kind.ACCOUNT_UPDATED, refreshed.username(), by.username()));
        keyringFile.save(keyring);
        if (by.username().equals(refreshed.username())) {
            by.account(refreshed);
        }
        by.touched(now);
    }

    /**
     * Takes the signed-in user's own details (name, collar number, roles, team) from the central
     * server, which has just accepted the same password and is the source of truth for roles
     * (issue 5, decision 0100). Unlike {@link #updateAccount} no granting rule applies: the server
     * granted them, not the person at the keyboard. Nothing is written when nothing differs.
     *
     * @return true when the cached account changed
     * @throws IllegalArgumentException when {@code fromServer} is another user
     */
    public synchronized boolean adoptServerAccount(UserAccount fromServer) {
        Session s = requireActive();
        if (!s.username().equals(fromServer.username())) {
            throw new IllegalArgumentException("username: the server's account " + fromServer.username() + " is not the signed-in "
                    + s.username());
        }
        Keyring keyring = keyringFile.load().orElseThrow();
        Keyring.Entry entry = keyring.users.get(s.username());
        if (entry.account.equals(fromServer)) {
            return false;
        }
        entry.account = fromServer;
        keyring.sealAccount(entry, s.databaseKey());
        Instant now = clock.instant();
        keyring.record(new SecurityEvent(now, SecurityEvent.Kind.ACCOUNT_UPDATED, s.username(), "central server"));
        keyringFile.save(keyring);
        s.account(fromServer);
        return true;
    }

    /**
     * Removes another user's entry (administrators only). This stops that password opening the
     * database here; it cannot take back a key the user may already have learnt, which needs a
     * re-encryption of the database (not done yet).
     */
    public synchronized void remove(String username) {
        Session by = requireActive();
        if (!by.hasRole(Role.ADMINISTRATOR)) {
            throw new SecurityException("Only an administrator can remove a user from this laptop.");
        }
        String u = UserAccount.normaliseUsername(username);
        if (u.equals(by.username())) {
            throw new IllegalArgumentException("username: you cannot remove yourself while signed in");
        }
        Keyring keyring = keyringFile.load().orElseThrow();
        if (keyring.users.remove(u) == null) {
            throw new IllegalArgumentException("username: " + u + " is not enrolled on this laptop");
        }
        Instant now = clock.instant();
        keyring.record(new SecurityEvent(now, SecurityEvent.Kind.REMOVED, u, by.username()));
        keyringFile.save(keyring);
    }

    /** A {@link KeyProvider} for the store that gives the signed-in user's database key. */
    public KeyProvider keyProvider() {
        return new WrappedKeyProvider(this);
    }

    /** The database key as the lower-case hex password the store has always used; see {@link WrappedKeyProvider}. */
    synchronized char[] databasePassword(Path databaseFile) {
        Path asked = databaseFile.toAbsolutePath().normalize();
        if (!asked.equals(databaseFile())) {
            throw new StoreException("The keyring " + keyringFile.path() + " holds the key of " + databaseFile() + ", not of " + asked + ".");
        }
        if (current == null || !current.isActive()) {
            throw new StoreException("The database " + asked + " is encrypted; sign in"
                    + (current != null ? " again (the session is locked)" : "") + " to open it.");
        }
        return toHex(current.databaseKey());
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * Checks a password against the keyring, recording the outcome, and returns a copy of the
     * database key for the caller to own.
     */
    private byte[] check(Keyring keyring, String typedUsername, char[] password, boolean passwordChange) {
        Instant now = clock.instant();
        String username;
        try {
            username = UserAccount.normaliseUsername(typedUsername);
        } catch (IllegalArgumentException e) {
            username = null;
        }
        Keyring.Entry entry = username == null ? null : keyring.users.get(username);
        if (entry == null) {
            KeyWrapping.decoy(nonEmpty(password), policy.iterations());
            keyring.record(new SecurityEvent(now, SecurityEvent.Kind.UNKNOWN_USER, null, null));
            keyringFile.save(keyring);
            throw wrongCredentials();
        }
        if (entry.lockedAt(now)) {
            // No derivation at all while locked: the right password must not be confirmable either.
            throw lockedOut(entry.lockedUntil);
        }
        if (entry.lockedUntil != null) {
            entry.lockedUntil = null;
            entry.failures = 0;
        }
        KeyWrapping.Outcome outcome = KeyWrapping.open(nonEmpty(password), entry.credential, keyring.aadFor(username));
        if (outcome instanceof KeyWrapping.Opened opened
                && !KeyWrapping.accountSealMatches(opened.databaseKey(), keyring.aadFor(username), entry.account, entry.accountSeal)) {
            Arrays.fill(opened.databaseKey(), (byte) 0);
            outcome = new KeyWrapping.Damaged();
        }
        if (outcome instanceof KeyWrapping.Opened opened) {
            entry.failures = 0;
            entry.lastFailureAt = null;
            if (!passwordChange) {
                keyring.record(new SecurityEvent(now, SecurityEvent.Kind.SIGNED_IN, username, null));
            }
            if (entry.credential.iterations() < policy.iterations()) {
                entry.credential = KeyWrapping.seal(password, opened.databaseKey(), policy.iterations(), keyring.aadFor(username), random);
                keyring.record(new SecurityEvent(now, SecurityEvent.Kind.ITERATIONS_RAISED, username, null));
            }
            try {
                keyringFile.save(keyring);
            } catch (RuntimeException e) {
                Arrays.fill(opened.databaseKey(), (byte) 0);
                throw e;
            }
            return opened.databaseKey();
        }
        if (outcome instanceof KeyWrapping.Damaged) {
            keyring.record(new SecurityEvent(now, SecurityEvent.Kind.DAMAGED_ENTRY, username, null));
            keyringFile.save(keyring);
            throw new SignInException(SignInException.Reason.DAMAGED_ENTRY, "Your password is right, but your entry in the keyring "
                    + keyringFile.path() + " has been altered (its sealed key or its name and roles). Ask another enrolled user"
                    + " or support to enrol you again; apart from logging this attempt the keyring has not been changed.", null);
        }
        entry.failures++;
        entry.lastFailureAt = now;
        keyring.record(new SecurityEvent(now, SecurityEvent.Kind.SIGN_IN_FAILED, username, null));
        if (entry.failures >= policy.maxFailures()) {
            entry.lockedUntil = now.plus(policy.lockoutPeriod());
            keyring.record(new SecurityEvent(now, SecurityEvent.Kind.LOCKED_OUT, username, null));
            keyringFile.save(keyring);
            throw lockedOut(entry.lockedUntil);
        }
        keyringFile.save(keyring);
        throw wrongCredentials();
    }

    private static SignInException wrongCredentials() {
        return new SignInException(SignInException.Reason.WRONG_CREDENTIALS, "Unknown username or wrong password.", null);
    }

    private static SignInException lockedOut(Instant until) {
        return new SignInException(SignInException.Reason.LOCKED_OUT,
                "Too many wrong passwords: this account is locked until " + until + ". Try again then, or ask a supervisor.", until);
    }

    /** PBKDF2 in the JDK refuses an empty password; an empty one is simply wrong, at the usual cost. */
    private static char[] nonEmpty(char[] password) {
        return password == null || password.length == 0 ? new char[] {'\0'} : password;
    }

    private Session requireActive() {
        if (current == null || !current.isActive()) {
            throw new IllegalStateException(current == null ? "Nobody is signed in." : "The session is locked: unlock it first.");
        }
        return current;
    }

    private static void requireMayGrant(Session by, UserAccount account) {
        if (!by.hasRole(Role.ADMINISTRATOR) && !by.roles().containsAll(account.roles())) {
            throw new SecurityException(by.username() + " can grant only roles they hold; an administrator can grant any role.");
        }
    }

    private void requirePasswordAcceptable(String username, char[] password) {
        if (password == null || password.length < policy.minPasswordLength()) {
            throw new IllegalArgumentException("password: at least " + policy.minPasswordLength() + " characters");
        }
        boolean blank = true;
        for (char c : password) {
            blank &= Character.isWhitespace(c);
        }
        if (blank || Arrays.equals(password, username.toCharArray())) {
            throw new IllegalArgumentException("password: must not be blank or the username");
        }
    }

    private void endSession() {
        if (current != null) {
            current.end();
            current = null;
        }
    }

    private byte[] newDatabaseKey() {
        if (Files.exists(databaseFile())) {
            // A new key would only lock everyone out of the existing data: say what is missing instead.
            throw new StoreException("The database " + databaseFile() + " exists but neither the keyring " + KEYRING_FILE_NAME
                    + " nor the key file " + legacyKeyFile().getFileName() + " is next to it. Restore the keyring from a backup;"
                    + " the database cannot be opened without it and has not been changed.");
        }
        byte[] key = new byte[KeyWrapping.KEY_BYTES];
        random.nextBytes(key);
        return key;
    }

    private Path legacyKeyFile() {
        return FileKeyProvider.keyFileFor(databaseFile());
    }

    /** The foundation's key file holds the key as the 64 lower-case hex characters H2 was given. */
    private byte[] readLegacyKey(Path legacy) {
        char[] hex = new FileKeyProvider().fileKey(databaseFile());
        try {
            byte[] key = new byte[KeyWrapping.KEY_BYTES];
            for (int i = 0; i < key.length; i++) {
                int hi = Character.digit(hex[2 * i], 16);
                int lo = Character.digit(hex[2 * i + 1], 16);
                key[i] = (byte) (hi << 4 | lo);
            }
            char[] again = toHex(key);
            boolean same = Arrays.equals(again, hex);
            Arrays.fill(again, '\0');
            if (!same) {
                // Upper-case hex would be a different H2 password: converting it would strand the database.
                Arrays.fill(key, (byte) 0);
                throw new StoreException("The key file " + legacy + " is not in the form DASH Desk writes (lower-case hexadecimal)."
                        + " It has not been converted or changed; contact support.");
            }
            return key;
        } finally {
            Arrays.fill(hex, '\0');
        }
    }

    private void confirmSealedOnDisk(String username, char[] password, byte[] key) {
        Keyring reread = keyringFile.load().orElseThrow(() -> new StoreException("The keyring " + keyringFile.path()
                + " was not found after writing it; the key file has been kept."));
        KeyWrapping.Outcome o = KeyWrapping.open(password, reread.users.get(username).credential, reread.aadFor(username));
        boolean same = o instanceof KeyWrapping.Opened opened && MessageDigest.isEqual(opened.databaseKey(), key);
        if (o instanceof KeyWrapping.Opened opened) {
            Arrays.fill(opened.databaseKey(), (byte) 0);
        }
        if (!same) {
            throw new StoreException("The keyring " + keyringFile.path() + " did not read back correctly after writing; the key file "
                    + legacyKeyFile() + " has been kept. Check the disk and try again.");
        }
    }

    /** A key file left over (say, deletion failed last time) is removed once proven redundant. */
    private void destroyLegacyKeyFileIfItHolds(byte[] key) {
        Path legacy = legacyKeyFile();
        if (!Files.exists(legacy)) {
            return;
        }
        char[] expected = toHex(key);
        try {
            byte[] found = Files.readAllBytes(legacy);
            char[] foundChars = new char[found.length];
            for (int i = 0; i < found.length; i++) {
                foundChars[i] = (char) (found[i] & 0xff);
            }
            Arrays.fill(found, (byte) 0);
            boolean same = MessageDigest.isEqual(new String(foundChars).strip().getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                    new String(expected).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            Arrays.fill(foundChars, '\0');
            if (same) {
                destroyLegacyKeyFile(legacy);
            }
        } catch (IOException | RuntimeException ignored) {
            // Best effort: a key file we cannot read is left for support, never guessed at.
        } finally {
            Arrays.fill(expected, '\0');
        }
    }

    /** Overwrites then deletes; on SSDs and journalling file systems the overwrite is best effort only. */
    private static void destroyLegacyKeyFile(Path legacy) {
        try {
            long size = Files.size(legacy);
            try (FileChannel ch = FileChannel.open(legacy, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.allocate((int) Math.min(size, 4096)));
                ch.force(true);
            }
            Files.delete(legacy);
        } catch (IOException e) {
            throw new StoreException("The database key is now kept in the keyring, but the old key file " + legacy
                    + " could not be deleted (" + e.getClass().getSimpleName() + "). Delete it by hand; DASH Desk will also try"
                    + " again at the next sign-in.", e);
        }
    }

    static char[] toHex(byte[] bytes) {
        char[] digits = "0123456789abcdef".toCharArray();
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = digits[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = digits[bytes[i] & 0xf];
        }
        return out;
    }
}
