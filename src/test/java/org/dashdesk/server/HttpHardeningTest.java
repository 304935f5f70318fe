package org.dashdesk.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import org.dashdesk.assessment.AssessmentJson;
import org.dashdesk.assessment.Revision;
import org.dashdesk.protocol.Protocol;
import org.dashdesk.protocol.RevisionUpload;
import org.dashdesk.security.Role;
import org.dashdesk.security.UserAccount;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issue-15 findings on the HTTP side, each against a real server on loopback: idle and
 * half-open connections, deep and trailing JSON, bodies declared too large, sign-in floods,
 * sign-out, readiness and metrics. Each would fail on the JDK-HttpServer version.
 */
class HttpHardeningTest {

    static final String PASSWORD = "a synthetic pass phrase";

    @TempDir
    Path dir;
    ReferenceServer server;
    String token;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws IOException {
        server = ReferenceServer.start(ServerConfig.devHttp(dir), ServerPolicy.defaults().withIterations(10_000), Clock.systemUTC());
        token = server.issueToken("1234", "officer");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    HttpResponse<String> call(String method, String path, String body, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri().resolve(path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", Protocol.JSON)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r) throws IOException {
        return AssessmentJson.mapper().readTree(r.body());
    }

    @Test
    void healthAnswersWhile200IdleAndHalfOpenConnectionsAreHeld() throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
                if (i % 2 == 1) {
                    // half a request line and no end of headers: the JDK server parked a worker on each
                    s.getOutputStream().write("GET /api/v1/health HTT".getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                }
                held.add(s);
            }
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> r = call("GET", Protocol.HEALTH, null, null);
                assertEquals(200, r.statusCode());
            }
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void deeplyNestedJsonIsRefusedWith422NotA500() throws Exception {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        HttpResponse<String> r = call("PUT", Protocol.revisionPath(UUID.randomUUID(), UUID.randomUUID()), deep, token);
        assertEquals(422, r.statusCode(), r.body());
        assertEquals("invalid", json(r).get("error").asText());
        assertFalse(json(r).get("reason").asText().contains("\n"));
        HttpResponse<String> signIn = call("POST", Protocol.SESSIONS, "{\"username\":" + "[".repeat(10_000), null);
        assertEquals(422, signIn.statusCode(), signIn.body());
    }

    @Test
    void trailingContentAfterTheJsonValueIsRefused() throws Exception {
        Revision rev = TestRevisions.first(UUID.randomUUID(), 3);
        String body = AssessmentJson.canonical(new RevisionUpload(1, "device-A", 1, rev));
        HttpResponse<String> r = call("PUT", Protocol.revisionPath(rev.assessmentId(), rev.revisionId()), body + " {\"more\":1}", token);
        assertEquals(422, r.statusCode(), r.body());
        assertTrue(json(r).get("reason").asText().contains("after the JSON value"), r.body());
        assertEquals(0, server.copies(rev.assessmentId(), rev.revisionId()));
        // the same body without the tail is stored: the refusal was for the tail alone
        assertEquals(201, call("PUT", Protocol.revisionPath(rev.assessmentId(), rev.revisionId()), body, token).statusCode());
    }

    @Test
    void aDeclaredOversizedBodyIsRefusedBeforeItIsSent() throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.setSoTimeout(5_000);
            OutputStream out = s.getOutputStream();
            out.write(("PUT " + Protocol.revisionPath(UUID.randomUUID(), UUID.randomUUID()) + " HTTP/1.1\r\nHost: x\r\n"
                    + "Authorization: Bearer " + token + "\r\nContent-Type: application/json\r\nContent-Length: 50000000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = statusLine(s.getInputStream());
            assertTrue(status.startsWith("HTTP/1.1 413"), status);
        }
    }

    @Test
    void oversizedHeadersAreRefusedWithAJsonProblem() throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.setSoTimeout(5_000);
            s.getOutputStream().write(("GET " + Protocol.HEALTH + " HTTP/1.1\r\nHost: x\r\nX-Filler: " + "a".repeat(20_000)
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String reply = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(reply.startsWith("HTTP/1.1 431"), reply);
            assertTrue(reply.toLowerCase().contains("content-type: application/json"), reply);
            assertTrue(reply.contains("\"error\":\"too_large\""), reply);
        }
    }

    @Test
    void aBodyTrickledByteByByteIsCutOffLongBeforeTheIdleTimeout() throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.setSoTimeout(500);
            OutputStream out = s.getOutputStream();
            out.write(("POST " + Protocol.SESSIONS + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long start = System.nanoTime();
            String answer = null;
            while (answer == null && System.nanoTime() - start < Duration.ofSeconds(20).toNanos()) {
                try {
                    out.write(' ');
                    out.flush();
                } catch (IOException closed) {
                    answer = "closed";
                    break;
                }
                try {
                    int c = s.getInputStream().read();
                    answer = c < 0 ? "closed" : "answered";
                } catch (java.net.SocketTimeoutException stillWaiting) {
                    // the server is still reading: send the next byte
                }
            }
            assertNotNull(answer, "a body trickled at 2 bytes/s held the request for 20 s");
        }
    }

    static String statusLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            line.append((char) c);
        }
        return line.toString().strip();
    }

    @Test
    void aSignInFloodFromOneAddressIsThrottledBeforeHashingAndHealthStillAnswers() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(64);
        try {
            List<Future<HttpResponse<String>>> flood = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                flood.add(pool.submit(() -> call("POST", Protocol.SESSIONS, "{\"username\":\"nobody\",\"password\":\"wrong guess\"}", null)));
            }
            HttpResponse<String> health = call("GET", Protocol.HEALTH, null, null);
            assertEquals(200, health.statusCode());
            int throttled = 0;
            for (Future<HttpResponse<String>> f : flood) {
                HttpResponse<String> r = f.get();
                if (r.statusCode() == 429) {
                    throttled++;
                    long retry = Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow());
                    assertTrue(retry >= 1 && retry <= 60, "Retry-After " + retry);
                    assertEquals("too_many_requests", json(r).get("error").asText());
                } else {
                    assertEquals(401, r.statusCode(), r.body());
                }
            }
            // the default bucket lets 20 through at once and refills one a second
            assertTrue(throttled >= 150, throttled + " of 200 throttled");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void signOutRevokesTheTokenAtOnce() throws Exception {
        server.addUser(new UserAccount("officer7", "Synthetic Seven", "7777", Set.of(Role.OFFICER), "North"), PASSWORD.toCharArray());
        HttpResponse<String> grant = call("POST", Protocol.SESSIONS, "{\"username\":\"officer7\",\"password\":\"" + PASSWORD + "\"}", null);
        assertEquals(201, grant.statusCode(), grant.body());
        String bearer = json(grant).get("token").asText();
        assertEquals(200, call("GET", Protocol.CHANGES, null, bearer).statusCode());
        assertEquals(200, call("DELETE", Protocol.CURRENT_SESSION, null, bearer).statusCode());
        HttpResponse<String> after = call("GET", Protocol.CHANGES, null, bearer);
        assertEquals(401, after.statusCode());
        assertTrue(after.headers().firstValue("WWW-Authenticate").isPresent());
        assertEquals(401, call("DELETE", Protocol.CURRENT_SESSION, null, bearer).statusCode());
        assertEquals(401, call("DELETE", Protocol.CURRENT_SESSION, null, "unknown-token").statusCode());
    }

    @Test
    void readyChecksTheDatabaseAndHealthDoesNot() throws Exception {
        HttpResponse<String> ready = call("GET", ReferenceServer.READY, null, null);
        assertEquals(200, ready.statusCode(), ready.body());
        assertEquals("ready", json(ready).get("status").asText());
    }

    @Test
    void metricsCountRoutesByPatternAndPutOutcomes() throws Exception {
        Revision rev = TestRevisions.first(UUID.randomUUID(), 3);
        String body = AssessmentJson.canonical(new RevisionUpload(1, "device-A", 1, rev));
        String path = Protocol.revisionPath(rev.assessmentId(), rev.revisionId());
        assertEquals(201, call("PUT", path, body, token).statusCode());
        assertEquals(200, call("PUT", path, body, token).statusCode());
        assertEquals(422, call("PUT", path, body + "x", token).statusCode());
        HttpResponse<String> m = call("GET", ReferenceServer.METRICS, null, null);
        assertEquals(200, m.statusCode());
        String text = m.body();
        assertTrue(text.contains("dashdesk_sync_put_total{outcome=\"created\"} 1.0"), text);
        assertTrue(text.contains("dashdesk_sync_put_total{outcome=\"replayed\"} 1.0"), text);
        assertTrue(text.contains("dashdesk_sync_put_total{outcome=\"refused\"} 1.0"), text);
        assertTrue(text.contains("route=\"/api/v1/assessments/{assessment}/revisions/{revision}\""), text);
        assertFalse(text.contains(rev.assessmentId().toString()), "a raw id reached a metric label");
        assertTrue(text.contains("jvm_memory_used_bytes"));
        assertTrue(text.contains("jetty_threads_busy"), "Jetty's thread pool is measured");
    }

    @Test
    void unknownPathsAndMethodsStayJsonProblems() throws Exception {
        HttpResponse<String> unknown = call("GET", Protocol.BASE + "/nothing-here", null, token);
        assertEquals(404, unknown.statusCode());
        assertEquals("not_found", json(unknown).get("error").asText());
        HttpResponse<String> wrong = call("POST", Protocol.HEALTH, "{}", null);
        assertEquals(405, wrong.statusCode());
        assertEquals("method_not_allowed", json(wrong).get("error").asText());
        HttpResponse<String> badId = call("GET", Protocol.BASE + "/assessments/not-a-uuid/audit", null, token);
        assertEquals(422, badId.statusCode(), badId.body());
        assertNotNull(json(badId).get("field"));
    }
}
