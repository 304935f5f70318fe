package org.dashdesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;

import org.dashdesk.assessment.AssessmentSummary;
import org.dashdesk.grading.RiskLevel;
import org.dashdesk.security.Role;
import org.dashdesk.security.SecurityPolicy;
import org.dashdesk.security.SessionManager;
import org.dashdesk.security.UserAccount;
import org.dashdesk.server.ReferenceServer;
import org.dashdesk.server.ServerConfig;
import org.dashdesk.store.H2AssessmentRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code import} then {@code sync} from the command line, against the real server. */
class ImportAndSyncCommandTest {

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static final String PASSWORD = "synthetic desk phrase";

    static Run cli(String... args) {
        return cliWithInput("", args);
    }

    static Run cliWithInput(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Cli(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(List.of(args));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** What setting up the laptop in the app does: the first user is enrolled in the keyring. */
    static void setUpLaptop(Path desk) {
        SessionManager sessions = SessionManager.open(desk, SecurityPolicy.defaults().withIterations(SecurityPolicy.MIN_ITERATIONS),
                Clock.systemUTC());
        sessions.enrolFirstUser(new UserAccount("pc1234", "PC Synthetic", "1234", Set.of(Role.OFFICER), "North"), PASSWORD.toCharArray());
        sessions.signOut();
    }

    @Test
    void aFolderWithNoOneSetUpIsRefusedAndNoKeyFileIsCreated() throws Exception {
        Path file = dir.resolve("sheets.jsonl");
        Files.write(file, List.of("{\"pack\":\"dash-2009\",\"collarNumber\":\"1234\",\"answers\":{\"Q1\":\"yes\"}}"),
                StandardCharsets.UTF_8);
        Path desk = dir.resolve("desk");
        Run imported = cliWithInput(PASSWORD + "\n", "import", file.toString(), "--data-dir", desk.toString(), "--username", "pc1234");
        assertEquals(2, imported.code(), imported.out());
        assertTrue(imported.err().contains("set up the laptop"), imported.err());
        assertFalse(imported.out().contains("loaded"), imported.out());
        Path tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, "synthetic-token");
        Run synced = cli("sync", "--server", "http://127.0.0.1:9", "--token-file", tokenFile.toString(), "--dev-insecure-http",
                "--data-dir", desk.toString());
        assertEquals(2, synced.code(), synced.out());
        assertTrue(synced.err().contains("set up the laptop"), synced.err());
        assertFalse(Files.exists(desk.resolve("dashdesk.key")), "the CLI never creates a plain key file");
        assertFalse(Files.exists(desk.resolve(SessionManager.DATABASE_FILE_NAME)), "nor a store");
    }

    @Test
    void aFolderStillOnTheOldKeyFileIsSentToSetUpWhichMovesTheKey() throws Exception {
        Path desk = Files.createDirectories(dir.resolve("old-desk"));
        Files.writeString(desk.resolve("dashdesk.key"), "0".repeat(64));
        Path file = dir.resolve("sheets.jsonl");
        Files.write(file, List.of("{\"pack\":\"dash-2009\",\"collarNumber\":\"1234\",\"answers\":{\"Q1\":\"yes\"}}"),
                StandardCharsets.UTF_8);
        Run imported = cli("import", file.toString(), "--data-dir", desk.toString());
        assertEquals(2, imported.code());
        assertTrue(imported.err().contains("old key file") && imported.err().contains("set up the laptop"), imported.err());
        assertFalse(Files.exists(desk.resolve(SessionManager.DATABASE_FILE_NAME)));
    }

    @Test
    void importsGoodLinesReportsBadOnesByNumberThenSyncs() throws Exception {
        StringBuilder yes15 = new StringBuilder();
        for (int i = 1; i <= 15; i++) {
            yes15.append(i == 1 ? "" : ",").append("\"Q").append(i).append("\":\"yes\"");
        }
        Path file = dir.resolve("sheets.jsonl");
        Files.write(file, List.of(
                "{\"pack\":\"dash-2009\",\"collarNumber\":\"1234\",\"answers\":{\"Q1\":\"yes\",\"Q2\":\"no\"},\"victimName\":\"Synthetic A\","
                        + "\"incidentDate\":\"2026-11-20\",\"district\":\"Maidstone\"}",
                "{\"pack\":\"dash-2009\",\"collarNumber\":\"1234\",\"answers\":{\"Q1\":\"perhaps\"}}",
                "{\"pack\":\"dash-2009\",\"answers\":{}}",
                "not json at all",
                "",
                "{\"pack\":\"dash-2009\",\"collarNumber\":\"1234\",\"answers\":{" + yes15 + "},\"abuserNames\":[\"Synthetic B\"],"
                        + "\"incidentOccurredAt\":\"2026-11-21T23:15\",\"policeCalloutsLast12Months\":1}",
                "{\"pack\":\"dash-2009\",\"collarNumber\":\"1234\",\"answers\":{\"Q1\":\"yes\"},"
                        + "\"professionalJudgement\":{\"level\":\"high\",\"rationale\":\"\"}}"), StandardCharsets.UTF_8);
        Path desk = dir.resolve("desk");
        setUpLaptop(desk);
        Run imported = cliWithInput(PASSWORD + "\n", "import", file.toString(), "--data-dir", desk.toString(), "--username", "pc1234");
        assertEquals(2, imported.code(), imported.err());
        assertTrue(imported.err().contains("sheets.jsonl:2: answers.Q1"), imported.err());
        assertTrue(imported.err().contains("sheets.jsonl:3: collarNumber"), imported.err());
        assertTrue(imported.err().contains("sheets.jsonl:4: malformed JSON"), imported.err());
        assertTrue(imported.err().contains("sheets.jsonl:7: professionalJudgement.rationale"), imported.err());
        assertFalse(imported.err().contains(":5:"), "a blank line is not an error");
        assertTrue(imported.out().contains("loaded 2, refused 4"), imported.out());
        assertFalse(imported.out().contains("Synthetic"), "no names are printed");
        assertFalse(Files.exists(desk.resolve("dashdesk.key")), "the keyring holds the key; no plain key file");
        SessionManager sessions = SessionManager.open(desk);
        sessions.signIn("pc1234", PASSWORD.toCharArray());
        try (H2AssessmentRepository repo = H2AssessmentRepository.open(desk, sessions.keyProvider())) {
            List<AssessmentSummary> submitted = repo.submitted();
            assertEquals(2, submitted.size());
            assertTrue(submitted.stream().anyMatch(s -> s.level() == RiskLevel.HIGH));
            assertTrue(repo.drafts().isEmpty(), "a refused line leaves no draft behind");
        } finally {
            sessions.signOut();
        }

        Path serverDir = dir.resolve("server");
        Run token = cli("server", "token", "--data-dir", serverDir.toString(), "--collar", "1234");
        assertEquals(0, token.code(), token.err());
        Path tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, token.out().strip());
        try (ReferenceServer server = ReferenceServer.start(ServerConfig.devHttp(serverDir))) {
            Run sync = cliWithInput(PASSWORD + "\n", "sync", "--server", server.uri().toString(), "--token-file", tokenFile.toString(),
                    "--dev-insecure-http", "--data-dir", desk.toString(), "--username", "pc1234");
            assertEquals(0, sync.code(), sync.out() + sync.err());
            assertTrue(sync.out().startsWith("sent 2, refused 0"), sync.out());
            assertTrue(sync.out().contains("Nothing waiting to send"), sync.out());
            assertEquals(2, server.revisionCount());
            Run again = cliWithInput(PASSWORD + "\n", "sync", "--server", server.uri().toString(), "--token-file", tokenFile.toString(),
                    "--dev-insecure-http", "--data-dir", desk.toString(), "--username", "pc1234");
            assertTrue(again.out().startsWith("sent 0"), again.out());
            assertEquals(2, server.revisionCount());
        }
    }

