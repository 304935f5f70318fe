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
import java.util.List;

import org.dashdesk.assessment.AssessmentSummary;
import org.dashdesk.grading.RiskLevel;
import org.dashdesk.security.FileKeyProvider;
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

    static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Cli(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(List.of(args));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
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
        Run imported = cli("import", file.toString(), "--data-dir", desk.toString());
        assertEquals(2, imported.code(), imported.err());
        assertTrue(imported.err().contains("sheets.jsonl:2: answers.Q1"), imported.err());
        assertTrue(imported.err().contains("sheets.jsonl:3: collarNumber"), imported.err());
        assertTrue(imported.err().contains("sheets.jsonl:4: malformed JSON"), imported.err());
        assertTrue(imported.err().contains("sheets.jsonl:7: professionalJudgement.rationale"), imported.err());
        assertFalse(imported.err().contains(":5:"), "a blank line is not an error");
        assertTrue(imported.out().contains("loaded 2, refused 4"), imported.out());
        assertFalse(imported.out().contains("Synthetic"), "no names are printed");
        try (H2AssessmentRepository repo = H2AssessmentRepository.open(desk, new FileKeyProvider())) {
            List<AssessmentSummary> submitted = repo.submitted();
            assertEquals(2, submitted.size());
            assertTrue(submitted.stream().anyMatch(s -> s.level() == RiskLevel.HIGH));
            assertTrue(repo.drafts().isEmpty(), "a refused line leaves no draft behind");
        }

        Path serverDir = dir.resolve("server");
        Run token = cli("server", "token", "--data-dir", serverDir.toString(), "--collar", "1234");
        assertEquals(0, token.code(), token.err());
        Path tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, token.out().strip());
        try (ReferenceServer server = ReferenceServer.start(ServerConfig.devHttp(serverDir))) {
            Run sync = cli("sync", "--server", server.uri().toString(), "--token-file", tokenFile.toString(), "--dev-insecure-http",
                    "--data-dir", desk.toString());
            assertEquals(0, sync.code(), sync.out() + sync.err());
            assertTrue(sync.out().startsWith("sent 2, refused 0"), sync.out());
            assertTrue(sync.out().contains("Nothing waiting to send"), sync.out());
            assertEquals(2, server.revisionCount());
            Run again = cli("sync", "--server", server.uri().toString(), "--token-file", tokenFile.toString(), "--dev-insecure-http",
                    "--data-dir", desk.toString());
            assertTrue(again.out().startsWith("sent 0"), again.out());
            assertEquals(2, server.revisionCount());
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
        assertEquals(0, cli("import", file.toString(), "--data-dir", officerDesk.toString()).code());
        assertEquals(0, cli("import", file.toString(), "--data-dir", imuDesk.toString()).code());
        try (ReferenceServer server = ReferenceServer.start(ServerConfig.devHttp(dir.resolve("server")))) {
            Path officerToken = dir.resolve("officer-token");
            Files.writeString(officerToken, server.issueToken("1234", "officer"));
            Run officer = cli("sync", "--server", server.uri().toString(), "--token-file", officerToken.toString(),
                    "--dev-insecure-http", "--data-dir", officerDesk.toString());
            // Officer 1234's own sheet goes; 5678's is held with the server's reason, not "sign in again".
            assertTrue(officer.out().startsWith("sent 1, refused 1"), officer.out());
            assertTrue(officer.out().contains("1 refused by the server"), officer.out());
            assertFalse(officer.out().contains("waiting for sign-in"), officer.out());
            Path imuToken = dir.resolve("imu-token");
            Files.writeString(imuToken, server.issueToken("7001", "imu"));
            Run imu = cli("sync", "--server", server.uri().toString(), "--token-file", imuToken.toString(),
                    "--dev-insecure-http", "--data-dir", imuDesk.toString());
            assertEquals(0, imu.code(), imu.out() + imu.err());
            assertTrue(imu.out().startsWith("sent 2, refused 0"), imu.out());
            assertEquals(3, server.revisionCount());
        }
    }

    @Test
    void syncRefusesPlainHttpWithoutTheFlagAndNamesTheProblem() throws Exception {
        Path tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, "abc");
        Run r = cli("sync", "--server", "http://127.0.0.1:9", "--token-file", tokenFile.toString(), "--data-dir", dir.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--dev-insecure-http"), r.err());
        Run missing = cli("import", dir.resolve("nope.jsonl").toString(), "--data-dir", dir.toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("nope.jsonl: no such file"), missing.err());
    }
}
