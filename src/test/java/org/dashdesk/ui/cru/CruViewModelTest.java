package org.dashdesk.ui.cru;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.dashdesk.assessment.Revision;
import org.dashdesk.review.ActionState;
import org.dashdesk.review.MaracState;
import org.dashdesk.review.QueueItem;
import org.dashdesk.review.SafetyAction;
import org.dashdesk.ui.common.CurrentThreadTaskExecutor;
import org.dashdesk.ui.common.UserProfile.Role;
import org.dashdesk.ui.review.FakeReviewGateway;
import org.dashdesk.ui.review.ReviewFixtures;
import org.dashdesk.ui.review.ReviewViewModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The CRU screen's view models without a window. */
class CruViewModelTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    private FakeReviewGateway server;
    private CruViewModel vm;
    private Revision high;

    @BeforeEach
    void setUp() {
        server = new FakeReviewGateway("3003", Role.CRU, "pw", CLOCK);
        high = ReviewFixtures.revision("KNT-0100", "Medway", "4471", 16, true);
        server.add(high, 10, false);
        server.add(ReviewFixtures.revision("KNT-0101", "Dover", "4472", 11, false), 40, true);
        server.add(ReviewFixtures.revision("KNT-0102", "Dover", "4473", 3, true), 20, false);
        server.add(ReviewFixtures.revision("KNT-0103", "Dover", "4474", 3, false), 60, false);
        vm = new CruViewModel(server, "3003", new CurrentThreadTaskExecutor(), ReviewFixtures.PACKS, CLOCK);
    }

    private QueueItem item(String ref) {
        return vm.queue().items().stream().filter(i -> i.incidentReference().equals(ref)).findFirst().orElseThrow();
    }

    @Test
    void queueHoldsMediumHighAndStandardWithChildrenOldestFirst() {
        vm.refresh();
        assertEquals(List.of("KNT-0101", "KNT-0102", "KNT-0100"), vm.queue().items().stream().map(QueueItem::incidentReference).toList());
        assertEquals("No safety-plan actions are overdue.", vm.overdueActionsProperty().get());
    }

    @Test
    void addingAnActionChecksEveryFieldThenAppears() {
        vm.refresh();
        vm.open(item("KNT-0100"));
        SafetyPlanViewModel p = vm.planProperty().get();
        p.add();
        assertEquals("Describe the action: what is to be done.", p.addErrorProperty().get());
        p.descriptionProperty().set("Fit a panic alarm");
        p.add();
        assertTrue(p.addErrorProperty().get().startsWith("Give the owner's collar number"));
        p.ownerProperty().set("5120");
        p.add();
        assertEquals("Give a due date (dd/mm/yyyy).", p.addErrorProperty().get());
        p.dueProperty().set(LocalDate.of(2026, 11, 1));
        p.add();
        assertEquals("The due date 01/11/2026 is in the past.", p.addErrorProperty().get());
        assertFalse(server.calls.contains("add safety-plan actions"));
        p.dueProperty().set(LocalDate.of(2026, 11, 30));
        p.add();
        assertNull(p.addErrorProperty().get());
        assertEquals(1, p.actions().size());
        assertEquals("Fit a panic alarm", p.actions().get(0).description());
        assertEquals("Open", SafetyPlanViewModel.stateText(p.actions().get(0)));
        assertEquals("", p.descriptionProperty().get(), "the form is cleared for the next one");
    }

    @Test
    void closingAnActionNeedsANoteAndAClosedOneCannotChangeAgain() {
        SafetyAction seeded = server.seedAction(high.assessmentId(), "Refer to IDVA", "5120", LocalDate.of(2026, 11, 25));
        vm.refresh();
        vm.open(item("KNT-0100"));
        SafetyPlanViewModel p = vm.planProperty().get();
        p.markDone();
        assertEquals("Choose an action in the list first.", p.updateErrorProperty().get());
        p.selectedProperty().set(p.actions().get(0));
        p.markDone();
        assertEquals("Write a note saying what was done.", p.updateErrorProperty().get());
        p.cancel();
        assertEquals("Write a note saying why the action is cancelled.", p.updateErrorProperty().get());
        p.noteProperty().set("IDVA referral sent 23/11");
        p.markDone();
        assertEquals(ActionState.DONE, p.actions().get(0).state());
        assertEquals("IDVA referral sent 23/11", p.actions().get(0).note());
        assertEquals("3003", p.actions().get(0).updatedBy());
        assertEquals(seeded.actionId(), p.selectedProperty().get().actionId());
        p.noteProperty().set("again");
        p.cancel();
        assertEquals("This action is already done.", p.updateErrorProperty().get());
    }

    @Test
    void overdueActionsComeFirstAndAreCountedOnTheQueue() {
        server.seedAction(high.assessmentId(), "Later", "5120", LocalDate.of(2026, 12, 20));
        server.seedAction(high.assessmentId(), "Late", "5121", LocalDate.of(2026, 11, 20));
        vm.refresh();
        assertEquals("1 safety-plan action is OVERDUE across your cases.", vm.overdueActionsProperty().get());
        vm.open(item("KNT-0100"));
        SafetyPlanViewModel p = vm.planProperty().get();
        assertEquals("Late", p.actions().get(0).description());
        assertEquals("OVERDUE", SafetyPlanViewModel.stateText(p.actions().get(0)));
    }

    @Test
    void maracStateIsForHighRiskCasesOnly() {
        vm.refresh();
        vm.open(item("KNT-0101"));
        assertFalse(vm.planProperty().get().maracApplies());
        vm.back();
        vm.open(item("KNT-0100"));
        SafetyPlanViewModel p = vm.planProperty().get();
        assertTrue(p.maracApplies());
        assertEquals(MaracState.NOT_REFERRED, p.maracProperty().get());
        p.maracChoiceProperty().set(MaracState.REFERRED);
        p.maracNoteProperty().set("Referred to Medway MARAC");
        p.saveMarac();
        assertEquals(MaracState.REFERRED, p.maracProperty().get());
        assertEquals(MaracState.REFERRED, server.maracState(high.assessmentId()));
    }

    @Test
    void markReviewedNeedsANoteThenLeavesTheQueueWithAConfirmation() {
        vm.refresh();
        vm.open(item("KNT-0100"));
        ReviewViewModel r = vm.reviewProperty().get();
        assertTrue(r.canMarkReviewed());
        r.markReviewed();
        assertTrue(r.reviewErrorProperty().get().startsWith("Write a note first"), r.reviewErrorProperty().get());
        r.reviewNoteProperty().set("   \n ");
        r.markReviewed();
        assertTrue(r.reviewErrorProperty().get().startsWith("Write a note first"), "blank is no note");
        assertFalse(server.calls.contains("mark an assessment reviewed"), "nothing sent without a note");
        assertFalse(server.isReviewed(high.assessmentId()));
        assertTrue(vm.reviewProperty().get() == r, "still on the review");

        r.reviewNoteProperty().set("Alarm requested; MARAC referral made");
        r.markReviewed();
        assertTrue(server.isReviewed(high.assessmentId()));
        assertNull(vm.reviewProperty().get(), "back to the queue");
        assertNull(vm.planProperty().get());
        assertTrue(vm.queue().messageProperty().get().startsWith("Marked KNT-0100 (revision 1) reviewed."),
                vm.queue().messageProperty().get());
        assertEquals(List.of("KNT-0101", "KNT-0102"), vm.queue().items().stream().map(QueueItem::incidentReference).toList());

        server.resubmit(high.assessmentId());
        vm.refresh();
        assertEquals(2, item("KNT-0100").revisionNumber(), "a new revision puts it back");
    }

    @Test
    void staleOrAlreadyReviewedIs409AndARoleRefusalIs403InWords() {
        vm.refresh();
        vm.open(item("KNT-0101"));
        ReviewViewModel stale = vm.reviewProperty().get();
        server.resubmit(stale.item().assessmentId());
        stale.reviewNoteProperty().set("Reviewed");
        stale.markReviewed();
        String e = stale.reviewErrorProperty().get();
        assertTrue(e.startsWith("Marking the assessment reviewed was refused: A newer revision (2)") && e.contains("refresh it"), e);
        assertTrue(vm.reviewProperty().get() == stale, "the review stays open to read the reason");

        vm.back();
        QueueItem first = item("KNT-0102");
        vm.open(first);
        vm.reviewProperty().get().reviewNoteProperty().set("Reviewed");
        vm.reviewProperty().get().markReviewed();
        vm.open(first);
        ReviewViewModel again = vm.reviewProperty().get();
        again.reviewNoteProperty().set("Reviewed again");
        again.markReviewed();
        assertTrue(again.reviewErrorProperty().get().contains("already been reviewed"), again.reviewErrorProperty().get());

        FakeReviewGateway asSupervisor = new FakeReviewGateway("2001", Role.SUPERVISOR, "pw", CLOCK);
        asSupervisor.add(high, 10, false);
        CruViewModel wrongRole = new CruViewModel(asSupervisor, "2001", new CurrentThreadTaskExecutor(), ReviewFixtures.PACKS, CLOCK);
        wrongRole.open(asSupervisor.queueItem(high.assessmentId()));
        ReviewViewModel r = wrongRole.reviewProperty().get();
        r.reviewNoteProperty().set("Reviewed");
        r.markReviewed();
        assertEquals("Marking the assessment reviewed was refused: A supervisor may not mark an assessment reviewed. Your account's role"
                + " does not allow this. If it should, ask an administrator to check your role.", r.reviewErrorProperty().get());
        assertFalse(asSupervisor.isReviewed(high.assessmentId()));
    }

    @Test
    void signOffModeNeverOffersMarkReviewed() {
        FakeReviewGateway asSupervisor = new FakeReviewGateway("2001", Role.SUPERVISOR, "pw", CLOCK);
        asSupervisor.add(high, 10, false);
        ReviewViewModel r = new ReviewViewModel(asSupervisor, new CurrentThreadTaskExecutor(), ReviewFixtures.PACKS,
                asSupervisor.queueItem(high.assessmentId()), "2001", ReviewViewModel.Mode.SIGN_OFF, s -> { });
        assertFalse(r.canMarkReviewed());
        r.reviewNoteProperty().set("Reviewed");
        r.markReviewed();
        assertEquals("Only CRU can mark an assessment reviewed.", r.reviewErrorProperty().get());
        assertFalse(asSupervisor.calls.contains("mark an assessment reviewed"));
    }

    @Test
    void cruOffersNoApprovalAndASupervisorCannotChangeActions() {
        vm.refresh();
        vm.open(item("KNT-0100"));
        assertFalse(vm.reviewProperty().get().canApprove());
        FakeReviewGateway asSupervisor = new FakeReviewGateway("2001", Role.SUPERVISOR, "pw", CLOCK);
        asSupervisor.add(high, 10, false);
        SafetyPlanViewModel p = new SafetyPlanViewModel(asSupervisor, new CurrentThreadTaskExecutor(), item("KNT-0100"), CLOCK);
        p.descriptionProperty().set("x");
        p.ownerProperty().set("1");
        p.dueProperty().set(LocalDate.of(2026, 12, 1));
        p.add();
        assertEquals("Adding the action was refused: A supervisor may not add safety-plan actions. Your account's role does not allow "
                + "this. If it should, ask an administrator to check your role.", p.addErrorProperty().get());
    }
}