    @Test
    void importKeepsEveryDocumentedFieldAndRefusesUnknownOnesByName() throws Exception {
        String everyField = "{\"pack\":\"dash-2009\",\"incidentDate\":\"2026-11-20\",\"answers\":{\"Q1\":\"yes\"},"
                + "\"policeCalloutsLast12Months\":1,\"lastMaracReferral\":\"2024-01-01\",\"childrenOrDependants\":false,"
                + "\"professionalJudgement\":{\"level\":\"medium\",\"rationale\":\"synthetic reasons\"},"
                + "\"collarNumber\":\"1234\",\"officerName\":\"PC Synthetic\",\"victimName\":\"Synthetic A\","
                + "\"abuserNames\":[\"Synthetic B\"],\"incidentOccurredAt\":\"2026-11-20T22:05\",\"place\":\"Synthetic Road\","
                + "\"district\":\"Maidstone\",\"incidentReference\":\"INC-SYN-1\"}";
        Path file = dir.resolve("strict.jsonl");
        Files.write(file, List.of(
                everyField,
                everyField.replace("\"officerName\"", "\"offcerName\""),
                everyField.replace("\"policeCalloutsLast12Months\"", "\"policeCallouts\""),
                everyField + " garbage",
                everyField.replace("\"Q1\":\"yes\"", "\"Q1\":\"yes\",\"Q1\":\"no\""),
                everyField.replace("\"victimName\":\"Synthetic A\"", "\"victimName\":7"),
                everyField.replace("[\"Synthetic B\"]", "\"Synthetic B\""),
                everyField.replace("\"collarNumber\":\"1234\"", "\"collarNumber\":1234")), StandardCharsets.UTF_8);
        setUpLaptop(dir.resolve("desk"));
        Run imported = cliWithInput(PASSWORD + "\n", "import", file.toString(), "--data-dir", dir.resolve("desk").toString(),
                "--username", "pc1234");
        assertEquals(2, imported.code(), imported.err());
        assertTrue(imported.out().contains("loaded 1, refused 7"), imported.out());
        assertTrue(imported.err().contains("strict.jsonl:2: offcerName: unknown field (did you mean 'officerName'?)"), imported.err());
        assertTrue(imported.err().contains("strict.jsonl:3: policeCallouts: unknown field"), imported.err());
        assertTrue(imported.err().contains("strict.jsonl:4: unexpected content after the end of the JSON value"), imported.err());
        assertTrue(imported.err().contains("strict.jsonl:5: answers.Q1: duplicate key 'Q1'"), imported.err());
        assertTrue(imported.err().contains("strict.jsonl:6: victimName: must be text"), imported.err());
        assertTrue(imported.err().contains("strict.jsonl:7: abuserNames: must be an array"), imported.err());
        assertTrue(imported.err().contains("strict.jsonl:8: collarNumber: must be text"), imported.err());
        assertFalse(imported.err().contains("Synthetic"), "refusals name fields, never the values given");
    }

