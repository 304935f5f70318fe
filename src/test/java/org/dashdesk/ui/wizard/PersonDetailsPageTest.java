package org.dashdesk.ui.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.dashdesk.assessment.Assessment;
import org.dashdesk.assessment.AssessmentService;
import org.dashdesk.assessment.Channel;
import org.dashdesk.assessment.Officer;
import org.dashdesk.assessment.PersonDetails;
import org.dashdesk.grading.GradingEngine;
import org.dashdesk.grading.GradingPolicy;
import org.dashdesk.instrument.PackRegistry;
import org.dashdesk.ui.common.CurrentThreadTaskExecutor;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: who the victim and the first abuser are, on the people page: saved with the draft,
 * read back when it is opened again, kept when names are edited, and held back from submitting
 * when the central server would refuse them. Synthetic data.
 */
class PersonDetailsPageTest {

    private static final Officer USER = new Officer("4471", "PC Test Example");
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T02:14:05Z"), ZoneOffset.UTC);
    private final PackRegistry packs = PackRegistry.builtIn();
    private final InMemoryRepository repo = new InMemoryRepository();
    private final AssessmentService service = new AssessmentService(repo, new GradingEngine(packs, GradingPolicy.builtInDefault()),
            packs.require("dash-2009"), clock);

    private WizardViewModel open(Assessment a) {
        return new WizardViewModel(service, packs, new CurrentThreadTaskExecutor(), a, USER, USER.collarNumber(), clock);
    }

    private static boolean blockedBy(WizardViewModel vm, String start) {
        return vm.reviewItems().stream().anyMatch(i -> i.blocking() && i.message().startsWith(start));
    }

    @Test
    void detailsAreSavedReadBackAndKeptWhenTheAbusersAreRenamed() {
        Assessment a = service.startDraft(Channel.AT_SCENE, USER, null, USER.collarNumber());
        WizardViewModel vm = open(a);
        IncidentDetailsViewModel d = vm.details();
        d.victimNameProperty().set("Siân Synthetic");
        d.abuserNamesProperty().set("Mark Roe; Other Synthetic");
        d.victimDetails().dateOfBirthProperty().set(LocalDate.of(1990, 1, 1));
        d.victimDetails().postcodeProperty().set("ME14 1XX");
        d.victimDetails().safeNumberProperty().set("07700 900000");
        d.victimDetails().forceIdProperty().set("PNC-1");
        d.abuserDetails().ageProperty().set("41");
        d.abuserDetails().forceIdProperty().set("PNC-9");
        vm.commitPending();

        var people = repo.find(a.id()).orElseThrow().content().people();
        assertEquals(new PersonDetails(java.util.List.of(), LocalDate.of(1990, 1, 1), null, null, null, "ME14 1XX", "07700 900000", null,
                "PNC-1"), people.victimDetails());
        assertEquals(41, people.abuserDetails().get("Mark Roe").approximateAge());
        assertEquals("PNC-9", people.abuserDetails().get("Mark Roe").forceId());
        assertFalse(people.abuserDetails().containsKey("Other Synthetic"), "the page edits the first abuser's details");

        WizardViewModel again = open(repo.find(a.id()).orElseThrow());
        assertEquals(LocalDate.of(1990, 1, 1), again.details().victimDetails().dateOfBirthProperty().get());
        assertEquals("ME14 1XX", again.details().victimDetails().postcodeProperty().get());
        assertEquals("41", again.details().abuserDetails().ageProperty().get());

        again.details().abuserNamesProperty().set("Mark A. Roe; Other Synthetic");
        again.commitPending();
        var renamed = repo.find(a.id()).orElseThrow().content().people();
        assertEquals("PNC-9", renamed.abuserDetails().get("Mark A. Roe").forceId(), "the details follow the first name as edited");
        assertFalse(renamed.abuserDetails().containsKey("Mark Roe"));
        assertEquals("PNC-1", renamed.victimDetails().forceId());
    }

    @Test
    void whatTheServerWouldRefuseStopsSubmissionAndSaysWhy() {
        Assessment a = service.startDraft(Channel.AT_SCENE, USER, null, USER.collarNumber());
        WizardViewModel vm = open(a);
        IncidentDetailsViewModel d = vm.details();
        d.victimDetails().dateOfBirthProperty().set(LocalDate.now().plusYears(1));
        vm.commitPending();
        assertTrue(blockedBy(vm, "Victim: the date of birth is in the future"), vm.reviewItems().toString());
        d.victimDetails().dateOfBirthProperty().set(null);
        d.victimDetails().postcodeProperty().set("not a postcode");
        vm.commitPending();
        assertTrue(blockedBy(vm, "Victim: not a UK postcode"), vm.reviewItems().toString());
        d.victimDetails().postcodeProperty().set("me14 1xx");
        d.abuserDetails().ageProperty().set("forty");
        vm.commitPending();
        assertTrue(blockedBy(vm, "Abuser's age: enter a whole number of years"), vm.reviewItems().toString());
        d.abuserDetails().ageProperty().set("40");
        vm.commitPending();
        assertFalse(vm.reviewItems().stream().anyMatch(i -> i.message().startsWith("Victim:") || i.message().startsWith("Abuser:")
                || i.message().startsWith("Abuser's age")),
                vm.reviewItems().toString());
        assertNull(AssessmentService.peopleProblem(repo.find(a.id()).orElseThrow().content().people(), LocalDate.now()));
    }
}
