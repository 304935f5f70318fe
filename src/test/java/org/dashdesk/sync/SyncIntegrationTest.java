package org.dashdesk.sync;

import org.dashdesk.outbox.OutboxRecord;
import org.dashdesk.outbox.OutboxState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.dashdesk.assessment.AssessmentJson;
import org.dashdesk.assessment.AssessmentState;
import org.dashdesk.assessment.Revision;
import org.dashdesk.grading.GradingPolicy;
import org.dashdesk.grading.RiskLevel;
import org.dashdesk.instrument.PackRegistry;
import org.dashdesk.protocol.Protocol;
import org.dashdesk.protocol.Receipt;
import org.dashdesk.protocol.RevisionUpload;
import org.dashdesk.review.QuestionComment;
import org.dashdesk.review.ReviewException;
import org.dashdesk.security.Role;
import org.dashdesk.security.UserAccount;
import org.dashdesk.server.ReferenceServer;
import org.dashdesk.server.ServerConfig;
import org.dashdesk.server.ServerPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The real client against the real reference server on loopback, with faults in between. */
class SyncIntegrationTest {

    @TempDir
    Path dir;
    ReferenceServer server;
    String token;
    HttpReviewGateway supervisor;
    FaultyFront front;
    LocalDesk desk;
    final HttpClient raw = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    static final char[] OFFICER_PW = "officer synthetic phrase".toCharArray();
    static final char[] SUPERVISOR_PW = "supervisor synthetic phrase".toCharArray();

    /** The server's database: embedded H2 here, PostgreSQL in {@link SyncIntegrationOnPostgresTest}. */
    ServerConfig serverConfig() {
        return ServerConfig.devHttp(dir.resolve("server"));
    }