    @Test
    void importWithPackDirGradesUnderThePolicyInForce() throws Exception {
        Path force = Files.createDirectories(dir.resolve("force"));
        CliTest.forceDirectory(force);
        Path file = Files.writeString(dir.resolve("force.jsonl"),
                "{\"pack\":\"dash-2009\",\"collarNumber\":\"1234\",\"answers\":{\"K1\":\"yes\"}}\n", StandardCharsets.UTF_8);
        Path desk = dir.resolve("desk");
        setUpLaptop(desk);
        Run imported = cliWithInput(PASSWORD + "\n", "import", file.toString(), "--data-dir", desk.toString(), "--pack-dir",
                force.toString(), "--username", "pc1234");
        assertEquals(0, imported.code(), imported.err());
        SessionManager sessions = SessionManager.open(desk);
        sessions.signIn("pc1234", PASSWORD.toCharArray());
        try (H2AssessmentRepository repo = H2AssessmentRepository.open(desk, sessions.keyProvider())) {
            AssessmentSummary only = repo.submitted().get(0);
            var grading = repo.revisions(only.id()).get(0).grading();
            assertEquals("test-force-2026", grading.policyId());
            assertEquals(RiskLevel.HIGH, grading.level());
        }
    }

    @Test
    void manyOfficersSheetsGoUpWhenImuSyncsAndAreHeldWithTheReasonForAnOfficer() throws Exception {
        Path file = dir.resolve("sheets.jsonl");
        Files.write(file, List.of(
                "{\"pack\":\"dash-2009\",\"collarNumber\":\"1234\",\"answers\":{\"Q1\":\"yes\"}}",
                "{\"pack\":\"dash-2009\",\"collarNumber\":\"5678\",\"answers\":{\"Q2\":\"yes\"}}"), StandardCharsets.UTF_8);
        Path officerDesk = dir.resolve("officer-desk");
        Path imuDesk = dir.resolve("imu-desk");
        setUpLaptop(officerDesk);
        setUpLaptop(imuDesk);
        assertEquals(0, cliWithInput(PASSWORD + "\n", "import", file.toString(), "--data-dir", officerDesk.toString(),
                "--username", "pc1234").code());
        assertEquals(0, cliWithInput(PASSWORD + "\n", "import", file.toString(), "--data-dir", imuDesk.toString(),
                "--username", "pc1234").code());
        try (ReferenceServer server = ReferenceServer.start(ServerConfig.devHttp(dir.resolve("server")))) {
            Path officerToken = dir.resolve("officer-token");
            Files.writeString(officerToken, server.issueToken("1234", "officer"));
            Run officer = cliWithInput(PASSWORD + "\n", "sync", "--server", server.uri().toString(), "--token-file",
                    officerToken.toString(), "--dev-insecure-http", "--data-dir", officerDesk.toString(), "--username", "pc1234");
            // Officer 1234's own sheet goes; 5678's is held with the server's reason, not "sign in again".
            assertTrue(officer.out().startsWith("sent 1, refused 1"), officer.out());
            assertTrue(officer.out().contains("1 refused by the server"), officer.out());
            assertFalse(officer.out().contains("waiting for sign-in"), officer.out());
            // IMU uploads only for collars the server has an account for (decision 0126).
            for (String collar : List.of("1234", "5678")) {
                server.addUser(new org.dashdesk.security.UserAccount("pc" + collar, "PC Synthetic " + collar, collar,
                        java.util.Set.of(org.dashdesk.security.Role.OFFICER), "North"), "synthetic pass phrase".toCharArray());
            }
            Path imuToken = dir.resolve("imu-token");
            Files.writeString(imuToken, server.issueToken("7001", "imu"));
            Run imu = cliWithInput(PASSWORD + "\n", "sync", "--server", server.uri().toString(), "--token-file",
                    imuToken.toString(), "--dev-insecure-http", "--data-dir", imuDesk.toString(), "--username", "pc1234");
            assertEquals(0, imu.code(), imu.out() + imu.err());
            assertTrue(imu.out().startsWith("sent 2, refused 0"), imu.out());
            assertEquals(3, server.revisionCount());
        }
    }

