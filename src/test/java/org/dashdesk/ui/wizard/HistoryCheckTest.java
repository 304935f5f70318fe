package org.dashdesk.ui.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.dashdesk.assessment.Assessment;
import org.dashdesk.assessment.AssessmentService;
import org.dashdesk.assessment.Channel;
import org.dashdesk.assessment.Officer;
import org.dashdesk.grading.GradingEngine;
import org.dashdesk.grading.GradingPolicy;
import org.dashdesk.instrument.PackRegistry;
import org.dashdesk.history.HistoryRequests;
import org.dashdesk.review.ReviewException;
import org.dashdesk.ui.common.CurrentThreadTaskExecutor;
import org.junit.jupiter.api.Test;

/**
 * Issue 12's history check on the people page, without a window: asked only when there is enough
 * to match on, with the reason and the person's details; the answer in one line; the last MARAC
 * referral date filled only when empty; offline and failures said plainly. Synthetic data.
 */
class HistoryCheckTest {

    private static final Officer USER = new Officer("4471", "PC Test Example");
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T02:14:05Z"), ZoneOffset.UTC);
    private final PackRegistry packs = PackRegistry.builtIn();
    private final AssessmentService service = new AssessmentService(new InMemoryRepository(), new GradingEngine(packs,
            GradingPolicy.builtInDefault()), packs.require("dash-2009"), clock);
    private final List<HistoryRequests.Search> asked = new ArrayList<>();

    private WizardViewModel wizard;

    private IncidentDetailsViewModel open() {
        Assessment a = service.startDraft(Channel.AT_SCENE, USER, null, USER.collarNumber());
        wizard = new WizardViewModel(service, packs, new CurrentThreadTaskExecutor(), a, USER, USER.collarNumber(), clock);
        return wizard.details();
    }

    @Test
    void aMaracReferralEightMonthsAgoInTheHistoryGradesTheNewIncidentHighAtTheScene() {
        IncidentDetailsViewModel d = open();
        d.incidentDateProperty().set(LocalDate.of(2026, 11, 22));
        d.incidentTimeProperty().set("23:40");
        wizard.commitPending();
        assertEquals(org.dashdesk.grading.RiskLevel.STANDARD, wizard.gradingProperty().get().level(), "no answers, no history: standard");
        d.history().use(s -> new HistoryRequests.Result(List.of(new HistoryRequests.Match(UUID.randomUUID(), LocalDate.of(2026, 3, 10),
                "HIGH", List.of(), true, LocalDate.of(2026, 3, 22), "victim", "Maidstone", "name_and_date_of_birth")), false));
        d.victimNameProperty().set("Jane Doe");
        d.victimDetails().dateOfBirthProperty().set(LocalDate.of(1990, 1, 1));
        d.history().checkNow();
        wizard.commitPending();
        assertEquals(LocalDate.of(2026, 3, 22), d.lastMaracReferralProperty().get());
        assertEquals(org.dashdesk.grading.RiskLevel.HIGH, wizard.gradingProperty().get().level(),
                "a new incident within 12 months of a MARAC referral: repeat MARAC, High: " + wizard.gradingProperty().get());
    }

    private HistoryRequests.Result threeEarlier(HistoryRequests.Search s) {
        asked.add(s);
        return new HistoryRequests.Result(List.of(
                new HistoryRequests.Match(UUID.randomUUID(), LocalDate.of(2026, 8, 14), "HIGH", List.of(), true, LocalDate.of(2026, 9, 2),
                        "victim", "Maidstone", "name_and_date_of_birth"),
                new HistoryRequests.Match(UUID.randomUUID(), LocalDate.of(2026, 3, 1), "MEDIUM", List.of(), false, null, "victim",
                        "Maidstone", "name_and_date_of_birth"),
                new HistoryRequests.Match(UUID.randomUUID(), LocalDate.of(2025, 12, 1), "STANDARD", List.of(), false, null, "victim",
                        "Medway", "name_and_date_of_birth")), false);
    }

