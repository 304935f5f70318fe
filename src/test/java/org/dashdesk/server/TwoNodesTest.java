package org.dashdesk.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.dashdesk.assessment.AssessmentJson;
import org.dashdesk.assessment.Revision;
import org.dashdesk.protocol.Change;
import org.dashdesk.protocol.ChangesPage;
import org.dashdesk.protocol.Protocol;
import org.dashdesk.protocol.RevisionUpload;
import org.dashdesk.security.Role;
import org.dashdesk.security.UserAccount;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two server nodes on one database, as behind a load balancer: stateless nodes, a revision stored
 * once whichever node gets it, and a change feed a puller may read from either node without
 * missing or repeating a change — even when two writers commit in the opposite order of their
 * change numbers. {@link TwoNodesOnPostgresTest} runs it on PostgreSQL; here both nodes share one
 * embedded H2 database in this JVM.
 */
class TwoNodesTest {

    static final String PASSWORD = "synthetic pass phrase";

    @TempDir
    Path dir;
    ReferenceServer a;
    ReferenceServer b;
    ServerStore direct;
    String officer;
    String sergeant;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    TestDatabases.Kind database() {
        return TestDatabases.Kind.H2;
    }

    @BeforeEach
    void start() throws Exception {
        ServerConfig config = TestDatabases.devHttp(database(), dir);
        ServerPolicy policy = ServerPolicy.defaults().withIterations(20_000);
        a = ReferenceServer.start(config, policy, Clock.systemUTC());
        b = ReferenceServer.start(config, policy, Clock.systemUTC());
        direct = ServerStore.open(config.effectiveJdbcUrl(), config.jdbcUser(), config.jdbcPassword(), 2);
        a.addUser(new UserAccount("pc1234", "PC Synthetic", "1234", Set.of(Role.OFFICER), "North"), PASSWORD.toCharArray());
        b.addUser(new UserAccount("ps2", "PS Synthetic", "9002", Set.of(Role.SUPERVISOR), "North"), PASSWORD.toCharArray());
        // Signed in on one node, used on the other: no session lives in a node.
        officer = signIn(b, "pc1234");
        sergeant = signIn(a, "ps2");
    }

    @AfterEach
    void stop() {
        direct.close();
        a.close();
        b.close();
    }

