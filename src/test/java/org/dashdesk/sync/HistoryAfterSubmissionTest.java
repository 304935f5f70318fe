package org.dashdesk.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.dashdesk.assessment.Assessment;
import org.dashdesk.assessment.AssessmentContent;
import org.dashdesk.assessment.AssessmentState;
import org.dashdesk.assessment.Channel;
import org.dashdesk.assessment.CompleteSheets;
import org.dashdesk.assessment.HistoryCheck;
import org.dashdesk.assessment.Incident;
import org.dashdesk.assessment.Officer;
import org.dashdesk.assessment.People;
import org.dashdesk.assessment.PersonDetails;
import org.dashdesk.assessment.Revision;
import org.dashdesk.grading.RiskLevel;
import org.dashdesk.review.CentralAuditEntry;
import org.dashdesk.review.HistoryFlag;
import org.dashdesk.review.QueueItem;
import org.dashdesk.security.Role;
import org.dashdesk.security.UserAccount;
import org.dashdesk.server.ReferenceServer;
import org.dashdesk.server.ServerConfig;
import org.dashdesk.server.ServerPolicy;
import org.dashdesk.server.TestDatabases;
import org.dashdesk.server.TestRevisions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12's offline path, end to end on a real server (H2, then PostgreSQL) and a real desk: an
 * assessment taken offline for a victim with a MARAC referral 8 months earlier is graded Standard
 * at the scene; after sync the server's history check flags it to CRU and the supervisor (the
 * grading unchanged), the officer's desk shows the flag after its next pull, and CRU's review
 * closes it. Assessments whose officer saw the history, or whose victim has none, are not
 * flagged. Synthetic data.
 */
class HistoryAfterSubmissionTest {

    static final char[] OFFICER_PW = "officer synthetic phrase".toCharArray();
    static final char[] SERGEANT_PW = "sergeant synthetic phrase".toCharArray();
    static final char[] CRU_PW = "cru synthetic phrase".toCharArray();
    static final LocalDate JANE_DOB = LocalDate.of(1990, 1, 1);
    static final String MESSAGE = "History found after submission: repeat MARAC criterion met — level would be High";

    @TempDir
    Path dir;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    ReferenceServer server;

    @Test
    void anAssessmentTakenOfflineIsFlaggedToCruAndTheSupervisorAfterSync() throws Exception {
        int n = 0;
        for (ServerConfig config : List.of(ServerConfig.devHttp(dir.resolve("h2")), TestDatabases.onUrl(TestDatabases.freshPostgresUrl()))) {
            server = ReferenceServer.start(config, ServerPolicy.defaults().withIterations(10_000), Clock.systemUTC());
            try (LocalDesk desk = setUp(dir.resolve("desk" + n++))) {
                run(desk);
            } finally {
                server.close();
            }
        }
    }

    private LocalDesk setUp(Path deskDir) {
        server.addUser(new UserAccount("pc1234", "PC Synthetic", "1234", Set.of(Role.OFFICER), "North"), OFFICER_PW);
        server.addUser(new UserAccount("ps5678", "PS Synthetic", "5678", Set.of(Role.SUPERVISOR), "North"), SERGEANT_PW);
        server.addUser(new UserAccount("cru1", "CRU Synthetic", "3000", Set.of(Role.CRU), "Central"), CRU_PW);
        return new LocalDesk(deskDir, new SyncClient(settings(accounts().signIn("pc1234", OFFICER_PW).token())), 1);
    }

