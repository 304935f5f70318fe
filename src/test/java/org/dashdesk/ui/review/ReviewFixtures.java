package org.dashdesk.ui.review;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.dashdesk.assessment.Answer;
import org.dashdesk.assessment.AssessmentContent;
import org.dashdesk.assessment.Channel;
import org.dashdesk.assessment.Dependant;
import org.dashdesk.assessment.Incident;
import org.dashdesk.assessment.Officer;
import org.dashdesk.assessment.People;
import org.dashdesk.assessment.Referral;
import org.dashdesk.assessment.ReferralDecision;
import org.dashdesk.assessment.Revision;
import org.dashdesk.grading.Choice;
import org.dashdesk.grading.GradingEngine;
import org.dashdesk.grading.GradingPolicy;
import org.dashdesk.instrument.PackRegistry;

/** Synthetic revisions graded by the real engine. No real person's details anywhere. */
public final class ReviewFixtures {

    public static final PackRegistry PACKS = PackRegistry.builtIn();
    private static final GradingEngine ENGINE = new GradingEngine(PACKS, GradingPolicy.builtInDefault());

    private ReviewFixtures() {
    }

    /** A submitted revision with {@code yes} Yes answers among Q1…Q27 (the rest No), graded for real. */
    public static Revision revision(String reference, String district, String officerCollar, int yes, boolean children) {
        Map<String, Answer> answers = new TreeMap<>();
        for (int i = 1; i <= 27; i++) {
            Answer a = Answer.choice("Q" + i, i <= yes ? Choice.YES : Choice.NO);
            if (i == 1) {
                a = a.withComment("Bruising to left forearm, photographed");
            }
            if (i == 5) {
                a = a.withInformationSource("Neighbour (synthetic)");
            }
            answers.put(a.questionId(), a);
        }
        People people = new People("Sam Synthetic", List.of("Alex Sample"),
                children ? List.of(new Dependant("Child One", "6", "daughter")) : List.of(), children);
        Incident incident = new Incident(LocalDateTime.of(2026, 11, 20, 1, 50), "10 Example Road", district, reference, 2, null);
        AssessmentContent content = new AssessmentContent("dash-2009", "1", Channel.AT_SCENE, new Officer(officerCollar, "PC Example"),
                null, people, incident, answers, null, Map.of());
        var grading = ENGINE.grade(content.gradingInput());
        for (Referral r : Referral.values()) {
            content = content.withReferral(new ReferralDecision(r, r == Referral.IDVA, r == Referral.IDVA ? null : "Not indicated at this level"));
        }
        UUID id = UUID.nameUUIDFromBytes(reference.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return Revision.freeze(id, UUID.randomUUID(), null, 1, null, Instant.parse("2026-11-20T03:00:00Z"), officerCollar, content, grading);
    }
}
