package org.dashdesk.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import org.dashdesk.assessment.Answer;
import org.dashdesk.assessment.AssessmentContent;
import org.dashdesk.assessment.AssessmentJson;
import org.dashdesk.assessment.Channel;
import org.dashdesk.assessment.Incident;
import org.dashdesk.assessment.Officer;
import org.dashdesk.assessment.PhoneIn;
import org.dashdesk.assessment.Referral;
import org.dashdesk.assessment.ReferralDecision;
import org.dashdesk.assessment.Revision;
import org.dashdesk.grading.ProfessionalJudgement;
import org.dashdesk.grading.RiskLevel;
import org.dashdesk.protocol.Protocol;
import org.dashdesk.protocol.RevisionUpload;
import org.dashdesk.security.Role;
import org.dashdesk.security.UserAccount;
import org.dashdesk.ui.common.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every report of issue 13 against a synthetic force whose counts are known in advance (28
 * assessments in 2026 and one in December 2025, two teams, a phone-in, two raised gradings, an
 * amended assessment, four sign-off timings, referrals and questions not asked), over HTTP on the real server; the same
 * suite runs on PostgreSQL ({@link ReportsOnPostgresTest}). The server's clock is moved by hand so
 * sign-off times are exact.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class ReportsTest {

    static final String PASSWORD = "synthetic pass phrase";
    static final Instant T0 = Instant.parse("2026-09-01T09:00:00Z");
    static final Instant JAN = Instant.parse("2026-01-15T10:00:00Z");
    static final Instant JAN_SOUTH = Instant.parse("2026-01-20T10:00:00Z");
    static final Instant FEB = Instant.parse("2026-02-10T10:00:00Z");
    /** 00:30 on 1 August in the UK (BST): August's, not July's. */
    static final Instant AUG_IN_THE_UK = Instant.parse("2026-07-31T23:30:00Z");
    static final Instant DEC_2025 = Instant.parse("2025-12-31T12:00:00Z");
    static final String RANGE = "from=2026-01-01&to=2026-08-31";

    @TempDir
    static Path dir;
    ReferenceServer server;
    ServerConfig cfg;
    Revision northHigh;
    Revision aNorthStandard;
    final MutableClock clock = new MutableClock(T0, ZoneOffset.UTC);
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    final AtomicInteger seq = new AtomicInteger();
    final Map<String, String> tokens = new HashMap<>();

    ServerConfig config() {
        return ServerConfig.devHttp(dir);
    }

    @BeforeAll
    void buildTheSyntheticForce() throws Exception {
        cfg = config();
        server = ReferenceServer.start(cfg, ServerPolicy.defaults().withIterations(10_000), clock);
        add("officer1", "1234", Role.OFFICER, "North");
        add("officer2", "1300", Role.OFFICER, "South");
        add("imu1", "2000", Role.IMU, "IMU");
        add("supervisor1", "5678", Role.SUPERVISOR, "North");
        add("supervisor2", "5700", Role.SUPERVISOR, "South");
        add("cru1", "3000", Role.CRU, "CRU");
        add("analyst1", "", Role.ANALYST, "Performance");

        // North, January: 7 standard, 3 medium (IDVA prompted on each, made on one; questions not
        // asked on two), 1 high (MARAC and IDVA made), 1 standard raised to medium by the officer.
        List<Revision> northJanuaryStandard = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            northJanuaryStandard.add(upload("officer1", revision("1234", JAN, 2, b -> b)));
        }
        upload("officer1", revision("1234", JAN, 11, b -> b.withReferral(new ReferralDecision(Referral.IDVA, true, null))));
        upload("officer1", revision("1234", JAN, 11, b -> b.withReferral(new ReferralDecision(Referral.IDVA, false, "declined"))
                .withAnswer(Answer.notAsked("Q20", "victim_declined"))));
        upload("officer1", revision("1234", JAN, 11, b -> b.withReferral(new ReferralDecision(Referral.IDVA, false, "declined"))
                .withAnswer(Answer.notAsked("Q20", "victim_declined")).withAnswer(Answer.notAsked("Q21", "not_safe_to_ask"))));
        northHigh = upload("officer1", revision("1234", JAN, 15, b -> b.withReferral(new ReferralDecision(Referral.MARAC, true,
                null)).withReferral(new ReferralDecision(Referral.IDVA, true, null))));
        upload("officer1", revision("1234", JAN, 2, b -> b.withJudgement(new ProfessionalJudgement(RiskLevel.MEDIUM,
                "Synthetic rationale: escalating threats"))));
        // North, February: 2 standard at the scene and 1 medium phoned in (IMU on officer1's behalf).
        List<Revision> northFebruary = List.of(upload("officer1", revision("1234", FEB, 2, b -> b)),
                upload("officer1", revision("1234", FEB, 2, b -> b)));
        upload("imu1", phoneIn(revision("1234", FEB, 11, b -> b)));
        // South, January: 6 standard (one raised to medium by its supervisor), 5 high (MARAC made on
        // all; IDVA prompted and made on two; one question not asked through a language barrier).
        List<Revision> southStandard = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            southStandard.add(upload("officer2", revision("1300", JAN_SOUTH, 2, b -> b)));
        }
        for (int i = 0; i < 5; i++) {
            int n = i;
            upload("officer2", revision("1300", JAN_SOUTH, 15, b -> {
                AssessmentContent c = b.withReferral(new ReferralDecision(Referral.MARAC, true, null));
                if (n < 2) {
                    c = c.withReferral(new ReferralDecision(Referral.IDVA, true, null));
                }
                return n == 4 ? c.withAnswer(Answer.notAsked("Q25", "language_or_communication")) : c;
            }));
        }
        // North, January, amended after upload: revision 1 medium with a question not asked, revision 2
        // (the head, which the reports count) high with a MARAC referral made and every question asked.
        Revision amended = upload("officer1", revision("1234", JAN, 11, b -> b.withAnswer(Answer.notAsked("Q20", "victim_declined"))));
        AssessmentContent head = TestRevisions.content(15).withIncident(amended.content().incident())
                .withReferral(new ReferralDecision(Referral.MARAC, true, null));
        upload("officer1", Revision.freeze(amended.assessmentId(), UUID.randomUUID(), amended.revisionId(), 2, "amended",
                JAN.plus(Duration.ofMinutes(5)), "1234", head, TestRevisions.ENGINE.grade(head.gradingInput())));
        // Outside 2026: December 2025.
        upload("officer1", revision("1234", DEC_2025, 2, b -> b));

        // Safety-plan actions on North's high case, owned by officer1: one will be overdue, one done, one open.
        for (String due : List.of("2026-09-03", "2026-09-04", "2026-12-01")) {
            HttpResponse<String> a = call("POST", Protocol.assessmentPath(northHigh.assessmentId()) + "/actions",
                    "{\"description\":\"Synthetic action\",\"ownerCollar\":\"1234\",\"due\":\"" + due + "\"}", "cru1");
            assertEquals(201, a.statusCode(), a.body());
            if (due.equals("2026-09-04")) {
                HttpResponse<String> done = call("PUT", Protocol.actionPath(UUID.fromString(AssessmentJson.mapper().readTree(a.body())
                        .get("actionId").asText())), "{\"state\":\"DONE\",\"note\":\"done\"}", "cru1");
                assertEquals(200, done.statusCode(), done.body());
            }
        }
        HttpResponse<String> raised = call("POST", revisionPath(southStandard.get(0)) + "/raise",
                "{\"level\":\"MEDIUM\",\"rationale\":\"Synthetic rationale\"}", "supervisor2");
        assertEquals(200, raised.statusCode(), raised.body());

        // Sign-off times for North's January standard cases: 10 h, 10 h, 48 h, 100 h; three never.
        aNorthStandard = northJanuaryStandard.get(6);
        clock.advance(Duration.ofHours(10));
        approve(northJanuaryStandard.get(0));
        approve(northJanuaryStandard.get(1));
        clock.advance(Duration.ofHours(38));
        approve(northJanuaryStandard.get(2));
        clock.advance(Duration.ofHours(52));
        approve(northJanuaryStandard.get(3));
        // Received 110 h after the rest: at 120 h it is still within its 72 hours.
        clock.advance(Duration.ofHours(10));
        upload("officer1", revision("1234", AUG_IN_THE_UK, 2, b -> b));
        clock.advance(Duration.ofHours(10));
        assertEquals(2, northFebruary.size());
    }

    @AfterAll
    void stop() {
        server.close();
    }

    // ---- levels ---------------------------------------------------------------------------------

    @Test
    void levelsByMonthCountEachAssessmentOnceAtItsLevelNowInItsUkMonth() throws Exception {
        JsonNode r = report("levels?" + RANGE, "analyst1");
        assertEquals(List.of("month"), strings(r.get("by")));
        assertEquals(List.of("STANDARD", "MEDIUM", "HIGH"), strings(r.at("/table/columns")));
        assertEquals(Map.of(List.of("2026-01"), List.of(12L, 5L, 7L), List.of("2026-02"), List.of(2L, 1L, 0L), List.of("2026-08"),
                List.of(1L, 0L, 0L)), cells(r));
        assertEquals(List.of(15L, 6L, 7L), longs(r.at("/table/columnTotals")));
        assertEquals(28, r.at("/table/total").asLong());
        assertFalse(r.get("empty").asBoolean());
        assertFalse(r.get("suppressed").asBoolean());
    }

    @Test
    void theDefaultRangeIsTheLastTwelveMonthsAndTheMonthFollowsUkTime() throws Exception {
        JsonNode all = report("levels", "analyst1");
        assertEquals(List.of(1L, 0L, 0L), cells(all).get(List.of("2025-12")), "December 2025 is within 12 months of 6 September 2026");
        assertEquals(29, all.at("/table/total").asLong());
        JsonNode july = report("levels?from=2026-07-01&to=2026-07-31", "analyst1");
        assertTrue(july.get("empty").asBoolean(), "23:30 UTC on 31 July is 00:30 on 1 August in the UK: " + july);
        assertTrue(july.get("notes").get(0).asText().startsWith("Nothing matched"), july.toString());
    }

    @Test
    void levelsFilterAndGroupByTeamAndChannel() throws Exception {
        assertEquals(Map.of(List.of("2026-01"), List.of(5L, 1L, 5L)), cells(report("levels?" + RANGE + "&team=South", "cru1")));
        assertEquals(Map.of(List.of("2026-02"), List.of(0L, 1L, 0L)), cells(report("levels?" + RANGE + "&channel=phone-in", "cru1")));
        JsonNode byTeam = report("levels?" + RANGE + "&by=team,channel", "analyst1");
        assertEquals(Map.of(List.of("North", "AT_SCENE"), List.of(10L, 4L, 2L), List.of("North", "PHONE_IN"), List.of(0L, 1L, 0L),
                List.of("South", "AT_SCENE"), List.of(5L, 1L, 5L)), cells(byTeam));
        JsonNode byPolicy = report("levels?" + RANGE + "&by=policy", "analyst1");
        assertEquals(1, byPolicy.at("/table/rows").size());
        assertTrue(byPolicy.at("/table/rows/0/keys/0").asText().startsWith("dash-2009-default "), byPolicy.toString());
    }

    @Test
    void aSupervisorSeesTheirOwnTeamOnlyAndIsRefusedAnother() throws Exception {
        assertEquals(Map.of(List.of("2026-01"), List.of(7L, 4L, 2L), List.of("2026-02"), List.of(2L, 1L, 0L), List.of("2026-08"),
                List.of(1L, 0L, 0L)), cells(report("levels?" + RANGE, "supervisor1")));
        HttpResponse<String> other = call("GET", Protocol.REPORTS + "/levels?" + RANGE + "&team=South", null, "supervisor1");
        assertEquals(403, other.statusCode(), other.body());
        assertTrue(other.body().contains("own team"), other.body());
    }

    // ---- the other reports ----------------------------------------------------------------------

    @Test
    void signOffBucketsAndMedianByTeam() throws Exception {
        JsonNode r = report("sign-off?" + RANGE, "analyst1");
        assertEquals(List.of("within_24h", "within_72h", "after_72h", "overdue", "awaiting"), strings(r.at("/table/columns")));
        assertEquals(Map.of(List.of("North"), List.of(2L, 1L, 1L, 5L, 1L), List.of("South"), List.of(0L, 0L, 0L, 5L, 0L)), cells(r));
        JsonNode median = r.get("measures").get(0);
        assertEquals("median_hours_to_sign_off", median.get("name").asText());
        assertEquals(List.of("North"), strings(median.get("keys")));
        assertEquals(29.0, median.get("value").asDouble(), 0.001, "10, 10, 48 and 100 hours: the median is 29");
        assertEquals(1, r.get("measures").size(), "South signed nothing off, so it has no median");
    }

    @Test
    void referralsMadeAndPromptedByLevel() throws Exception {
        Map<List<String>, List<Long>> c = cells(report("referrals?" + RANGE, "analyst1"));
        assertEquals(List.of(0L, 0L, 7L), c.get(List.of("MARAC", "prompted")));
        assertEquals(List.of(0L, 0L, 7L), c.get(List.of("MARAC", "made")));
        assertEquals(List.of(0L, 3L, 3L), c.get(List.of("IDVA", "prompted")));
        assertEquals(List.of(0L, 1L, 3L), c.get(List.of("IDVA", "made")));
        assertEquals(List.of(0L, 0L, 0L), c.get(List.of("DVPN", "made")));
        assertEquals(8, c.size(), "every referral is shown, made and prompted, even at zero");
    }

    @Test
    void judgementFromTheLevelTheAnswersGaveToTheLevelRecorded() throws Exception {
        JsonNode r = report("judgement?" + RANGE, "analyst1");
        assertEquals(Map.of(List.of("STANDARD"), List.of(15L, 2L, 0L), List.of("MEDIUM"), List.of(0L, 4L, 0L), List.of("HIGH"),
                List.of(0L, 0L, 7L)), cells(r));
        assertEquals(2, r.get("measures").get(0).get("value").asLong(), "one by the officer's judgement, one by a supervisor");
    }

    @Test
    void completenessByReasonWithTheNumberOfAssessments() throws Exception {
        JsonNode r = report("completeness?" + RANGE, "analyst1");
        assertEquals(Map.of(List.of("victim_declined"), List.of(0L, 2L, 0L), List.of("not_safe_to_ask"), List.of(0L, 1L, 0L),
                List.of("language_or_communication"), List.of(0L, 0L, 1L)), cells(r));
        assertTrue(r.at("/table/columnTotals").isNull(), "reasons overlap: no column totals");
        assertEquals(28, measure(r, "assessments").asLong());
        assertEquals(3, measure(r, "assessments_with_a_question_not_asked").asLong());
    }

    @Test
    void safetyPlanActionsByOwnerTeam() throws Exception {
        JsonNode r = report("actions?from=2026-01-01&to=2026-12-31", "analyst1");
        assertEquals(List.of("open", "overdue", "done", "cancelled"), strings(r.at("/table/columns")));
        assertEquals(Map.of(List.of("North"), List.of(1L, 1L, 1L, 0L)), cells(r),
                "one overdue (due 3 September), one done, one open until December: " + r);
        assertTrue(report("actions?from=2026-09-05&to=2026-11-30", "analyst1").get("empty").asBoolean());
    }

    @Test
    void theServerMakesTheMaracReferralPdfForItsReadersAndAuditsIt() throws Exception {
        HttpResponse<byte[]> pdf = http.send(HttpRequest.newBuilder(server.uri().resolve(revisionPath(northHigh) + "/marac-referral"))
                .header("Authorization", "Bearer " + token("cru1")).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, pdf.statusCode());
        assertEquals("application/pdf", pdf.headers().firstValue("Content-Type").orElse(""));
        String name = pdf.headers().firstValue("Content-Disposition").orElse("");
        assertEquals("attachment; filename=\"MARAC-referral-" + northHigh.assessmentId().toString().substring(0, 8) + "-r1.pdf\"", name);
        String text;
        try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
            text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
        }
        for (String expected : List.of("MARAC referral", "Victim Synthetic", "Abuser Synthetic", "cru1 (collar 3000)", "High")) {
            assertTrue(text.contains(expected), expected + " in:\n" + text);
        }
        HttpResponse<String> audit = call("GET", Protocol.assessmentPath(northHigh.assessmentId()) + "/audit", null, "cru1");
        assertTrue(audit.body().contains("produced the MARAC referral document (revision 1)"), audit.body());

        HttpResponse<String> standard = call("GET", revisionPath(aNorthStandard) + "/marac-referral", null, "supervisor1");
        assertEquals(409, standard.statusCode(), standard.body());
        HttpResponse<String> otherTeam = call("GET", revisionPath(northHigh) + "/marac-referral", null, "officer2");
        assertEquals(403, otherTeam.statusCode(), otherTeam.body());
        HttpResponse<String> analyst = call("GET", revisionPath(northHigh) + "/marac-referral", null, "analyst1");
        assertEquals(403, analyst.statusCode(), "an analyst sees counts, never a case: " + analyst.body());
    }

    // ---- suppression, CSV, audit and bad input -------------------------------------------------------------

    @Test
    void suppressedFiguresShowNoCountUnderFiveAndTheTotalsGiveNoneAway() throws Exception {
        JsonNode r = report("levels?" + RANGE + "&suppress=true", "analyst1");
        assertTrue(r.get("suppressed").asBoolean());
        List<JsonNode> shown = new ArrayList<>();
        r.at("/table/rows").forEach(row -> {
            row.get("cells").forEach(shown::add);
            shown.add(row.get("total"));
        });
        r.at("/table/columnTotals").forEach(shown::add);
        for (JsonNode v : shown) {
            assertTrue(v.isTextual() || v.asLong() == 0 || v.asLong() >= 5, "a count from 1 to 4 was released: " + r);
        }
        assertEquals(List.of("<5", "<5", "0"), texts(r.at("/table/rows/1/cells")), "February: 2, 1 and 0");
        assertEquals(28, r.at("/table/total").asLong(), "the grand total gives nothing away and is shown");
        assertTrue(r.get("notes").toString().contains("Small-number suppression"), r.toString());
    }

    @Test
    void csvHasAHeaderARowPerMonthAndATotalLine() throws Exception {
        HttpResponse<String> csv = call("GET", Protocol.REPORTS + "/levels?" + RANGE + "&format=csv", null, "analyst1");
        assertEquals(200, csv.statusCode(), csv.body());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        assertEquals("attachment; filename=\"dash-levels-2026-01-01-to-2026-08-31.csv\"",
                csv.headers().firstValue("Content-Disposition").orElse(""));
        assertEquals(List.of("Month,STANDARD,MEDIUM,HIGH,Total", "2026-01,12,5,7,24", "2026-02,2,1,0,3", "2026-08,1,0,0,1",
                "Total,15,6,7,28"), csv.body().lines().toList());
        HttpResponse<String> suppressed = call("GET", Protocol.REPORTS + "/levels?" + RANGE + "&suppress=true", null, "analyst1",
                "text/csv");
        assertTrue(suppressed.body().lines().anyMatch(l -> l.equals("2026-02,<5,<5,0,<5")), suppressed.body());
    }

    @Test
    void everyRunIsAuditedWithWhoAndWhatWasAsked() throws Exception {
        int before = server.reportRunAudit().size();
        report("judgement?" + RANGE + "&team=North", "cru1");
        List<String> audit = server.reportRunAudit();
        assertEquals(before + 1, audit.size());
        assertEquals("3000 cru: report run: judgement 2026-01-01 to 2026-08-31, team = North; 3 rows", audit.get(audit.size() - 1));
    }

    @Test
    void badRequestsGetClearFourHundredsNamingTheParameter() throws Exception {
        expect(400, "from", "levels?from=2026-08-01&to=2026-01-01", "wrong way round");
        expect(400, "to", "levels?from=2010-01-01&to=2026-01-01", "longer than 10 years");
        expect(400, "from", "levels?from=yesterday", "a date like");
        expect(400, "colour", "levels?colour=red", "unknown filter 'colour'");
        expect(400, "by", "levels?by=victim", "cannot group");
        expect(400, "by", "referrals?by=team", "takes no 'by'");
        expect(400, "level", "levels?level=EXTREME", "must be one of");
        expect(400, "format", "levels?format=xml", "json or csv");
        expect(400, "suppress", "levels?suppress=maybe", "true or false");
        HttpResponse<String> unknown = call("GET", Protocol.REPORTS + "/victims", null, "analyst1");
        assertEquals(404, unknown.statusCode(), unknown.body());
        assertTrue(unknown.body().contains("levels, sign-off"), unknown.body());
        for (String who : List.of("officer1", "imu1")) {
            HttpResponse<String> refused = call("GET", Protocol.REPORTS + "/levels", null, who);
            assertEquals(403, refused.statusCode(), who + ": " + refused.body());
        }
    }

    @Test
    void anEmptyRangeSaysSo() throws Exception {
        JsonNode r = report("sign-off?from=2020-01-01&to=2020-12-31", "analyst1");
        assertTrue(r.get("empty").asBoolean());
        assertEquals(0, r.at("/table/rows").size());
        assertTrue(r.get("notes").get(0).asText().startsWith("Nothing matched"), r.toString());
    }

    @Test
    void theReportsOfferedAreListed() throws Exception {
        HttpResponse<String> r = call("GET", Protocol.REPORTS, null, "supervisor1");
        assertEquals(200, r.statusCode(), r.body());
        List<String> names = new ArrayList<>();
        AssessmentJson.mapper().readTree(r.body()).forEach(n -> names.add(n.get("report").asText()));
        assertEquals(List.of("levels", "sign-off", "referrals", "judgement", "completeness", "actions", "repeat-victims"), names);
    }

    /** Last: it stops the server to reach the database, then starts it again. */
    @Test
    @org.junit.jupiter.api.Order(Integer.MAX_VALUE)
    void factsFilledFromStoredRevisionsEqualTheFactsWrittenLive() throws Exception {
        // Migration V8 fills the facts of assessments stored before V7 from their revisions: the result
        // must be exactly what the live path wrote. Wiped as an old database would have none, then filled.
        server.close();
        try (ServerStore store = ServerStore.open(cfg.effectiveJdbcUrl(), cfg.jdbcUser(), cfg.jdbcPassword(), 2);
                java.sql.Connection c = store.dataSource().getConnection()) {
            List<String> live = factsSnapshot(c);
            assertTrue(live.size() > 30, "the whole force is there: " + live.size());
            try (java.sql.Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE srv_assessment SET assessed_at = NULL, assessed_month = NULL, first_received_at = NULL,"
                        + " channel = NULL, policy_version = NULL, computed_level = NULL, signed_off_at = NULL, signoff_minutes = NULL");
                s.executeUpdate("DELETE FROM srv_assessment_fact");
            }
            assertFalse(factsSnapshot(c).equals(live));
            c.setAutoCommit(false);
            ReportFacts.fillAll(c);
            c.commit();
            assertEquals(live, factsSnapshot(c));
        } finally {
            server = ReferenceServer.start(cfg, ServerPolicy.defaults().withIterations(10_000), clock);
        }
    }

    static List<String> factsSnapshot(java.sql.Connection c) throws Exception {
        List<String> out = new ArrayList<>();
        try (java.sql.Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery("SELECT assessment_id, assessed_at,"
                + " assessed_month, first_received_at, channel, policy_version, computed_level, signed_off_at, signoff_minutes"
                + " FROM srv_assessment ORDER BY assessment_id")) {
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= 9; i++) {
                    Object v = rs.getObject(i);
                    b.append(v instanceof java.time.OffsetDateTime t ? t.toInstant() : v).append('|');
                }
                out.add(b.toString());
            }
        }
        try (java.sql.Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery(
                "SELECT assessment_id, kind, item FROM srv_assessment_fact ORDER BY assessment_id, kind, item")) {
            while (rs.next()) {
                out.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3));
            }
        }
        return out;
    }

    // ---- helpers --------------------------------------------------------------------------------

    void expect(int status, String field, String path, String words) throws Exception {
        HttpResponse<String> r = call("GET", Protocol.REPORTS + "/" + path, null, "analyst1");
        assertEquals(status, r.statusCode(), path + ": " + r.body());
        JsonNode body = AssessmentJson.mapper().readTree(r.body());
        assertEquals(field, body.get("field").asText(), r.body());
        assertTrue(body.get("reason").asText().contains(words), r.body());
    }

    void add(String username, String collar, Role role, String team) throws Exception {
        server.addUser(new UserAccount(username, "Synthetic " + username, collar, Set.of(role), team), PASSWORD.toCharArray());
    }

    String token(String username) throws Exception {
        String t = tokens.get(username + "@" + clock.instant().toEpochMilli() / 3_600_000L);
        if (t != null) {
            return t;
        }
        HttpResponse<String> r = send("POST", Protocol.SESSIONS, "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD
                + "\"}", null, null);
        assertEquals(201, r.statusCode(), r.body());
        t = AssessmentJson.mapper().readTree(r.body()).get("token").asText();
        tokens.put(username + "@" + clock.instant().toEpochMilli() / 3_600_000L, t);
        return t;
    }

    HttpResponse<String> call(String method, String path, String body, String username) throws Exception {
        return send(method, path, body, token(username), null);
    }

    HttpResponse<String> call(String method, String path, String body, String username, String accept) throws Exception {
        return send(method, path, body, token(username), accept);
    }

    HttpResponse<String> send(String method, String path, String body, String token, String accept) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri().resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", Protocol.JSON);
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (accept != null) {
            b.header("Accept", accept);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode report(String pathAndQuery, String username) throws Exception {
        HttpResponse<String> r = call("GET", Protocol.REPORTS + "/" + pathAndQuery, null, username);
        assertEquals(200, r.statusCode(), pathAndQuery + ": " + r.body());
        return AssessmentJson.mapper().readTree(r.body());
    }

    static Map<List<String>, List<Long>> cells(JsonNode report) {
        Map<List<String>, List<Long>> out = new HashMap<>();
        report.at("/table/rows").forEach(row -> out.put(strings(row.get("keys")), longs(row.get("cells"))));
        return out;
    }

    static JsonNode measure(JsonNode report, String name) {
        for (JsonNode m : report.get("measures")) {
            if (m.get("name").asText().equals(name)) {
                return m.get("value");
            }
        }
        throw new AssertionError("no measure " + name + " in " + report);
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static List<String> texts(JsonNode array) {
        return strings(array);
    }

    static List<Long> longs(JsonNode array) {
        List<Long> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asLong()));
        return out;
    }

    interface Edit {
        AssessmentContent apply(AssessmentContent c);
    }

    static Revision revision(String collar, Instant taken, int yes, Edit edit) {
        AssessmentContent c = edit.apply(TestRevisions.content(yes).withIncident(new Incident(taken.atOffset(ZoneOffset.UTC)
                .toLocalDateTime(), "Home", "Maidstone", "INC-R", 0, (java.time.LocalDate) null)));
        if (!collar.equals("1234")) {
            c = new AssessmentContent(c.packId(), c.packVersion(), c.channel(), new Officer(collar, "PC Synthetic"), c.phoneIn(), c.people(),
                    c.incident(), c.answers(), c.judgement(), c.referrals());
        }
        return Revision.freeze(UUID.randomUUID(), UUID.randomUUID(), null, 1, null, taken, collar, c,
                TestRevisions.ENGINE.grade(c.gradingInput()));
    }

    /** The same assessment as IMU takes it on the phone: recorder collar 2000, for the attending officer. */
    static Revision phoneIn(Revision r) {
        AssessmentContent c = r.content();
        c = new AssessmentContent(c.packId(), c.packVersion(), Channel.PHONE_IN, c.officer(), new PhoneIn(new Officer("2000",
                "Synthetic IMU"), c.officer().collarNumber(), "CALL-1", true), c.people(), c.incident(), c.answers(), c.judgement(),
                c.referrals());
        return Revision.freeze(r.assessmentId(), r.revisionId(), null, 1, null, r.createdAt(), r.createdBy(), c,
                TestRevisions.ENGINE.grade(c.gradingInput()));
    }

    Revision upload(String username, Revision r) throws Exception {
        HttpResponse<String> put = call("PUT", Protocol.revisionPath(r.assessmentId(), r.revisionId()),
                AssessmentJson.canonical(new RevisionUpload(1, "device-R", seq.incrementAndGet(), r)), username);
        assertEquals(201, put.statusCode(), put.body());
        return r;
    }

    void approve(Revision r) throws Exception {
        HttpResponse<String> a = call("POST", revisionPath(r) + "/approval", "{\"password\":\"" + PASSWORD + "\"}", "supervisor1");
        assertEquals(200, a.statusCode(), a.body());
    }

    static String revisionPath(Revision r) {
        return Protocol.revisionPath(r.assessmentId(), r.revisionId());
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
