package org.dashdesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.dashdesk.security.Role;
import org.dashdesk.security.SessionManager;
import org.dashdesk.security.SignInException;
import org.dashdesk.store.H2AssessmentRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code setup} on a fresh folder, then {@code import}, then the store opens as the app would open it. */
class SetupCommandTest {

    private static final String PASSWORD = ImportAndSyncCommandTest.PASSWORD;

    @TempDir
    Path dir;

    @Test
    void setUpThenImportThenTheStoreOpens() throws Exception {
        Path desk = dir.resolve("desk");
        ImportAndSyncCommandTest.Run setup = ImportAndSyncCommandTest.cliWithInput(PASSWORD + "\n", "setup", "--username", "PC1234", "--display-name",
                "PC Synthetic", "--collar", "1234", "--roles", "officer,supervisor", "--team", "North", "--data-dir", desk.toString());
        assertEquals(0, setup.code(), setup.err());
        assertTrue(setup.out().contains("for pc1234 (officer,supervisor)"), setup.out());
        assertFalse(setup.out().contains(PASSWORD) || setup.err().contains(PASSWORD), "the password is never printed");
        assertTrue(Files.exists(desk.resolve("dashdesk.mv.db")), "the encrypted store is created");
        assertFalse(Files.exists(desk.resolve("dashdesk.key")), "no plain key file");

        Path file = Files.write(dir.resolve("one.jsonl"), List.of(
                "{\"pack\":\"dash-2009\",\"collarNumber\":\"1234\",\"answers\":{\"Q1\":\"yes\"},\"incidentDate\":\"2026-11-20\"}"),
                StandardCharsets.UTF_8);
        ImportAndSyncCommandTest.Run imported = ImportAndSyncCommandTest.cliWithInput(PASSWORD + "\n", "import", file.toString(), "--data-dir",
                desk.toString(), "--username", "pc1234");
        assertEquals(0, imported.code(), imported.err());

        // The app's own sign-in path: the same keyring, the same wrapped key, the imported record is there.
        SessionManager sessions = SessionManager.open(desk);
        assertEquals(Set.of(Role.OFFICER, Role.SUPERVISOR), sessions.enrolledAccounts().get(0).roles());
        assertThrows(SignInException.class, () -> sessions.signIn("pc1234", "not the phrase at all".toCharArray()));
        sessions.signIn("pc1234", PASSWORD.toCharArray());
        try (H2AssessmentRepository repo = H2AssessmentRepository.open(desk, sessions.keyProvider())) {
            assertEquals(1, repo.submitted().size());
        } finally {
            sessions.signOut();
        }
    }

    @Test
    void refusesWhenSomeoneIsAlreadyEnrolledAndKeepsTheirData() throws Exception {
        Path desk = dir.resolve("desk");
        ImportAndSyncCommandTest.setUpLaptop(desk);
        byte[] keyring = Files.readAllBytes(SessionManager.open(desk).keyringFile());
        ImportAndSyncCommandTest.Run again = ImportAndSyncCommandTest.cliWithInput("another synthetic phrase\n", "setup", "--username", "pc9999",
                "--display-name", "PC Other", "--collar", "9999", "--roles", "officer", "--data-dir", desk.toString());
        assertEquals(1, again.code(), again.err());
        assertEquals(1, again.err().strip().lines().count(), again.err());
        assertTrue(again.err().contains("already set up"), again.err());
        assertTrue(java.util.Arrays.equals(keyring, Files.readAllBytes(SessionManager.open(desk).keyringFile())), "keyring untouched");
    }

    @Test
    void badInputIsAUsageErrorAndWritesNothing() {
        Path desk = dir.resolve("desk");
        ImportAndSyncCommandTest.Run shortPassword = ImportAndSyncCommandTest.cliWithInput("short\n", "setup", "--username", "pc1234", "--display-name",
                "PC Synthetic", "--collar", "1234", "--roles", "officer", "--data-dir", desk.toString());
        assertEquals(2, shortPassword.code(), shortPassword.err());
        assertTrue(shortPassword.err().startsWith("setup: password: at least"), shortPassword.err());
        ImportAndSyncCommandTest.Run badRole = ImportAndSyncCommandTest.cliWithInput(PASSWORD + "\n", "setup", "--username", "pc1234", "--display-name",
                "PC Synthetic", "--collar", "1234", "--roles", "constable", "--data-dir", desk.toString());
        assertEquals(2, badRole.code(), badRole.err());
        assertTrue(badRole.err().contains("unknown role 'constable'"), badRole.err());
        ImportAndSyncCommandTest.Run missing = ImportAndSyncCommandTest.cliWithInput(PASSWORD + "\n", "setup", "--username", "pc1234");
        assertEquals(2, missing.code(), missing.err());
        assertFalse(SessionManager.open(desk).hasEnrolledUsers(), "nothing enrolled");
    }
}
