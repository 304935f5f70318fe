package org.dashdesk.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import org.dashdesk.assessment.AssessmentJson;
import org.dashdesk.assessment.Revision;
import org.dashdesk.protocol.Protocol;
import org.dashdesk.protocol.RevisionUpload;
import org.dashdesk.review.QuestionComment;
import org.dashdesk.security.Role;
import org.dashdesk.security.UserAccount;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The security findings of issue 15 behind the HTTP layer, each against the real server: every
 * test here failed on the code before the fix. H2 here; {@link ServerSecurityOnPostgresTest} again on PostgreSQL.
 */
class ServerSecurityTest {

    static final String PASSWORD = "synthetic pass phrase";
    static final String WRONG = "not the pass phrase";

    @TempDir
    Path dir;
    ServerConfig config;
    ReferenceServerTest.HandClock clock;
    ReferenceServer server;
    /** A second handle on the same database, for what only an administrator's tooling does (delete, password change). */
    ServerStore admin;
    ServerAccounts accounts;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    TestDatabases.Kind database() {
        return TestDatabases.Kind.H2;
    }

    ServerPolicy policy() {
        return ServerPolicy.defaults().withIterations(20_000);
    }

    @BeforeEach
    void start() throws Exception {
        // These tests are about the account's own lockout and rate, so the per-address throttle in
        // front of sign-in (tested in HttpHardeningTest) is opened wide enough not to answer first.
        config = TestDatabases.devHttp(database(), dir)
                .withHttp(ServerConfig.Http.defaults().withSignInLimit(1_000, 1_000));
        clock = new ReferenceServerTest.HandClock();
        server = ReferenceServer.start(config, policy(), clock);
        admin = ServerStore.open(config.effectiveJdbcUrl(), config.jdbcUser(), config.jdbcPassword(), 2);
        accounts = new ServerAccounts(admin, policy());
        server.addUser(new UserAccount("pc1234", "PC Synthetic", "1234", Set.of(Role.OFFICER), "North"), PASSWORD.toCharArray());
    }

    @AfterEach
    void stop() {
        admin.close();
        server.close();
    }

    HttpResponse<String> call(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri().resolve(path)).header("Content-Type", Protocol.JSON)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> signIn(String username, String password) throws Exception {
        return call("POST", Protocol.SESSIONS, "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}", null);
    }

    String token(String username) throws Exception {
        HttpResponse<String> r = signIn(username, PASSWORD);
        assertEquals(201, r.statusCode(), r.body());
        return json(r).get("token").asText();
    }

    int changes(String token) throws Exception {
        return call("GET", Protocol.CHANGES, null, token).statusCode();
    }

    static JsonNode json(HttpResponse<String> r) {
        return AssessmentJson.read(r.body(), JsonNode.class);
    }

    HttpResponse<String> put(Revision r, String deviceId, String token) throws Exception {
        return call("PUT", Protocol.revisionPath(r.assessmentId(), r.revisionId()),
                AssessmentJson.canonical(new RevisionUpload(1, deviceId, 1, r)), token);
    }

    // ---- lockout, sign-in answers, rate --------------------------------------------------------

