package org.dashdesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.dashdesk.assessment.AssessmentJson;
import org.dashdesk.assessment.Revision;
import org.dashdesk.logging.Logs;
import org.dashdesk.protocol.Protocol;
import org.dashdesk.protocol.RevisionUpload;
import org.dashdesk.server.ReferenceServer;
import org.dashdesk.server.TestRevisions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code server} command's logging: a request whose content makes the server fail (an
 * over-long device id naming a synthetic person) leaves no trace of that content in the log, and
 * Jetty's own lines arrive through the same redacting formatter.
 */
class ServerLoggingTest {

    static final String SYNTHETIC = "Synthetic Victim Zebediah Quartermain of 12 Nowhere Lane";

    @TempDir
    Path dir;

    @Test
    void requestContentNeverReachesTheServerLog() throws Exception {
        List<String> args = List.of("--data-dir", dir.toString(), "--port", "0", "--dev-insecure-http");
        Logs logs = ServerCommand.installLogging(ServerCommand.config(args));
        assertNotNull(logs);
        try (ReferenceServer server = ServerCommand.start(args, new PrintStream(new ByteArrayOutputStream()))) {
            String token = server.issueToken("1234", "officer");
            Revision rev = TestRevisions.first(UUID.randomUUID(), 3);
            String device = (SYNTHETIC + " ").repeat(40);
            String body = AssessmentJson.canonical(new RevisionUpload(1, device, 1, rev));
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri().resolve(
                    Protocol.revisionPath(rev.assessmentId(), rev.revisionId()))).header("Authorization", "Bearer " + token)
                    .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(r.statusCode() >= 400, r.statusCode() + " " + r.body());
            assertFalse(r.body().contains("Zebediah"), "the reply quotes the content: " + r.body());
            logs.fileHandler().flush();
            String log = readLogs(dir.resolve("logs"));
            // Jetty logs through slf4j-jdk14 into the same formatter (its short "INFO logger:" form)
            assertTrue(log.contains(" INFO org.eclipse.jetty"), log);
            if (r.statusCode() >= 500) {
                // a database fault: logged with the route pattern and exception type, never the value
                assertTrue(log.contains("storage failure on PUT /api/v1/assessments/{assessment}/revisions/{revision}"), log);
            }
            assertFalse(log.contains("Zebediah"), "request content reached the log");
            assertFalse(log.contains(token), "a token reached the log");
        } finally {
            logs.restore();
        }
    }

    static String readLogs(Path folder) throws Exception {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".log")).toList()) {
                all.append(Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        assertEquals(false, all.isEmpty(), "no log written");
        return all.toString();
    }
}