    @Test
    void aDevelopmentTokenIsIssuedForOneHourToAWeekOnly() {
        Path serverDir = dir.resolve("server");
        for (String hours : List.of("0", "169", "-3")) {
            Run r = cli("server", "token", "--data-dir", serverDir.toString(), "--collar", "1234", "--valid-hours", hours);
            assertEquals(2, r.code(), hours);
            assertTrue(r.err().contains("--valid-hours must be between 1 and 168"), r.err());
            assertEquals("", r.out(), "no token printed");
        }
        Run week = cli("server", "token", "--data-dir", serverDir.toString(), "--collar", "1234", "--valid-hours", "168");
        assertEquals(0, week.code(), week.err());
        assertFalse(week.out().isBlank());
    }

    @Test
    void syncRefusesPlainHttpWithoutTheFlagAndNamesTheProblem() throws Exception {
        Path tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, "abc");
        setUpLaptop(dir);
        Run r = cliWithInput(PASSWORD + "\n", "sync", "--server", "http://127.0.0.1:9", "--token-file", tokenFile.toString(),
                "--data-dir", dir.toString(), "--username", "pc1234");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--dev-insecure-http"), r.err());
        Run missing = cli("import", dir.resolve("nope.jsonl").toString(), "--data-dir", dir.toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("nope.jsonl: no such file"), missing.err());
    }
}
