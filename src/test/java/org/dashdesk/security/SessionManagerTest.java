package org.dashdesk.security;

import static org.dashdesk.security.SecurityFixtures.ADMIN;
import static org.dashdesk.security.SecurityFixtures.FAST;
import static org.dashdesk.security.SecurityFixtures.OFFICER;
import static org.dashdesk.security.SecurityFixtures.OFFICER_PASSWORD;
import static org.dashdesk.security.SecurityFixtures.SERGEANT;
import static org.dashdesk.security.SecurityFixtures.SERGEANT_PASSWORD;
import static org.dashdesk.security.SecurityFixtures.WRONG_PASSWORD;
import static org.dashdesk.security.SecurityFixtures.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.dashdesk.assessment.StoreException;
import org.dashdesk.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionManagerTest {

    @TempDir
    Path dir;

    private final SecurityFixtures.TestClock clock = new SecurityFixtures.TestClock();

    private SessionManager manager() {
        return SessionManager.open(dir, FAST, clock);
    }

    private SessionManager withOfficerEnrolled() {
        SessionManager m = manager();
        m.enrolFirstUser(OFFICER, OFFICER_PASSWORD);
        m.signOut();
        return m;
    }

    private static void writeAndClose(SessionManager m) {
        try (Database db = Database.open(m.databaseFile().getParent(), m.keyProvider())) {
            db.inTransaction(c -> {
                try (var s = c.createStatement()) {
                    s.execute("MERGE INTO setting (setting_key, setting_value) KEY (setting_key) VALUES ('test.marker', 'written')");
                }
                return null;
            });
        }
    }

    private static String readMarker(SessionManager m) {
        try (Database db = Database.open(m.databaseFile().getParent(), m.keyProvider())) {
            return db.inTransaction(c -> {
                try (var s = c.createStatement(); var r = s.executeQuery("SELECT setting_value FROM setting WHERE setting_key = 'test.marker'")) {
                    return r.next() ? r.getString(1) : null;
                }
            });
        }
    }

    @Test
    void theSecurityBaseNameMatchesTheStore() {
        assertEquals(Database.FILE_NAME, SessionManager.DATABASE_FILE_NAME);
    }

    @Test
    void theFirstUserSetsUpTheLaptopAndOpensTheDatabase() throws Exception {
        SessionManager m = manager();
        assertFalse(m.hasEnrolledUsers());
        Session s = m.enrolFirstUser(OFFICER, OFFICER_PASSWORD);
        assertTrue(s.isActive());
        assertEquals(OFFICER, s.account());
        assertEquals(Set.of(Role.OFFICER), s.roles());
        assertTrue(m.hasEnrolledUsers());
        assertEquals(List.of(OFFICER), m.enrolledAccounts());
        writeAndClose(m);
        m.signOut();
        assertTrue(m.current().isEmpty());

        SessionManager afterRestart = SessionManager.open(dir, FAST, clock);
        afterRestart.signIn("PC1234 ", OFFICER_PASSWORD);
        assertEquals("written", readMarker(afterRestart));
        Path keyring = afterRestart.keyringFile();
        assertEquals(dir.resolve("dashdesk.keyring.json"), keyring);
        if (Files.getFileStore(keyring).supportsFileAttributeView("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyring)));
        }
        assertFalse(Files.exists(dir.resolve("dashdesk.key")), "no plain key file is ever written with accounts");
        assertFalse(Files.exists(dir.resolve("dashdesk.keyring.json.tmp")));
    }

    @Test
    void aWrongPasswordNeverSignsInAndNeverOpensTheDatabase() {
        SessionManager m = manager();
        m.enrolFirstUser(OFFICER, OFFICER_PASSWORD);
        writeAndClose(m);
        m.signOut();
        byte[] before = bytes(m.databaseFile());

        SignInException e = assertThrows(SignInException.class, () -> m.signIn("pc1234", WRONG_PASSWORD));
        assertEquals(SignInException.Reason.WRONG_CREDENTIALS, e.reason());
        assertTrue(m.current().isEmpty());
        StoreException refused = assertThrows(StoreException.class, () -> Database.open(dir, m.keyProvider()));
        assertTrue(refused.getMessage().contains("sign in"), refused.getMessage());
        assertArrayEquals(before, bytes(m.databaseFile()), "the database file is untouched");

        // Empty and absurd passwords are just wrong, not errors.
        assertEquals(SignInException.Reason.WRONG_CREDENTIALS,
                assertThrows(SignInException.class, () -> m.signIn("pc1234", new char[0])).reason());
    }

    @Test
    void theWrapItselfRefusesAWrongPasswordAndAnEntryMovedToAnotherUser() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        byte[] aad = "dashdesk-keyring/1/x/pc1234".getBytes();
        StoredCredential c = KeyWrapping.seal(OFFICER_PASSWORD, key, SecurityPolicy.MIN_ITERATIONS, aad, new java.security.SecureRandom());
        assertInstanceOf(KeyWrapping.WrongPassword.class, KeyWrapping.open(WRONG_PASSWORD, c, aad));
        KeyWrapping.Opened ok = assertInstanceOf(KeyWrapping.Opened.class, KeyWrapping.open(OFFICER_PASSWORD, c, aad));
        assertArrayEquals(key, ok.databaseKey());
        // Right password, but the entry claims to be someone else's: the GCM tag refuses it.
        assertInstanceOf(KeyWrapping.Damaged.class, KeyWrapping.open(OFFICER_PASSWORD, c, "dashdesk-keyring/1/x/ps5678".getBytes()));
        // A verifier forged to accept a wrong password still cannot unwrap the key.
        StoredCredential forged = new StoredCredential(c.iterations(), c.salt(),
                KeyWrapping.seal(WRONG_PASSWORD, key, c.iterations(), aad, fixedSalt(c.salt())).verifier(), c.iv(), c.wrappedKey());
        assertInstanceOf(KeyWrapping.Damaged.class, KeyWrapping.open(WRONG_PASSWORD, forged, aad));
    }

    /** A "random" source that repeats {@code salt} so a forged verifier uses the stored salt. */
    private static java.security.SecureRandom fixedSalt(byte[] salt) {
        return new java.security.SecureRandom() {
            private static final long serialVersionUID = 1L;
            private boolean first = true;

            @Override
            public void nextBytes(byte[] bytes) {
                if (first && bytes.length == salt.length) {
                    System.arraycopy(salt, 0, bytes, 0, salt.length);
                    first = false;
                } else {
                    super.nextBytes(bytes);
                }
            }
        };
    }

    @Test
    void anEntryCopiedOverAnotherUsersIsRefusedAsDamagedEvenWithTheRightPassword() throws Exception {
        SessionManager m = manager();
        m.enrolFirstUser(SERGEANT, SERGEANT_PASSWORD);
        m.enrol(OFFICER, OFFICER_PASSWORD);
        m.signOut();
        // An attacker who knows the officer's password swaps the officer's credential into the
        // sergeant's entry to sign in with the sergeant's roles.
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var root = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(m.keyringFile().toFile());
        var users = root.withArray("users");
        var officerCredential = users.get(1).get("credential").deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) users.get(0)).set("credential", officerCredential);
        json.writeValue(m.keyringFile().toFile(), root);

        SignInException e = assertThrows(SignInException.class, () -> m.signIn("ps5678", OFFICER_PASSWORD));
        assertEquals(SignInException.Reason.DAMAGED_ENTRY, e.reason());
        assertTrue(e.getMessage().contains(m.keyringFile().toString()), e.getMessage());
        assertTrue(m.current().isEmpty());
        assertThrows(StoreException.class, () -> Database.open(dir, m.keyProvider()));
        assertEquals(SecurityEvent.Kind.DAMAGED_ENTRY, m.securityEvents().get(m.securityEvents().size() - 1).kind());
    }

    @Test
    void rolesEditedByHandInTheKeyringAreRefusedAtSignIn() throws Exception {
        SessionManager m = withOfficerEnrolled();
        String text = Files.readString(m.keyringFile());
        Files.writeString(m.keyringFile(), text.replace("\"OFFICER\"", "\"OFFICER\", \"SUPERVISOR\""));
        assertTrue(m.enrolledAccounts().get(0).hasRole(Role.SUPERVISOR), "the edit parsed");
        SignInException e = assertThrows(SignInException.class, () -> m.signIn("pc1234", OFFICER_PASSWORD));
        assertEquals(SignInException.Reason.DAMAGED_ENTRY, e.reason());
        assertTrue(m.current().isEmpty());
        Files.writeString(m.keyringFile(), text.replace("PC Synthetic Officer", "PC Synthetic 0fficer"));
        assertEquals(SignInException.Reason.DAMAGED_ENTRY,
                assertThrows(SignInException.class, () -> m.signIn("pc1234", OFFICER_PASSWORD)).reason());
        Files.writeString(m.keyringFile(), text);
        assertTrue(m.signIn("pc1234", OFFICER_PASSWORD).isActive());
    }

    @Test
    void twoEnrolledUsersBothOpenTheSameDatabase() {
        SessionManager m = manager();
        m.enrolFirstUser(SERGEANT, SERGEANT_PASSWORD);
        m.enrol(OFFICER, OFFICER_PASSWORD);
        writeAndClose(m);
        m.signOut();

        SessionManager restarted = SessionManager.open(dir, FAST, clock);
        Session officer = restarted.signIn("pc1234", OFFICER_PASSWORD);
        assertEquals(Set.of(Role.OFFICER), officer.roles());
        assertEquals("written", readMarker(restarted));
        assertThrows(IllegalStateException.class, () -> restarted.signIn("ps5678", SERGEANT_PASSWORD), "one session at a time");
        restarted.signOut();
        Session sergeant = restarted.signIn("ps5678", SERGEANT_PASSWORD);
        assertTrue(sergeant.hasRole(Role.SUPERVISOR));
        assertEquals("written", readMarker(restarted));
        // Each user's password opens only their own entry.
        restarted.signOut();
        assertThrows(SignInException.class, () -> restarted.signIn("pc1234", SERGEANT_PASSWORD));
        SecurityEvent enrolled = restarted.securityEvents().stream()
                .filter(ev -> ev.kind() == SecurityEvent.Kind.ENROLLED && "pc1234".equals(ev.username())).findFirst().orElseThrow();
        assertEquals("ps5678", enrolled.by());
    }

    @Test
    void enrolmentNeedsAnActiveSessionAndCannotGrantRolesTheEnrollerLacks() {
        SessionManager m = manager();
        m.enrolFirstUser(OFFICER, OFFICER_PASSWORD);
        assertThrows(SecurityException.class, () -> m.enrol(SERGEANT, SERGEANT_PASSWORD), "an officer cannot create a supervisor");
        assertThrows(IllegalArgumentException.class, () -> m.enrol(OFFICER, SERGEANT_PASSWORD), "already enrolled");
        assertThrows(IllegalArgumentException.class,
                () -> m.enrol(new UserAccount("pc9", "PC Nine", "9", Set.of(Role.OFFICER), ""), "short".toCharArray()));
        assertThrows(IllegalStateException.class, () -> m.enrolFirstUser(ADMIN, "another long phrase".toCharArray()));
        m.lock();
        assertThrows(IllegalStateException.class,
                () -> m.enrol(new UserAccount("pc9", "PC Nine", "9", Set.of(Role.OFFICER), ""), "long enough phrase".toCharArray()));
        m.signOut();
        assertThrows(IllegalStateException.class,
                () -> m.enrol(new UserAccount("pc9", "PC Nine", "9", Set.of(Role.OFFICER), ""), "long enough phrase".toCharArray()));
        assertEquals(1, m.enrolledAccounts().size());
    }

    @Test
    void anAccountFromTheServerIsEnrolledWithTheServersRolesButStillNeedsASessionAndAGoodPassword() {
        SessionManager m = manager();
        m.enrolFirstUser(OFFICER, OFFICER_PASSWORD);
        m.enrolFromServer(SERGEANT, SERGEANT_PASSWORD);
        assertThrows(IllegalArgumentException.class, () -> m.enrolFromServer(SERGEANT, SERGEANT_PASSWORD), "already enrolled");
        assertThrows(IllegalArgumentException.class,
                () -> m.enrolFromServer(new UserAccount("pc9", "PC Nine", "9", Set.of(Role.OFFICER), ""), "short".toCharArray()));
        m.signOut();
        assertThrows(IllegalStateException.class,
                () -> m.enrolFromServer(new UserAccount("pc9", "PC Nine", "9", Set.of(Role.OFFICER), ""), "long enough phrase".toCharArray()));

        Session sergeant = m.signIn("ps5678", SERGEANT_PASSWORD);
        assertEquals(SERGEANT, sergeant.account());
        assertEquals("pc1234", m.securityEvents().stream()
                .filter(ev -> ev.kind() == SecurityEvent.Kind.ENROLLED && "ps5678".equals(ev.username())).findFirst().orElseThrow().by());
    }

    @Test
    void anAdministratorGrantsAnyRoleUpdatesAccountsAndRemovesUsers() {
        SessionManager m = manager();
        m.enrolFirstUser(ADMIN, "administrator phrase".toCharArray());
        m.enrol(SERGEANT, SERGEANT_PASSWORD);
        m.enrol(OFFICER, OFFICER_PASSWORD);
        UserAccount promoted = new UserAccount("pc1234", "PS Synthetic Officer", "1234", Set.of(Role.OFFICER, Role.SUPERVISOR), "Team South");
        m.updateAccount(promoted);
        m.remove("ps5678");
        m.signOut();
        assertEquals(List.of("admin01", "pc1234"), m.enrolledAccounts().stream().map(UserAccount::username).toList());
        Session s = m.signIn("pc1234", OFFICER_PASSWORD);
        assertEquals(promoted, s.account());
        assertThrows(SecurityException.class, () -> m.remove("admin01"));
        assertThrows(SignInException.class, () -> {
            m.signOut();
            m.signIn("ps5678", SERGEANT_PASSWORD);
        });
    }

    @Test
    void fiveWrongPasswordsLockTheAccountUntilThePeriodEndsEvenAcrossARestart() {
        SessionManager m = withOfficerEnrolled();
        for (int i = 1; i <= 4; i++) {
            assertEquals(SignInException.Reason.WRONG_CREDENTIALS,
                    assertThrows(SignInException.class, () -> m.signIn("pc1234", WRONG_PASSWORD)).reason(), "attempt " + i);
        }
        SignInException fifth = assertThrows(SignInException.class, () -> m.signIn("pc1234", WRONG_PASSWORD));
        assertEquals(SignInException.Reason.LOCKED_OUT, fifth.reason());
        Instant until = clock.instant().plus(Duration.ofMinutes(15));
        assertEquals(until, fifth.lockedUntil().orElseThrow());

        // Locked: even the right password is refused, and after a restart too.
        SessionManager restarted = SessionManager.open(dir, FAST, clock);
        assertEquals(until, restarted.lockedUntil("pc1234").orElseThrow());
        clock.advance(Duration.ofMinutes(14));
        assertEquals(SignInException.Reason.LOCKED_OUT,
                assertThrows(SignInException.class, () -> restarted.signIn("pc1234", OFFICER_PASSWORD)).reason());
        assertTrue(restarted.current().isEmpty());
        assertThrows(StoreException.class, () -> Database.open(dir, restarted.keyProvider()));

        clock.advance(Duration.ofMinutes(1));
        assertTrue(restarted.lockedUntil("pc1234").isEmpty());
        assertTrue(restarted.signIn("pc1234", OFFICER_PASSWORD).isActive());

        List<SecurityEvent.Kind> kinds = restarted.securityEvents().stream().map(SecurityEvent::kind).toList();
        assertEquals(5, kinds.stream().filter(k -> k == SecurityEvent.Kind.SIGN_IN_FAILED).count());
        assertEquals(1, kinds.stream().filter(k -> k == SecurityEvent.Kind.LOCKED_OUT).count());
        assertEquals(SecurityEvent.Kind.SIGNED_IN, kinds.get(kinds.size() - 1));
    }

    @Test
    void aSuccessResetsTheCountAndAReleasedAccountGetsFreshAttempts() {
        SessionManager m = withOfficerEnrolled();
        for (int i = 0; i < 4; i++) {
            assertThrows(SignInException.class, () -> m.signIn("pc1234", WRONG_PASSWORD));
        }
        m.signIn("pc1234", OFFICER_PASSWORD);
        m.signOut();
        for (int i = 0; i < 4; i++) {
            assertEquals(SignInException.Reason.WRONG_CREDENTIALS,
                    assertThrows(SignInException.class, () -> m.signIn("pc1234", WRONG_PASSWORD)).reason());
        }
        assertEquals(SignInException.Reason.LOCKED_OUT, assertThrows(SignInException.class, () -> m.signIn("pc1234", WRONG_PASSWORD)).reason());
        clock.advance(Duration.ofMinutes(15));
        assertEquals(SignInException.Reason.WRONG_CREDENTIALS,
                assertThrows(SignInException.class, () -> m.signIn("pc1234", WRONG_PASSWORD)).reason(), "a fresh count after release");
    }

    @Test
    void theLockoutThresholdAndPeriodAreConfigurable() {
        withOfficerEnrolled();
        SessionManager strict = SessionManager.open(dir, FAST.withLockout(2, Duration.ofHours(1)), clock);
        assertEquals(SignInException.Reason.WRONG_CREDENTIALS,
                assertThrows(SignInException.class, () -> strict.signIn("pc1234", WRONG_PASSWORD)).reason());
        SignInException second = assertThrows(SignInException.class, () -> strict.signIn("pc1234", WRONG_PASSWORD));
        assertEquals(SignInException.Reason.LOCKED_OUT, second.reason());
        assertEquals(clock.instant().plus(Duration.ofHours(1)), second.lockedUntil().orElseThrow());
    }

    @Test
    void anUnknownUsernameGetsTheSameAnswerAndIsNotRecordedByName() {
        SessionManager m = withOfficerEnrolled();
        SignInException unknown = assertThrows(SignInException.class, () -> m.signIn("nobody", OFFICER_PASSWORD));
        SignInException wrong = assertThrows(SignInException.class, () -> m.signIn("pc1234", WRONG_PASSWORD));
        assertEquals(wrong.getMessage(), unknown.getMessage());
        assertEquals(wrong.reason(), unknown.reason());
        // A password typed into the username field is not a username and must not be kept.
        assertThrows(SignInException.class, () -> m.signIn("correct horse synthetic", OFFICER_PASSWORD));
        String keyring = new String(bytes(m.keyringFile()), java.nio.charset.StandardCharsets.UTF_8);
        assertFalse(keyring.contains("nobody"));
        assertFalse(keyring.contains("correct horse"));
        assertEquals(2, m.securityEvents().stream().filter(e -> e.kind() == SecurityEvent.Kind.UNKNOWN_USER).count());
    }

    @Test
    void signingOutZeroesTheKeyInMemory() {
        SessionManager m = manager();
        Session s = m.enrolFirstUser(OFFICER, OFFICER_PASSWORD);
        byte[] live = s.databaseKey();
        assertFalse(allZero(live));
        m.signOut();
        assertTrue(allZero(live));
        assertEquals(Session.State.ENDED, s.state());
        assertThrows(StoreException.class, () -> Database.open(dir, m.keyProvider()));
    }

    @Test
    void anIdleSessionLocksWipesTheKeyAndNeedsThePasswordAgain() {
        SessionManager m = withOfficerEnrolled();
        Session s = m.signIn("pc1234", OFFICER_PASSWORD);
        Instant start = clock.instant();
        clock.advance(Duration.ofMinutes(6));
        m.touch();
        assertFalse(m.lockIfIdle(start.plus(Duration.ofMinutes(15))), "activity at minute 6 moves the deadline to 16");
        byte[] live = s.databaseKey();
        assertTrue(m.lockIfIdle(start.plus(Duration.ofMinutes(16))));
        assertEquals(Session.State.LOCKED, s.state());
        assertTrue(allZero(live));
        assertEquals(OFFICER, m.current().orElseThrow().account(), "the locked session still says who it belongs to");
        StoreException refused = assertThrows(StoreException.class, () -> Database.open(dir, m.keyProvider()));
        assertTrue(refused.getMessage().contains("locked"), refused.getMessage());
        assertFalse(m.lockIfIdle(start.plus(Duration.ofHours(1))), "already locked");

        assertEquals(SignInException.Reason.WRONG_CREDENTIALS, assertThrows(SignInException.class, () -> m.unlock(WRONG_PASSWORD)).reason());
        assertEquals(Session.State.LOCKED, s.state());
        assertTrue(m.unlock(OFFICER_PASSWORD).isActive());
        writeAndClose(m);
    }

    @Test
    void theIdleTimeoutIsConfigurable() {
        SessionManager m = SessionManager.open(dir, FAST.withIdleTimeout(Duration.ofSeconds(90)), clock);
        m.enrolFirstUser(OFFICER, OFFICER_PASSWORD);
        assertFalse(m.lockIfIdle(clock.instant().plusSeconds(89)));
        assertTrue(m.lockIfIdle(clock.instant().plusSeconds(90)));
    }

    @Test
    void lockingOutWhileLockedEndsTheSession() {
        SessionManager m = withOfficerEnrolled();
        m.signIn("pc1234", OFFICER_PASSWORD);
        m.lock();
        for (int i = 0; i < 4; i++) {
            assertThrows(SignInException.class, () -> m.unlock(WRONG_PASSWORD));
        }
        assertEquals(SignInException.Reason.LOCKED_OUT, assertThrows(SignInException.class, () -> m.unlock(WRONG_PASSWORD)).reason());
        assertTrue(m.current().isEmpty());
        assertThrows(IllegalStateException.class, () -> m.unlock(OFFICER_PASSWORD));
    }

    @Test
    void aPasswordChangeReWrapsTheKey() {
        SessionManager m = manager();
        m.enrolFirstUser(OFFICER, OFFICER_PASSWORD);
        writeAndClose(m);
        char[] newPassword = "a brand new synthetic phrase".toCharArray();
        assertEquals(SignInException.Reason.WRONG_CREDENTIALS,
                assertThrows(SignInException.class, () -> m.changePassword(WRONG_PASSWORD, newPassword)).reason());
        assertThrows(IllegalArgumentException.class, () -> m.changePassword(OFFICER_PASSWORD, "short".toCharArray()));
        m.changePassword(OFFICER_PASSWORD, newPassword);
        m.signOut();

        assertThrows(SignInException.class, () -> m.signIn("pc1234", OFFICER_PASSWORD));
        m.signIn("pc1234", newPassword);
        assertEquals("written", readMarker(m));
        assertTrue(m.securityEvents().stream().anyMatch(e -> e.kind() == SecurityEvent.Kind.PASSWORD_CHANGED));
    }

    @Test
    void olderIterationCountsAreRaisedAtTheNextSignIn() throws Exception {
        SessionManager m = manager();
        m.enrolFirstUser(OFFICER, OFFICER_PASSWORD);
        writeAndClose(m);
        m.signOut();
        assertEquals(SecurityPolicy.MIN_ITERATIONS, iterationsOf("pc1234"));

        SessionManager stronger = SessionManager.open(dir, FAST.withIterations(20_000), clock);
        stronger.signIn("pc1234", OFFICER_PASSWORD);
        assertEquals(20_000, iterationsOf("pc1234"));
        assertEquals("written", readMarker(stronger));
        stronger.signOut();
        stronger.signIn("pc1234", OFFICER_PASSWORD);
    }

    private int iterationsOf(String username) throws Exception {
        var root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve(SessionManager.KEYRING_FILE_NAME).toFile());
        for (var u : root.get("users")) {
            if (u.get("username").asText().equals(username)) {
                return u.get("credential").get("iterations").asInt();
            }
        }
        throw new AssertionError(username);
    }

    @Test
    void theKeyProviderServesOnlyItsOwnDatabase() {
        SessionManager m = manager();
        m.enrolFirstUser(OFFICER, OFFICER_PASSWORD);
        StoreException e = assertThrows(StoreException.class, () -> Database.open(dir.resolve("elsewhere"), m.keyProvider()));
        assertTrue(e.getMessage().contains(m.keyringFile().toString()), e.getMessage());
    }

    @Test
    void anExistingDatabaseWithoutKeyringOrKeyFileIsNeverGivenANewKey() throws Exception {
        SessionManager m = manager();
        m.enrolFirstUser(OFFICER, OFFICER_PASSWORD);
        writeAndClose(m);
        m.signOut();
        Files.move(m.keyringFile(), dir.resolve("keyring-backup.json"));
        byte[] before = bytes(m.databaseFile());
        SessionManager fresh = manager();
        StoreException e = assertThrows(StoreException.class, () -> fresh.enrolFirstUser(ADMIN, "administrator phrase".toCharArray()));
        assertTrue(e.getMessage().contains("dashdesk.keyring.json"), e.getMessage());
        assertFalse(Files.exists(fresh.keyringFile()));
        assertArrayEquals(before, bytes(m.databaseFile()));
    }

    @Test
    void accountsNormaliseUsernamesAndRefuseBadOnes() {
        assertEquals("pc1234", new UserAccount(" PC1234 ", "PC", "1", Set.of(Role.OFFICER), null).username());
        assertThrows(IllegalArgumentException.class, () -> new UserAccount("pc 1234", "PC", "1", Set.of(Role.OFFICER), null));
        assertThrows(IllegalArgumentException.class, () -> new UserAccount("pc1", " ", "1", Set.of(Role.OFFICER), null));
        assertThrows(IllegalArgumentException.class, () -> new UserAccount("pc1", "PC", "1", Set.of(), null));
        assertThrows(IllegalArgumentException.class, () -> FAST.withIterations(1_000));
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
