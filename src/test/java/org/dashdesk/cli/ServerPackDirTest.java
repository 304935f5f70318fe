package org.dashdesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.dashdesk.assessment.AssessmentContent;
import org.dashdesk.assessment.AssessmentJson;
import org.dashdesk.assessment.Revision;
import org.dashdesk.grading.GradingEngine;
import org.dashdesk.grading.PolicyRegistry;
import org.dashdesk.protocol.Protocol;
import org.dashdesk.protocol.RevisionUpload;
import org.dashdesk.server.ReferenceServer;
import org.dashdesk.server.TestRevisions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code server --pack-dir}: the server regrades with the force's policy, as the force's laptops grade. */
class ServerPackDirTest {

    @TempDir
    Path dir;

    @Test
    void aRevisionGradedUnderTheForcePolicyIsStoredOnlyByAServerGivenThePackDirectory() throws Exception {
        Path force = CliTest.forceDirectory(Files.createDirectories(dir.resolve("force")));
        PolicyRegistry laptop = PolicyRegistry.load(force);
        AssessmentContent content = TestRevisions.content(3);
        Revision r = Revision.freeze(UUID.randomUUID(), UUID.randomUUID(), null, 1, null, Instant.parse("2026-11-20T03:00:00Z"),
                "1234", content, new GradingEngine(laptop.packs(), laptop.inForce("dash-2009")).grade(content.gradingInput()));
        assertEquals("test-force-2026", r.grading().policyId());

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ReferenceServer without = ServerCommand.start(List.of("--port", "0", "--data-dir", dir.resolve("plain").toString(),
                "--dev-insecure-http"), new PrintStream(err, true, StandardCharsets.UTF_8))) {
            HttpResponse<String> refused = put(without, r);
            assertEquals(422, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("policy"), refused.body());
        }
        try (ReferenceServer with = ServerCommand.start(List.of("--port", "0", "--data-dir", dir.resolve("force-server").toString(),
                "--dev-insecure-http", "--pack-dir", force.toString()), new PrintStream(err, true, StandardCharsets.UTF_8))) {
            HttpResponse<String> stored = put(with, r);
            assertEquals(201, stored.statusCode(), stored.body());
            assertEquals(1, with.revisionCount());
        }
        assertEquals("", err.toString(StandardCharsets.UTF_8), "the force directory loads without refusals");
    }

    @Test
    void aPackDirectoryThatIsNotThereIsRefusedByName() {
        ImportAndSyncCommandTest.Run r = ImportAndSyncCommandTest.cli("server", "--port", "0", "--data-dir", dir.toString(),
                "--dev-insecure-http", "--pack-dir", dir.resolve("missing").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--pack-dir: " + dir.resolve("missing") + " is not a directory"), r.err());
    }

    private static HttpResponse<String> put(ReferenceServer server, Revision r) throws Exception {
        String token = server.issueToken("1234", "officer");
        String body = AssessmentJson.canonical(new RevisionUpload(Protocol.VERSION, "device-test", 1, r));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri().resolve(Protocol.revisionPath(r.assessmentId(),
                r.revisionId()))).header("Authorization", "Bearer " + token).PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
