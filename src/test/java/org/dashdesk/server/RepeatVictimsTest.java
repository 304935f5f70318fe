package org.dashdesk.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.dashdesk.assessment.AssessmentContent;
import org.dashdesk.assessment.AssessmentJson;
import org.dashdesk.assessment.People;
import org.dashdesk.assessment.PersonDetails;
import org.dashdesk.assessment.Revision;
import org.dashdesk.protocol.Protocol;
import org.dashdesk.security.Role;
import org.dashdesk.security.UserAccount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The person index and the repeat-victim report (issues 12 and 13): seven victims in 2026 whose
 * repeats are known in advance (by name and date of birth, by a name that sounds the same with
 * the birth year ±1, by force id, by a short form of the name and the postcode), one earlier
 * assessment just outside the 12 months, one match on a name alone that must not count; and the
 * details refused when they cannot be right.
 */
class RepeatVictimsTest {

    @TempDir
    Path dir;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    ReferenceServer server;
    String officer;

    static PersonDetails born(LocalDate dob, String postcode, String forceId) {
        return TestRevisions.born(dob, postcode, forceId);
    }

    Revision victim(String name, PersonDetails details, String taken) {
        return TestRevisions.aboutVictim(name, details, Instant.parse(taken), 2);
    }

    HttpResponse<String> put(Revision r) throws Exception {
        return TestRevisions.upload(http, server, officer, r);
    }

    @Test
    void repeatsAreCountedByTheRulesAndOnlyWithinTwelveMonths() throws Exception {
        for (ServerConfig config : List.of(ServerConfig.devHttp(dir.resolve("h2")), TestDatabases.onUrl(TestDatabases.freshPostgresUrl()))) {
            server = ReferenceServer.start(config, ServerPolicy.defaults().withIterations(10_000), Clock.systemUTC());
            try {
                run();
            } finally {
                server.close();
            }
        }
    }

    private void run() throws Exception {
        officer = server.issueToken("1234", "officer", "North");
        server.addUser(new UserAccount("analyst1", "Synthetic Analyst", "", Set.of(Role.ANALYST), "Performance"),
                "synthetic analyst phrase".toCharArray());
        LocalDate jane = LocalDate.of(1990, 1, 1);
        List<Revision> all = new ArrayList<>(List.of(
                victim("Jane Doe", born(jane, null, null), "2025-01-10T10:00:00Z"),
                victim("Doe, Jane", born(jane, null, null), "2026-03-01T10:00:00Z"),
                victim("Jayne Do", born(LocalDate.of(1991, 5, 5), null, null), "2026-04-01T10:00:00Z"),
                victim("Alex Smith", born(null, null, "pnc-77"), "2026-05-01T10:00:00Z"),
                victim("Alexandra Smyth", born(null, null, "PNC-77"), "2026-06-01T10:00:00Z"),
                victim("Jane Doe", null, "2026-07-01T10:00:00Z"),
                victim("Mary Major", born(null, "ME14 1XX", null), "2026-08-01T10:00:00Z"),
                victim("Molly Major", born(null, "me141xx", null), "2026-09-01T10:00:00Z")));
        for (Revision r : all) {
            HttpResponse<String> put = put(r);
            assertEquals(201, put.statusCode(), put.body());
        }
        String token = ReportsBenchmarkSignIn.signIn(http, server, "analyst1", "synthetic analyst phrase");
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.uri().resolve(Protocol.REPORTS
                + "/repeat-victims?from=2026-01-01&to=2026-12-31")).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        JsonNode report = AssessmentJson.mapper().readTree(r.body());
        Map<String, List<Long>> cells = new java.util.TreeMap<>();
        report.at("/table/rows").forEach(row -> cells.put(row.get("keys").get(0).asText(), List.of(row.get("cells").get(0).asLong(),
                row.get("cells").get(1).asLong())));
        assertEquals(Map.of("2026-03", List.of(0L, 1L), "2026-04", List.of(1L, 0L), "2026-05", List.of(0L, 1L), "2026-06",
                List.of(1L, 0L), "2026-07", List.of(0L, 1L), "2026-08", List.of(0L, 1L), "2026-09", List.of(1L, 0L)), cells,
                "March's Jane Doe is 14 months after the last; July's has a name only: " + r.body());
        assertEquals(42.9, report.at("/measures/0/value").asDouble(), 0.001);
        assertEquals(List.of(3L, 4L), List.of(report.at("/table/columnTotals/0").asLong(), report.at("/table/columnTotals/1").asLong()));
    }

    @Test
    void detailsThatCannotBeRightAreRefusedNamingTheFieldNotTheValue() throws Exception {
        server = ReferenceServer.start(ServerConfig.devHttp(dir.resolve("bad")), ServerPolicy.defaults().withIterations(10_000),
                Clock.systemUTC());
        try {
            officer = server.issueToken("1234", "officer", "North");
            HttpResponse<String> future = put(victim("Jane Doe", born(LocalDate.of(2030, 1, 1), null, null), "2026-03-01T10:00:00Z"));
            assertEquals(422, future.statusCode(), future.body());
            assertTrue(future.body().contains("\"field\":\"revision.content.people.victimDetails.dateOfBirth\""), future.body());
            assertTrue(future.body().contains("in the future") && !future.body().contains("2030"), future.body());
            HttpResponse<String> postcode = put(victim("Jane Doe", born(null, "NOT A CODE", null), "2026-03-01T10:00:00Z"));
            assertEquals(422, postcode.statusCode(), postcode.body());
            assertTrue(postcode.body().contains("victimDetails.postcode") && !postcode.body().contains("NOT A CODE"), postcode.body());
            Revision stranger = victim("Jane Doe", null, "2026-03-01T10:00:00Z");
            AssessmentContent c = stranger.content().withPeople(stranger.content().people().withAbuserDetails("Someone Else",
                    born(null, null, "PNC-1")));
            Revision r = Revision.freeze(stranger.assessmentId(), stranger.revisionId(), null, 1, null, stranger.createdAt(), "1234", c,
                    TestRevisions.ENGINE.grade(c.gradingInput()));
            HttpResponse<String> unnamed = put(r);
            assertEquals(422, unnamed.statusCode(), unnamed.body());
            assertTrue(unnamed.body().contains("abuserDetails"), unnamed.body());
            Revision child = victim("Jane Doe", null, "2026-03-01T10:00:00Z");
            AssessmentContent withChild = child.content().withPeople(new People("Jane Doe", List.of("Abuser Synthetic"),
                    List.of(new org.dashdesk.assessment.Dependant("Sam", "01/01/2027", "son", "Oak Primary")), true));
            HttpResponse<String> futureChild = put(Revision.freeze(child.assessmentId(), child.revisionId(), null, 1, null, child.createdAt(),
                    "1234", withChild, TestRevisions.ENGINE.grade(withChild.gradingInput())));
            assertEquals(422, futureChild.statusCode(), futureChild.body());
            assertTrue(futureChild.body().contains("people.dependants[0].ageOrDateOfBirth") && futureChild.body().contains("in the future")
                    && !futureChild.body().contains("2027"), futureChild.body());
                        HttpResponse<String> fine = put(victim("Jane Doe", born(LocalDate.of(1990, 1, 1), "ME14 1XX", "PNC-1"), "2026-03-01T10:00:00Z"));
            assertEquals(201, fine.statusCode(), fine.body());
        } finally {
            server.close();
        }
    }
}
