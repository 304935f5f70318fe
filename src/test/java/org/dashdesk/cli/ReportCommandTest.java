package org.dashdesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.dashdesk.assessment.AssessmentJson;
import org.dashdesk.assessment.Revision;
import org.dashdesk.protocol.Protocol;
import org.dashdesk.protocol.RevisionUpload;
import org.dashdesk.security.Role;
import org.dashdesk.security.UserAccount;
import org.dashdesk.server.ReferenceServer;
import org.dashdesk.server.ServerConfig;
import org.dashdesk.server.TestRevisions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report}: the server's report printed as a table, CSV or JSON; bad options named before anyone signs in. */
class ReportCommandTest {

    static final String PASSWORD = "synthetic analyst phrase";

    @TempDir
    Path dir;

    @Test
    void anAnalystPrintsTheLevelsReportAsATableAndAsCsv() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(ServerConfig.devHttp(dir.resolve("server")))) {
            server.addUser(new UserAccount("analyst1", "Synthetic Analyst", "", Set.of(Role.ANALYST), "Performance"),
                    PASSWORD.toCharArray());
            server.addUser(new UserAccount("pc1", "Synthetic Officer", "1234", Set.of(Role.OFFICER), "North"), PASSWORD.toCharArray());
            String token = server.issueToken("1234", "officer", "North");
            for (int yes : List.of(2, 2, 11, 15)) {
                upload(server, TestRevisions.first(UUID.randomUUID(), yes), token);
            }
            Path pw = Files.writeString(dir.resolve("pw"), PASSWORD + "\n");
            String[] common = {"report", "levels", "--server", server.uri().toString(), "--dev-insecure-http", "--username", "analyst1",
                "--password-file", pw.toString(), "--from", "2026-01-01", "--to", "2026-12-31"};

            KeyringCliTest.Run table = KeyringCliTest.cli("", common);
            assertEquals(0, table.code(), table.err());
            assertTrue(table.out().startsWith("Assessments by level\n2026-01-01 to 2026-12-31"), table.out());
            assertTrue(table.out().lines().anyMatch(l -> l.matches("2026-11\\s+2\\s+1\\s+1\\s+4")), table.out());
            assertTrue(table.out().lines().anyMatch(l -> l.matches("Total\\s+2\\s+1\\s+1\\s+4")), table.out());

            KeyringCliTest.Run csv = KeyringCliTest.cli("", concat(common, "--format", "csv", "--filter", "level=standard"));
            assertEquals(0, csv.code(), csv.err());
            assertEquals(List.of("Month,STANDARD,MEDIUM,HIGH,Total", "2026-11,2,0,0,2", "Total,2,0,0,2"), csv.out().lines().toList());

            Path file = dir.resolve("levels.json");
            KeyringCliTest.Run json = KeyringCliTest.cli("", concat(common, "--format", "json", "--suppress", "--output", file.toString()));
            assertEquals(0, json.code(), json.err());
            assertTrue(json.out().contains("written to " + file), json.out());
            assertTrue(AssessmentJson.mapper().readTree(Files.readString(file)).get("suppressed").asBoolean());

            KeyringCliTest.Run officer = KeyringCliTest.cli("", "report", "levels", "--server", server.uri().toString(),
                    "--dev-insecure-http", "--username", "pc1", "--password-file", pw.toString());
            assertEquals(1, officer.code());
            assertTrue(officer.err().startsWith("report: the server refused it: "), officer.err());
        }
    }

    @Test
    void badOptionsAreNamedBeforeSigningIn() {
        // No server listens on this port: the options are refused before any connection is tried.
        String[] base = {"report", "levels", "--server", "http://127.0.0.1:9", "--dev-insecure-http", "--username", "x"};
        KeyringCliTest.Run reversed = KeyringCliTest.cli("", concat(base, "--from", "2026-05-01", "--to", "2026-01-01"));
        assertEquals(2, reversed.code());
        assertEquals("report: --from: the range is the wrong way round: from 2026-05-01 is after to 2026-01-01", reversed.err().strip());
        KeyringCliTest.Run filter = KeyringCliTest.cli("", concat(base, "--filter", "colour=red"));
        assertEquals(2, filter.code());
        assertTrue(filter.err().startsWith("report: --filter colour: unknown filter 'colour'"), filter.err());
        KeyringCliTest.Run unknown = KeyringCliTest.cli("", "report", "victims", "--server", "http://127.0.0.1:9");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("the reports are levels, sign-off"), unknown.err());
        assertFalse(reversed.err().contains("sign"), "nothing was signed in");
    }

    static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static void upload(ReferenceServer server, Revision r, String token) throws Exception {
        HttpResponse<String> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.uri()
                + Protocol.revisionPath(r.assessmentId(), r.revisionId()))).header("Authorization", "Bearer " + token)
                .header("Content-Type", Protocol.JSON).PUT(HttpRequest.BodyPublishers.ofString(AssessmentJson.canonical(
                        new RevisionUpload(1, "device-C", System.nanoTime(), r)))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, put.statusCode(), put.body());
    }
}
