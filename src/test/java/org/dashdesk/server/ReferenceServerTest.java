package org.dashdesk.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import org.dashdesk.assessment.AssessmentJson;
import org.dashdesk.assessment.Revision;
import org.dashdesk.grading.GradingResult;
import org.dashdesk.grading.RiskLevel;
import org.dashdesk.protocol.Protocol;
import org.dashdesk.protocol.Receipt;
import org.dashdesk.protocol.RevisionUpload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The protocol's server side, spoken to with a plain HTTP client. */
class ReferenceServerTest {

    @TempDir
    Path dir;
    ReferenceServer server;
    ServerConfig serverConfig;
    String token;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** The database this suite runs on: embedded H2 here, PostgreSQL in {@link ReferenceServerOnPostgresTest}. */
    TestDatabases.Kind database() {
        return TestDatabases.Kind.H2;
    }

    @BeforeEach
    void start() throws IOException {
        serverConfig = TestDatabases.devHttp(database(), dir);
        server = ReferenceServer.start(serverConfig);
        token = server.issueToken("1234", "officer");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    HttpResponse<String> put(Revision r, long seq, String bearer) throws Exception {
        String body = AssessmentJson.canonical(new RevisionUpload(1, "device-A", seq, r));
        return putRaw(r.assessmentId(), r.revisionId(), body, bearer);
    }

    HttpResponse<String> putRaw(UUID a, UUID r, String body, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri().resolve(Protocol.revisionPath(a, r)))
                .header("Content-Type", Protocol.JSON).PUT(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthNeedsNoToken() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.uri().resolve(Protocol.HEALTH)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertEquals("{\"protocol\":1,\"status\":\"ok\"}", r.body());
    }

    @Test
    void storesOnceAndReplaysTheOriginalReceipt() throws Exception {
        Revision r = TestRevisions.first(UUID.randomUUID(), 3);
        HttpResponse<String> first = put(r, 1, token);
        assertEquals(201, first.statusCode(), first.body());
        Receipt receipt = AssessmentJson.read(first.body(), Receipt.class);
        assertTrue(receipt.confirms(r.assessmentId(), r.revisionId(), r.contentHash()));
        HttpResponse<String> again = put(r, 1, token);
        assertEquals(200, again.statusCode());
        assertEquals(first.body(), again.body(), "a replay returns the original receipt byte for byte");
        assertEquals(1, server.copies(r.assessmentId(), r.revisionId()));
    }

    @Test
    void sameIdDifferentHashIsAConflict() throws Exception {
        Revision r = TestRevisions.first(UUID.randomUUID(), 3);
        assertEquals(201, put(r, 1, token).statusCode());
        Revision other = TestRevisions.first(r.assessmentId(), 5);
        Revision sameId = Revision.freeze(r.assessmentId(), r.revisionId(), null, 1, null, other.createdAt(), "1234",
                other.content(), other.grading());
        HttpResponse<String> conflict = put(sameId, 2, token);
        assertEquals(409, conflict.statusCode());
        assertEquals("conflict", json(conflict).get("error").asText());
        assertEquals(1, server.revisionCount());
    }

    @Test
    void baseThatIsNotTheHeadIsAConflictNamingTheHead() throws Exception {
        Revision r1 = TestRevisions.first(UUID.randomUUID(), 3);
        Revision r2 = TestRevisions.next(r1, 4);
        Revision fork = TestRevisions.next(r1, 6);
        assertEquals(201, put(r1, 1, token).statusCode());
        assertEquals(201, put(r2, 2, token).statusCode());
        HttpResponse<String> conflict = put(fork, 3, token);
        assertEquals(409, conflict.statusCode());
        JsonNode body = json(conflict);
        assertEquals(r2.revisionId().toString(), body.get("head").get("revisionId").asText());
        assertEquals(2, body.get("head").get("revisionNumber").asInt());
        Revision orphan = TestRevisions.next(TestRevisions.first(UUID.randomUUID(), 1), 2);
        assertEquals(409, put(orphan, 4, token).statusCode(), "a later revision before the first is not the head either");
    }

    @Test
    void refusesWhatItCannotStandBehind() throws Exception {
        Revision good = TestRevisions.first(UUID.randomUUID(), 3);
        // Grading claimed high for 3 yes: the server computes standard.
        GradingResult g = good.grading();
        GradingResult lie = new GradingResult(RiskLevel.HIGH, g.computedLevel(), g.yesCount(), g.packScores(), g.maracReferral(),
                g.criteria(), g.reasons(), g.unanswered(), g.policyId(), g.policyVersion());
        Revision lying = Revision.freeze(good.assessmentId(), good.revisionId(), null, 1, null, good.createdAt(), "1234",
                good.content(), lie);
        assertRefused(put(lying, 1, token), "revision.grading");

        Revision tampered = new Revision(good.assessmentId(), good.revisionId(), null, 1, null, good.createdAt(), "1234",
                TestRevisions.content(9), good.grading(), good.contentHash());
        assertRefused(put(tampered, 1, token), "revision.contentHash");

        Revision oldPack = Revision.freeze(good.assessmentId(), good.revisionId(), null, 1, null, good.createdAt(), "1234",
                new org.dashdesk.assessment.AssessmentContent("dash-2009", "1999.0", null, null, null, null, null, null, null, null),
                good.grading());
        assertRefused(put(oldPack, 1, token), "revision.content.packVersion");

        assertRefused(putRaw(good.assessmentId(), good.revisionId(), "{\"protocol\":1,", token), "$");
        assertRefused(putRaw(UUID.randomUUID(), good.revisionId(), AssessmentJson.canonical(new RevisionUpload(1, "d", 1, good)), token),
                "revision.assessmentId");
        assertEquals(0, server.revisionCount());
        assertEquals(201, put(good, 1, token).statusCode());
    }

    private void assertRefused(HttpResponse<String> r, String field) throws Exception {
        assertEquals(422, r.statusCode(), r.body());
        JsonNode body = json(r);
        assertEquals("invalid", body.get("error").asText());
        assertEquals(field, body.get("field").asText(), r.body());
        assertNotNull(body.get("reason").asText());
    }

    @Test
    void withoutAValidTokenNothingIsStored() throws Exception {
        Revision r = TestRevisions.first(UUID.randomUUID(), 3);
        assertEquals(401, put(r, 1, null).statusCode());
        assertEquals(401, put(r, 1, "not-a-token").statusCode());
        assertEquals(0, server.revisionCount());
    }

    @Test
    void oversizedBodyIsRefusedWithoutReadingItAll() throws Exception {
        Revision r = TestRevisions.first(UUID.randomUUID(), 3);
        // Only the headers are sent: the server must refuse on the declared length alone, without
        // reading (or waiting for) the body. A raw socket makes that the whole test. The JDK client
        // cannot: sending the megabyte races the server's close (the kernel's reset can destroy the
        // 413 before it is read), and its "Expect: 100-continue" mode hung CI for 90 minutes when
        // the answer was not 100.
        URI uri = server.uri().resolve(Protocol.revisionPath(r.assessmentId(), r.revisionId()));
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(15_000);
            String head = "PUT " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nContent-Type: " + Protocol.JSON + "\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Length: " + (Protocol.MAX_BODY_BYTES + 10) + "\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            assertNotNull(statusLine, "the server closed without answering");
            assertTrue(statusLine.startsWith("HTTP/1.1 413"), statusLine);
        }
        assertEquals(0, server.revisionCount());
    }

