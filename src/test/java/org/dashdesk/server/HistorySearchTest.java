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
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.dashdesk.assessment.Answer;
import org.dashdesk.assessment.AssessmentContent;
import org.dashdesk.assessment.AssessmentJson;
import org.dashdesk.assessment.People;
import org.dashdesk.assessment.PersonDetails;
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
 * {@code POST /api/v1/history/search} on the real server: matches by force id, by name and date of
 * birth, by a name that sounds the same with the birth year or the postcode, as victim or abuser
 * (a serial perpetrator across partners); nothing but dates, levels, criteria, MARAC and district
 * in the answer; too little to match on refused; analysts refused; a user's searches limited; each
 * search audited with its reason.
 */
class HistorySearchTest {

    static final String COMMENT = "Synthetic comment that must never leave the server";
    @TempDir
    Path dir;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    ReferenceServer server;
    String officer;
    final List<Revision> stored = new ArrayList<>();

    ServerConfig config() {
        return ServerConfig.devHttp(dir);
    }

    static PersonDetails details(LocalDate dob, String postcode, String forceId) {
        return new PersonDetails(List.of(), dob, null, null, null, postcode, null, null, forceId);
    }

    Revision assessment(String victim, PersonDetails victimDetails, String abuser, PersonDetails abuserDetails, int yes, String taken) {
        AssessmentContent base = TestRevisions.content(yes).withAnswer(new Answer("Q1", yes > 0 ? org.dashdesk.grading.Choice.YES
                : org.dashdesk.grading.Choice.NO, COMMENT, null, null, null, null, null));
        People p = new People(victim, List.of(abuser), List.of(), false).withVictimDetails(victimDetails);
        if (abuserDetails != null) {
            p = p.withAbuserDetails(abuser, abuserDetails);
        }
        AssessmentContent c = base.withPeople(p);
        return Revision.freeze(UUID.randomUUID(), UUID.randomUUID(), null, 1, null, Instant.parse(taken), "1234", c,
                TestRevisions.ENGINE.grade(c.gradingInput()));
    }

