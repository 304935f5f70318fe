package org.dashdesk.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.dashdesk.assessment.AssessmentContent;
import org.dashdesk.assessment.AssessmentState;
import org.dashdesk.assessment.Revision;
import org.dashdesk.grading.RiskLevel;
import org.dashdesk.review.ActionState;
import org.dashdesk.review.CentralAuditEntry;
import org.dashdesk.review.MaracState;
import org.dashdesk.review.QuestionComment;
import org.dashdesk.review.QueueItem;
import org.dashdesk.review.ReturnNotes;
import org.dashdesk.review.ReviewException;
import org.dashdesk.review.SafetyAction;
import org.dashdesk.security.Role;
import org.dashdesk.security.UserAccount;
import org.dashdesk.server.ReferenceServer;
import org.dashdesk.server.ServerConfig;
import org.dashdesk.server.ServerPolicy;
import org.dashdesk.server.TestRevisions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two clients on one real server: an officer's desk (store, outbox, sync) and a supervisor's (or
 * CRU's) review gateway, each signed in with its own per-user token.
 */
class ReviewEndToEndTest {

    static final char[] OFFICER_PW = "officer synthetic phrase".toCharArray();
    static final char[] SERGEANT_PW = "sergeant synthetic phrase".toCharArray();
    static final char[] SERGEANT2_PW = "second sergeant phrase".toCharArray();
    static final char[] CRU_PW = "cru synthetic phrase".toCharArray();

    /** A clock tests move forward. */
    static final class TestClock extends Clock {
        volatile Instant now = Instant.parse("2026-11-23T09:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @TempDir
    Path dir;
    final TestClock clock = new TestClock();
    ReferenceServer server;
    LocalDesk officer;

    @BeforeEach
    void start() throws Exception {
        server = ReferenceServer.start(ServerConfig.devHttp(dir.resolve("server")),
                ServerPolicy.defaults().withIterations(10_000).withSignOffLimit(Duration.ofHours(24)), clock);
        server.addUser(new UserAccount("pc1234", "PC Synthetic", "1234", Set.of(Role.OFFICER), "North"), OFFICER_PW);
        server.addUser(new UserAccount("ps5678", "PS Synthetic", "5678", Set.of(Role.OFFICER, Role.SUPERVISOR), "North"), SERGEANT_PW);
        server.addUser(new UserAccount("ps7777", "PS Second", "7777", Set.of(Role.SUPERVISOR), "North"), SERGEANT2_PW);
        server.addUser(new UserAccount("cru1", "CRU Synthetic", "3000", Set.of(Role.CRU), "Central"), CRU_PW);
        ServerSession s = accounts().signIn("pc1234", OFFICER_PW);
        assertEquals(Set.of(Role.OFFICER), s.account().roles());
        assertEquals("North", s.account().team());
        officer = new LocalDesk(dir.resolve("officer"), new SyncClient(settings(s.token())), 1);
    }

    @AfterEach
    void stop() {
        officer.close();
        server.close();
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

    QueueItem inQueue(List<QueueItem> queue, UUID assessmentId) {
        return queue.stream().filter(q -> q.assessmentId().equals(assessmentId)).findFirst()
                .orElseThrow(() -> new AssertionError(assessmentId + " not in " + queue));
    }

    AssessmentState local(UUID assessmentId) {
        return officer.repository.find(assessmentId).orElseThrow().state();
    }

    @Test
    void officerSubmitsSupervisorApprovesOfficerPullsSignedOff() {
        Revision r = officer.submit(2);
        assertEquals(1, officer.sync.runCycle(false).sent());
        clock.now = clock.now.plus(Duration.ofHours(30));
        // Tokens last 12 hours: both people sign in again the next day.
        officer.sync.useClient(new SyncClient(settings(accounts().signIn("pc1234", OFFICER_PW).token())));
        HttpReviewGateway sergeant = gateway("ps5678", SERGEANT_PW);
        QueueItem item = inQueue(sergeant.signOffQueue(), r.assessmentId());
        assertEquals(r.revisionId(), item.revisionId());
        assertEquals(RiskLevel.STANDARD, item.level());
        assertEquals("1234", item.officerCollar());
        assertTrue(item.overdue(), "30 hours against a 24-hour limit");
        assertEquals(Duration.ofHours(30), item.age());

        Revision seen = sergeant.revision(r.assessmentId(), r.revisionId());
        assertEquals(r.contentHash(), seen.contentHash());
        ReviewException wrong = assertThrows(ReviewException.class,
                () -> sergeant.approve(r.assessmentId(), r.revisionId(), "not my password".toCharArray()));
        assertEquals(403, wrong.status());
        sergeant.approve(r.assessmentId(), r.revisionId(), SERGEANT_PW);
        assertTrue(sergeant.signOffQueue().stream().noneMatch(q -> q.assessmentId().equals(r.assessmentId())));

        assertEquals(1, officer.sync.runCycle(false).applied());
        assertEquals(AssessmentState.SIGNED_OFF, local(r.assessmentId()));
        assertEquals(0, officer.sync.runCycle(false).applied(), "applied once");

        List<String> audit = sergeant.audit(r.assessmentId()).stream().map(CentralAuditEntry::what).toList();
        assertTrue(audit.contains("revision 1 received (standard), now AWAITING_SIGN_OFF"), audit.toString());
        assertTrue(audit.contains("viewed revision 1"), audit.toString());
        assertTrue(audit.stream().anyMatch(w -> w.startsWith("approved revision 1")), audit.toString());
        CentralAuditEntry approval = sergeant.audit(r.assessmentId()).stream().filter(e -> e.what().startsWith("approved")).findFirst()
                .orElseThrow();
        assertEquals("5678", approval.actor());
        assertEquals("supervisor", approval.role());
        assertTrue(sergeant.audit(r.assessmentId()).stream().noneMatch(e -> e.what().contains("Synthetic")), "no names in audit");
    }

    @Test
    void returnWithCommentsThenAmendedRevisionIsBackInTheQueue() {
        Revision r1 = officer.submit(2);
        officer.sync.runCycle(false);
        HttpReviewGateway sergeant = gateway("ps5678", SERGEANT_PW);
        sergeant.returnToOfficer(r1.assessmentId(), r1.revisionId(), List.of(new QuestionComment("Q3", "Please ask Q3 again"),
                new QuestionComment(null, "Add the incident details")));
        assertEquals(1, officer.sync.runCycle(false).applied());
        assertEquals(AssessmentState.RETURNED, local(r1.assessmentId()));
        ReturnNotes notes = officer.sync.returnNotes().latest(r1.assessmentId()).orElseThrow();
        assertEquals(r1.revisionId(), notes.revisionId());
        assertEquals("5678", notes.returnedBy());
        assertEquals(List.of(new QuestionComment("Q3", "Please ask Q3 again"), new QuestionComment(null, "Add the incident details")),
                notes.comments());
        officer.settings.put("sync.changes.cursor", "0");
        officer.sync.runCycle(false);
        assertEquals(notes, officer.sync.returnNotes().latest(r1.assessmentId()).orElseThrow(), "a re-pulled page changes nothing");

        Revision r2 = officer.amend(r1.assessmentId(), 5);
        assertEquals(1, officer.sync.runCycle(false).sent());
        QueueItem item = inQueue(sergeant.signOffQueue(), r1.assessmentId());
        assertEquals(r2.revisionId(), item.revisionId());
        assertEquals(2, item.revisionNumber());

        ReviewException stale = assertThrows(ReviewException.class, () -> sergeant.approve(r1.assessmentId(), r1.revisionId(), SERGEANT_PW));
        assertEquals(409, stale.status());
        assertTrue(stale.getMessage().contains("stale"), stale.getMessage());
        sergeant.approve(r2.assessmentId(), r2.revisionId(), SERGEANT_PW);
        officer.sync.runCycle(false);
        assertEquals(AssessmentState.SIGNED_OFF, local(r1.assessmentId()));
    }

    @Test
    void aSupervisorCannotApproveTheirOwnAssessment() {
        ServerSession own = accounts().signIn("ps5678", SERGEANT_PW);
        AssessmentContent c = TestRevisions.content(2);
        Revision r = Revision.freeze(UUID.randomUUID(), UUID.randomUUID(), null, 1, null, clock.now, "5678", c,
                TestRevisions.ENGINE.grade(c.gradingInput()));
        assertTrue(new SyncClient(settings(own.token())).push("device-S", 1, r) instanceof PushResult.Stored);
        HttpReviewGateway self = new HttpReviewGateway(settings(own.token()));
        ReviewException refused = assertThrows(ReviewException.class, () -> self.approve(r.assessmentId(), r.revisionId(), SERGEANT_PW));
        assertEquals(409, refused.status());
        assertTrue(refused.getMessage().contains("own assessment"), refused.getMessage());
        gateway("ps7777", SERGEANT2_PW).approve(r.assessmentId(), r.revisionId(), SERGEANT2_PW);
    }

    @Test
    void aSupervisorCannotReturnOrRaiseTheirOwnAssessmentEvenWhenCoveredButTheCoveringSupervisorCan() {
        // A team's only supervisor (decision 0113): their own case is covered by North's supervisors.
        server.addUser(new UserAccount("ps9000", "PS Lone", "9000", Set.of(Role.OFFICER, Role.SUPERVISOR), "South"), SERGEANT_PW);
        ServerSession lone = accounts().signIn("ps9000", SERGEANT_PW);
        AssessmentContent c = TestRevisions.content(2);
        Revision own = Revision.freeze(UUID.randomUUID(), UUID.randomUUID(), null, 1, null, clock.now, "9000", c,
                TestRevisions.ENGINE.grade(c.gradingInput()));
        assertTrue(new SyncClient(settings(lone.token())).push("device-L", 1, own) instanceof PushResult.Stored);
        HttpReviewGateway self = new HttpReviewGateway(settings(lone.token()));
        ReviewException returned = assertThrows(ReviewException.class, () -> self.returnToOfficer(own.assessmentId(), own.revisionId(),
                List.of(new QuestionComment(null, "Synthetic self-return"))));
        assertEquals(409, returned.status());
        assertTrue(returned.getMessage().contains("own assessment"), returned.getMessage());
        ReviewException raised = assertThrows(ReviewException.class,
                () -> self.raise(own.assessmentId(), own.revisionId(), RiskLevel.MEDIUM, "Synthetic rationale"));
        assertEquals(409, raised.status());
        assertTrue(raised.getMessage().contains("own assessment"), raised.getMessage());

        HttpReviewGateway covering = gateway("ps7777", SERGEANT2_PW);
        assertEquals(AssessmentState.AWAITING_SIGN_OFF, inQueue(covering.signOffQueue(), own.assessmentId()).state(), "untouched");
        covering.returnToOfficer(own.assessmentId(), own.revisionId(), List.of(new QuestionComment("Q3", "Synthetic: ask Q3 again")));
        assertTrue(covering.signOffQueue().stream().noneMatch(q -> q.assessmentId().equals(own.assessmentId())));
    }

    @Test
    void aNewRevisionAfterApprovalVoidsItAndPutsItBackInTheQueue() {
        SyncClient officerPush = new SyncClient(settings(accounts().signIn("pc1234", OFFICER_PW).token()));
        Revision r1 = TestRevisions.first(UUID.randomUUID(), 2);
        assertTrue(officerPush.push("device-O", 1, r1) instanceof PushResult.Stored);
        HttpReviewGateway sergeant = gateway("ps7777", SERGEANT2_PW);
        sergeant.approve(r1.assessmentId(), r1.revisionId(), SERGEANT2_PW);
        Revision r2 = TestRevisions.next(r1, 3);
        assertTrue(officerPush.push("device-O", 2, r2) instanceof PushResult.Stored);
        QueueItem back = inQueue(sergeant.signOffQueue(), r1.assessmentId());
        assertEquals(r2.revisionId(), back.revisionId());
        assertEquals(AssessmentState.AWAITING_SIGN_OFF, back.state());
        assertEquals(409, assertThrows(ReviewException.class, () -> sergeant.approve(r1.assessmentId(), r1.revisionId(), SERGEANT2_PW))
                .status());
        assertTrue(sergeant.audit(r1.assessmentId()).stream().anyMatch(e -> e.what().equals("approval of revision 1 voided by revision 2")));
    }

    @Test
    void raiseRoutesOnwardToTheCruQueueAndTheOfficerPullsReferred() {
        Revision r = officer.submit(2);
        officer.sync.runCycle(false);
        HttpReviewGateway cru = gateway("cru1", CRU_PW);
        assertTrue(cru.cruQueue().stream().noneMatch(q -> q.assessmentId().equals(r.assessmentId())), "standard without children");
        HttpReviewGateway sergeant = gateway("ps5678", SERGEANT_PW);
        ReviewException down = assertThrows(ReviewException.class,
                () -> sergeant.raise(r.assessmentId(), r.revisionId(), RiskLevel.STANDARD, "no change"));
        assertEquals(422, down.status());
        sergeant.raise(r.assessmentId(), r.revisionId(), RiskLevel.MEDIUM, "Synthetic rationale");
        QueueItem item = inQueue(cru.cruQueue(), r.assessmentId());
        assertEquals(RiskLevel.MEDIUM, item.level());
        assertEquals(AssessmentState.REFERRED, item.state());
        officer.sync.runCycle(false);
        assertEquals(AssessmentState.REFERRED, local(r.assessmentId()));

        ReviewException officerAsks = assertThrows(ReviewException.class, () -> gateway("pc1234", OFFICER_PW).cruQueue());
        assertEquals(403, officerAsks.status());
    }

    @Test
    void standardWithChildrenIsInTheCruQueue() {
        SyncClient officerPush = new SyncClient(settings(accounts().signIn("pc1234", OFFICER_PW).token()));
        AssessmentContent c = TestRevisions.content(2);
        c = c.withPeople(new org.dashdesk.assessment.People("Victim Synthetic", List.of(), List.of(), true));
        Revision r = Revision.freeze(UUID.randomUUID(), UUID.randomUUID(), null, 1, null, clock.now, "1234", c,
                TestRevisions.ENGINE.grade(c.gradingInput()));
        assertTrue(officerPush.push("device-O", 1, r) instanceof PushResult.Stored);
        QueueItem item = inQueue(gateway("cru1", CRU_PW).cruQueue(), r.assessmentId());
        assertTrue(item.childrenInvolved());
        assertEquals(RiskLevel.STANDARD, item.level());
    }

    @Test
    void cruReviewTakesACaseOffTheCruQueueUntilANewRevisionAndActionsStayVisible() {
        SyncClient officerPush = new SyncClient(settings(accounts().signIn("pc1234", OFFICER_PW).token()));
        Revision r1 = TestRevisions.first(UUID.randomUUID(), 15);
        assertTrue(officerPush.push("device-O", 1, r1) instanceof PushResult.Stored);
        HttpReviewGateway cru = gateway("cru1", CRU_PW);
        assertEquals(r1.revisionId(), inQueue(cru.cruQueue(), r1.assessmentId()).revisionId());
        LocalDate today = LocalDate.ofInstant(clock.now, ZoneOffset.UTC);
        SafetyAction action = cru.addAction(r1.assessmentId(), "Synthetic: fit a door alarm", "1234", today.plusDays(1));

        assertEquals(422, assertThrows(ReviewException.class, () -> cru.markReviewed(r1.assessmentId(), r1.revisionId(), "  "))
                .status(), "a note is required");
        ReviewException officerTries = assertThrows(ReviewException.class,
                () -> gateway("pc1234", OFFICER_PW).markReviewed(r1.assessmentId(), r1.revisionId(), "Synthetic note"));
        assertEquals(403, officerTries.status());
        assertEquals(403, assertThrows(ReviewException.class, () -> gateway("ps7777", SERGEANT2_PW).markReviewed(r1.assessmentId(),
                r1.revisionId(), "Synthetic note")).status());
        inQueue(cru.cruQueue(), r1.assessmentId());

        cru.markReviewed(r1.assessmentId(), r1.revisionId(), "Synthetic review note: alarm requested, MARAC referral made");
        assertTrue(cru.cruQueue().stream().noneMatch(q -> q.assessmentId().equals(r1.assessmentId())), "reviewed: off the queue");
        ReviewException twice = assertThrows(ReviewException.class,
                () -> cru.markReviewed(r1.assessmentId(), r1.revisionId(), "Synthetic again"));
        assertEquals(409, twice.status());
        assertTrue(twice.getMessage().contains("already been reviewed"), twice.getMessage());

        // The safety plan is tracked whatever the queue says: the action still goes overdue and shows.
        clock.now = clock.now.plus(Duration.ofDays(3));
        HttpReviewGateway cruLater = gateway("cru1", CRU_PW);
        assertEquals(List.of(action.actionId()), cruLater.overdueActions().stream().map(SafetyAction::actionId).toList());
        assertEquals(1, cruLater.actions(r1.assessmentId()).size());
        assertEquals(1, gateway("pc1234", OFFICER_PW).overdueActions().size(), "and the owner still sees it");

        SyncClient officerLater = new SyncClient(settings(accounts().signIn("pc1234", OFFICER_PW).token()));
        Revision r2 = TestRevisions.next(r1, 16);
        assertTrue(officerLater.push("device-O", 2, r2) instanceof PushResult.Stored);
        QueueItem back = inQueue(cruLater.cruQueue(), r1.assessmentId());
        assertEquals(r2.revisionId(), back.revisionId(), "a new revision is unreviewed: back in the queue");
        ReviewException stale = assertThrows(ReviewException.class,
                () -> cruLater.markReviewed(r1.assessmentId(), r1.revisionId(), "Synthetic late note"));
        assertEquals(409, stale.status());
        assertTrue(stale.getMessage().contains("stale"), stale.getMessage());
        cruLater.markReviewed(r2.assessmentId(), r2.revisionId(), "Synthetic second review");
        assertTrue(cruLater.cruQueue().stream().noneMatch(q -> q.assessmentId().equals(r1.assessmentId())));

        List<CentralAuditEntry> audit = cruLater.audit(r1.assessmentId());
        List<String> what = audit.stream().map(CentralAuditEntry::what).toList();
        assertTrue(what.contains("CRU reviewed revision 1 (high)"), what.toString());
        assertTrue(what.contains("CRU reviewed revision 2 (high)"), what.toString());
        assertTrue(audit.stream().noneMatch(e -> e.what().contains("Synthetic") || e.what().contains("MARAC referral made")),
                "the note is never in the audit");
        assertEquals("3000", audit.stream().filter(e -> e.what().startsWith("CRU reviewed")).findFirst().orElseThrow().actor());
    }

    @Test
    void aCaseThatIsNotCruBusinessCannotBeMarkedReviewed() {
        Revision standard = officer.submit(2);
        officer.sync.runCycle(false);
        ReviewException refused = assertThrows(ReviewException.class,
                () -> gateway("cru1", CRU_PW).markReviewed(standard.assessmentId(), standard.revisionId(), "Synthetic note"));
        assertEquals(409, refused.status());
        assertTrue(refused.getMessage().contains("not in the CRU queue"), refused.getMessage());
    }

    @Test
    void aRaisedGradingPutsAReviewedStandardWithChildrenCaseBackInTheCruQueue() {
        SyncClient officerPush = new SyncClient(settings(accounts().signIn("pc1234", OFFICER_PW).token()));
        AssessmentContent c = TestRevisions.content(2).withPeople(new org.dashdesk.assessment.People("Victim Synthetic", List.of(),
                List.of(), true));
        Revision r = Revision.freeze(UUID.randomUUID(), UUID.randomUUID(), null, 1, null, clock.now, "1234", c,
                TestRevisions.ENGINE.grade(c.gradingInput()));
        assertTrue(officerPush.push("device-O", 1, r) instanceof PushResult.Stored);
        HttpReviewGateway cru = gateway("cru1", CRU_PW);
        cru.markReviewed(r.assessmentId(), r.revisionId(), "Synthetic: children's services informed");
        assertTrue(cru.cruQueue().stream().noneMatch(q -> q.assessmentId().equals(r.assessmentId())));
        gateway("ps7777", SERGEANT2_PW).raise(r.assessmentId(), r.revisionId(), RiskLevel.MEDIUM, "Synthetic rationale");
        QueueItem back = inQueue(cru.cruQueue(), r.assessmentId());
        assertEquals(RiskLevel.MEDIUM, back.level(), "reviewed as standard; raised to medium it needs CRU again");
    }

    @Test
    void aSupervisorsOwnCaseIsNotInTheirSignOffQueueButIsInAnotherSupervisors() {
        ServerSession own = accounts().signIn("ps5678", SERGEANT_PW);
        AssessmentContent c = TestRevisions.content(2);
        Revision r = Revision.freeze(UUID.randomUUID(), UUID.randomUUID(), null, 1, null, clock.now, "5678", c,
                TestRevisions.ENGINE.grade(c.gradingInput()));
        assertTrue(new SyncClient(settings(own.token())).push("device-S", 1, r) instanceof PushResult.Stored);
        Revision someoneElses = officer.submit(2);
        officer.sync.runCycle(false);
        HttpReviewGateway self = new HttpReviewGateway(settings(own.token()));
        List<QueueItem> mine = self.signOffQueue();
        assertTrue(mine.stream().noneMatch(q -> q.assessmentId().equals(r.assessmentId())), "never one's own: " + mine);
        inQueue(mine, someoneElses.assessmentId());
        HttpReviewGateway other = gateway("ps7777", SERGEANT2_PW);
        QueueItem item = inQueue(other.signOffQueue(), r.assessmentId());
        assertEquals("5678", item.officerCollar());
        other.approve(r.assessmentId(), r.revisionId(), SERGEANT2_PW);
        assertTrue(other.signOffQueue().stream().noneMatch(q -> q.assessmentId().equals(r.assessmentId())));
    }

    @Test
    void aTeamsOnlySupervisorsOwnCaseIsCoveredBySupervisorsOfOtherTeamsUntilTheTeamHasAnother() {
        server.addUser(new UserAccount("ps9000", "PS Lone", "9000", Set.of(Role.OFFICER, Role.SUPERVISOR), "South"), SERGEANT_PW);
        server.addUser(new UserAccount("pc9100", "PC South", "9100", Set.of(Role.OFFICER), "South"), OFFICER_PW);
        ServerSession lone = accounts().signIn("ps9000", SERGEANT_PW);
        AssessmentContent c = TestRevisions.content(2);
        Revision own = Revision.freeze(UUID.randomUUID(), UUID.randomUUID(), null, 1, null, clock.now, "9000", c,
                TestRevisions.ENGINE.grade(c.gradingInput()));
        assertTrue(new SyncClient(settings(lone.token())).push("device-L", 1, own) instanceof PushResult.Stored);
        Revision northCase = officer.submit(2);
        officer.sync.runCycle(false);

        HttpReviewGateway loneGateway = new HttpReviewGateway(settings(lone.token()));
        assertTrue(loneGateway.signOffQueue().stream().noneMatch(q -> q.assessmentId().equals(own.assessmentId())), "never one's own");
        assertTrue(loneGateway.signOffQueue().stream().noneMatch(q -> q.assessmentId().equals(northCase.assessmentId())),
                "covering goes one way: the North team has its own supervisors");
        ReviewException notTheirs = assertThrows(ReviewException.class,
                () -> loneGateway.revision(northCase.assessmentId(), northCase.revisionId()));
        assertEquals(403, notTheirs.status());

        HttpReviewGateway north = gateway("ps7777", SERGEANT2_PW);
        QueueItem covered = inQueue(north.signOffQueue(), own.assessmentId());
        assertEquals("South", covered.team(), "shown with its own team, so the covering supervisor can tell");
        inQueue(north.signOffQueue(), northCase.assessmentId());
        assertEquals(own.revisionId(), north.revision(own.assessmentId(), own.revisionId()).revisionId());

        // A second South supervisor appears: the team signs off its own again.
        server.addUser(new UserAccount("ps9200", "PS South Two", "9200", Set.of(Role.SUPERVISOR), "South"), SERGEANT2_PW);
        assertTrue(north.signOffQueue().stream().noneMatch(q -> q.assessmentId().equals(own.assessmentId())), "back to its team");
        ReviewException forbidden = assertThrows(ReviewException.class,
                () -> north.approve(own.assessmentId(), own.revisionId(), SERGEANT2_PW));
        assertEquals(403, forbidden.status());
        HttpReviewGateway south = gateway("ps9200", SERGEANT2_PW);
        inQueue(south.signOffQueue(), own.assessmentId());
        south.approve(own.assessmentId(), own.revisionId(), SERGEANT2_PW);
        assertTrue(south.signOffQueue().stream().noneMatch(q -> q.assessmentId().equals(own.assessmentId())));
    }

    @Test
    void aCoveredCaseCanBeApprovedByASupervisorOfAnotherTeam() {
        server.addUser(new UserAccount("ps9000", "PS Lone", "9000", Set.of(Role.OFFICER, Role.SUPERVISOR), "South"), SERGEANT_PW);
        ServerSession lone = accounts().signIn("ps9000", SERGEANT_PW);
        AssessmentContent c = TestRevisions.content(1);
        Revision own = Revision.freeze(UUID.randomUUID(), UUID.randomUUID(), null, 1, null, clock.now, "9000", c,
                TestRevisions.ENGINE.grade(c.gradingInput()));
        assertTrue(new SyncClient(settings(lone.token())).push("device-L", 1, own) instanceof PushResult.Stored);

        HttpReviewGateway north = gateway("ps7777", SERGEANT2_PW);
        north.approve(own.assessmentId(), own.revisionId(), SERGEANT2_PW);
        assertTrue(north.signOffQueue().stream().noneMatch(q -> q.assessmentId().equals(own.assessmentId())));
        ReviewException self = assertThrows(ReviewException.class,
                () -> new HttpReviewGateway(settings(lone.token())).approve(own.assessmentId(), own.revisionId(), SERGEANT_PW));
        assertTrue(self.status() == 409 || self.status() == 403, "still never one's own: " + self.status());
    }

    @Test
    void safetyPlanActionsGoOverdueAndMaracStateIsKeptForHighRisk() {
        Revision high = officer.submit(15);
        Revision standard = officer.submit(2);
        officer.sync.runCycle(false);
        HttpReviewGateway first = gateway("cru1", CRU_PW);
        LocalDate today = LocalDate.ofInstant(clock.now, ZoneOffset.UTC);
        SafetyAction a = first.addAction(high.assessmentId(), "Synthetic: fit a door alarm", "1234", today.plusDays(1));
        assertFalse(a.overdue());
        assertTrue(first.overdueActions().isEmpty());
        clock.now = clock.now.plus(Duration.ofDays(3));
        HttpReviewGateway cru = gateway("cru1", CRU_PW);
        List<SafetyAction> overdue = cru.overdueActions();
        assertEquals(List.of(a.actionId()), overdue.stream().map(SafetyAction::actionId).toList());
        assertTrue(overdue.get(0).overdue());
        HttpReviewGateway owner = gateway("pc1234", OFFICER_PW);
        assertEquals(1, owner.overdueActions().size(), "the owner sees their own overdue action");
        SafetyAction done = owner.updateAction(a.actionId(), ActionState.DONE, "fitted");
        assertEquals(ActionState.DONE, done.state());
        assertEquals("1234", done.updatedBy());
        assertTrue(cru.overdueActions().isEmpty());

        assertEquals(MaracState.NOT_REFERRED, cru.maracState(high.assessmentId()));
        cru.setMaracState(high.assessmentId(), MaracState.REFERRED, null);
        assertEquals(MaracState.REFERRED, cru.maracState(high.assessmentId()));
        assertEquals(409, assertThrows(ReviewException.class,
                () -> cru.setMaracState(standard.assessmentId(), MaracState.REFERRED, null)).status());
        List<String> audit = cru.audit(high.assessmentId()).stream().map(CentralAuditEntry::what).toList();
        assertTrue(audit.contains("safety-plan action OPEN -> DONE"), audit.toString());
        assertTrue(audit.contains("MARAC state NOT_REFERRED -> REFERRED"), audit.toString());
        assertTrue(audit.contains("viewed MARAC state"), audit.toString());
    }

    @Test
    void tokensExpireAndRepeatedWrongPasswordsLockTheAccount() {
        HttpReviewGateway sergeant = gateway("ps5678", SERGEANT_PW);
        sergeant.signOffQueue();
        clock.now = clock.now.plus(Duration.ofHours(12));
        ReviewException expired = assertThrows(ReviewException.class, sergeant::signOffQueue);
        assertEquals(401, expired.status());
        assertEquals(1, officer.sync.runCycle(false).problems().size(), "the officer's 12-hour token has expired too");

        for (int i = 0; i < 4; i++) {
            assertEquals(401, assertThrows(ReviewException.class, () -> accounts().signIn("ps5678", "wrong password!".toCharArray()))
                    .status());
        }
        // Issue 15: a locked account answers exactly as an unknown one (no 423, no unlock time), so
        // nobody can confirm a username by locking it.
        assertEquals(401, assertThrows(ReviewException.class, () -> accounts().signIn("ps5678", "wrong password!".toCharArray()))
                .status());
        ReviewException locked = assertThrows(ReviewException.class, () -> accounts().signIn("ps5678", SERGEANT_PW));
        assertEquals(401, locked.status(), "even the right password while locked, answered as for an unknown user");
        assertEquals(401, assertThrows(ReviewException.class, () -> accounts().signIn("nobody", SERGEANT_PW)).status());
        clock.now = clock.now.plus(Duration.ofMinutes(16));
        assertEquals("ps5678", accounts().signIn("ps5678", SERGEANT_PW).account().username());
    }

    @Test
    void signOutRevokesTheToken() {
        ServerSession s = accounts().signIn("ps5678", SERGEANT_PW);
        HttpReviewGateway g = new HttpReviewGateway(settings(s.token()));
        g.signOffQueue();
        accounts().signOut(s.token());
        assertEquals(401, assertThrows(ReviewException.class, g::signOffQueue).status());
    }
}
