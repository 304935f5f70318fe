package org.dashdesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.dashdesk.assessment.AssessmentJson;
import org.dashdesk.assessment.Revision;
import org.dashdesk.assessment.StoreException;
import org.dashdesk.protocol.Protocol;
import org.dashdesk.protocol.RevisionUpload;
import org.dashdesk.server.ReferenceServer;
import org.dashdesk.server.ServerConfig;
import org.dashdesk.server.TestRevisions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code server --jdbc-url}: a database other than the default file, with its user and a password from a file. */
class ServerJdbcUrlTest {

    @TempDir
    Path dir;

    @Test
    void theServerUsesTheGivenJdbcUrlAndCredentialsNotTheDefaultFile() throws Exception {
        Path db = dir.resolve("elsewhere").resolve("central");
        String url = "jdbc:h2:file:" + db + ";WRITE_DELAY=0";
        Path passwordFile = dir.resolve("db-password");
        Files.writeString(passwordFile, "synthetic db pass phrase\n");
        // The token command opens (here: creates) the database through the same options as the server.
        ImportAndSyncCommandTest.Run token = ImportAndSyncCommandTest.cli("server", "token", "--jdbc-url", url, "--jdbc-user",
                "dashdesk", "--jdbc-password-file", passwordFile.toString(), "--collar", "1234");
        assertEquals(0, token.code(), token.err());
        assertTrue(Files.exists(Path.of(db + ".mv.db")), "the database is where the URL says");

        ServerConfig config = new ServerConfig(InetAddress.getLoopbackAddress(), 0, null, url, "dashdesk", "synthetic db pass phrase",
                null, null, true, 2).withEvidenceDir(dir.resolve("evidence"));
        try (ReferenceServer server = ReferenceServer.start(config)) {
            Revision r = TestRevisions.first(UUID.randomUUID(), 3);
            HttpResponse<String> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    server.uri().resolve(Protocol.revisionPath(r.assessmentId(), r.revisionId())))
                    .header("Authorization", "Bearer " + token.out().strip())
                    .PUT(HttpRequest.BodyPublishers.ofString(AssessmentJson.canonical(new RevisionUpload(1, "d", 1, r)))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, put.statusCode(), put.body());
            assertEquals(1, server.revisionCount());
        }
        assertFalse(Files.exists(dir.resolve("dashdesk-server.mv.db")), "no default database beside it");

        // The credentials are really used: a wrong password is refused, naming the database, never the password.
        ServerConfig wrong = new ServerConfig(InetAddress.getLoopbackAddress(), 0, null, url, "dashdesk", "not the password", null,
                null, true, 2).withEvidenceDir(dir.resolve("evidence"));
        StoreException e = assertThrows(StoreException.class, () -> ReferenceServer.start(wrong));
        assertTrue(e.getMessage().contains(db.toString()), e.getMessage());
        assertFalse(e.getMessage().contains("not the password"), e.getMessage());
        assertFalse(e.getMessage().contains("WRITE_DELAY"), "only the address part of the URL is shown");
    }

    /**
     * {@code --jdbc-url jdbc:postgresql://…}: the driver ships with the application. After {@code mvn package}
     * (the jar and {@code target/lib} exist, as in {@code mvn verify} re-runs and by hand) the token command runs
     * as {@code java -jar}, so only the shipped classpath is used; in a first {@code mvn test} it runs in-process.
     */
    @Test
    void aPostgresqlUrlWorksWithTheShippedDriver() throws Exception {
        String url = org.dashdesk.server.TestDatabases.freshPostgresUrl();
        Path jar;
        try (var files = Files.list(Path.of("target"))) {
            jar = files.filter(f -> f.getFileName().toString().matches("dashdesk(-[0-9].*)?\\.jar")
                    && !f.getFileName().toString().contains("sources")).findFirst().orElse(null);
        }
        String token;
        if (jar != null && Files.isDirectory(Path.of("target", "lib"))) {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(),
                    "server", "token", "--jdbc-url", url, "--jdbc-user", "postgres", "--collar", "1234").redirectErrorStream(false).start();
            System.out.println("ServerJdbcUrlTest: token issued through java -jar " + jar);
            token = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
            String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), "java -jar " + jar + ": " + err);
        } else {
            ImportAndSyncCommandTest.Run run = ImportAndSyncCommandTest.cli("server", "token", "--jdbc-url", url, "--jdbc-user", "postgres",
                    "--collar", "1234");
            assertEquals(0, run.code(), run.err());
            token = run.out().strip();
        }
        try (ReferenceServer server = ReferenceServer.start(org.dashdesk.server.TestDatabases.onUrl(url))) {
            Revision r = TestRevisions.first(UUID.randomUUID(), 3);
            HttpResponse<String> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    server.uri().resolve(Protocol.revisionPath(r.assessmentId(), r.revisionId())))
                    .header("Authorization", "Bearer " + token)
                    .PUT(HttpRequest.BodyPublishers.ofString(AssessmentJson.canonical(new RevisionUpload(1, "d", 1, r)))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, put.statusCode(), put.body());
            assertEquals(1, server.revisionCount());
        }
    }

    @Test
    void anInMemoryUrlNeedsNoDataDirectoryOnlyAnEvidenceDirectory() throws Exception {
        ServerConfig noEvidence = new ServerConfig(InetAddress.getLoopbackAddress(), 0, null, "jdbc:h2:mem:srv-" + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1", null, null, null, null, true, 2);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> ReferenceServer.start(noEvidence));
        assertTrue(refused.getMessage().contains("--evidence-dir"), refused.getMessage());
        ServerConfig config = noEvidence.withEvidenceDir(dir.resolve("evidence"));
        try (ReferenceServer server = ReferenceServer.start(config)) {
            String token = server.issueToken("1234", "officer");
            Revision r = TestRevisions.first(UUID.randomUUID(), 2);
            HttpResponse<String> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    server.uri().resolve(Protocol.revisionPath(r.assessmentId(), r.revisionId())))
                    .header("Authorization", "Bearer " + token)
                    .PUT(HttpRequest.BodyPublishers.ofString(AssessmentJson.canonical(new RevisionUpload(1, "d", 1, r)))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, put.statusCode(), put.body());
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("evidence")), files.toList(), "nothing written to disk but the signing key");
        }
    }
}
