package org.dashdesk.assessment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.dashdesk.grading.Choice;
import org.dashdesk.grading.GradingEngine;
import org.dashdesk.grading.GradingPolicy;
import org.dashdesk.grading.ProfessionalJudgement;
import org.dashdesk.grading.RiskLevel;
import org.dashdesk.instrument.PackRegistry;
import org.junit.jupiter.api.Test;

class RevisionTest {

    static AssessmentContent sampleContent() {
        return AssessmentContent.start("dash-2009", "2009.1", Channel.PHONE_IN, new Officer("1234", "PC Test"),
                        new PhoneIn(new Officer("IMU9", "Imu Recorder"), "1234", "CALL-1", true))
                .withPeople(new People("Victim Example", List.of("Abuser Example"), List.of(new Dependant("Child A", "4", "son")), true))
                .withIncident(new Incident(LocalDateTime.of(2026, 11, 20, 2, 10), "Kitchen", "Maidstone", "INC-1", 1,
                        LocalDate.of(2026, 3, 1)))
                .withAnswer(Answer.choice("Q1", Choice.YES).withComment("bruise to arm"))
                .withAnswer(Answer.choice("Q3", Choice.YES).withFearGrid(Set.of("Kill|Self")))
                .withAnswer(Answer.choice("Q2", Choice.DONT_KNOW).withInformationSource("neighbour"))
                .withJudgement(new ProfessionalJudgement(RiskLevel.HIGH, "synthetic rationale"))
                .withReferral(new ReferralDecision(Referral.MARAC, true, null));
    }

    @Test
    void revisionSurvivesJsonRoundTripWithItsHash() {
        AssessmentContent content = sampleContent();
        GradingEngine engine = new GradingEngine(PackRegistry.builtIn(), GradingPolicy.builtInDefault());
        Revision r = Revision.freeze(UUID.randomUUID(), UUID.randomUUID(), null, 1, null, Instant.parse("2026-11-20T02:30:00Z"),
                "1234", content, engine.grade(content.gradingInput()));
        assertTrue(r.verify());
        String json = AssessmentJson.canonical(r);
        Revision back = AssessmentJson.read(json, Revision.class);
        assertEquals(r, back);
        assertTrue(back.verify());
        assertEquals(json, AssessmentJson.canonical(back));
    }

    @Test
    void anyChangeBreaksTheHash() {
        GradingEngine engine = new GradingEngine(PackRegistry.builtIn(), GradingPolicy.builtInDefault());
        AssessmentContent content = sampleContent();
        Revision r = Revision.freeze(UUID.randomUUID(), UUID.randomUUID(), null, 1, null, Instant.now(), "1234", content,
                engine.grade(content.gradingInput()));
        AssessmentContent changed = content.withAnswer(Answer.choice("Q5", Choice.YES));
        Revision tampered = new Revision(r.assessmentId(), r.revisionId(), null, 1, null, r.createdAt(), "1234", changed, r.grading(),
                r.contentHash());
        assertFalse(tampered.verify());
        Revision other = Revision.freeze(r.assessmentId(), r.revisionId(), null, 1, null, r.createdAt(), "1234", changed, r.grading());
        assertNotEquals(r.contentHash(), other.contentHash());
    }
}
