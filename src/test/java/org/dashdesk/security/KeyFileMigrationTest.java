package org.dashdesk.security;

import static org.dashdesk.security.SecurityFixtures.FAST;
import static org.dashdesk.security.SecurityFixtures.OFFICER;
import static org.dashdesk.security.SecurityFixtures.OFFICER_PASSWORD;
import static org.dashdesk.security.SecurityFixtures.SERGEANT;
import static org.dashdesk.security.SecurityFixtures.SERGEANT_PASSWORD;
import static org.dashdesk.security.SecurityFixtures.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.dashdesk.assessment.AssessmentContent;
import org.dashdesk.assessment.Channel;
import org.dashdesk.assessment.Officer;
import org.dashdesk.assessment.People;
import org.dashdesk.assessment.PhoneIn;
import org.dashdesk.assessment.StoreException;
import org.dashdesk.store.H2AssessmentRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A laptop set up before accounts existed keeps its data when its first user enrols. */
class KeyFileMigrationTest {

    private static final String VICTIM = "Synthetic Migrated Victim";

    @TempDir
    Path dir;

    private UUID databaseWithDataUnderTheOldKeyFile() {
        try (H2AssessmentRepository repo = H2AssessmentRepository.open(dir, new FileKeyProvider())) {
            AssessmentContent start = AssessmentContent.start("dash-2009", "2009.1", Channel.PHONE_IN, new Officer("1234", "PC Synthetic"),
                    new PhoneIn(new Officer("IMU9", "Synthetic Recorder"), "1234", "CALL-0002", true));
            UUID id = repo.createDraft(start, "1234").id();
            repo.saveDetails(id, start.withPeople(new People(VICTIM, List.of(), List.of(), false)), "1234", "people");
            return id;
        }
    }

    @Test
    void theFirstEnrolmentWrapsTheExistingKeyThenDeletesThePlainKeyFile() throws Exception {
        UUID id = databaseWithDataUnderTheOldKeyFile();
        Path keyFile = dir.resolve("dashdesk.key");
        char[] oldKey = Files.readString(keyFile).toCharArray();

        SessionManager m = SessionManager.open(dir, FAST, new SecurityFixtures.TestClock());
        assertFalse(m.hasEnrolledUsers());
        assertTrue(m.willMigrateKeyFile());
        Session s = m.enrolFirstUser(OFFICER, OFFICER_PASSWORD);
        assertFalse(Files.exists(keyFile), "the plain key file is gone once the keyring holds the key");
        assertArrayEquals(oldKey, SessionManager.toHex(s.databaseKey()));
        assertTrue(m.securityEvents().stream().anyMatch(e -> e.kind() == SecurityEvent.Kind.KEY_MIGRATED));
        m.enrol(new UserAccount("pc77", "PC Seventy-Seven", "77", java.util.Set.of(Role.OFFICER), ""), SERGEANT_PASSWORD);
        m.signOut();

        SessionManager restarted = SessionManager.open(dir, FAST, new SecurityFixtures.TestClock());
        assertFalse(restarted.willMigrateKeyFile());
        for (String user : List.of("pc1234", "pc77")) {
            restarted.signIn(user, user.equals("pc1234") ? OFFICER_PASSWORD : SERGEANT_PASSWORD);
            try (H2AssessmentRepository repo = H2AssessmentRepository.open(dir, restarted.keyProvider())) {
                assertEquals(VICTIM, repo.find(id).orElseThrow().content().people().victimName());
            }
            restarted.signOut();
        }
        // The old provider can no longer open it: there is nothing left to read the key from.
        assertThrows(StoreException.class, () -> H2AssessmentRepository.open(dir, new FileKeyProvider()));
    }

    @Test
    void aLeftoverKeyFileIsDeletedAtTheNextSignInOnlyIfItHoldsTheSameKey() throws Exception {
        databaseWithDataUnderTheOldKeyFile();
        Path keyFile = dir.resolve("dashdesk.key");
        String oldKey = Files.readString(keyFile);
        SessionManager m = SessionManager.open(dir, FAST, new SecurityFixtures.TestClock());
        m.enrolFirstUser(OFFICER, OFFICER_PASSWORD);
        m.signOut();

        // As if the deletion had failed last time.
        Files.writeString(keyFile, oldKey);
        m.signIn("pc1234", OFFICER_PASSWORD);
        assertFalse(Files.exists(keyFile));
        m.signOut();

        // A key file that is not ours is left alone for support to look at.
        String foreign = "0".repeat(64);
        Files.writeString(keyFile, foreign);
        m.signIn("pc1234", OFFICER_PASSWORD);
        assertEquals(foreign, Files.readString(keyFile));
    }

    @Test
    void aDamagedOldKeyFileStopsTheMigrationWithNothingWritten() throws Exception {
        databaseWithDataUnderTheOldKeyFile();
        Path keyFile = dir.resolve("dashdesk.key");
        Files.writeString(keyFile, "damaged");
        SessionManager m = SessionManager.open(dir, FAST, new SecurityFixtures.TestClock());
        StoreException e = assertThrows(StoreException.class, () -> m.enrolFirstUser(SERGEANT, SERGEANT_PASSWORD));
        assertTrue(e.getMessage().contains(keyFile.toString()), e.getMessage());
        assertFalse(Files.exists(m.keyringFile()));
        assertEquals("damaged", Files.readString(keyFile));
    }

    @Test
    void anUpperCaseKeyFileIsNotConvertedBecauseH2WouldSeeADifferentPassword() throws Exception {
        databaseWithDataUnderTheOldKeyFile();
        Path keyFile = dir.resolve("dashdesk.key");
        String upper = Files.readString(keyFile).toUpperCase();
        Files.writeString(keyFile, upper);
        byte[] db = bytes(dir.resolve(SessionManager.DATABASE_FILE_NAME));
        SessionManager m = SessionManager.open(dir, FAST, new SecurityFixtures.TestClock());
        StoreException e = assertThrows(StoreException.class, () -> m.enrolFirstUser(OFFICER, OFFICER_PASSWORD));
        assertTrue(e.getMessage().contains("lower-case"), e.getMessage());
        assertFalse(Files.exists(m.keyringFile()));
        assertEquals(upper, Files.readString(keyFile));
        assertArrayEquals(db, bytes(dir.resolve(SessionManager.DATABASE_FILE_NAME)));
    }
}
