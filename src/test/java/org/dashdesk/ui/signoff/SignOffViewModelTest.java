package org.dashdesk.ui.signoff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.dashdesk.assessment.AssessmentState;
import org.dashdesk.assessment.Revision;
import org.dashdesk.grading.RiskLevel;
import org.dashdesk.review.QueueItem;
import org.dashdesk.ui.common.CurrentThreadTaskExecutor;
import org.dashdesk.ui.common.UserProfile.Role;
import org.dashdesk.ui.review.FakeReviewGateway;
import org.dashdesk.ui.review.QuestionRef;
import org.dashdesk.ui.review.QueueViewModel;
import org.dashdesk.ui.review.ReviewFixtures;
import org.dashdesk.ui.review.ReviewViewModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sign-off screen's view models without a window, against the in-memory server's rules. */
class SignOffViewModelTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    private FakeReviewGateway server;
    private SignOffViewModel vm;
    private Revision young;
    private Revision oldest;
    private Revision middle;

    @BeforeEach
    void setUp() {
        server = new FakeReviewGateway("2001", Role.SUPERVISOR, "correct horse", CLOCK);
        young = ReviewFixtures.revision("KNT-0003", "Medway", "4471", 3, false);
        oldest = ReviewFixtures.revision("KNT-0001", "Maidstone", "4472", 2, false);
        middle = ReviewFixtures.revision("KNT-0002", "Dover", "2001", 4, false);
        server.add(young, 5, false);
        server.add(oldest, 80, true);
        server.add(middle, 30, false);
        server.add(ReviewFixtures.revision("KNT-0009", "Dover", "4473", 15, false), 90, true);
        vm = new SignOffViewModel(server, "2001", new CurrentThreadTaskExecutor(), ReviewFixtures.PACKS);
    }

    private QueueItem item(String ref) {
        return vm.queue().items().stream().filter(i -> i.incidentReference().equals(ref)).findFirst().orElseThrow();
    }

    @Test
    void queueIsStandardOnlyOldestFirstAndOverdueSaysSoInWords() {
        vm.queue().refresh();
        assertEquals(List.of("KNT-0001", "KNT-0003"), vm.queue().items().stream().map(QueueItem::incidentReference).toList(),
                "oldest first, high-risk case not here, nor the supervisor's own KNT-0002");
        assertEquals("3 d 8 h — OVERDUE", QueueViewModel.ageText(item("KNT-0001")));
        assertEquals("5 h 0 min", QueueViewModel.ageText(item("KNT-0003")));
        assertEquals("2 assessments, 1 overdue", vm.queue().summaryProperty().get());
        assertNull(vm.queue().errorProperty().get());
    }

    @Test
    void approveSendsThePasswordOnceThenZeroesItAndReturnsToTheQueueWithAConfirmation() {
        vm.queue().refresh();
        vm.open(item("KNT-0001"));
        ReviewViewModel r = vm.reviewProperty().get();
        assertNotNull(r.revisionProperty().get(), "revision loaded");
        assertEquals("Viewed revision 1", r.audit().get(r.audit().size() - 1).what(), "the view is in the central audit");
        char[] pw = "correct horse".toCharArray();
        r.approve(pw);
        assertArrayEquals("correct horse".toCharArray(), server.passwordSeen, "the gateway got the password");
        assertTrue(server.passwordArray == pw, "the caller's own array was handed over, not a copy left lying around");
        assertArrayEquals(new char[pw.length], pw, "and it is zeroed after use");
        assertNull(vm.reviewProperty().get(), "back to the queue");
        assertTrue(vm.queue().messageProperty().get().startsWith("Approved KNT-0001"), vm.queue().messageProperty().get());
        assertEquals(AssessmentState.SIGNED_OFF, server.state(oldest.assessmentId()));
        assertFalse(vm.queue().items().stream().anyMatch(i -> i.incidentReference().equals("KNT-0001")), "left the queue");
    }

    @Test
    void aWrongPasswordIsRefusedInWordsTheArrayIsStillZeroedAndTheReviewStaysOpen() {
        vm.queue().refresh();
        vm.open(item("KNT-0003"));
        ReviewViewModel r = vm.reviewProperty().get();
        char[] pw = "wrong".toCharArray();
        r.approve(pw);
        assertArrayEquals(new char[5], pw);
        assertNotNull(vm.reviewProperty().get());
        assertEquals("The approval was not accepted: The password is not right. Re-enter your password and try again.",
                r.approveErrorProperty().get());
        assertEquals(AssessmentState.AWAITING_SIGN_OFF, server.state(young.assessmentId()));
    }

    @Test
    void anEmptyPasswordIsNotSent() {
        vm.queue().refresh();
        vm.open(item("KNT-0003"));
        vm.reviewProperty().get().approve(new char[0]);
        assertTrue(vm.reviewProperty().get().approveErrorProperty().get().startsWith("Enter your password"));
        assertFalse(server.calls.contains("approve an assessment"));
    }

    @Test
    void ownAssessmentCannotBeApprovedHereAndTheServerRefusesItToo() {
        vm.queue().refresh();
        assertTrue(vm.queue().items().stream().noneMatch(i -> i.incidentReference().equals("KNT-0002")), "not in one's own queue");
        // Reached anyway (e.g. a row from another supervisor's queue), the view model still refuses.
        QueueItem own = server.queueItem(middle.assessmentId());
        vm.open(own);
        ReviewViewModel r = vm.reviewProperty().get();
        assertTrue(r.isOwnAssessment());
        assertFalse(r.canApprove());
        char[] pw = "correct horse".toCharArray();
        r.approve(pw);
        assertArrayEquals(new char[pw.length], pw);
        assertTrue(r.approveErrorProperty().get().contains("cannot sign off your own"), r.approveErrorProperty().get());
        assertFalse(server.calls.contains("approve an assessment"), "not even sent");
        // A view model that did not know (e.g. a collar typed differently) still meets the server's 409.
        SignOffViewModel unaware = new SignOffViewModel(server, "someone-else", new CurrentThreadTaskExecutor(), ReviewFixtures.PACKS);
        unaware.open(own);
        unaware.reviewProperty().get().approve("correct horse".toCharArray());
        assertEquals("The approval was refused: You cannot sign off your own assessment. Go back to the queue and refresh it to see "
                + "where the assessment stands now.", unaware.reviewProperty().get().approveErrorProperty().get());
    }

    @Test
    void aStaleRevisionIsRefusedWithWhatToDo() {
        vm.queue().refresh();
        vm.open(item("KNT-0003"));
        server.resubmit(young.assessmentId());
        vm.reviewProperty().get().approve("correct horse".toCharArray());
        String e = vm.reviewProperty().get().approveErrorProperty().get();
        assertTrue(e.contains("A newer revision (2) was submitted") && e.contains("refresh"), e);
    }

    @Test
    void returnNeedsAtLeastOneCommentAndCarriesThemByQuestion() {
        vm.queue().refresh();
        vm.open(item("KNT-0003"));
        ReviewViewModel r = vm.reviewProperty().get();
        r.returnToOfficer();
        assertEquals("Add at least one comment so the officer knows what to change.", r.returnErrorProperty().get());
        assertFalse(server.calls.contains("return an assessment"));
        QuestionRef q5 = r.questions().stream().filter(q -> "Q5".equals(q.questionId())).findFirst().orElseThrow();
        assertEquals(QuestionRef.OVERALL, r.questions().get(0));
        r.returnQuestionProperty().set(q5);
        r.returnCommentProperty().set("   ");
        r.addComment();
        assertTrue(r.returnErrorProperty().get().startsWith("Write the comment first"));
        assertTrue(r.comments().isEmpty());
        r.returnCommentProperty().set("Who was the source? The victim says a neighbour.");
        r.addComment();
        r.returnQuestionProperty().set(QuestionRef.OVERALL);
        r.returnCommentProperty().set("Please check the dates.");
        r.addComment();
        assertEquals("Q5: Who was the source? The victim says a neighbour.", r.describe(r.comments().get(0)));
        r.returnToOfficer();
        assertNull(vm.reviewProperty().get());
        assertEquals("Returned KNT-0003 to 4471 with 2 comments.", vm.queue().messageProperty().get());
        var notes = server.latest(young.assessmentId()).orElseThrow();
        assertEquals("Q5", notes.comments().get(0).questionId());
        assertNull(notes.comments().get(1).questionId());
        assertEquals(AssessmentState.RETURNED, server.state(young.assessmentId()));
    }

    @Test
    void raiseOffersOnlyHigherLevelsAndNeedsAReason() {
        vm.queue().refresh();
        vm.open(item("KNT-0001"));
        ReviewViewModel r = vm.reviewProperty().get();
        assertEquals(List.of(RiskLevel.MEDIUM, RiskLevel.HIGH), List.copyOf(r.raiseOptions()));
        r.raise();
        assertEquals("Choose the level to raise the grading to.", r.raiseErrorProperty().get());
        r.raiseLevelProperty().set(RiskLevel.STANDARD);
        r.raiseRationaleProperty().set("reason");
        r.raise();
        assertEquals("The grading can only be raised: choose a level above Standard.", r.raiseErrorProperty().get());
        r.raiseLevelProperty().set(RiskLevel.MEDIUM);
        r.raiseRationaleProperty().set("  ");
        r.raise();
        assertTrue(r.raiseErrorProperty().get().startsWith("Write the reasons"));
        assertFalse(server.calls.contains("raise a grading"));
        r.raiseRationaleProperty().set("Victim's perception of risk is high; abuser released tomorrow.");
        r.raise();
        assertEquals(RiskLevel.MEDIUM, server.level(oldest.assessmentId()));
        assertEquals("Raised KNT-0001 to medium risk. It is routed on as a referral.", vm.queue().messageProperty().get());
    }

    @Test
    void anOfficerIsRefusedTheQueueInWords() {
        FakeReviewGateway asOfficer = new FakeReviewGateway("4471", Role.RESPONSE_OFFICER, "x", CLOCK);
        SignOffViewModel o = new SignOffViewModel(asOfficer, "4471", new CurrentThreadTaskExecutor(), ReviewFixtures.PACKS);
        o.queue().refresh();
        assertEquals("Reading the queue was refused: A response officer may not read the sign-off queue. Your account's role does "
                + "not allow this. If it should, ask an administrator to check your role.", o.queue().errorProperty().get());
    }

    @Test
    void anUnreachableServerSaysWhatToDoAndNothingChanges() {
        vm.queue().refresh();
        vm.open(item("KNT-0003"));
        server.unreachable = true;
        vm.reviewProperty().get().approve("correct horse".toCharArray());
        assertEquals("The approval did not reach the central server: Connection refused. Check the network (or VPN) connection "
                + "and try again; nothing was changed.", vm.reviewProperty().get().approveErrorProperty().get());
        vm.back();
        assertTrue(vm.queue().errorProperty().get().startsWith("Reading the queue did not reach the central server"));
        assertEquals(2, vm.queue().items().size(), "the last list read stays on screen (the supervisor's own case is never listed)");
    }

    @Test
    void theReturnFormsQuestionsNameTheAbuserAsTheRecordDoesNeverAPlaceholder() {
        vm.queue().refresh();
        vm.open(item("KNT-0001"));
        ReviewViewModel r = vm.reviewProperty().get();
        String q11 = r.questions().stream().filter(q -> "Q11".equals(q.questionId())).findFirst().orElseThrow().label();
        assertTrue(q11.startsWith("Q11 — Has Alex Sample ever hurt"), q11);
        assertTrue(r.questions().stream().noneMatch(q -> q.label().contains("(...") || q.label().contains("(…")),
                "no \"(.....)\" in any question offered");
    }
}