    String signIn(ReferenceServer node, String username) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(node.uri().resolve(Protocol.SESSIONS))
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, r.statusCode(), r.body());
        return AssessmentJson.read(r.body(), com.fasterxml.jackson.databind.JsonNode.class).get("token").asText();
    }

    CompletableFuture<HttpResponse<String>> put(ReferenceServer node, Revision r) {
        return http.sendAsync(HttpRequest.newBuilder(node.uri().resolve(Protocol.revisionPath(r.assessmentId(), r.revisionId())))
                .header("Authorization", "Bearer " + officer)
                .PUT(HttpRequest.BodyPublishers.ofString(AssessmentJson.canonical(new RevisionUpload(1, "device-A", 1, r)))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    CompletableFuture<HttpResponse<String>> returnCase(ReferenceServer node, Revision r) {
        return http.sendAsync(HttpRequest.newBuilder(node.uri().resolve(Protocol.revisionPath(r.assessmentId(), r.revisionId())
                + "/return")).header("Authorization", "Bearer " + sergeant)
                .POST(HttpRequest.BodyPublishers.ofString("{\"comments\":[{\"comment\":\"synthetic note\"}]}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    ChangesPage pull(ReferenceServer node, String cursor) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(node.uri().resolve(Protocol.CHANGES + "?since=" + cursor))
                .header("Authorization", "Bearer " + officer).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return AssessmentJson.read(r.body(), ChangesPage.class);
    }

    @Test
    void theSameRevisionPutToBothNodesAtOnceIsStoredOnceWithOneReceipt() throws Exception {
        for (int i = 0; i < 10; i++) {
            Revision r = TestRevisions.first(UUID.randomUUID(), 3);
            CompletableFuture<HttpResponse<String>> toA = put(a, r);
            CompletableFuture<HttpResponse<String>> toB = put(b, r);
            List<Integer> statuses = new ArrayList<>(List.of(toA.get().statusCode(), toB.get().statusCode()));
            statuses.sort(null);
            assertEquals(List.of(200, 201), statuses, toA.get().body() + " / " + toB.get().body());
            assertEquals(toA.get().body(), toB.get().body(), "the replay carries the original receipt");
            assertEquals(1, a.copies(r.assessmentId(), r.revisionId()));
        }
    }

    @Test
    void aDifferentBodyUnderTheSameRevisionIsAConflictOnWhicheverNodeIsSecond() throws Exception {
        for (int i = 0; i < 10; i++) {
            Revision r = TestRevisions.first(UUID.randomUUID(), 3);
            Revision other = TestRevisions.first(r.assessmentId(), 5);
            Revision sameId = Revision.freeze(r.assessmentId(), r.revisionId(), null, 1, null, other.createdAt(), "1234",
                    other.content(), other.grading());
            CompletableFuture<HttpResponse<String>> toA = put(a, r);
            CompletableFuture<HttpResponse<String>> toB = put(b, sameId);
            List<Integer> statuses = new ArrayList<>(List.of(toA.get().statusCode(), toB.get().statusCode()));
            statuses.sort(null);
            assertEquals(List.of(201, 409), statuses, toA.get().body() + " / " + toB.get().body());
            assertEquals(1, b.copies(r.assessmentId(), r.revisionId()));
        }
    }

    @Test
    void aPullerAlternatingNodesSeesEveryChangeOnceEvenWhenCommitsAreOutOfOrder() throws Exception {
        List<Revision> cases = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Revision r = TestRevisions.first(UUID.randomUUID(), 3);
            assertEquals(201, put(i % 2 == 0 ? a : b, r).get().statusCode());
            cases.add(r);
        }
        List<Change> seen = new ArrayList<>();
        String cursor = "0";
        ReferenceServer[] nodes = {a, b};
        int turn = 0;

        // The bad ordering, forced: writer 1 takes its change number and holds its transaction open;
        // writer 2 (a supervisor on node B) then decides another case and tries to commit.
        Revision first = cases.get(0);
        Revision second = cases.get(1);
        CompletableFuture<HttpResponse<String>> writer2;
        try (Connection held = direct.dataSource().getConnection()) {
            held.setAutoCommit(false);
            ChangeLog.append(held, first.assessmentId(), "1234", "RETURN", "RETURNED", "9002", "synthetic held change", Instant.now(),
                    first.revisionId(), null);
            writer2 = returnCase(b, second);
            // Writer 2 cannot commit ahead of writer 1: its number would be visible before the smaller one.
            Thread.sleep(400);
            assertFalse(writer2.isDone(), "the second writer waits for the first to commit");
            ChangesPage meanwhile = pull(nodes[turn++ % 2], cursor);
            seen.addAll(meanwhile.changes());
            cursor = meanwhile.cursor();
            held.commit();
        }
        assertEquals(200, writer2.get(20, TimeUnit.SECONDS).statusCode());

        // Then many writers on both nodes at once, while the puller alternates nodes.
        List<CompletableFuture<HttpResponse<String>>> writers = new ArrayList<>();
        for (int i = 2; i < cases.size(); i++) {
            writers.add(returnCase(nodes[i % 2], cases.get(i)));
        }
        boolean writing = true;
        while (writing) {
            writing = writers.stream().anyMatch(f -> !f.isDone());
            ChangesPage page = pull(nodes[turn++ % 2], cursor);
            seen.addAll(page.changes());
            cursor = page.cursor();
        }
        for (CompletableFuture<HttpResponse<String>> w : writers) {
            assertEquals(200, w.get().statusCode(), w.get().body());
        }
        ChangesPage last;
        do {
            last = pull(nodes[turn++ % 2], cursor);
            seen.addAll(last.changes());
            cursor = last.cursor();
        } while (!last.changes().isEmpty());

        Set<Long> seqs = new HashSet<>();
        Set<UUID> assessments = new HashSet<>();
        for (Change c : seen) {
            assertTrue(seqs.add(c.seq()), "change " + c.seq() + " seen twice");
            assessments.add(c.assessmentId());
        }
        assertEquals(cases.size(), seen.size(), "one change per returned case, none missed: " + seqs);
        assertEquals(cases.size(), assessments.size());
    }
}
