package org.dashdesk.security;

import static org.dashdesk.security.SecurityFixtures.FAST;
import static org.dashdesk.security.SecurityFixtures.OFFICER;
import static org.dashdesk.security.SecurityFixtures.OFFICER_PASSWORD;
import static org.dashdesk.security.SecurityFixtures.SERGEANT;
import static org.dashdesk.security.SecurityFixtures.SERGEANT_PASSWORD;
import static org.dashdesk.security.SecurityFixtures.bytes;
import static org.dashdesk.security.SecurityFixtures.containsAny;
import static org.dashdesk.security.SecurityFixtures.keyForms;
import static org.dashdesk.security.SecurityFixtures.textForms;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Stream;

import org.dashdesk.assessment.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KeyringFileTest {

    @TempDir
    Path dir;

    private final SecurityFixtures.TestClock clock = new SecurityFixtures.TestClock();

    @Test
    void theKeyringHoldsNeitherAPasswordNorTheDatabaseKeyInAnyForm() {
        SessionManager m = SessionManager.open(dir, FAST, clock);
        Session s = m.enrolFirstUser(SERGEANT, SERGEANT_PASSWORD);
        byte[] key = s.databaseKey().clone();
        m.enrol(OFFICER, OFFICER_PASSWORD);
        char[] changed = "the sergeant's newer phrase".toCharArray();
        m.changePassword(SERGEANT_PASSWORD, changed);
        m.signOut();
        m.signIn("pc1234", OFFICER_PASSWORD);
        // The key really is the one H2 gets, so searching for it is meaningful.
        assertArrayEquals(HexFormat.of().formatHex(key).toCharArray(), m.keyProvider().fileKey(m.databaseFile()));
        m.signOut();

        byte[] keyring = bytes(m.keyringFile());
        assertFalse(containsAny(keyring, keyForms(key)), "the database key in raw, hex or Base64 form");
        for (char[] password : new char[][] {SERGEANT_PASSWORD, OFFICER_PASSWORD, changed}) {
            assertFalse(containsAny(keyring, textForms(new String(password))), "a password");
            assertFalse(containsAny(keyring, textForms(Base64(password))), "a password in Base64");
        }
        // Control: the search does find what is there.
        assertTrue(containsAny(keyring, textForms("ps5678")));
        assertTrue(containsAny(keyring, keyForms(java.util.Base64.getDecoder().decode(firstSalt(keyring)))));
    }

    private static String Base64(char[] password) {
        return java.util.Base64.getEncoder().encodeToString(new String(password).getBytes(StandardCharsets.UTF_8));
    }

    private static String firstSalt(byte[] keyring) {
        String text = new String(keyring, StandardCharsets.UTF_8);
        int at = text.indexOf("\"salt\" : \"") + "\"salt\" : \"".length();
        return text.substring(at, text.indexOf('"', at));
    }

    static Stream<Arguments> damagedKeyrings() {
        return Stream.of(
                Arguments.of("not JSON", "{\"format\": \"dashdesk-keyring\", \"version\": 1, \"users\": [", "not valid JSON"),
                Arguments.of("empty file", "", "top level"),
                Arguments.of("binary garbage", "\u0000\u0001\u0002garbage", "not valid JSON"),
                Arguments.of("a JSON array", "[]", "top level"),
                Arguments.of("wrong format", "{\"format\": \"other\", \"version\": 1}", "'format'"),
                Arguments.of("newer version", "{\"format\": \"dashdesk-keyring\", \"version\": 99}", "newer DASH Desk"),
                Arguments.of("no users", "{\"format\": \"dashdesk-keyring\", \"version\": 1, \"keyringId\": \"" + java.util.UUID.randomUUID()
                        + "\", \"users\": []}", "'users'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damagedKeyrings")
    void aDamagedKeyringIsReportedByNameAndNeverOverwritten(String what, String content, String says) throws Exception {
        Path file = dir.resolve(SessionManager.KEYRING_FILE_NAME);
        Files.writeString(file, content, StandardCharsets.ISO_8859_1);
        byte[] before = bytes(file);
        StoreException e = assertThrows(StoreException.class, () -> SessionManager.open(dir, FAST, clock));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(says), e.getMessage());
        assertTrue(e.getMessage().contains("has not been changed"), e.getMessage());
        assertArrayEquals(before, bytes(file));
        assertFalse(Files.exists(dir.resolve(SessionManager.KEYRING_FILE_NAME + ".tmp")));
    }

    @Test
    void aKeyringDamagedWhileRunningRefusesSignInAndEnrolmentAndStaysUntouched() throws Exception {
        SessionManager m = SessionManager.open(dir, FAST, clock);
        m.enrolFirstUser(OFFICER, OFFICER_PASSWORD);
        m.signOut();
        byte[] good = bytes(m.keyringFile());
        // Truncate mid-way: a half-written file such as a non-atomic writer would leave.
        byte[] half = Arrays.copyOf(good, good.length / 2);
        Files.write(m.keyringFile(), half);
        StoreException e = assertThrows(StoreException.class, () -> m.signIn("pc1234", OFFICER_PASSWORD));
        assertTrue(e.getMessage().contains(m.keyringFile().toString()), e.getMessage());
        assertThrows(StoreException.class, () -> m.enrolFirstUser(SERGEANT, SERGEANT_PASSWORD), "never a fresh keyring over a damaged one");
        assertThrows(StoreException.class, m::hasEnrolledUsers);
        assertArrayEquals(half, bytes(m.keyringFile()));
    }

    @Test
    void aFieldEditedToNonsenseIsNamedInTheMessage() throws Exception {
        SessionManager m = SessionManager.open(dir, FAST, clock);
        m.enrolFirstUser(OFFICER, OFFICER_PASSWORD);
        m.signOut();
        String text = Files.readString(m.keyringFile());
        Files.writeString(m.keyringFile(), text.replaceFirst("\"iterations\" : \\d+", "\"iterations\" : 5"));
        StoreException e = assertThrows(StoreException.class, () -> SessionManager.open(dir, FAST, clock));
        assertTrue(e.getMessage().contains("users[0].credential: 'iterations' below"), e.getMessage());
        Files.writeString(m.keyringFile(), text.replaceFirst("\"iv\" : \"[^\"]*\"", "\"iv\" : \"AAAA\""));
        e = assertThrows(StoreException.class, () -> SessionManager.open(dir, FAST, clock));
        assertTrue(e.getMessage().contains("field 'iv' has 3 bytes, expected 12"), e.getMessage());
        Files.writeString(m.keyringFile(), text.replaceFirst("\"roles\" : \\[[^\\]]*\\]", "\"roles\" : \"OFFICER\""));
        e = assertThrows(StoreException.class, () -> SessionManager.open(dir, FAST, clock));
        assertTrue(e.getMessage().contains("users[0].roles: must be an array"), e.getMessage());
        Files.writeString(m.keyringFile(), text.replaceFirst("\"credential\" : \\{", "\"credential\" : [ {").replaceFirst(
                "(\"wrappedKey\" : \"[^\"]*\"\\s*})", "$1 ]"));
        e = assertThrows(StoreException.class, () -> SessionManager.open(dir, FAST, clock));
        assertTrue(e.getMessage().contains("users[0].credential: must be a JSON object"), e.getMessage());
    }

    @Test
    void aFieldAddedByHandIsTolerated() throws Exception {
        SessionManager m = SessionManager.open(dir, FAST, clock);
        m.enrolFirstUser(OFFICER, OFFICER_PASSWORD);
        m.signOut();
        String written = Files.readString(m.keyringFile());
        Files.writeString(m.keyringFile(), written.replaceFirst("\\{", "{ \"note\" : \"restored by support\","));
        SessionManager again = SessionManager.open(dir, FAST, clock);
        assertTrue(again.signIn("pc1234", OFFICER_PASSWORD).isActive(), "an extra field never locks everyone out");
    }

    @Test
    void aTemporaryFileLeftByACrashDuringAWriteIsIgnoredAndReplaced() throws Exception {
        SessionManager m = SessionManager.open(dir, FAST, clock);
        m.enrolFirstUser(OFFICER, OFFICER_PASSWORD);
        m.signOut();
        Path tmp = dir.resolve(SessionManager.KEYRING_FILE_NAME + ".tmp");
        Files.writeString(tmp, "{\"half\": ");
        assertThrows(SignInException.class, () -> m.signIn("pc1234", SERGEANT_PASSWORD));
        assertFalse(Files.exists(tmp));
        assertTrue(m.signIn("pc1234", OFFICER_PASSWORD).isActive());
        assertTrue(m.lockedUntil("not a username").isEmpty());
    }

    @Test
    void theSecurityLogKeepsOnlyTheMostRecentEvents() {
        SessionManager m = SessionManager.open(dir, FAST.withLockout(1_000, java.time.Duration.ofMinutes(1)), clock);
        m.enrolFirstUser(OFFICER, OFFICER_PASSWORD);
        m.signOut();
        for (int i = 0; i < Keyring.EVENTS_KEPT + 5; i++) {
            assertThrows(SignInException.class, () -> m.signIn("unknown", OFFICER_PASSWORD));
        }
        assertEquals(Keyring.EVENTS_KEPT, m.securityEvents().size());
        assertTrue(m.securityEvents().stream().allMatch(e -> e.kind() == SecurityEvent.Kind.UNKNOWN_USER));
    }
}