    @Test
    void theVictimsHistoryIsAskedOnceThereIsEnoughAndSaidInOneLine() {
        IncidentDetailsViewModel d = open();
        d.history().use(this::threeEarlier);
        d.incidentReferenceProperty().set("INC-1");
        d.victimNameProperty().set("Jane");
        d.history().checkNow();
        assertTrue(asked.isEmpty(), "a first name alone is not searched");
        assertTrue(d.history().victimStatusProperty().get().startsWith("History: a full name with a date of birth"));

        d.victimNameProperty().set("Jane Doe");
        d.victimDetails().dateOfBirthProperty().set(LocalDate.of(1990, 1, 1));
        d.history().checkNow();
        assertEquals(1, asked.size());
        assertEquals(new HistoryRequests.Search("DASH at the scene, INC-1", "victim", new HistoryRequests.Person("Jane Doe",
                LocalDate.of(1990, 1, 1), null, null, null)), asked.get(0));
        assertEquals("Earlier DASH for this victim: 3 — last 14/08/2026, High, MARAC referral 02/09/2026",
                d.history().victimStatusProperty().get());
        assertEquals(LocalDate.of(2026, 9, 2), d.lastMaracReferralProperty().get(), "filled from the history: it was empty");

        d.history().checkNow();
        assertEquals(1, asked.size(), "the same person is not asked again");
    }

    @Test
    void aDateTheOfficerGaveIsNeverChangedAndOfflineIsSaid() {
        IncidentDetailsViewModel d = open();
        d.lastMaracReferralProperty().set(LocalDate.of(2026, 10, 1));
        d.victimNameProperty().set("Jane Doe");
        d.victimDetails().forceIdProperty().set("PNC-1");
        d.history().use(null);
        assertEquals("History not checked (offline)", d.history().victimStatusProperty().get());
        d.history().use(this::threeEarlier);
        assertEquals(LocalDate.of(2026, 10, 1), d.lastMaracReferralProperty().get());
    }

    @Test
    void anAbuserIsLookedUpAsEitherAndAFailureIsWorded() {
        IncidentDetailsViewModel d = open();
        d.history().use(s -> {
            throw new ReviewException(0, "connection refused");
        });
        d.abuserNamesProperty().set("Mark Roe; Other Synthetic");
        d.abuserDetails().forceIdProperty().set("PNC-9");
        d.history().checkNow();
        assertEquals("History not checked: the central server could not be reached", d.history().abuserStatusProperty().get());
        d.history().use(s -> {
            asked.add(s);
            return new HistoryRequests.Result(List.of(new HistoryRequests.Match(UUID.randomUUID(), LocalDate.of(2026, 5, 1), "HIGH",
                    List.of(), false, null, "abuser", "Dover", "force_id"), new HistoryRequests.Match(UUID.randomUUID(),
                    LocalDate.of(2026, 2, 1), "MEDIUM", List.of(), false, null, "victim", "Dover", "force_id")), false);
        });
        assertEquals("any", asked.get(0).role(), "as victim or abuser, with any partner");
        assertEquals("Mark Roe", asked.get(0).person().name());
        assertEquals("Earlier DASH for this abuser: 2 (as abuser 1, as victim 1) — last 01/05/2026, High",
                d.history().abuserStatusProperty().get());
    }

    @Test
    void theAssessmentRecordsWhetherTheHistoryWasCheckedForTheVictimAsSheIsNow() {
        IncidentDetailsViewModel d = open();
        d.incidentDateProperty().set(LocalDate.of(2026, 11, 22));
        d.victimNameProperty().set("Jane Doe");
        d.victimDetails().dateOfBirthProperty().set(LocalDate.of(1990, 1, 1));
        d.history().use(null);
        wizard.commitPending();
        assertEquals(org.dashdesk.assessment.HistoryCheck.Outcome.NOT_CHECKED_OFFLINE, wizard.content().incident().history().outcome(),
                "offline: recorded so the server checks after submission");

        d.history().use(this::threeEarlier);
        wizard.commitPending();
        org.dashdesk.assessment.HistoryCheck checked = wizard.content().incident().history();
        assertEquals(org.dashdesk.assessment.HistoryCheck.Outcome.CHECKED, checked.outcome());
        assertEquals(Integer.valueOf(3), checked.records());
        assertEquals(Integer.valueOf(3), checked.callouts(), "all three in the 12 months before 22/11/2026");
        assertEquals("3", d.calloutsProperty().get());

        d.victimNameProperty().set("Jane Doex");
        d.history().changed();
        wizard.commitPending();
        assertEquals(org.dashdesk.assessment.HistoryCheck.Outcome.NOT_CHECKED_PENDING, wizard.content().incident().history().outcome(),
                "the answer was about other details: not checked until the new one comes");
        d.victimNameProperty().set("Jane Doe");
        d.history().changed();
        wizard.commitPending();
        assertEquals(org.dashdesk.assessment.HistoryCheck.Outcome.CHECKED, wizard.content().incident().history().outcome(),
                "a slip undone: the answer for these details stands again");
        assertEquals(1, asked.size(), "and was not asked again");
    }
}