    @BeforeEach
    void start() throws IOException {
        server = ReferenceServer.start(serverConfig(), ServerPolicy.defaults().withIterations(10_000),
                Clock.systemUTC());
        // Real accounts in one team: supervisors decide through the review endpoints, signed by a user.
        server.addUser(new UserAccount("pc1234", "PC Synthetic", "1234", Set.of(Role.OFFICER), "North"), OFFICER_PW);
        server.addUser(new UserAccount("ps9001", "PS Synthetic", "9001", Set.of(Role.SUPERVISOR), "North"), SUPERVISOR_PW);
        AccountClient accounts = new AccountClient(SyncClient.Settings.devHttp(server.uri(), null));
        token = accounts.signIn("pc1234", OFFICER_PW).token();
        supervisor = new HttpReviewGateway(SyncClient.Settings.devHttp(server.uri(), accounts.signIn("ps9001", SUPERVISOR_PW).token())
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5)));
        front = new FaultyFront(server.uri());
        desk = new LocalDesk(dir.resolve("desk"), client(front.uri(), token), 1);
        // Pinned at set-up, as IT does (decision 0170): no first-contact key fetch among the faults.
        desk.sync.pinReceiptKey(server.pinnedReceiptKey());
    }

    @AfterEach
    void stop() {
        desk.close();
        front.close();
        server.close();
    }

    static SyncClient client(URI uri, String token) {
        return new SyncClient(SyncClient.Settings.devHttp(uri, token).withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2)));
    }

    private void assertSyncedOnce(Revision r) {
        OutboxRecord rec = desk.record(r);
        assertEquals(OutboxState.SYNCED, rec.state(), rec.describe());
        assertNotNull(rec.serverSeq());
        assertNotNull(rec.receivedAt());
        assertEquals(1, server.copies(r.assessmentId(), r.revisionId()));
    }

    @Test
    void roundTripPushThenCentralReturnThenAmendment() throws Exception {
        Revision high = desk.submit(15);
        Revision standard = desk.submit(2);
        CycleReport report = desk.sync.runCycle(false);
        assertEquals(2, report.sent(), report.problems().toString());
        assertSyncedOnce(high);
        assertSyncedOnce(standard);
        assertEquals(0, desk.sync.snapshot().waiting());
        assertNotNull(desk.sync.snapshot().lastSuccess());

        supervisor.returnToOfficer(standard.assessmentId(), standard.revisionId(),
                List.of(new QuestionComment(null, "please add the incident details")));
        assertEquals(1, desk.sync.runCycle(false).applied());
        assertEquals(AssessmentState.RETURNED, desk.repository.find(standard.assessmentId()).orElseThrow().state());

        Revision second = desk.amend(standard.assessmentId(), 5);
        assertEquals(standard.revisionId(), second.baseRevisionId());
        assertEquals(1, desk.sync.runCycle(false).sent());
        assertSyncedOnce(second);
        assertEquals(2L, server.revisionCount() - 1, "three revisions in all, the amendment on top of the first");
    }

    @Test
    void highRiskFirstThenDeviceOrderAndEachAssessmentInOrder() {
        Revision standard1 = desk.submit(1);
        desk.repository.transition(standard1.assessmentId(), org.dashdesk.assessment.LifecycleEvent.RETURN, "9001", "local test");
        Revision standard2 = desk.amend(standard1.assessmentId(), 3);
        Revision medium = desk.submit(10);
        Revision high = desk.submit(14);
        CycleReport report = desk.sync.runCycle(false);
        assertEquals(4, report.sent(), report.problems().toString());
        List<String> puts = front.seen.stream().filter(s -> s.startsWith("PUT")).toList();
        assertEquals(List.of(path(high), path(medium), path(standard1), path(standard2)), puts);
    }

    private static String path(Revision r) {
        return "PUT " + Protocol.revisionPath(r.assessmentId(), r.revisionId());
    }

    @Test
    void everyRequestReplayedTwiceLeavesOneCopy() {
        front.always(FaultyFront.Fault.TWICE);
        Revision a = desk.submit(3);
        Revision b = desk.submit(16);
        desk.repository.transition(a.assessmentId(), org.dashdesk.assessment.LifecycleEvent.RETURN, "9001", "local test");
        Revision a2 = desk.amend(a.assessmentId(), 7);
        assertEquals(3, desk.sync.runCycle(false).sent());
        assertSyncedOnce(a);
        assertSyncedOnce(b);
        assertSyncedOnce(a2);
        assertEquals(3, server.revisionCount());
        // A whole cycle replayed: nothing is sent again, nothing duplicated.
        assertEquals(0, desk.sync.runCycle(true).sent());
        assertEquals(3, server.revisionCount());
    }

    @ParameterizedTest
    @EnumSource(value = FaultyFront.Fault.class, names = {"CAPTIVE_PORTAL", "DROP_BEFORE", "DROP_AFTER", "RESET_BEFORE", "RESET_AFTER",
        "SERVER_ERROR_AFTER", "SERVICE_UNAVAILABLE", "HANG_AFTER", "MALFORMED_AFTER", "OTHER_RECEIPT_AFTER"})
    void oneFaultIsRetriedInTheSameRunAndNeverDuplicates(FaultyFront.Fault fault) {
        Revision r = desk.submit(4);
        Revision other = desk.submit(2);
        front.next(fault);
        CycleReport report = desk.sync.runCycle(false);
        assertEquals(2, report.sent(), fault + ": " + report.problems());
        assertTrue(report.reachable());
        assertSyncedOnce(r);
        assertSyncedOnce(other);
        assertEquals(0, desk.record(r).attempts(), "retried within the run, never given back to the long back-off");
        if (!front.upstreamBodies.isEmpty() && !fault.name().endsWith("_BEFORE") && fault != FaultyFront.Fault.CAPTIVE_PORTAL
                && fault != FaultyFront.Fault.SERVICE_UNAVAILABLE) {
            Receipt original = AssessmentJson.read(front.upstreamBodies.get(0), Receipt.class);
            assertEquals(original.serverSeq(), desk.record(r).serverSeq(), "the stored receipt is the server's original one");
        }
    }

    @ParameterizedTest
    @EnumSource(value = FaultyFront.Fault.class, names = {"CAPTIVE_PORTAL", "DROP_BEFORE", "DROP_AFTER", "RESET_BEFORE", "RESET_AFTER",
        "SERVER_ERROR_AFTER", "SERVICE_UNAVAILABLE", "HANG_AFTER", "MALFORMED_AFTER", "OTHER_RECEIPT_AFTER"})
    void aFaultNeverCountsAsSyncedAndTheRetryNeverDuplicates(FaultyFront.Fault fault) {
        Revision r = desk.submit(4);
        front.always(fault);
        CycleReport failed = desk.sync.runCycle(false);
        OutboxRecord afterFault = desk.record(r);
        assertEquals(0, failed.sent());
        assertEquals(OutboxState.WAITING, afterFault.state(), afterFault.describe());
        assertNotNull(afterFault.lastError(), "the reason is shown in words");
        assertFalse(afterFault.lastError().contains("refused"), afterFault.lastError());
        assertEquals(1, afterFault.attempts(), "one give-up per run, however many tries it had");
        assertNotNull(afterFault.nextAttemptAt(), "backed off");
        assertTrue(afterFault.nextAttemptAt().isAfter(Instant.now()));
        assertTrue(server.copies(r.assessmentId(), r.revisionId()) <= 1);
        assertEquals(0, desk.sync.runCycle(false).sent(), "not retried before its back-off is over");

        front.always(FaultyFront.Fault.NONE);
        CycleReport retried = desk.sync.runCycle(true);
        assertEquals(1, retried.sent(), retried.problems().toString());
        assertSyncedOnce(r);
        if (!front.upstreamBodies.isEmpty()) {
            Receipt original = AssessmentJson.read(front.upstreamBodies.get(0), Receipt.class);
            assertEquals(original.serverSeq(), desk.record(r).serverSeq(), "the stored receipt is the server's original one");
        }
        System.out.println(fault + " → " + afterFault.lastError() + " | " + failed.problems());
    }

    @ParameterizedTest
    @EnumSource(value = FaultyFront.Fault.class, names = {"CAPTIVE_PORTAL", "MALFORMED_AFTER", "SERVER_ERROR_AFTER",
        "SERVICE_UNAVAILABLE"})
    void aFaultOnThePullAppliesNothingAndKeepsTheCursor(FaultyFront.Fault fault) throws Exception {
        Revision r = desk.submit(2);
        assertEquals(1, desk.sync.runCycle(false).sent());
        String cursor = desk.settings.get(SyncService.CURSOR_SETTING).orElse("0");
        String lastSuccess = desk.settings.get(SyncService.LAST_SUCCESS_SETTING).orElseThrow();
        supervisor.returnToOfficer(r.assessmentId(), r.revisionId(), List.of(new QuestionComment(null, "synthetic note")));
        front.seen.clear();
        front.always(fault); // nothing to push: the cycle's first request is the pull
        CycleReport failed = desk.sync.runCycle(false);
        front.always(FaultyFront.Fault.NONE);
        assertTrue(front.seen.get(0).startsWith("GET " + Protocol.CHANGES), front.seen.toString());
        assertEquals(0, failed.applied());
        assertTrue(failed.problems().stream().anyMatch(p -> p.startsWith("could not fetch central changes")), failed.problems().toString());
        assertTrue(failed.problems().stream().noneMatch(p -> p.contains("sent again")), "a pull sends nothing: " + failed.problems());
        assertEquals(cursor, desk.settings.get(SyncService.CURSOR_SETTING).orElse("0"), "the cursor did not move");
        assertEquals(lastSuccess, desk.settings.get(SyncService.LAST_SUCCESS_SETTING).orElseThrow(), "not a successful sync");
        assertEquals(AssessmentState.AWAITING_SIGN_OFF, desk.repository.find(r.assessmentId()).orElseThrow().state());
        // Next time the page comes through whole and is applied once.
        assertEquals(1, desk.sync.runCycle(false).applied());
        assertEquals(AssessmentState.RETURNED, desk.repository.find(r.assessmentId()).orElseThrow().state());
        System.out.println("pull " + fault + " → " + failed.problems());
    }

    @Test
    void lastSuccessfulSyncMeansTheServerWasReachedAndSomethingWentWithWhatStillWaitsBesideIt() {
        assertEquals(null, desk.sync.snapshot().lastSuccess());
        Revision high = desk.submit(15);
        Revision standard = desk.submit(2);
        front.next(FaultyFront.Fault.NONE); // the high-risk record goes first and gets through
        front.always(FaultyFront.Fault.SERVICE_UNAVAILABLE); // then the proxy is overloaded for the rest of the run
        CycleReport report = desk.sync.runCycle(false);
        assertEquals(1, report.sent(), report.problems().toString());
        assertSyncedOnce(high);
        assertEquals(OutboxState.WAITING, desk.record(standard).state());
        assertTrue(report.problems().stream().anyMatch(p -> p.startsWith("could not fetch central changes")), report.problems().toString());
        SyncSnapshot s = desk.sync.snapshot();
        assertNotNull(s.lastSuccess(), "the server was reached and a record went: that is a successful sync");
        assertTrue(s.summary().startsWith("1 waiting to send"), s.summary());
        assertTrue(s.summary().endsWith("(1 still waiting)"), s.summary());
        assertFalse(s.lastProblem().contains("sent again"), s.lastProblem());
    }

    @Test
    void aRunThatReachesNothingDoesNotCountAsASuccessfulSync() {
        desk.submit(3);
        front.always(FaultyFront.Fault.CAPTIVE_PORTAL);
        CycleReport report = desk.sync.runCycle(false);
        assertEquals(0, report.sent());
        assertFalse(report.reachable(), "a portal page for every request and for the health check is an outage");
        assertEquals(null, desk.sync.snapshot().lastSuccess());
        assertTrue(desk.sync.snapshot().summary().endsWith("last successful sync: never"), desk.sync.snapshot().summary());
    }

    @Test
    void serverDownBacksOffAndSaysSo() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = s.getLocalPort();
        }
        desk.sync.useClient(client(URI.create("http://127.0.0.1:" + deadPort), token));
        Revision r = desk.submit(4);
        CycleReport report = desk.sync.runCycle(false);
        assertFalse(report.reachable());
        OutboxRecord rec = desk.record(r);
        assertEquals(OutboxState.WAITING, rec.state());
        assertTrue(rec.lastError().contains("cannot reach the server"), rec.lastError());
        assertEquals(1, rec.attempts());
        assertEquals(1, desk.sync.snapshot().waiting());
        assertTrue(desk.sync.snapshot().hasUnsent());
        // Next scheduled cycle: still down, it only probes, it does not hammer the record.
        desk.sync.runCycle(false);
        assertEquals(1, desk.record(r).attempts());
        // The endpoint is back: the probe clears the back-off and the record goes at once.
        desk.sync.useClient(client(front.uri(), token));
        assertEquals(1, desk.sync.runCycle(false).sent());
        assertSyncedOnce(r);
    }

    @Test
    void connectionResetMidRequestIsRetried() throws Exception {
        try (ResettingSocket reset = new ResettingSocket()) {
            desk.sync.useClient(client(reset.uri(), token));
            Revision r = desk.submit(4);
            desk.sync.runCycle(false);
            OutboxRecord rec = desk.record(r);
            assertEquals(OutboxState.WAITING, rec.state());
            assertTrue(rec.lastError().contains("connection"), rec.lastError());
            assertEquals(0, server.copies(r.assessmentId(), r.revisionId()));
            desk.sync.useClient(client(front.uri(), token));
            assertEquals(1, desk.sync.runCycle(true).sent());
            assertSyncedOnce(r);
        }
    }

    @Test
    void refusedRevisionIsQuarantinedWithTheServersReasonAndNotResent() throws Exception {
        // A server that only knows a newer policy version refuses what this laptop graded.
        GradingPolicy p = GradingPolicy.builtInDefault();
        GradingPolicy newer = new GradingPolicy(p.id(), p.version() + "-next", p.packId(), p.countedQuestions(), p.bands(),
                p.escalation(), p.repeatMarac(), p.maracLevel(), p.rules());
        try (ReferenceServer strict = ReferenceServer.start(ServerConfig.devHttp(dir.resolve("strict")), PackRegistry.builtIn(),
                List.of(newer), Clock.systemUTC())) {
            String t = strict.issueToken("1234", "officer");
            desk.sync.useClient(client(strict.uri(), t));
            Revision r = desk.submit(4);
            desk.repository.transition(r.assessmentId(), org.dashdesk.assessment.LifecycleEvent.RETURN, "9001", "local test");
            Revision later = desk.amend(r.assessmentId(), 9);
            CycleReport report = desk.sync.runCycle(false);
            assertEquals(1, report.quarantined());
            OutboxRecord rec = desk.record(r);
            assertEquals(OutboxState.QUARANTINED, rec.state());
            assertTrue(rec.lastError().contains("unknown grading policy"), rec.lastError());
            assertTrue(rec.describe().startsWith("Refused by the server: "));
            assertEquals(OutboxState.WAITING, desk.record(later).state(), "a later revision waits behind the refused one");
            assertEquals(0, strict.revisionCount());
            SyncSnapshot s = desk.sync.snapshot();
            assertEquals(1, s.quarantined());
            assertEquals(1, s.waiting());
            assertEquals(0, desk.sync.runCycle(true).sent());
            assertTrue(desk.record(later).lastError().contains("held back"), desk.record(later).lastError());
            assertEquals(1, desk.record(r).attempts(), "a refused record is not retried blindly");
        }
    }

    @Test
    void sameIdWithDifferentContentOnTheServerIsAConflict() throws Exception {
        Revision r = desk.submit(4);
        Revision impostor = Revision.freeze(r.assessmentId(), r.revisionId(), null, 1, null, r.createdAt(), "1234",
                org.dashdesk.server.TestRevisions.content(2), org.dashdesk.server.TestRevisions.ENGINE.grade(
                        org.dashdesk.server.TestRevisions.content(2).gradingInput()));
        assertEquals(201, put(impostor).statusCode());
        desk.sync.runCycle(false);
        OutboxRecord rec = desk.record(r);
        assertEquals(OutboxState.QUARANTINED, rec.state());
        assertTrue(rec.lastError().startsWith("conflict"), rec.lastError());
        assertEquals(1, server.copies(r.assessmentId(), r.revisionId()));
    }

    @Test
    void baseThatIsNoLongerTheHeadIsAConflict() throws Exception {
        Revision first = desk.submit(4);
        assertEquals(1, desk.sync.runCycle(false).sent());
        // Another device amends the same assessment centrally first.
        assertEquals(201, put(org.dashdesk.server.TestRevisions.next(first, 6)).statusCode());
        desk.repository.transition(first.assessmentId(), org.dashdesk.assessment.LifecycleEvent.RETURN, "9001", "local test");
        Revision mine = desk.amend(first.assessmentId(), 8);
        desk.sync.runCycle(false);
        OutboxRecord rec = desk.record(mine);
        assertEquals(OutboxState.QUARANTINED, rec.state());
        assertTrue(rec.lastError().contains("not the current head"), rec.lastError());
        assertEquals(0, server.copies(mine.assessmentId(), mine.revisionId()));
    }

    @Test
    void badTokenWaitsForSignInThenGoesAfterSigningIn() {
        desk.sync.useClient(client(front.uri(), "revoked-token"));
        Revision r = desk.submit(4);
        desk.sync.runCycle(false);
        assertEquals(OutboxState.WAITING_FOR_SIGN_IN, desk.record(r).state());
        assertEquals(1, desk.sync.snapshot().waitingForSignIn());
        desk.sync.useClient(client(front.uri(), token));
        assertEquals(1, desk.sync.runCycle(false).sent());
        assertSyncedOnce(r);
    }

    @Test
    void anotherOfficersRecordIsHeldWithTheServersReasonWhileTheRestAndThePullGoOn() throws Exception {
        // A shared laptop: officer 5678 is signed in; officer 1234's records are also in the outbox.
        server.addUser(new UserAccount("pc5678", "PC Other Synthetic", "5678", Set.of(Role.OFFICER), "North"), OFFICER_PW);
        String otherToken = new AccountClient(SyncClient.Settings.devHttp(server.uri(), null)).signIn("pc5678", OFFICER_PW).token();
        desk.sync.useClient(client(front.uri(), otherToken));
        Revision theirs = desk.submit(15);
        desk.repository.transition(theirs.assessmentId(), org.dashdesk.assessment.LifecycleEvent.RETURN, "9001", "local test");
        Revision theirsLater = desk.amend(theirs.assessmentId(), 16);
        Revision mine = desk.submitAs("5678", 2);
        Revision mineHigh = desk.submitAs("5678", 17);

        CycleReport report = desk.sync.runCycle(false);
        assertTrue(report.reachable());
        assertEquals(2, report.sent(), report.problems().toString());
        assertEquals(1, report.quarantined());
        assertSyncedOnce(mine);
        assertSyncedOnce(mineHigh);
        OutboxRecord held = desk.record(theirs);
        assertEquals(OutboxState.QUARANTINED, held.state(), held.describe());
        assertTrue(held.lastError().contains("made by collar 1234"), held.lastError());
        assertFalse(held.describe().contains("sign in again"), held.describe());
        assertEquals(OutboxState.WAITING, desk.record(theirsLater).state(), "the later revision stays in order behind it");
        assertEquals(0, server.copies(theirs.assessmentId(), theirs.revisionId()));
        assertEquals(0, server.copies(theirsLater.assessmentId(), theirsLater.revisionId()));
        SyncSnapshot s = desk.sync.snapshot();
        assertEquals(0, s.waitingForSignIn());
        assertFalse(s.signInNeeded(), "signing in again would not help");
        assertEquals(1, s.quarantined());

        // The pull went on too: a central return of 5678's case comes back.
        supervisor.returnToOfficer(mine.assessmentId(), mine.revisionId(), List.of(new QuestionComment(null, "synthetic note")));
        CycleReport next = desk.sync.runCycle(true);
        assertEquals(1, next.applied(), next.problems().toString());
        assertEquals(AssessmentState.RETURNED, desk.repository.find(mine.assessmentId()).orElseThrow().state());
        assertEquals(1, desk.record(theirs).attempts(), "a refused record is not retried blindly");
        assertTrue(desk.record(theirsLater).lastError().contains("held back"), desk.record(theirsLater).lastError());

        // Officer 1234 signs in on the laptop: their records go, in order.
        desk.sync.useClient(client(front.uri(), token));
        assertEquals(2, desk.sync.runCycle(false).sent());
        assertSyncedOnce(theirs);
        assertSyncedOnce(theirsLater);
    }

    @Test
    void imuStaffUploadOtherOfficersRevisionsWhichStayTheOfficers() throws Exception {
        // Phone-in and migration: IMU records for the attending officer (decision 0033).
        desk.sync.useClient(client(front.uri(), server.issueToken("7001", "imu")));
        // IMU uploads only for collars the server has an account for (decision 0126).
        server.addUser(new UserAccount("pc5678", "PC Synthetic Two", "5678", Set.of(Role.OFFICER), "North"), OFFICER_PW);
        Revision a = desk.submitAs("1234", 3);
        Revision b = desk.submitAs("5678", 4);
        assertEquals(2, desk.sync.runCycle(false).sent());
        assertSyncedOnce(a);
        assertSyncedOnce(b);
        supervisor.returnToOfficer(a.assessmentId(), a.revisionId(), List.of(new QuestionComment(null, "synthetic note")));
        // The officer named on the revision owns it: their own pull sees the return, the other officer's does not.
        assertTrue(raw.send(HttpRequest.newBuilder(server.uri().resolve(Protocol.CHANGES + "?since=0"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body()
                .contains(a.assessmentId().toString()));
        assertFalse(raw.send(HttpRequest.newBuilder(server.uri().resolve(Protocol.CHANGES + "?since=0"))
                .header("Authorization", "Bearer " + server.issueToken("5678", "officer")).build(),
                HttpResponse.BodyHandlers.ofString()).body().contains(a.assessmentId().toString()));
    }

    @Test
    void pullAppliesCentralDecisionsOnceAndKeepsTheCursor() throws Exception {
        Revision signOff = desk.submit(2);
        Revision raised = desk.submit(3);
        Revision returned = desk.submit(1);
        Revision referred = desk.submit(15);
        assertEquals(4, desk.sync.runCycle(false).sent());
        supervisor.approve(signOff.assessmentId(), signOff.revisionId(), SUPERVISOR_PW);
        supervisor.raise(raised.assessmentId(), raised.revisionId(), RiskLevel.HIGH, "Synthetic rationale");
        supervisor.returnToOfficer(returned.assessmentId(), returned.revisionId(), List.of(new QuestionComment("Q3", "missing detail")));
        // A referred (high) case is CRU's business: no supervisor signs it off, so nothing arrives for it.
        ReviewException notForSignOff = assertThrows(ReviewException.class,
                () -> supervisor.approve(referred.assessmentId(), referred.revisionId(), SUPERVISOR_PW));
        assertEquals(409, notForSignOff.status(), notForSignOff.getMessage());
        CycleReport first = desk.sync.runCycle(false);
        assertEquals(3, first.applied());
        assertEquals(AssessmentState.SIGNED_OFF, desk.repository.find(signOff.assessmentId()).orElseThrow().state());
        assertEquals(AssessmentState.REFERRED, desk.repository.find(raised.assessmentId()).orElseThrow().state());
        assertEquals(AssessmentState.RETURNED, desk.repository.find(returned.assessmentId()).orElseThrow().state());
        assertEquals(AssessmentState.REFERRED, desk.repository.find(referred.assessmentId()).orElseThrow().state());
        String cursor = desk.settings.get(SyncService.CURSOR_SETTING).orElseThrow();
        assertNotEquals("0", cursor);
        assertEquals(0, desk.sync.runCycle(false).applied());
        // Lose the cursor: everything comes again and is applied idempotently (nothing moves twice).
        int auditBefore = desk.repository.audit(signOff.assessmentId()).size();
        desk.settings.put(SyncService.CURSOR_SETTING, "0");
        assertEquals(0, desk.sync.runCycle(false).applied());
        assertEquals(auditBefore, desk.repository.audit(signOff.assessmentId()).size());
        assertEquals(cursor, desk.settings.get(SyncService.CURSOR_SETTING).orElseThrow());
    }

    @Test
    void snapshotsReachListenersAndCountWhatIsWaiting() {
        List<SyncSnapshot> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        desk.sync.addListener(seen::add);
        desk.submit(3);
        desk.submit(3);
        front.always(FaultyFront.Fault.SERVICE_UNAVAILABLE);
        desk.sync.runCycle(false);
        SyncSnapshot after = seen.get(seen.size() - 1);
        assertEquals(2, after.waiting());
        assertFalse(after.running());
        assertTrue(after.lastProblem().contains("HTTP 503"), after.lastProblem());
        assertTrue(after.summary().startsWith("2 waiting to send"), after.summary());
        assertTrue(after.unsynced().get(0).describe().contains("HTTP 503"), after.unsynced().get(0).describe());
        // The submitted list says the same for the row, from the store's columns (the window's snapshot
        // carries only the newest records, issue 17).
        org.dashdesk.outbox.OutboxRecord first = after.unsynced().get(0);
        assertEquals(first.describe(), desk.repository.summaries(org.dashdesk.assessment.ListQuery.all(false, 10)).rows().stream()
                .filter(s -> s.id().equals(first.assessmentId())).findFirst().orElseThrow().syncState());
        front.always(FaultyFront.Fault.NONE);
        desk.sync.runCycle(true);
        assertEquals(0, seen.get(seen.size() - 1).waiting());
        assertFalse(seen.get(seen.size() - 1).hasUnsent());
    }

    @Test
    void scheduledAtStartAndOnSyncNowOnTheSchedulersThreadNeverTheCallers() throws Exception {
        java.util.concurrent.ScheduledExecutorService scheduler = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                r -> new Thread(r, "sync-scheduler-test"));
        try {
            List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
            desk.sync.addListener(s -> threads.add(Thread.currentThread().getName()));
            Revision first = desk.submit(3);
            desk.sync.start(scheduler);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (desk.record(first).state() != OutboxState.SYNCED && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertSyncedOnce(first);
            Revision second = desk.submit(5);
            CycleReport now = desk.sync.syncNow().get();
            assertEquals(1, now.sent());
            assertSyncedOnce(second);
            assertFalse(threads.isEmpty());
            assertTrue(threads.stream().allMatch(t -> t.equals("sync-scheduler-test")), threads.toString());
        } finally {
            desk.sync.close();
            scheduler.shutdownNow();
        }
    }

    @Test
    void backoffGrowsWithJitterAndIsCappedAtFifteenMinutes() {
        java.util.Random random = new java.util.Random(1);
        Duration previousCap = Duration.ZERO;
        for (int attempt = 1; attempt <= 30; attempt++) {
            Duration d = SyncService.backoff(attempt, random);
            Duration cap = Duration.ofMillis(Math.min(SyncService.MAX_BACKOFF.toMillis(),
                    SyncService.FIRST_RETRY.toMillis() << Math.min(attempt - 1, 20)));
            assertTrue(d.compareTo(cap) <= 0 && d.compareTo(cap.dividedBy(2)) >= 0, attempt + ": " + d);
            assertTrue(cap.compareTo(previousCap) >= 0);
            previousCap = cap;
        }
        assertEquals(SyncService.MAX_BACKOFF, previousCap);
    }

    private HttpResponse<String> put(Revision r) throws Exception {
        String body = AssessmentJson.canonical(new RevisionUpload(1, "other-device", 99, r));
        return raw.send(HttpRequest.newBuilder(server.uri().resolve(Protocol.revisionPath(r.assessmentId(), r.revisionId())))
                .header("Authorization", "Bearer " + token).PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
