package org.dashdesk.assessment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.dashdesk.grading.Choice;
import org.dashdesk.grading.GradingEngine;
import org.dashdesk.grading.GradingPolicy;
import org.dashdesk.grading.GradingResult;
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

    /**
     * A fixed synthetic revision, built out of order on purpose (answers, referrals and pack scores
     * are not given in canonical order), whose canonical body and hash are pinned. If this test
     * fails, stored revisions and server receipts no longer match: see protocol.md, "The content hash".
     */
    static Revision fixedRevision(boolean reversed) {
        List<Answer> answers = List.of(
                Answer.choice("Q10", Choice.YES).withComment("said \"later\"\n(…)"),
                Answer.choice("Q3", Choice.YES).withFearGrid(Set.of("Kill|Self", "Further injury and violence|Children")),
                Answer.choice("Q2", Choice.DONT_KNOW).withInformationSource("neighbour"),
                new Answer("O5", null, null, null, null, null, 2, null),
                new Answer("O6", null, null, null, null, null, null, LocalDate.of(2026, 11, 19)));
        List<ReferralDecision> referrals = List.of(new ReferralDecision(Referral.DVPN, false, "synthetic"),
                new ReferralDecision(Referral.MARAC, true, null));
        AssessmentContent content = AssessmentContent.start("dash-2009", "2009.1-dashdesk.1", Channel.PHONE_IN,
                        new Officer("1234", "PC Synthetic"), new PhoneIn(new Officer("IMU9", null), "1234", "CALL-1", true))
                .withPeople(new People("Synthetic Victim", List.of("Synthetic Abuser"), List.of(new Dependant("Synthetic Child", "4", "son")), true))
                .withIncident(new Incident(LocalDateTime.of(2026, 11, 20, 2, 10), "Synthetic Road", "Maidstone", "INC-1", 1,
                        LocalDate.of(2026, 3, 1)))
                .withJudgement(new ProfessionalJudgement(RiskLevel.HIGH, "synthetic rationale"));
        for (int i = 0; i < answers.size(); i++) {
            content = content.withAnswer(answers.get(reversed ? answers.size() - 1 - i : i));
        }
        for (int i = 0; i < referrals.size(); i++) {
            content = content.withReferral(referrals.get(reversed ? referrals.size() - 1 - i : i));
        }
        Map<String, Integer> scores = new LinkedHashMap<>();
        for (String pack : reversed ? List.of("h-dash", "s-dash", "dash-2009") : List.of("dash-2009", "s-dash", "h-dash")) {
            scores.put(pack, pack.equals("dash-2009") ? 2 : 0);
        }
        GradingResult grading = new GradingResult(RiskLevel.HIGH, RiskLevel.STANDARD, 2, scores, true, List.of("PROFESSIONAL_JUDGEMENT"),
                List.of("Synthetic reason one.", "Synthetic reason two."), List.of("Q1", "Q4"), "dash-2009-default", "1.0");
        return Revision.freeze(UUID.fromString("00000000-0000-4000-8000-000000000001"),
                UUID.fromString("00000000-0000-4000-8000-000000000002"), null, 1, null, Instant.parse("2026-11-20T02:30:00.120Z"), "1234",
                content, grading);
    }

    static final String FIXED_CANONICAL_BODY = "{\"assessmentId\":\"00000000-0000-4000-8000-000000000001\",\"baseRevisionId\":null,"
            + "\"content\":{\"answers\":{"
            + "\"O5\":{\"choice\":null,\"comment\":null,\"date\":null,\"fearGrid\":[],\"informationSource\":null,\"number\":2,\"questionId\":\"O5\",\"text\":null},"
            + "\"O6\":{\"choice\":null,\"comment\":null,\"date\":\"2026-11-19\",\"fearGrid\":[],\"informationSource\":null,\"number\":null,\"questionId\":\"O6\",\"text\":null},"
            + "\"Q10\":{\"choice\":\"YES\",\"comment\":\"said \\\"later\\\"\\n(…)\",\"date\":null,\"fearGrid\":[],\"informationSource\":null,\"number\":null,\"questionId\":\"Q10\",\"text\":null},"
            + "\"Q2\":{\"choice\":\"DONT_KNOW\",\"comment\":null,\"date\":null,\"fearGrid\":[],\"informationSource\":\"neighbour\",\"number\":null,\"questionId\":\"Q2\",\"text\":null},"
            + "\"Q3\":{\"choice\":\"YES\",\"comment\":null,\"date\":null,\"fearGrid\":[\"Further injury and violence|Children\",\"Kill|Self\"],\"informationSource\":null,\"number\":null,\"questionId\":\"Q3\",\"text\":null}},"
            + "\"channel\":\"PHONE_IN\","
            + "\"incident\":{\"district\":\"Maidstone\",\"incidentReference\":\"INC-1\",\"lastMaracReferral\":\"2026-03-01\",\"occurredAt\":\"2026-11-20T02:10:00\",\"place\":\"Synthetic Road\",\"policeCalloutsLast12Months\":1},"
            + "\"judgement\":{\"level\":\"HIGH\",\"rationale\":\"synthetic rationale\"},"
            + "\"officer\":{\"collarNumber\":\"1234\",\"name\":\"PC Synthetic\"},\"packId\":\"dash-2009\",\"packVersion\":\"2009.1-dashdesk.1\","
            + "\"people\":{\"abuserNames\":[\"Synthetic Abuser\"],\"childrenOrDependants\":true,\"dependants\":[{\"ageOrDateOfBirth\":\"4\",\"name\":\"Synthetic Child\",\"relationship\":\"son\"}],\"victimName\":\"Synthetic Victim\"},"
            + "\"phoneIn\":{\"attendingOfficerCollar\":\"1234\",\"callReference\":\"CALL-1\",\"recorder\":{\"collarNumber\":\"IMU9\",\"name\":null},\"victimCouldSpeakSafely\":true},"
            + "\"referrals\":{\"MARAC\":{\"chosen\":true,\"reason\":null,\"referral\":\"MARAC\"},\"DVPN\":{\"chosen\":false,\"reason\":\"synthetic\",\"referral\":\"DVPN\"}}},"
            + "\"contentHash\":null,\"createdAt\":\"2026-11-20T02:30:00.120Z\",\"createdBy\":\"1234\","
            + "\"grading\":{\"computedLevel\":\"STANDARD\",\"criteria\":[\"PROFESSIONAL_JUDGEMENT\"],\"level\":\"HIGH\",\"maracReferral\":true,"
            + "\"packScores\":{\"dash-2009\":2,\"h-dash\":0,\"s-dash\":0},\"policyId\":\"dash-2009-default\",\"policyVersion\":\"1.0\","
            + "\"reasons\":[\"Synthetic reason one.\",\"Synthetic reason two.\"],\"unanswered\":[\"Q1\",\"Q4\"],\"yesCount\":2},"
            + "\"reason\":null,\"revisionId\":\"00000000-0000-4000-8000-000000000002\",\"revisionNumber\":1}";

    @Test
    void canonicalBodyAndHashOfAFixedRevisionNeverChange() {
        Revision r = fixedRevision(false);
        assertEquals(FIXED_CANONICAL_BODY, r.canonicalBody());
        assertEquals("144d054064cd5cc4815b87cb9c65b31a81dbf69753cc729f4cb59320cdfcd020", r.contentHash());
        // The rules in protocol.md are enough to recompute it: SHA-256 of the UTF-8 body, lower-case hex.
        assertEquals(r.contentHash(), AssessmentJson.sha256Hex(FIXED_CANONICAL_BODY));
        assertTrue(r.verify());
    }

    @Test
    void canonicalBodyDoesNotDependOnTheOrderThingsWereGiven() {
        Revision inOrder = fixedRevision(false);
        Revision reversed = fixedRevision(true);
        assertEquals(inOrder.canonicalBody(), reversed.canonicalBody());
        assertEquals(inOrder.contentHash(), reversed.contentHash());
    }
}