    SyncClient.Settings settings(String token) {
        return SyncClient.Settings.devHttp(server.uri(), token).withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    AccountClient accounts() {
        return new AccountClient(settings(null));
    }

    HttpReviewGateway gateway(String username, char[] password) {
        return new HttpReviewGateway(settings(accounts().signIn(username, password).token()));
    }

    static PersonDetails born(LocalDate dob) {
        return TestRevisions.born(dob, null, null);
    }

    /** An earlier assessment held centrally: High, with a MARAC referral made at the scene on {@code day}. */
    private void earlier(String victim, LocalDate dob, LocalDate day) throws Exception {
        Revision r = TestRevisions.highWithMaracReferral(victim, dob, day);
        assertEquals(RiskLevel.HIGH, r.grading().level());
        HttpResponse<String> put = TestRevisions.upload(http, server, accounts().signIn("pc1234", OFFICER_PW).token(), r);
        assertEquals(201, put.statusCode(), put.body());
    }

    /** A new assessment on the desk, all No, for this victim on 22/11/2026, with the history check as recorded at the scene. */
    private Revision taken(LocalDesk desk, String victim, LocalDate dob, HistoryCheck check, LocalDate officerMarac) {
        AssessmentContent content = AssessmentContent.start("dash-2009", desk.service.mainPack().version(), Channel.AT_SCENE,
                new Officer("1234", "PC Synthetic"), null)
                .withPeople(new People(victim, List.of("Abuser Synthetic"), List.of(), false).withVictimDetails(born(dob)))
                .withIncident(new Incident(LocalDateTime.of(2026, 11, 22, 23, 40), "Home", "Maidstone", "INC-NEW", 0, officerMarac, check));
        Assessment draft = desk.repository.createDraft(CompleteSheets.restNo(content), "1234");
        return desk.service.submit(draft.id(), "1234", null);
    }

    private static Optional<QueueItem> in(List<QueueItem> queue, UUID id) {
        return queue.stream().filter(q -> q.assessmentId().equals(id)).findFirst();
    }

    private void run(LocalDesk desk) throws Exception {
        earlier("Jane Doe", JANE_DOB, LocalDate.of(2026, 3, 22));

        Revision offline = taken(desk, "Jane Doe", JANE_DOB, HistoryCheck.offline(), null);
        assertEquals(RiskLevel.STANDARD, offline.grading().level(), "without the history nothing says repeat MARAC at the scene");
        // Seen at the scene with a reason for leaving the date out: the server does not second-guess it.
        HistoryCheck seen = new HistoryCheck(HistoryCheck.Outcome.CHECKED, Instant.parse("2026-11-22T23:45:00Z"), 1, 0,
                LocalDate.of(2026, 3, 22), "the earlier record is her sister's (same name and date of birth)");
        Revision checked = taken(desk, "Jane Doe", JANE_DOB, seen, null);
        Revision noHistory = taken(desk, "Nobody Earlier", LocalDate.of(1985, 5, 5), HistoryCheck.offline(), null);
        assertEquals(3, desk.sync.runCycle(false).sent());
        // The flag is raised in the upload's transaction; the officer's desk hears of it on its next pull.
        desk.sync.runCycle(false);

        HistoryFlag flag = desk.outbox.historyFlags().latest(offline.assessmentId()).orElseThrow(
                () -> new AssertionError("the officer's desk has no flag after its pull"));
        assertEquals(MESSAGE, flag.message());
        assertEquals(offline.revisionId(), flag.revisionId());
        assertTrue(desk.outbox.historyFlags().latest(checked.assessmentId()).isEmpty(), "the officer saw the history at the scene");
        assertTrue(desk.outbox.historyFlags().latest(noHistory.assessmentId()).isEmpty(), "nothing earlier about this victim");
        assertEquals(AssessmentState.AWAITING_SIGN_OFF, desk.repository.find(offline.assessmentId()).orElseThrow().state(),
                "the flag does not move the assessment");
        assertEquals(1, desk.sync.historyFlagsPulled());
        desk.sync.runCycle(false);
        assertEquals(1, desk.sync.historyFlagsPulled(), "a flag pulled twice is stored once");

        HttpReviewGateway sergeant = gateway("ps5678", SERGEANT_PW);
        QueueItem forSergeant = in(sergeant.signOffQueue(), offline.assessmentId()).orElseThrow();
        assertEquals(MESSAGE, forSergeant.historyFlag());
        assertEquals(RiskLevel.STANDARD, forSergeant.level(), "the server never changes the officer's grading");
        assertNull(in(sergeant.signOffQueue(), checked.assessmentId()).orElseThrow().historyFlag());

        HttpReviewGateway cru = gateway("cru1", CRU_PW);
        QueueItem forCru = in(cru.cruQueue(), offline.assessmentId()).orElseThrow(
                () -> new AssertionError("a flagged standard case without children is CRU's business"));
        assertEquals(MESSAGE, forCru.historyFlag());
        assertEquals(Integer.valueOf(2), forCru.otherForVictim(), "the earlier High and the one checked at the scene, same victim");
        assertEquals("Repeat victim: 2 other DASH", forCru.repeatVictimWords());
        assertFalse(in(cru.cruQueue(), checked.assessmentId()).isPresent(), "standard, no children, no flag: not CRU's");
        List<CentralAuditEntry> trail = cru.audit(offline.assessmentId());
        assertTrue(trail.stream().anyMatch(e -> e.what().startsWith(MESSAGE) && e.what().contains("grading is unchanged")), trail.toString());

        cru.markReviewed(offline.assessmentId(), offline.revisionId(), "called the officer: raising to High with the supervisor");
        assertFalse(in(cru.cruQueue(), offline.assessmentId()).isPresent(), "acted on: off CRU's queue");
        assertNull(in(sergeant.signOffQueue(), offline.assessmentId()).orElseThrow().historyFlag(), "and no longer shown as open");
        assertTrue(cru.audit(offline.assessmentId()).stream().anyMatch(e -> e.what().contains("history flag on revision 1 acted on by CRU")));
    }
}
