package org.dashdesk.security;

import static org.dashdesk.security.SecurityFixtures.FAST;
import static org.dashdesk.security.SecurityFixtures.OFFICER;
import static org.dashdesk.security.SecurityFixtures.OFFICER_PASSWORD;
import static org.dashdesk.security.SecurityFixtures.WRONG_PASSWORD;
import static org.dashdesk.security.SecurityFixtures.bytes;
import static org.dashdesk.security.SecurityFixtures.contains;
import static org.dashdesk.security.SecurityFixtures.containsAny;
import static org.dashdesk.security.SecurityFixtures.textForms;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.dashdesk.assessment.Answer;
import org.dashdesk.assessment.AssessmentContent;
import org.dashdesk.assessment.Channel;
import org.dashdesk.assessment.Officer;
import org.dashdesk.assessment.People;
import org.dashdesk.assessment.PhoneIn;
import org.dashdesk.assessment.StoreException;
import org.dashdesk.grading.Choice;
import org.dashdesk.store.H2AssessmentRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 5: the database file copied while the app is closed reveals no victim, and a wrong password never opens it. */
class EncryptedAtRestTest {

    /** Synthetic: invented for this test, and deliberately unusual so a match cannot be chance. */
    private static final String VICTIM = "Ottoline Brackenfeather";
    private static final String COMMENT = "synthetic: Ottoline says he broke her wrist";

    @TempDir
    Path dir;

    @TempDir
    Path copies;

    @Test
    void theDatabaseCopiedWhileClosedContainsTheVictimsNameInNoForm() throws Exception {
        // The app's own logs are on, into the same folder, as on a real laptop.
        org.dashdesk.logging.Logs logs = org.dashdesk.logging.Logs.configure(dir);
        SessionManager m = SessionManager.open(dir, FAST, new SecurityFixtures.TestClock());
        m.enrolFirstUser(OFFICER, OFFICER_PASSWORD);
        UUID id;
        try (H2AssessmentRepository repo = H2AssessmentRepository.open(dir, m.keyProvider())) {
            AssessmentContent start = AssessmentContent.start("dash-2009", "2009.1", Channel.PHONE_IN, new Officer("1234", "PC Synthetic Officer"),
                    new PhoneIn(new Officer("IMU9", "Synthetic Recorder"), "1234", "CALL-0001", true));
            id = repo.createDraft(start, "pc1234").id();
            repo.saveDetails(id, start.withPeople(new People(VICTIM, List.of("Synthetic Abuser"), List.of(), false)), "pc1234", "people");
            repo.saveAnswer(id, Answer.choice("Q1", Choice.YES).withComment(COMMENT), "Q2", "pc1234");
            repo.database().checkpointSync();
        } finally {
            logs.restore();
        }
        m.signOut();

        // Copy everything in the data folder, sub-folders (logs) included, as a thief with the laptop's disk would.
        List<Path> all;
        try (Stream<Path> files = Files.walk(dir)) {
            all = files.filter(Files::isRegularFile).toList();
        }
        for (Path f : all) {
            Path copy = copies.resolve(dir.relativize(f).toString());
            Files.createDirectories(copy.getParent());
            Files.copy(f, copy);
        }
        assertTrue(all.contains(dir.resolve(SessionManager.DATABASE_FILE_NAME)), all.toString());
        assertTrue(all.stream().anyMatch(f -> f.getParent().getFileName().toString().equals("logs")), "the logs were written: " + all);
        List<byte[]> forms = new java.util.ArrayList<>();
        for (String secret : List.of(VICTIM, "Ottoline", "Brackenfeather", "broke her wrist")) {
            forms.addAll(textForms(secret));
            // Hex and base64 of the text too (upper and lower case), should anything store it encoded.
            forms.addAll(SecurityFixtures.keyForms(secret.getBytes(StandardCharsets.UTF_8)));
        }
        try (Stream<Path> files = Files.walk(copies)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertFalse(containsAny(bytes(f), forms), "a form of the victim's name or the comment in " + copies.relativize(f));
            }
        }
        // Control: the search finds the name in both encodings when it is there, and encoded.
        byte[] planted = ("xx" + VICTIM.toUpperCase()).getBytes(StandardCharsets.UTF_16LE);
        assertTrue(containsAny(planted, forms));
        assertTrue(contains(planted, VICTIM.toUpperCase().getBytes(StandardCharsets.UTF_16LE)));
        byte[] encoded = ("x=" + java.util.Base64.getEncoder().encodeToString(VICTIM.getBytes(StandardCharsets.UTF_8)))
                .getBytes(StandardCharsets.UTF_8);
        assertTrue(containsAny(encoded, forms));

        // The data really is there, for the right password only.
        assertThrows(SignInException.class, () -> m.signIn("pc1234", WRONG_PASSWORD));
        assertThrows(StoreException.class, () -> H2AssessmentRepository.open(dir, m.keyProvider()));
        m.signIn("pc1234", OFFICER_PASSWORD);
        try (H2AssessmentRepository repo = H2AssessmentRepository.open(dir, m.keyProvider())) {
            assertEquals(VICTIM, repo.find(id).orElseThrow().content().people().victimName());
        }
    }

    @Test
    void aCopiedDatabaseDoesNotOpenWithAnotherLaptopsKeyring() throws Exception {
        SessionManager m = SessionManager.open(dir, FAST, new SecurityFixtures.TestClock());
        m.enrolFirstUser(OFFICER, OFFICER_PASSWORD);
        try (H2AssessmentRepository repo = H2AssessmentRepository.open(dir, m.keyProvider())) {
            repo.database().checkpointSync();
        }
        m.signOut();
        // Another laptop set up with the same username and password has its own random key.
        SessionManager other = SessionManager.open(copies, FAST, new SecurityFixtures.TestClock());
        other.enrolFirstUser(OFFICER, OFFICER_PASSWORD);
        other.signOut();
        Files.copy(dir.resolve(SessionManager.DATABASE_FILE_NAME), copies.resolve(SessionManager.DATABASE_FILE_NAME));
        byte[] before = bytes(copies.resolve(SessionManager.DATABASE_FILE_NAME));
        other.signIn("pc1234", OFFICER_PASSWORD);
        StoreException e = assertThrows(StoreException.class, () -> H2AssessmentRepository.open(copies, other.keyProvider()));
        assertTrue(e.getMessage().contains("cannot be opened with this key"), e.getMessage());
        assertArrayEquals(before, bytes(copies.resolve(SessionManager.DATABASE_FILE_NAME)));
    }
}
