package org.dashdesk.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.dashdesk.assessment.AssessmentContent;
import org.dashdesk.assessment.AssessmentJson;
import org.dashdesk.assessment.Revision;
import org.dashdesk.protocol.Protocol;
import org.dashdesk.protocol.RevisionUpload;
import org.dashdesk.security.Role;
import org.dashdesk.security.UserAccount;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every endpoint × every role, on the real server: allowed roles get 2xx, every other role 403. */
@org.junit.jupiter.api.TestInstance(org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS)
class ServerRoleMatrixTest {

    static final String PASSWORD = "synthetic pass phrase";
    static final Map<Role, String> COLLAR = new EnumMap<>(Map.of(Role.OFFICER, "1234", Role.IMU, "2000", Role.SUPERVISOR, "5678",
            Role.CRU, "3000", Role.ADMINISTRATOR, "", Role.ANALYST, ""));
    static final Map<Role, String> TOKEN = new EnumMap<>(Role.class);

    @TempDir
    static Path dir;
    static ReferenceServer server;
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final AtomicInteger SEQ = new AtomicInteger();

    /** The database of this suite: embedded H2 here; {@link ServerRoleMatrixOnPostgresTest} overrides it. */
    ServerConfig config() {
        return ServerConfig.devHttp(dir);
    }

    /** Starts the shared server and signs every role in (one instance per class, so subclasses choose the database). */
    @BeforeAll
    void start() throws Exception {
        ServerConfig config = config();
        TOKEN.clear();
        server = ReferenceServer.start(config, ServerPolicy.defaults().withIterations(10_000), Clock.systemUTC());
        for (Role r : Role.values()) {
            String name = r.name().toLowerCase() + "1";
            server.addUser(new UserAccount(name, "Synthetic " + r, COLLAR.get(r), Set.of(r), "North"), PASSWORD.toCharArray());
            TOKEN.put(r, signIn(name));
        }
        // A second supervisor of North who also does officer work: their own cases are decided by supervisor1.
        server.addUser(new UserAccount(SERGEANT, "Synthetic Sergeant", SERGEANT_COLLAR, Set.of(Role.OFFICER, Role.SUPERVISOR), "North"),
                PASSWORD.toCharArray());
        sergeantToken = signIn(SERGEANT);
    }

    static final String SERGEANT = "sergeant1";
    static final String SERGEANT_COLLAR = "5600";
    static String sergeantToken;

    @AfterAll
    static void stop() {
        server.close();
    }

    static String signIn(String username) throws Exception {
        HttpResponse<String> r = call("POST", Protocol.SESSIONS, "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\"}",
                null);
        assertEquals(201, r.statusCode(), r.body());
        return json(r).get("token").asText();
    }

    static HttpResponse<String> call(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri().resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", Protocol.JSON);
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return AssessmentJson.mapper().readTree(r.body());
    }

    static Revision revision(int yes, String collar) {
        AssessmentContent c = TestRevisions.content(yes);
        return Revision.freeze(UUID.randomUUID(), UUID.randomUUID(), null, 1, null, java.time.Instant.parse("2026-11-20T03:00:00Z"),
                collar, c, TestRevisions.ENGINE.grade(c.gradingInput()));
    }

    static HttpResponse<String> put(Revision r, String token) throws Exception {
        return call("PUT", Protocol.revisionPath(r.assessmentId(), r.revisionId()),
                AssessmentJson.canonical(new RevisionUpload(1, "device-M", SEQ.incrementAndGet(), r)), token);
    }

    /** What each case works on: a standard case awaiting sign-off and a high one with an action, both the officer's. */
    record Fixture(Revision standard, Revision high, UUID actionId) {
        static Fixture create() throws Exception {
            Revision standard = revision(2, "1234");
            Revision high = revision(15, "1234");
            assertEquals(201, put(standard, TOKEN.get(Role.OFFICER)).statusCode());
            assertEquals(201, put(high, TOKEN.get(Role.OFFICER)).statusCode());
            HttpResponse<String> action = call("POST", Protocol.assessmentPath(high.assessmentId()) + "/actions",
                    "{\"description\":\"Synthetic action\",\"ownerCollar\":\"1234\",\"due\":\"2026-01-01\"}", TOKEN.get(Role.CRU));
            assertEquals(201, action.statusCode(), action.body());
            return new Fixture(standard, high, UUID.fromString(json(action).get("actionId").asText()));
        }

