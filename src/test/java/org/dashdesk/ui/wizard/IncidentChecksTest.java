package org.dashdesk.ui.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

import org.dashdesk.assessment.Assessment;
import org.dashdesk.assessment.AssessmentService;
import org.dashdesk.assessment.Channel;
import org.dashdesk.assessment.Officer;
import org.dashdesk.grading.GradingEngine;
import org.dashdesk.grading.GradingPolicy;
import org.dashdesk.instrument.PackRegistry;
import org.dashdesk.ui.common.Controls;
import org.dashdesk.ui.common.CurrentThreadTaskExecutor;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, item 2 (the part done): dates are parsed strictly and checked against today and each
 * other, and over-long names stop submission. On the old code a future-dated sheet with a pasted
 * 5,000-character name could be submitted and "31/02/2026" became 28/02/2026. Synthetic data.
 */
class IncidentChecksTest {

    private static final Officer USER = new Officer("4471", "PC Test Example");
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T02:14:05Z"), ZoneOffset.UTC);
    private final PackRegistry packs = PackRegistry.builtIn();

    private WizardViewModel open() {
        InMemoryRepository repo = new InMemoryRepository();
        AssessmentService service = new AssessmentService(repo, new GradingEngine(packs, GradingPolicy.builtInDefault()),
                packs.require("dash-2009"), clock);
        Assessment a = service.startDraft(Channel.AT_SCENE, USER, null, USER.collarNumber());
        return new WizardViewModel(service, packs, new CurrentThreadTaskExecutor(), a, USER, USER.collarNumber(), clock);
    }

    private static boolean blockedBy(WizardViewModel vm, String start) {
        return vm.reviewItems().stream().anyMatch(i -> i.blocking() && i.message().startsWith(start));
    }

    @Test
    void datesAreParsedStrictlyNeverMoved() {
        assertEquals(Optional.empty(), Controls.parseUkDate("31/02/2026"), "31 February is refused, not moved to the 28th");
        assertEquals(Optional.of(LocalDate.of(2026, 2, 28)), Controls.parseUkDate("28/02/2026"));
        assertEquals(Optional.of(LocalDate.of(2024, 2, 29)), Controls.parseUkDate("29/02/2024"));
        assertTrue(Controls.notADate("31/02/2026").contains("not a date"));
    }

    @Test
    void aFutureIncidentOrAMaracDateAfterItStopsSubmission() {
        WizardViewModel vm = open();
        IncidentDetailsViewModel d = vm.details();
        assertFalse(blockedBy(vm, "Incident date") || blockedBy(vm, "Date of last MARAC"), "no date problem to begin with");

        d.incidentDateProperty().set(LocalDate.of(2027, 12, 25));
        vm.commitPending();
        assertTrue(blockedBy(vm, "Incident date 25/12/2027 is in the future"), vm.reviewItems().toString());
        boolean before = vm.canSubmitProperty().get();
        assertFalse(before, "a future incident stops submission");

        d.incidentDateProperty().set(LocalDate.of(2026, 11, 22));
        d.lastMaracReferralProperty().set(LocalDate.of(2026, 11, 23));
        assertTrue(blockedBy(vm, "Date of last MARAC referral 23/11/2026 is after the incident"), vm.reviewItems().toString());
        d.lastMaracReferralProperty().set(LocalDate.of(2026, 12, 1));
        assertTrue(blockedBy(vm, "Date of last MARAC referral 01/12/2026 is in the future"));
        d.lastMaracReferralProperty().set(LocalDate.of(2026, 6, 1));
        assertFalse(vm.reviewItems().stream().anyMatch(i -> i.message().startsWith("Date of last MARAC referral")));

        d.maracDateTypingProperty().set(Controls.notADate("31/02/2026"));
        assertTrue(blockedBy(vm, "Date of last MARAC referral: \u201c31/02/2026\u201d is not a date"));
        assertEquals(LocalDate.of(2026, 6, 1), d.lastMaracReferralProperty().get(), "the saved date is kept, never moved");
        d.maracDateTypingProperty().set(null);
        assertFalse(blockedBy(vm, "Incident date") || blockedBy(vm, "Date of last MARAC"));
    }

    @Test
    void anIncidentMoreThanAWeekAgoIsPointedOutNotRefused() {
        WizardViewModel vm = open();
        vm.details().incidentDateProperty().set(LocalDate.of(2026, 11, 10));
        assertTrue(vm.reviewItems().stream().anyMatch(i -> !i.blocking() && i.message().contains("more than 7 days ago")),
                vm.reviewItems().toString());
        assertFalse(blockedBy(vm, "Incident date"));
    }

    @Test
    void aPastedPageAsANameIsRefused() {
        WizardViewModel vm = open();
        vm.details().victimNameProperty().set("x".repeat(5000));
        assertTrue(blockedBy(vm, "Victim's name: 5000 characters, at most 200"));
        vm.details().victimNameProperty().set("Sam Sample");
        vm.details().abuserNamesProperty().set("Alex Sample; " + "y".repeat(201));
        assertTrue(blockedBy(vm, "Abuser's name: at most 200"));
        vm.details().abuserNamesProperty().set("Alex Sample");
        vm.commitPending();
        assertFalse(blockedBy(vm, "Victim's name") || blockedBy(vm, "Abuser's name"), vm.reviewItems().toString());
    }

    @Test
    void aTooLongCommentOrRationaleStopsSubmissionAndSaysWhere() {
        WizardViewModel vm = open();
        QuestionViewModel q4 = vm.question("Q4").orElseThrow();
        q4.commentProperty().set("c".repeat(4001));
        vm.commitPending();
        ReviewItem item = vm.reviewItems().stream().filter(i -> i.message().startsWith("Q4 comment")).findFirst().orElseThrow(
                () -> new AssertionError(vm.reviewItems().toString()));
        assertEquals("Q4 comment: 4,001 characters, at most 4,000.", item.message());
        assertTrue(item.blocking());
        assertEquals("Q4", item.questionId(), "the link goes to the question");
        q4.commentProperty().set("c".repeat(4000));
        vm.commitPending();
        assertFalse(blockedBy(vm, "Q4 comment"), "4,000 characters fit");
    }

    @Test
    void aPhoneInsAttendingCollarMustHaveTheForcesFormat() {
        InMemoryRepository repo = new InMemoryRepository();
        AssessmentService service = new AssessmentService(repo, new GradingEngine(packs, GradingPolicy.builtInDefault()),
                packs.require("dash-2009"), clock);
        service.useForceRules(org.dashdesk.assessment.TextLimits.DEFAULT, new org.dashdesk.assessment.CollarNumbers("[0-9]{4}"));
        Assessment a = service.startDraft(Channel.PHONE_IN, USER, null, USER.collarNumber());
        WizardViewModel vm = new WizardViewModel(service, packs, new CurrentThreadTaskExecutor(), a, USER, USER.collarNumber(), clock);
        vm.details().attendingOfficerCollarProperty().set("PC 12");
        vm.commitPending();
        assertEquals("Attending officer's collar number: \u201cPC 12\u201d is not a collar number in this force's format.",
                vm.details().lengthErrorProperty().get());
        assertTrue(blockedBy(vm, "Attending officer's collar number"), vm.reviewItems().toString());
        vm.details().attendingOfficerCollarProperty().set("4472");
        vm.commitPending();
        assertFalse(blockedBy(vm, "Attending officer's collar number"), vm.reviewItems().toString());
    }
}
