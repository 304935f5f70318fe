package org.dashdesk.server;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

import org.dashdesk.assessment.Answer;
import org.dashdesk.assessment.AssessmentContent;
import org.dashdesk.assessment.Channel;
import org.dashdesk.assessment.Incident;
import org.dashdesk.assessment.Officer;
import org.dashdesk.assessment.People;
import org.dashdesk.assessment.Revision;
import org.dashdesk.grading.Choice;
import org.dashdesk.grading.GradingEngine;
import org.dashdesk.grading.GradingPolicy;
import org.dashdesk.instrument.PackRegistry;

/** Synthetic revisions, graded by the real engine, for server and sync tests. */
public final class TestRevisions {

    public static final PackRegistry PACKS = PackRegistry.builtIn();
    public static final GradingEngine ENGINE = new GradingEngine(PACKS, GradingPolicy.builtInDefault());

    private TestRevisions() {
    }

    /** Content with {@code yes} checklist questions answered Yes (14+ grades high). */
    public static AssessmentContent content(int yes) {
        String version = PACKS.require("dash-2009").version();
        AssessmentContent c = AssessmentContent.start("dash-2009", version, Channel.AT_SCENE, new Officer("1234", "PC Synthetic"), null)
                .withPeople(new People("Victim Synthetic", List.of("Abuser Synthetic"), List.of(), false))
                .withIncident(new Incident(LocalDateTime.of(2026, 11, 20, 2, 10), "Home", "Maidstone", "INC-" + yes, 0,
                        (LocalDate) null));
        for (int i = 1; i <= yes; i++) {
            c = c.withAnswer(Answer.choice("Q" + i, Choice.YES));
        }
        return c;
    }

    public static Revision first(UUID assessmentId, int yes) {
        AssessmentContent c = content(yes);
        return Revision.freeze(assessmentId, UUID.randomUUID(), null, 1, null, Instant.parse("2026-11-20T03:00:00Z"), "1234", c,
                ENGINE.grade(c.gradingInput()));
    }

    public static Revision next(Revision base, int yes) {
        AssessmentContent c = content(yes);
        return Revision.freeze(base.assessmentId(), UUID.randomUUID(), base.revisionId(), base.revisionNumber() + 1, "amended",
                base.createdAt().plusSeconds(60), "1234", c, ENGINE.grade(c.gradingInput()));
    }

    /** Synthetic person details with only these keys (any may be null). */
    public static org.dashdesk.assessment.PersonDetails born(LocalDate dob, String postcode, String forceId) {
        return new org.dashdesk.assessment.PersonDetails(List.of(), dob, null, null, null, postcode, null, null, forceId);
    }

    /** Revision 1 of a new assessment about this victim, taken at {@code taken}, with {@code yes} Yes answers. */
    public static Revision aboutVictim(String name, org.dashdesk.assessment.PersonDetails details, Instant taken, int yes) {
        AssessmentContent c = content(yes).withPeople(new People(name, List.of("Abuser Synthetic"), List.of(), false)
                .withVictimDetails(details));
        return Revision.freeze(UUID.randomUUID(), UUID.randomUUID(), null, 1, null, taken, "1234", c, ENGINE.grade(c.gradingInput()));
    }

    /** An earlier High assessment about this victim, with a MARAC referral made at the scene on {@code day} (issue 12). */
    public static Revision highWithMaracReferral(String name, LocalDate dob, LocalDate day) {
        AssessmentContent c = content(14)
                .withPeople(new People(name, List.of("Abuser Synthetic"), List.of(), false).withVictimDetails(born(dob, null, null)))
                .withIncident(new Incident(day.atTime(1, 30), "Home", "Maidstone", "INC-EARLIER", 0, null))
                .withReferral(new org.dashdesk.assessment.ReferralDecision(org.dashdesk.assessment.Referral.MARAC, true, null));
        return Revision.freeze(UUID.randomUUID(), UUID.randomUUID(), null, 1, null, day.atTime(3, 0).toInstant(java.time.ZoneOffset.UTC),
                "1234", c, ENGINE.grade(c.gradingInput()));
    }

    /** Uploads a revision to a running server with this bearer token; the reply as it came. */
    public static java.net.http.HttpResponse<String> upload(java.net.http.HttpClient http, ReferenceServer server, String token, Revision r)
            throws java.io.IOException, InterruptedException {
        return http.send(java.net.http.HttpRequest.newBuilder(server.uri().resolve(org.dashdesk.protocol.Protocol.revisionPath(
                r.assessmentId(), r.revisionId()))).header("Authorization", "Bearer " + token)
                .header("Content-Type", org.dashdesk.protocol.Protocol.JSON)
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(org.dashdesk.assessment.AssessmentJson.canonical(
                        new org.dashdesk.protocol.RevisionUpload(1, "device-T", System.nanoTime(), r))))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }
}
