package org.dashdesk.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.dashdesk.assessment.AssessmentJson;
import org.dashdesk.assessment.Revision;
import org.dashdesk.history.HistoryRequests;
import org.dashdesk.protocol.Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CRU's links between a victim's assessments (issue 12), on H2 and PostgreSQL: the index suggests
 * the same name and date of birth and a similar name; CRU rejects the similar name and confirms
 * an assessment the keys cannot find (her married name); a later search then returns the
 * confirmed one first and no longer the rejected one. Only CRU may see or decide links; each
 * decision needs a reason and is audited on both assessments. Synthetic data.
 */
class VictimLinksTest {

    @TempDir
    Path dir;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    ReferenceServer server;
    String officer;
    String cru;

    @Test
    void cruConfirmsAndRejectsLinksAndLaterSearchesUseThem() throws Exception {
        for (ServerConfig config : List.of(ServerConfig.devHttp(dir.resolve("h2")), TestDatabases.onUrl(TestDatabases.freshPostgresUrl()))) {
            server = ReferenceServer.start(config, ServerPolicy.defaults().withIterations(10_000), Clock.systemUTC());
            try {
                run();
            } finally {
                server.close();
            }
        }
    }

    Revision victim(String name, LocalDate dob, String taken) {
        return TestRevisions.aboutVictim(name, TestRevisions.born(dob, null, null), Instant.parse(taken), 2);
    }

    HttpResponse<String> call(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri().resolve(path)).header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", Protocol.JSON);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    UUID put(Revision r) throws Exception {
        HttpResponse<String> put = TestRevisions.upload(http, server, officer, r);
        assertEquals(201, put.statusCode(), put.body());
        return r.assessmentId();
    }

    HistoryRequests.Links links(UUID id) throws Exception {
        HttpResponse<String> r = call("GET", Protocol.assessmentPath(id) + "/links", null, cru);
        assertEquals(200, r.statusCode(), r.body());
        return AssessmentJson.read(r.body(), HistoryRequests.Links.class);
    }

    HttpResponse<String> decide(UUID id, UUID other, String decision, String note) throws Exception {
        return call("PUT", Protocol.assessmentPath(id) + "/links/" + other, AssessmentJson.canonical(new HistoryRequests.LinkDecision(decision,
                note)), cru);
    }

    List<UUID> search() throws Exception {
        HttpResponse<String> r = call("POST", Protocol.HISTORY_SEARCH, AssessmentJson.canonical(new HistoryRequests.Search("synthetic check",
                "victim", new HistoryRequests.Person("Jane Doe", LocalDate.of(1990, 1, 1), null, null, null))), cru);
        assertEquals(200, r.statusCode(), r.body());
        List<UUID> out = new ArrayList<>();
        AssessmentJson.read(r.body(), HistoryRequests.Result.class).matches().forEach(m -> out.add(m.assessmentId()));
        return out;
    }

    private void run() throws Exception {
        officer = server.issueToken("1234", "officer", "North");
        cru = server.issueToken("3000", "cru", "Central");
        LocalDate dob = LocalDate.of(1990, 1, 1);
        UUID married = put(victim("Jane Smith", dob, "2025-11-01T10:00:00Z"));
        UUID earlier = put(victim("Jane Doe", dob, "2026-01-10T10:00:00Z"));
        UUID similar = put(victim("Jayne Doe", LocalDate.of(1990, 6, 6), "2026-02-10T10:00:00Z"));
        UUID now = put(victim("Doe, Jane", dob, "2026-11-20T10:00:00Z"));

        List<HistoryRequests.Link> suggested = links(now).links();
        assertEquals(List.of(earlier, similar), suggested.stream().map(HistoryRequests.Link::assessmentId).toList(),
                "same name and date of birth, then the similar name; the married name is not found by its keys");
        assertEquals(List.of("name_and_date_of_birth", "similar_name_and_birth_year"),
                suggested.stream().map(HistoryRequests.Link::matchedOn).toList());
        assertTrue(suggested.stream().allMatch(l -> l.state().equals("suggested") && l.decidedBy() == null));
        assertFalse(AssessmentJson.canonical(suggested).contains("Jane"), "no names in links");
        assertTrue(search().contains(similar), "before any decision the similar name is returned");

        // Refusals: a reason is required; an unknown assessment is 404; an officer may neither see nor decide.
        assertEquals(422, decide(now, similar, "rejected", " ").statusCode());
        assertEquals(422, decide(now, similar, "maybe", "synthetic").statusCode());
        assertEquals(422, decide(now, now, "confirmed", "synthetic").statusCode());
        assertEquals(404, decide(now, UUID.randomUUID(), "confirmed", "synthetic").statusCode());
        // Bad input of any kind is a 4xx with a reason, never a 5xx.
        HttpResponse<String> broken = call("PUT", Protocol.assessmentPath(now) + "/links/" + similar, "{\"decision\":", cru);
        assertTrue(broken.statusCode() >= 400 && broken.statusCode() < 500 && broken.body().contains("\"reason\""), broken.body());
        HttpResponse<String> notAnId = call("PUT", Protocol.assessmentPath(now) + "/links/not-an-id",
                "{\"decision\":\"confirmed\",\"note\":\"x\"}", cru);
        assertEquals(422, notAnId.statusCode(), notAnId.body());
        assertEquals(422, decide(now, similar, "rejected", "x".repeat(501)).statusCode());
        assertEquals(403, call("GET", Protocol.assessmentPath(now) + "/links", null, officer).statusCode());
        assertEquals(403, call("PUT", Protocol.assessmentPath(now) + "/links/" + similar, "{\"decision\":\"confirmed\",\"note\":\"x\"}",
                officer).statusCode());

        assertEquals(200, decide(now, similar, "rejected", "different date of birth; a cousin").statusCode());
        HttpResponse<String> confirmed = decide(now, married, "confirmed", "same date of birth and address; married name");
        assertEquals(200, confirmed.statusCode(), confirmed.body());
        List<HistoryRequests.Link> after = AssessmentJson.read(confirmed.body(), HistoryRequests.Links.class).links();
        assertEquals(List.of(married, earlier, similar), after.stream().map(HistoryRequests.Link::assessmentId).toList(),
                "confirmed first, then suggestions, rejected last");
        assertEquals(List.of("confirmed", "suggested", "rejected"), after.stream().map(HistoryRequests.Link::state).toList());

        List<UUID> found = search();
        assertEquals(married, found.get(0), "the confirmed link is used first: " + found);
        assertTrue(found.containsAll(List.of(now, earlier)), found.toString());
        assertFalse(found.contains(similar), "rejected against a strong match: not returned again");

        for (UUID id : List.of(now, married)) {
            HttpResponse<String> audit = call("GET", Protocol.assessmentPath(id) + "/audit", null, cru);
            assertTrue(audit.body().contains("confirmed as the same victim"), audit.body());
        }
        HttpResponse<String> audit = call("GET", Protocol.assessmentPath(similar) + "/audit", null, cru);
        assertTrue(audit.body().contains("rejected as the same victim: not the same"), audit.body());
    }
}