    @Test
    void twentyThreeParallelWrongPasswordsAreNotAllChecked() throws Exception {
        long before = ServerAccounts.VERIFICATIONS.get();
        List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            burst.add(http.sendAsync(HttpRequest.newBuilder(server.uri().resolve(Protocol.SESSIONS)).header("Content-Type", Protocol.JSON)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"pc1234\",\"password\":\"" + WRONG + i + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> f : burst) {
            assertFalse(f.get().statusCode() == 201);
        }
        long checked = ServerAccounts.VERIFICATIONS.get() - before;
        assertTrue(checked <= policy().maxFailures(), "at most the limit of guesses is checked, not " + checked);
        // Past the per-username rate window (which would answer 429 first) but inside the lockout.
        clock.now = clock.now.plus(AccountRules.RATE_WINDOW).plusSeconds(1);
        assertEquals(401, signIn("pc1234", PASSWORD).statusCode(), "and the account is locked: even the right password fails");
    }

    /**
     * 15 wrong guesses in flight, then the right password: the guesses are counted as they arrive
     * (not after their slow hash), so the account is locked before the right one can be checked.
     * 100,000 iterations here (a hash of a few hundred ms), so the guesses are surely still in flight.
     */
    @Test
    void fifteenWrongInFlightThenTheRightOneDoesNotSignIn() throws Exception {
        server.close();
        server = ReferenceServer.start(config, ServerPolicy.defaults().withIterations(100_000), clock);
        server.addUser(new UserAccount("pc5555", "PC Synthetic Five", "5555", Set.of(Role.OFFICER), "North"), PASSWORD.toCharArray());
        List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            burst.add(http.sendAsync(HttpRequest.newBuilder(server.uri().resolve(Protocol.SESSIONS)).header("Content-Type", Protocol.JSON)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"pc5555\",\"password\":\"" + WRONG + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        Thread.sleep(60);
        HttpResponse<String> right = signIn("pc5555", PASSWORD);
        assertFalse(right.statusCode() == 201, "signed in inside the burst: " + right.body());
        for (CompletableFuture<HttpResponse<String>> f : burst) {
            assertFalse(f.get().statusCode() == 201);
        }
    }

    @Test
    void aLockedAccountAnswersExactlyAsAnUnknownOne() throws Exception {
        for (int i = 0; i < policy().maxFailures(); i++) {
            assertEquals(401, signIn("pc1234", WRONG).statusCode());
        }
        HttpResponse<String> locked = signIn("pc1234", PASSWORD);
        HttpResponse<String> unknown = signIn("nobody", PASSWORD);
        assertEquals(unknown.statusCode(), locked.statusCode());
        assertEquals(unknown.body(), locked.body(), "no unlock time, no 'locked': the same words");
        clock.now = clock.now.plus(policy().lockoutPeriod()).plusSeconds(1);
        assertEquals(201, signIn("pc1234", PASSWORD).statusCode(), "after the lockout period the right password works");
    }

    @Test
    void signInIsRateLimitedPerUsernameInTheDatabaseAcrossRestarts() throws Exception {
        server.close();
        ServerPolicy lenient = policy().withLockout(1000, Duration.ofMinutes(15));
        server = ReferenceServer.start(config, lenient, clock);
        for (int i = 0; i < AccountRules.RATE_LIMIT; i++) {
            assertEquals(401, signIn("pc1234", WRONG).statusCode());
        }
        assertEquals(429, signIn("pc1234", PASSWORD).statusCode(), "over the rate even the right password waits, told to come back later");
        // Another node (here: the restarted server) sees the same count.
        server.close();
        server = ReferenceServer.start(config, lenient, clock);
        assertFalse(signIn("pc1234", PASSWORD).statusCode() == 201, "the count is in the database, not in one node's memory");
        clock.now = clock.now.plus(AccountRules.RATE_WINDOW).plusSeconds(1);
        assertEquals(201, signIn("pc1234", PASSWORD).statusCode());
    }

    // ---- tokens -------------------------------------------------------------------------------

    @Test
    void aTokenDiesWithItsAccountEvenWhenTheUsernameIsReused() throws Exception {
        String old = token("pc1234");
        assertEquals(200, changes(old));
        accounts.delete("pc1234");
        server.addUser(new UserAccount("pc1234", "Another Synthetic", "4321", Set.of(Role.SUPERVISOR, Role.CRU), "South"),
                PASSWORD.toCharArray());
        assertEquals(401, changes(old), "the old token is not the new account's");
        assertEquals(200, changes(token("pc1234")));
    }

    @Test
    void tokensAreRevokedOnDisablePasswordChangeAndLock() throws Exception {
        String t1 = token("pc1234");
        accounts.setDisabled("pc1234", true);
        accounts.setDisabled("pc1234", false);
        assertEquals(401, changes(t1), "disabling revokes, and enabling again does not bring the token back");
        String t2 = token("pc1234");
        accounts.changePassword("pc1234", "a new synthetic phrase".toCharArray());
        assertEquals(401, changes(t2), "a password change signs every session out");
        accounts.changePassword("pc1234", PASSWORD.toCharArray());
        String t3 = token("pc1234");
        for (int i = 0; i < policy().maxFailures(); i++) {
            signIn("pc1234", WRONG);
        }
        assertEquals(401, changes(t3), "a lock (someone guessing) signs the account's sessions out");
    }

    // ---- the approver ---------------------------------------------------------------------------

    @Test
    void whoeverUploadedARevisionCannotApproveTheCase() throws Exception {
        server.addUser(new UserAccount("dual", "Synthetic Dual Role", "7001", Set.of(Role.IMU, Role.SUPERVISOR), "North"),
                PASSWORD.toCharArray());
        server.addUser(new UserAccount("ps2", "Synthetic Sergeant", "9002", Set.of(Role.SUPERVISOR), "North"), PASSWORD.toCharArray());
        String dual = token("dual");
        Revision r = TestRevisions.first(UUID.randomUUID(), 3);
        assertEquals(201, put(r, "device-A", dual).statusCode(), "IMU enters the officer's case");
        String approve = Protocol.revisionPath(r.assessmentId(), r.revisionId()) + "/approval";
        HttpResponse<String> own = call("POST", approve, "{\"password\":\"" + PASSWORD + "\"}", dual);
        assertEquals(409, own.statusCode(), own.body());
        assertTrue(json(own).get("reason").asText().contains("uploaded"), own.body());
        HttpResponse<String> returned = call("POST", Protocol.revisionPath(r.assessmentId(), r.revisionId()) + "/return",
                "{\"comments\":[{\"comment\":\"synthetic\"}]}", dual);
        assertEquals(409, returned.statusCode(), "nor return it");
        assertEquals(200, call("POST", approve, "{\"password\":\"" + PASSWORD + "\"}", token("ps2")).statusCode(),
                "another supervisor of the team approves");
    }

    // ---- limits before the database ---------------------------------------------------------------

    @Test
    void overLongFieldsAre422NamingTheFieldNever5xx() throws Exception {
        String officer = token("pc1234");
        HttpResponse<String> device = put(TestRevisions.first(UUID.randomUUID(), 3), "d".repeat(101), officer);
        assertEquals(422, device.statusCode(), device.body());
        assertEquals("deviceId", json(device).get("field").asText());

        server.addUser(new UserAccount("admin1", "Synthetic Admin", "", Set.of(Role.ADMINISTRATOR), ""), PASSWORD.toCharArray());
        String admin1 = token("admin1");
        for (String[] f : new String[][] {{"team", "\"team\":\"" + "t".repeat(101) + "\",\"displayName\":\"Synthetic\""},
            {"displayName", "\"team\":\"North\",\"displayName\":\"" + "n".repeat(201) + "\""}}) {
            HttpResponse<String> user = call("POST", Protocol.USERS, "{\"username\":\"pc9\",\"collarNumber\":\"99\",\"roles\":[\"officer\"],"
                    + f[1] + ",\"password\":\"" + PASSWORD + "\"}", admin1);
            assertEquals(422, user.statusCode(), user.body());
            assertEquals(f[0], json(user).get("field").asText());
        }

        server.addUser(new UserAccount("ps2", "Synthetic Sergeant", "9002", Set.of(Role.SUPERVISOR), "North"), PASSWORD.toCharArray());
        Revision r = TestRevisions.first(UUID.randomUUID(), 3);
        assertEquals(201, put(r, "device-A", officer).statusCode());
        String ret = Protocol.revisionPath(r.assessmentId(), r.revisionId()) + "/return";
        List<QuestionComment> many = new ArrayList<>();
        for (int i = 0; i < 41; i++) {
            many.add(new QuestionComment(null, "synthetic comment " + i));
        }
        HttpResponse<String> tooMany = call("POST", ret, AssessmentJson.canonical(new org.dashdesk.protocol.ReviewRequests.Return(many)),
                token("ps2"));
        assertEquals(422, tooMany.statusCode(), tooMany.body());
        assertEquals("comments", json(tooMany).get("field").asText());
        // Forty comments of 2,000 control characters: each within its limit, but 6× longer once escaped.
        List<QuestionComment> escaped = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            escaped.add(new QuestionComment(null, "\u0001".repeat(2000)));
        }
        HttpResponse<String> tooLong = call("POST", ret, AssessmentJson.canonical(new org.dashdesk.protocol.ReviewRequests.Return(escaped)),
                token("ps2"));
        assertEquals(422, tooLong.statusCode(), tooLong.body());
        assertEquals("comments", json(tooLong).get("field").asText());
    }

    @Test
    void imuUploadForACollarWithoutAnAccountIsRefusedWithTheReason() throws Exception {
        String imu = server.issueToken("7001", "imu");
        Revision unknown = TestRevisions.first(UUID.randomUUID(), 3);
        Revision stranger = Revision.freeze(unknown.assessmentId(), unknown.revisionId(), null, 1, null, unknown.createdAt(), "8888",
                unknown.content(), unknown.grading());
        HttpResponse<String> refused = put(stranger, "device-A", imu);
        assertEquals(422, refused.statusCode(), refused.body());
        assertEquals("revision.createdBy", json(refused).get("field").asText());
        assertTrue(json(refused).get("reason").asText().contains("no account"), refused.body());
        assertEquals(0, server.revisionCount());
        assertEquals(201, put(TestRevisions.first(UUID.randomUUID(), 3), "device-A", imu).statusCode(), "a known collar is fine");
    }
}