        String standardRevision() {
            return Protocol.revisionPath(standard.assessmentId(), standard.revisionId());
        }
    }

    @FunctionalInterface
    interface Request {
        HttpResponse<String> send(Fixture f, Role role, String token) throws Exception;
    }

    enum Endpoint {
        PUT_REVISION(EnumSet.of(Role.OFFICER, Role.IMU), (f, role, t) -> put(revision(2, COLLAR.get(role).isEmpty() ? "0000"
                : COLLAR.get(role)), t)),
        GET_CHANGES(EnumSet.allOf(Role.class), (f, role, t) -> call("GET", Protocol.CHANGES + "?since=0", null, t)),
        GET_SIGN_OFF_QUEUE(EnumSet.of(Role.SUPERVISOR), (f, role, t) -> call("GET", Protocol.SIGN_OFF_QUEUE, null, t)),
        GET_CRU_QUEUE(EnumSet.of(Role.CRU), (f, role, t) -> call("GET", Protocol.CRU_QUEUE, null, t)),
        GET_REVISION(EnumSet.of(Role.OFFICER, Role.SUPERVISOR, Role.CRU), (f, role, t) -> call("GET", f.standardRevision(), null, t)),
        POST_APPROVAL(EnumSet.of(Role.SUPERVISOR), (f, role, t) -> call("POST", f.standardRevision() + "/approval",
                "{\"password\":\"" + PASSWORD + "\"}", t)),
        POST_RETURN(EnumSet.of(Role.SUPERVISOR), (f, role, t) -> call("POST", f.standardRevision() + "/return",
                "{\"comments\":[{\"questionId\":\"Q3\",\"comment\":\"Synthetic comment\"}]}", t)),
        POST_RAISE(EnumSet.of(Role.SUPERVISOR), (f, role, t) -> call("POST", f.standardRevision() + "/raise",
                "{\"level\":\"MEDIUM\",\"rationale\":\"Synthetic rationale\"}", t)),
        POST_CRU_REVIEW(EnumSet.of(Role.CRU), (f, role, t) -> call("POST", Protocol.revisionPath(f.high().assessmentId(),
                f.high().revisionId()) + "/cru-review", "{\"note\":\"Synthetic review note\"}", t)),
        GET_ACTIONS(EnumSet.of(Role.OFFICER, Role.SUPERVISOR, Role.CRU), (f, role, t) -> call("GET",
                Protocol.assessmentPath(f.high().assessmentId()) + "/actions", null, t)),
        POST_ACTION(EnumSet.of(Role.CRU), (f, role, t) -> call("POST", Protocol.assessmentPath(f.high().assessmentId()) + "/actions",
                "{\"description\":\"Another\",\"ownerCollar\":\"1234\",\"due\":\"2030-01-01\"}", t)),
        PUT_ACTION(EnumSet.of(Role.CRU, Role.OFFICER), (f, role, t) -> call("PUT", Protocol.actionPath(f.actionId()),
                "{\"state\":\"DONE\",\"note\":\"done\"}", t)),
        GET_OVERDUE_ACTIONS(EnumSet.allOf(Role.class), (f, role, t) -> call("GET", Protocol.OVERDUE_ACTIONS, null, t)),
        GET_MARAC(EnumSet.of(Role.CRU), (f, role, t) -> call("GET", Protocol.assessmentPath(f.high().assessmentId()) + "/marac", null, t)),
        PUT_MARAC(EnumSet.of(Role.CRU), (f, role, t) -> call("PUT", Protocol.assessmentPath(f.high().assessmentId()) + "/marac",
                "{\"state\":\"REFERRED\",\"note\":null}", t)),
        GET_AUDIT(EnumSet.of(Role.OFFICER, Role.SUPERVISOR, Role.CRU), (f, role, t) -> call("GET",
                Protocol.assessmentPath(f.standard().assessmentId()) + "/audit", null, t)),
        GET_REPORTS(EnumSet.of(Role.SUPERVISOR, Role.CRU, Role.ANALYST), (f, role, t) -> call("GET", Protocol.REPORTS, null, t)),
        GET_REPORT(EnumSet.of(Role.SUPERVISOR, Role.CRU, Role.ANALYST), (f, role, t) -> call("GET", Protocol.REPORTS
                + "/levels?from=2026-01-01&to=2026-12-31", null, t)),
        POST_HISTORY_SEARCH(EnumSet.of(Role.OFFICER, Role.IMU, Role.SUPERVISOR, Role.CRU), (f, role, t) -> call("POST",
                Protocol.HISTORY_SEARCH, "{\"reason\":\"synthetic check\",\"person\":{\"forceId\":\"PNC-1\"}}", t)),
        GET_LINKS(EnumSet.of(Role.CRU), (f, role, t) -> call("GET", Protocol.assessmentPath(f.high().assessmentId()) + "/links", null, t)),
        PUT_LINK(EnumSet.of(Role.CRU), (f, role, t) -> call("PUT", Protocol.assessmentPath(f.high().assessmentId()) + "/links/"
                + f.standard().assessmentId(), "{\"decision\":\"rejected\",\"note\":\"synthetic: not the same person\"}", t)),
        GET_USERS(EnumSet.of(Role.ADMINISTRATOR), (f, role, t) -> call("GET", Protocol.USERS, null, t)),
        POST_USER(EnumSet.of(Role.ADMINISTRATOR), (f, role, t) -> call("POST", Protocol.USERS, "{\"username\":\"new"
                + SEQ.incrementAndGet() + "\",\"displayName\":\"Synthetic New\",\"collarNumber\":\"9" + SEQ.incrementAndGet()
                + "\",\"roles\":[\"officer\"],\"team\":\"North\",\"password\":\"another synthetic phrase\"}", t)),
        DELETE_SESSION(EnumSet.allOf(Role.class), (f, role, t) -> call("DELETE", Protocol.CURRENT_SESSION, null,
                signIn(role.name().toLowerCase() + "1")));

