package org.dashdesk.ui.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.dashdesk.assessment.Assessment;
import org.dashdesk.assessment.AssessmentService;
import org.dashdesk.assessment.Channel;
import org.dashdesk.assessment.HistoryCheck;
import org.dashdesk.assessment.Officer;
import org.dashdesk.assessment.Revision;
import org.dashdesk.grading.GradingEngine;
import org.dashdesk.grading.GradingPolicy;
import org.dashdesk.grading.RiskLevel;
import org.dashdesk.instrument.PackRegistry;
import org.dashdesk.server.ReferenceServer;
import org.dashdesk.server.ServerConfig;
import org.dashdesk.server.ServerPolicy;
import org.dashdesk.server.TestDatabases;
import org.dashdesk.server.TestRevisions;
import org.dashdesk.sync.HttpReviewGateway;
import org.dashdesk.sync.SyncClient;
import org.dashdesk.ui.common.CurrentThreadTaskExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12's done-when, online half, on a real server (H2, then PostgreSQL): the central server
 * holds a High assessment with a MARAC referral 8 months ago for Jane Doe; a new assessment for
 * her at the scene, with no answers yet, grades High (repeat MARAC) once her name and date of
 * birth are in, the call-outs and MARAC date are filled with their source, the assessment records
 * that the history was checked, and a lower figure asks for a reason. Synthetic data.
 */
class HistoryAtTheSceneOnServerTest {

    private static final Officer USER = new Officer("1234", "PC Synthetic");

    @TempDir
    Path dir;
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T02:14:05Z"), ZoneOffset.UTC);
    private final PackRegistry packs = PackRegistry.builtIn();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void aMaracReferralEightMonthsAgoGradesHighAtTheSceneOnH2AndPostgres() throws Exception {
        for (ServerConfig config : List.of(ServerConfig.devHttp(dir.resolve("h2")), TestDatabases.onUrl(TestDatabases.freshPostgresUrl()))) {
            try (ReferenceServer server = ReferenceServer.start(config, ServerPolicy.defaults().withIterations(10_000), Clock.systemUTC())) {
                run(server);
            }
        }
    }

    private void run(ReferenceServer server) throws Exception {
        String token = server.issueToken("1234", "officer", "North");
        Revision earlier = TestRevisions.highWithMaracReferral("Jane Doe", LocalDate.of(1990, 1, 1), LocalDate.of(2026, 3, 22));
        HttpResponse<String> put = TestRevisions.upload(http, server, token, earlier);
        assertEquals(201, put.statusCode(), put.body());

        AssessmentService service = new AssessmentService(new InMemoryRepository(), new GradingEngine(packs, GradingPolicy.builtInDefault()),
                packs.require("dash-2009"), clock);
        Assessment a = service.startDraft(Channel.AT_SCENE, USER, null, USER.collarNumber());
        WizardViewModel wizard = new WizardViewModel(service, packs, new CurrentThreadTaskExecutor(), a, USER, USER.collarNumber(), clock);
        IncidentDetailsViewModel d = wizard.details();
        HttpReviewGateway gateway = new HttpReviewGateway(SyncClient.Settings.devHttp(server.uri(), token)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5)));
        d.history().use(gateway::history);
        d.incidentReferenceProperty().set("INC-NEW");
        d.incidentDateProperty().set(LocalDate.of(2026, 11, 22));
        d.incidentTimeProperty().set("23:40");
        wizard.commitPending();
        assertEquals(RiskLevel.STANDARD, wizard.gradingProperty().get().level());
        assertEquals(HistoryCheck.Outcome.NOT_CHECKED_TOO_LITTLE, wizard.content().incident().history().outcome());

        d.victimNameProperty().set("Jane Doe");
        d.victimDetails().dateOfBirthProperty().set(LocalDate.of(1990, 1, 1));
        d.history().checkNow();
        wizard.commitPending();
        assertEquals(RiskLevel.HIGH, wizard.gradingProperty().get().level(), "repeat MARAC from the history: " + wizard.gradingProperty().get());
        assertTrue(wizard.gradingProperty().get().criteria().contains("REPEAT_MARAC"));
        assertEquals(LocalDate.of(2026, 3, 22), d.lastMaracReferralProperty().get());
        assertEquals("1", d.calloutsProperty().get(), "one earlier DASH in the 12 months before the incident");
        assertEquals("Source: central history, 1 record", d.history().maracSourceProperty().get());
        assertEquals("Source: central history, 1 record", d.history().calloutsSourceProperty().get());
        assertEquals("Earlier DASH for this victim: 1 — last 22/03/2026, High, MARAC referral 22/03/2026",
                d.history().victimStatusProperty().get());
        assertEquals("From the central history (1 record): repeat MARAC (referral 22/03/2026)",
                d.history().criteriaFromHistory(wizard.gradingProperty().get()), "the grading panel names what came from the history");
        HistoryCheck recorded = wizard.content().incident().history();
        assertEquals(HistoryCheck.Outcome.CHECKED, recorded.outcome());
        assertEquals(Integer.valueOf(1), recorded.records());
        assertEquals(LocalDate.of(2026, 3, 22), recorded.lastMarac());

        // Lowering below the history needs a reason, and submission is held back until it is given.
        d.calloutsProperty().set("0");
        wizard.commitPending();
        assertNotNull(d.history().lowerProblemProperty().get());
        assertTrue(d.history().belowHistoryProperty().get(), "the reason field is shown");
        assertEquals("The central history shows 1 in the 12 months before the incident: a lower figure needs a reason",
                d.history().calloutsSourceProperty().get());
        assertEquals("the call-outs or last MARAC referral are below what the central history shows; say why",
                service.formProblem(wizard.content()));
        d.history().lowerReasonProperty().set("the earlier call-out was to a different address");
        wizard.commitPending();
        assertNull(d.history().lowerProblemProperty().get());
        assertNull(service.formProblem(wizard.content()));
        assertEquals("the earlier call-out was to a different address", wizard.content().incident().history().lowerReason());
    }
}