    @Test
    void racingIdenticalRequestsStoreOneCopy() throws Exception {
        Revision r = TestRevisions.first(UUID.randomUUID(), 3);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<HttpResponse<String>>> all = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                all.add(pool.submit(() -> put(r, 1, token)));
            }
            String receipt = null;
            for (Future<HttpResponse<String>> f : all) {
                HttpResponse<String> resp = f.get();
                assertTrue(resp.statusCode() == 200 || resp.statusCode() == 201, resp.body());
                receipt = receipt == null ? resp.body() : receipt;
                assertEquals(receipt, resp.body());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, server.copies(r.assessmentId(), r.revisionId()));
    }

    @Test
    void aReplayAfterThePolicySetChangedGetsTheOriginalReceiptButOnlyForItsUploader() throws Exception {
        Revision r = TestRevisions.first(UUID.randomUUID(), 3);
        HttpResponse<String> first = put(r, 1, token);
        assertEquals(201, first.statusCode(), first.body());
        // The receipt was lost; meanwhile the force moved to a newer policy the laptop never graded with.
        server.close();
        org.dashdesk.grading.GradingPolicy p = org.dashdesk.grading.GradingPolicy.builtInDefault();
        org.dashdesk.grading.GradingPolicy newer = new org.dashdesk.grading.GradingPolicy(p.id(), p.version() + "-next", p.packId(),
                p.countedQuestions(), p.bands(), p.escalation(), p.repeatMarac(), p.maracLevel(), p.rules());
        server = ReferenceServer.start(serverConfig, TestRevisions.PACKS, List.of(newer), java.time.Clock.systemUTC());
        HttpResponse<String> again = put(r, 1, token);
        assertEquals(200, again.statusCode(), again.body());
        assertEquals(first.body(), again.body(), "the original receipt, not a refusal of what the server holds");
        // Nobody else learns the receipt by guessing ids and hash: they are judged as a new upload.
        HttpResponse<String> stranger = put(r, 1, server.issueToken("5678", "officer"));
        assertEquals(403, stranger.statusCode(), stranger.body());
        assertTrue(!stranger.body().contains("serverSeq"), stranger.body());
        HttpResponse<String> supervisor = put(r, 1, server.issueToken("9001", "supervisor"));
        assertEquals(403, supervisor.statusCode(), supervisor.body());
        assertEquals(1, server.copies(r.assessmentId(), r.revisionId()));
    }

    @Test
    void anOfficerUploadsTheirOwnAndImuUploadsOnAnOfficersBehalf() throws Exception {
        String other = server.issueToken("5678", "officer");
        String imu = server.issueToken("7001", "imu");
        server.addUser(new org.dashdesk.security.UserAccount("pc1234", "PC Synthetic", "1234",
                java.util.Set.of(org.dashdesk.security.Role.OFFICER), "North"), "synthetic pass phrase".toCharArray());
        Revision r = TestRevisions.first(UUID.randomUUID(), 3);
        HttpResponse<String> notTheirs = put(r, 1, other);
        assertEquals(403, notTheirs.statusCode());
        assertTrue(json(notTheirs).get("reason").asText().contains("made by collar 1234"), notTheirs.body());
        assertEquals(201, put(r, 1, imu).statusCode(), "IMU records on the attending officer's behalf");
        // The assessment is the named officer's: they amend it; another officer may not, even naming themselves.
        Revision amended = TestRevisions.next(r, 5);
        assertEquals(201, put(amended, 2, token).statusCode());
        Revision intruder = Revision.freeze(r.assessmentId(), UUID.randomUUID(), amended.revisionId(), 3, "x", amended.createdAt(),
                "5678", amended.content(), amended.grading());
        HttpResponse<String> refused = put(intruder, 3, other);
        assertEquals(403, refused.statusCode(), refused.body());
        assertTrue(json(refused).get("reason").asText().contains("belongs to another officer"), refused.body());
        assertEquals(2, server.revisionCount());
    }

    @Test
    void changesAreTheTeamsForASupervisorTheRemitForCruAndTheirOwnForAnOfficer() throws Exception {
        String north = server.issueToken("1111", "officer", "North");
        String south = server.issueToken("2222", "officer", "South");
        // Decisions are signed by user accounts (development tokens cannot return or raise, decision 0071).
        String northSergeant = sergeant("ps9001", "9001", "North");
        String southSergeant = sergeant("ps9002", "9002", "South");
        String cru = server.issueToken("3000", "cru", "CRU");
        Revision a = revisionBy("1111", 2);
        Revision b = revisionBy("2222", 2);
        Revision c = revisionBy("2222", 15);
        assertEquals(201, put(a, 1, north).statusCode());
        assertEquals(201, put(b, 2, south).statusCode());
        assertEquals(201, put(c, 3, south).statusCode());
        // East's only supervisor account submits their own case: decision 0113 has every other supervisor cover it.
        server.addUser(new org.dashdesk.security.UserAccount("east1", "Synthetic Sergeant",
                "9003", java.util.Set.of(org.dashdesk.security.Role.OFFICER, org.dashdesk.security.Role.SUPERVISOR), "East"),
                "synthetic pass phrase".toCharArray());
        Revision d = revisionBy("9003", 1);
        assertEquals(201, put(d, 4, server.issueToken("9003", "officer", "East")).statusCode());
        assertEquals(200, returnToOfficer(a, northSergeant).statusCode());
        assertEquals(200, returnToOfficer(b, southSergeant).statusCode());
        assertEquals(200, returnToOfficer(c, southSergeant).statusCode());
        assertEquals(200, returnToOfficer(d, northSergeant).statusCode());

        assertEquals(List.of(a.assessmentId(), d.assessmentId()), changed(northSergeant), "own team, and the covered case");
        assertEquals(List.of(b.assessmentId(), c.assessmentId(), d.assessmentId()), changed(southSergeant));
        assertEquals(List.of(c.assessmentId()), changed(cru), "high risk only: standard cases without children are not CRU's");
        assertEquals(List.of(a.assessmentId()), changed(north));
        assertEquals(List.of(b.assessmentId(), c.assessmentId()), changed(south));
        assertEquals(List.of(), changed(server.issueToken("4444", "officer", "North")), "a team mate does not get the changes");
    }

    private static Revision revisionBy(String collar, int yes) {
        Revision r = TestRevisions.first(UUID.randomUUID(), yes);
        return Revision.freeze(r.assessmentId(), r.revisionId(), null, 1, null, r.createdAt(), collar, r.content(), r.grading());
    }

    /** A supervisor's user account on the server, signed in: the token. */
    private String sergeant(String username, String collar, String team) {
        char[] password = "synthetic sergeant phrase".toCharArray();
        server.addUser(new org.dashdesk.security.UserAccount(username, "Synthetic Sergeant " + collar, collar,
                java.util.Set.of(org.dashdesk.security.Role.SUPERVISOR), team), password);
        return new org.dashdesk.sync.AccountClient(org.dashdesk.sync.SyncClient.Settings.devHttp(server.uri(), null))
                .signIn(username, password).token();
    }

    private HttpResponse<String> returnToOfficer(Revision r, String bearer) throws Exception {
        return http.send(HttpRequest.newBuilder(server.uri().resolve(Protocol.revisionPath(r.assessmentId(), r.revisionId()) + "/return"))
                .header("Authorization", "Bearer " + bearer).POST(HttpRequest.BodyPublishers.ofString(
                        "{\"comments\":[{\"questionId\":null,\"comment\":\"synthetic\"}]}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<UUID> changed(String bearer) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.uri().resolve(Protocol.CHANGES + "?since=0"))
                .header("Authorization", "Bearer " + bearer).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        List<UUID> ids = new ArrayList<>();
        json(r).get("changes").forEach(n -> ids.add(UUID.fromString(n.get("assessmentId").asText())));
        return ids;
    }

    @Test
    void plainHttpIsRefusedOffLoopback() throws Exception {
        ServerConfig open = new ServerConfig(InetAddress.getByName("0.0.0.0"), 0, dir.resolve("x"), null, null, null, null, null,
                true, 2);
        assertThrows(IllegalArgumentException.class, () -> ReferenceServer.start(open));
        ServerConfig noKeystore = new ServerConfig(InetAddress.getLoopbackAddress(), 0, dir.resolve("y"), null, null, null, null,
                null, false, 2);
        assertThrows(IllegalArgumentException.class, () -> ReferenceServer.start(noKeystore));
    }

    /** A clock the test moves by hand. */
    static final class HandClock extends java.time.Clock {
        volatile java.time.Instant now = java.time.Instant.parse("2026-11-23T09:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return now;
        }
    }

    @Test
    void aDevelopmentTokenExpiresAfterTwelveHoursUnlessIssuedForLonger() throws Exception {
        HandClock clock = new HandClock();
        try (ReferenceServer timed = ReferenceServer.start(ServerConfig.devHttp(dir.resolve("timed")), ServerPolicy.defaults(), clock)) {
            String standard = timed.issueToken("1234", "officer");
            String longer = timed.issueToken("1234", "officer", "", java.time.Duration.ofHours(48));
            HttpRequest.Builder changes = HttpRequest.newBuilder(timed.uri().resolve(Protocol.CHANGES + "?since=0"));
            assertEquals(200, http.send(changes.copy().header("Authorization", "Bearer " + standard).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            clock.now = clock.now.plus(java.time.Duration.ofHours(12));
            HttpResponse<String> expired = http.send(changes.copy().header("Authorization", "Bearer " + standard).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, expired.statusCode(), "a development token is not a standing credential");
            assertEquals(200, http.send(changes.copy().header("Authorization", "Bearer " + longer).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            clock.now = clock.now.plus(java.time.Duration.ofHours(36));
            assertEquals(401, http.send(changes.copy().header("Authorization", "Bearer " + longer).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
        }
    }

    @Test
    void aNonExpiringTokenLeftFromAnOlderServerIsRefused() throws Exception {
        ServerConfig config = ServerConfig.devHttp(dir.resolve("older"));
        String old = "token-issued-before-tokens-expired";
        try (ReferenceServer upgraded = ReferenceServer.start(config)) {
            // The row an older `server token` wrote: no expires_at. Same JVM, same H2 file, so a second store sees it.
            try (ServerStore store = ServerStore.open(config.effectiveJdbcUrl(), null, null, 1)) {
                store.transaction(c -> {
                    try (var ins = c.prepareStatement("INSERT INTO srv_token (token_hash, collar, role, team, created_at)"
                            + " VALUES (?, '1234', 'supervisor', '', CURRENT_TIMESTAMP)")) {
                        ins.setString(1, ServerStore.tokenHash(old));
                        return ins.executeUpdate();
                    }
                });
            }
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(upgraded.uri().resolve(Protocol.CHANGES + "?since=0"))
                    .header("Authorization", "Bearer " + old).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, r.statusCode(), r.body());
        }
    }

    @Test
    void aDevelopmentTokenIsIssuedForOneHourToAWeek() throws Exception {
        ServerConfig config = ServerConfig.devHttp(dir.resolve("tokens"));
        assertThrows(IllegalArgumentException.class, () -> ServerTokens.issue(config, "1234", "officer", "", java.time.Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> ServerTokens.issue(config, "1234", "officer", "",
                java.time.Duration.ofHours(169)));
        assertNotNull(ServerTokens.issue(config, "1234", "officer", "", java.time.Duration.ofHours(168)));
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return AssessmentJson.mapper().readTree(r.body());
    }

}