        final Set<Role> allowed;
        final Request request;

        Endpoint(Set<Role> allowed, Request request) {
            this.allowed = allowed;
            this.request = request;
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Endpoint e : Endpoint.values()) {
            for (Role r : Role.values()) {
                out.add(Arguments.of(e, r));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("cases")
    void eachRoleGetsExactlyWhatTheRulesSay(Endpoint endpoint, Role role) throws Exception {
        Fixture f = Fixture.create();
        HttpResponse<String> r = endpoint.request.send(f, role, TOKEN.get(role));
        if (endpoint.allowed.contains(role)) {
            assertTrue(r.statusCode() >= 200 && r.statusCode() < 300, endpoint + " as " + role + ": " + r.statusCode() + " " + r.body());
        } else {
            assertEquals(403, r.statusCode(), endpoint + " as " + role + ": " + r.body());
            assertEquals("forbidden", json(r).get("error").asText());
        }
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith(Protocol.JSON));
    }

    @ParameterizedTest(name = "{0} without a token")
    @MethodSource("endpoints")
    void everyEndpointButSignInAndHealthNeedsAToken(Endpoint endpoint) throws Exception {
        Fixture f = Fixture.create();
        if (endpoint == Endpoint.DELETE_SESSION) {
            assertEquals(401, call("DELETE", Protocol.CURRENT_SESSION, null, null).statusCode());
            return;
        }
        assertEquals(401, endpoint.request.send(f, Role.OFFICER, "not-a-token").statusCode());
    }

    /** The three decisions a supervisor makes on a revision, each with a body the server accepts. */
    enum Decision {
        APPROVAL("/approval", "{\"password\":\"" + PASSWORD + "\"}"),
        RETURN("/return", "{\"comments\":[{\"questionId\":\"Q3\",\"comment\":\"Synthetic comment\"}]}"),
        RAISE("/raise", "{\"level\":\"MEDIUM\",\"rationale\":\"Synthetic rationale\"}");

        final String suffix;
        final String body;

        Decision(String suffix, String body) {
            this.suffix = suffix;
            this.body = body;
        }

        HttpResponse<String> on(Revision r, String token) throws Exception {
            return call("POST", Protocol.revisionPath(r.assessmentId(), r.revisionId()) + suffix, body, token);
        }
    }

    static boolean inSignOffQueue(Revision r, String token) throws Exception {
        HttpResponse<String> queue = call("GET", Protocol.SIGN_OFF_QUEUE, null, token);
        assertEquals(200, queue.statusCode(), queue.body());
        for (JsonNode item : json(queue)) {
            if (item.get("assessmentId").asText().equals(r.assessmentId().toString())) {
                return true;
            }
        }
        return false;
    }

    @ParameterizedTest(name = "{0} of one''s own assessment")
    @EnumSource(Decision.class)
    void noSupervisorDecidesOnTheirOwnAssessmentAnotherOfTheTeamDoes(Decision decision) throws Exception {
        Revision own = revision(2, SERGEANT_COLLAR);
        assertEquals(201, put(own, sergeantToken).statusCode());
        HttpResponse<String> refused = decision.on(own, sergeantToken);
        assertEquals(409, refused.statusCode(), refused.body());
        assertEquals("conflict", json(refused).get("error").asText());
        assertTrue(json(refused).get("reason").asText().contains("their own assessment"), refused.body());
        assertTrue(inSignOffQueue(own, TOKEN.get(Role.SUPERVISOR)), "refused: the case is untouched and still waiting");

        HttpResponse<String> other = decision.on(own, TOKEN.get(Role.SUPERVISOR));
        assertEquals(200, other.statusCode(), other.body());
    }

    @ParameterizedTest(name = "{0} with a development token")
    @EnumSource(Decision.class)
    void aDevelopmentTokenCannotMakeASupervisorsDecision(Decision decision) throws Exception {
        String devToken = server.issueToken("5699", "supervisor", "North");
        Fixture f = Fixture.create();
        assertTrue(inSignOffQueue(f.standard(), devToken), "the token works for reading the queue");
        HttpResponse<String> refused = decision.on(f.standard(), devToken);
        assertEquals(403, refused.statusCode(), refused.body());
        assertTrue(json(refused).get("reason").asText().contains("user account"), refused.body());
        assertTrue(inSignOffQueue(f.standard(), TOKEN.get(Role.SUPERVISOR)), "nothing was decided");
    }

    @ParameterizedTest(name = "retired events endpoint as {0}")
    @EnumSource(Role.class)
    void theRetiredEventsEndpointIsGoneForEveryRoleAndMovesNothing(Role role) throws Exception {
        Fixture f = Fixture.create();
        for (String event : List.of("SIGN_OFF", "RETURN", "RAISE")) {
            HttpResponse<String> r = call("POST", Protocol.eventsPath(f.standard().assessmentId()),
                    "{\"event\":\"" + event + "\",\"note\":\"legacy\"}", TOKEN.get(role));
            assertEquals(410, r.statusCode(), role + " " + event + ": " + r.body());
            assertEquals("gone", json(r).get("error").asText());
            String reason = json(r).get("reason").asText();
            assertTrue(reason.contains("/approval") && reason.contains("/return") && reason.contains("/raise"), reason);
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith(Protocol.JSON));
        }
        assertTrue(inSignOffQueue(f.standard(), TOKEN.get(Role.SUPERVISOR)), "still awaiting sign-off");
        HttpResponse<String> changes = call("GET", Protocol.CHANGES + "?since=0", null, TOKEN.get(Role.SUPERVISOR));
        for (JsonNode c : json(changes).get("changes")) {
            assertTrue(!c.get("assessmentId").asText().equals(f.standard().assessmentId().toString()), "no change logged: " + c);
        }
        assertEquals(401, call("POST", Protocol.eventsPath(f.standard().assessmentId()), "{\"event\":\"SIGN_OFF\"}", "not-a-token")
                .statusCode(), "like every other endpoint, it needs a token first");
    }

    static Stream<Endpoint> endpoints() {
        return Stream.of(Endpoint.values());
    }
}