    @BeforeEach
    void force() throws Exception {
        server = ReferenceServer.start(config(), ServerPolicy.defaults().withIterations(10_000), Clock.systemUTC());
        officer = server.issueToken("1234", "officer", "North");
        LocalDate jane = LocalDate.of(1990, 1, 1);
        PersonDetails abuser = details(LocalDate.of(1985, 6, 6), null, "PNC-9");
        stored.add(assessment("Jane Doe", details(jane, "ME14 1XX", null), "Mark Roe", abuser, 15, "2026-02-01T10:00:00Z"));
        stored.add(assessment("Doe, Jane", details(jane, null, null), "Mark Roe", abuser, 2, "2026-06-01T10:00:00Z"));
        stored.add(assessment("Sara Lee", details(LocalDate.of(1993, 3, 3), null, null), "Mark Roe", abuser, 11, "2026-08-01T10:00:00Z"));
        stored.add(assessment("Other Person", details(LocalDate.of(1970, 1, 1), null, null), "Someone Else", null, 2, "2026-08-01T10:00:00Z"));
        for (Revision r : stored) {
            HttpResponse<String> put = http.send(HttpRequest.newBuilder(server.uri().resolve(Protocol.revisionPath(r.assessmentId(),
                    r.revisionId()))).header("Authorization", "Bearer " + officer).header("Content-Type", Protocol.JSON)
                    .PUT(HttpRequest.BodyPublishers.ofString(AssessmentJson.canonical(new RevisionUpload(1, "device-H", System.nanoTime(),
                            r)))).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, put.statusCode(), put.body());
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    HttpResponse<String> search(String token, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(server.uri().resolve(Protocol.HISTORY_SEARCH)).header("Authorization", "Bearer " + token)
                .header("Content-Type", Protocol.JSON).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    JsonNode ok(String body) throws Exception {
        HttpResponse<String> r = search(officer, body);
        assertEquals(200, r.statusCode(), r.body());
        assertFalse(r.body().contains(COMMENT) || r.body().contains("Mark Roe") || r.body().contains("Sara Lee"),
                "no answers, comments or other people: " + r.body());
        return AssessmentJson.mapper().readTree(r.body());
    }

    @Test
    void aVictimIsFoundByNameAndDateOfBirthInAnyOrderNewestFirst() throws Exception {
        JsonNode r = ok("{\"reason\":\"DASH at the scene, INC-1\",\"role\":\"victim\",\"person\":{\"name\":\"JANE DOE\","
                + "\"dateOfBirth\":\"1990-01-01\"}}");
        assertEquals(2, r.get("matches").size(), r.toString());
        assertEquals(stored.get(1).assessmentId().toString(), r.at("/matches/0/assessmentId").asText(), "newest first");
        JsonNode high = r.at("/matches/1");
        assertEquals("2026-02-01", high.get("date").asText());
        assertEquals("HIGH", high.get("level").asText());
        assertEquals("victim", high.get("personRole").asText());
        assertEquals("Maidstone", high.get("district").asText());
        assertEquals("name_and_date_of_birth", high.get("matchedOn").asText());
    }

    @Test
    void theDesksClientAsksTheSameOverHttp() {
        var gateway = new org.dashdesk.sync.HttpReviewGateway(org.dashdesk.sync.SyncClient.Settings.devHttp(server.uri(), officer));
        var result = gateway.history(new org.dashdesk.history.HistoryRequests.Search("DASH at the scene, INC-9", "victim",
                new org.dashdesk.history.HistoryRequests.Person("Jane Doe", LocalDate.of(1990, 1, 1), null, null, null)));
        assertEquals(2, result.matches().size());
        assertEquals(LocalDate.of(2026, 2, 1), result.matches().get(1).date());
        assertEquals(List.of(), result.matches().get(0).criteria(), "standard: no criteria met");
        var refused = org.junit.jupiter.api.Assertions.assertThrows(org.dashdesk.review.ReviewException.class, () -> gateway.history(
                new org.dashdesk.history.HistoryRequests.Search("x", "victim", new org.dashdesk.history.HistoryRequests.Person("Jane",
                        null, null, null, null))));
        assertEquals(422, refused.status());
    }

    @Test
    void aNameThatSoundsTheSameWithThePostcodeOrTheAgeIsAWeakerMatch() throws Exception {
        JsonNode byPostcode = ok("{\"reason\":\"phone-in\",\"person\":{\"name\":\"Jayne Do\",\"postcode\":\"me141xx\"}}");
        assertEquals(1, byPostcode.get("matches").size(), byPostcode.toString());
        assertEquals("similar_name_and_postcode", byPostcode.at("/matches/0/matchedOn").asText());
        JsonNode byInitial = ok("{\"reason\":\"phone-in\",\"role\":\"victim\",\"person\":{\"name\":\"J. Doe\","
                + "\"dateOfBirth\":\"1990-01-01\"}}");
        assertEquals(2, byInitial.get("matches").size(), "the initial and the surname's sound with the date of birth: " + byInitial);
        assertEquals("initial_similar_surname_and_date_of_birth", byInitial.at("/matches/0/matchedOn").asText());
        JsonNode byAge = ok("{\"reason\":\"phone-in\",\"person\":{\"name\":\"Jayne Doe\",\"approximateAge\":36}}");
        assertEquals(2, byAge.get("matches").size(), byAge.toString());
        assertEquals("similar_name_and_birth_year", byAge.at("/matches/0/matchedOn").asText());
    }

    @Test
    void anAbuserIsFoundAcrossPartnersByForceId() throws Exception {
        JsonNode r = ok("{\"reason\":\"serial perpetrator check\",\"role\":\"abuser\",\"person\":{\"forceId\":\"pnc-9\"}}");
        assertEquals(3, r.get("matches").size(), "three assessments, two victims: " + r);
        for (JsonNode m : r.get("matches")) {
            assertEquals("abuser", m.get("personRole").asText());
            assertEquals("force_id", m.get("matchedOn").asText());
        }
        assertEquals(0, ok("{\"reason\":\"x\",\"role\":\"victim\",\"person\":{\"forceId\":\"PNC-9\"}}").get("matches").size(),
                "never a victim");
    }

    @Test
    void tooLittleToMatchOnAndBadDetailsAreRefusedWithTheirField() throws Exception {
        for (String body : List.of("{\"reason\":\"x\",\"person\":{\"name\":\"Jane\"}}",
                "{\"reason\":\"x\",\"person\":{\"name\":\"Jane Doe\"}}")) {
            HttpResponse<String> r = search(officer, body);
            assertEquals(422, r.statusCode(), r.body());
            assertTrue(r.body().contains("too little to match on"), r.body());
        }
        HttpResponse<String> noReason = search(officer, "{\"person\":{\"forceId\":\"PNC-9\"}}");
        assertEquals(422, noReason.statusCode());
        assertTrue(noReason.body().contains("\"field\":\"reason\""), noReason.body());
        HttpResponse<String> future = search(officer, "{\"reason\":\"x\",\"person\":{\"name\":\"Jane Doe\",\"dateOfBirth\":\"2099-01-01\"}}");
        assertEquals(422, future.statusCode());
        assertTrue(future.body().contains("person.dateOfBirth"), future.body());
    }

    @Test
    void analystsAndAdministratorsMayNotSearch() throws Exception {
        for (String role : List.of("analyst", "administrator")) {
            HttpResponse<String> r = search(server.issueToken("", role, "HQ"), "{\"reason\":\"x\",\"person\":{\"forceId\":\"PNC-9\"}}");
            assertEquals(403, r.statusCode(), role + ": " + r.body());
        }
        assertEquals(200, search(server.issueToken("2000", "imu", "IMU"), "{\"reason\":\"phone-in\",\"person\":{\"forceId\":\"PNC-9\"}}")
                .statusCode());
    }

    @Test
    void eachSearchIsAuditedWithItsReasonAndAUsersSearchesAreLimited() throws Exception {
        ok("{\"reason\":\"DASH at the scene, INC-7\",\"role\":\"victim\",\"person\":{\"name\":\"Jane Doe\",\"dateOfBirth\":\"1990-01-01\"}}");
        List<String> forceWide = server.reportRunAudit();
        assertEquals("1234 officer: history search (victim, on name, date of birth), reason: DASH at the scene, INC-7; 2 matched",
                forceWide.get(forceWide.size() - 1));
        HttpResponse<String> trail = http.send(HttpRequest.newBuilder(server.uri().resolve(Protocol.assessmentPath(
                stored.get(0).assessmentId()) + "/audit")).header("Authorization", "Bearer " + server.issueToken("3000", "cru", "CRU"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(trail.body().contains("returned by a history search (name and date of birth), reason: DASH at the scene, INC-7"),
                trail.body());
        String busy = server.issueToken("4999", "officer", "North");
        int admitted = 0;
        HttpResponse<String> last = null;
        for (int i = 0; i < ServerHistory.SEARCHES + 1; i++) {
            last = search(busy, "{\"reason\":\"x\",\"person\":{\"forceId\":\"PNC-0\"}}");
            if (last.statusCode() == 200) {
                admitted++;
            }
        }
        assertEquals(ServerHistory.SEARCHES, admitted);
        assertEquals(429, last.statusCode(), last.body());
        assertTrue(last.headers().firstValue("Retry-After").isPresent());
    }
}
