package org.dashdesk.store;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;

import org.dashdesk.assessment.Answer;
import org.dashdesk.assessment.AssessmentContent;
import org.dashdesk.assessment.Channel;
import org.dashdesk.assessment.Dependant;
import org.dashdesk.assessment.Incident;
import org.dashdesk.assessment.Officer;
import org.dashdesk.assessment.People;
import org.dashdesk.assessment.PhoneIn;
import org.dashdesk.assessment.Referral;
import org.dashdesk.assessment.ReferralDecision;
import org.dashdesk.grading.Choice;
import org.dashdesk.grading.ProfessionalJudgement;
import org.dashdesk.grading.RiskLevel;

/** Synthetic test data: every name here is invented. */
final class StoreFixtures {

    /** A name that must never appear in plain bytes in the database file. */
    static final String VICTIM = "Zephyrine Quillfeather";
    static final String ABUSER = "Bartholomew Ironwick";
    static final String SECRET_COMMENT = "synthetic bruise to left forearm";

    private StoreFixtures() {
    }

    /** The DASH 2009 service with the built-in grading policy, over the given repository: what the desk runs. */
    static org.dashdesk.assessment.AssessmentService dash2009(org.dashdesk.assessment.AssessmentRepository repo, java.time.Clock clock) {
        org.dashdesk.instrument.PackRegistry packs = org.dashdesk.instrument.PackRegistry.builtIn();
        return new org.dashdesk.assessment.AssessmentService(repo, new org.dashdesk.grading.GradingEngine(packs,
                org.dashdesk.grading.GradingPolicy.builtInDefault()), packs.require("dash-2009"), clock);
    }

    static AssessmentContent start() {
        return AssessmentContent.start("dash-2009", "2009.1", Channel.PHONE_IN, new Officer("1234", "PC Synthetic Officer"),
                new PhoneIn(new Officer("IMU9", "Synthetic Recorder"), "1234", "CALL-0001", true));
    }

    /** Every kind of content: people, incident, phone-in, all answer shapes, judgement, referrals. */
    static AssessmentContent fullDetails() {
        return start()
                .withPeople(new People(VICTIM, List.of(ABUSER, "Second Synthetic"), List.of(new Dependant("Child Synthetic", "4", "son")), true))
                .withIncident(new Incident(LocalDateTime.of(2026, 11, 20, 2, 10), "Kitchen", "Maidstone", "INC-2026-0042", 2,
                        LocalDate.of(2026, 3, 1)))
                .withJudgement(new ProfessionalJudgement(RiskLevel.HIGH, "synthetic rationale"))
                .withReferral(new ReferralDecision(Referral.MARAC, true, null))
                .withReferral(new ReferralDecision(Referral.DVPN, false, "synthetic: not applicable"));
    }

    static List<Answer> allAnswerShapes() {
        return List.of(
                Answer.choice("Q1", Choice.YES).withComment(SECRET_COMMENT),
                Answer.choice("Q2", Choice.DONT_KNOW).withInformationSource("neighbour (synthetic)"),
                Answer.choice("Q3", Choice.YES).withFearGrid(Set.of("Kill|Self", "Further injury and violence|Children")),
                Answer.choice("Q4", Choice.NO),
                Answer.text("O1", "synthetic free text"),
                new Answer("O5", null, null, null, null, null, 2, null),
                new Answer("O6", null, "synthetic court date", null, null, null, null, LocalDate.of(2027, 1, 15)));
    }

    /** Content answering the first {@code yes} checklist questions Yes and the rest No. */
    static AssessmentContent withYes(AssessmentContent base, int yes) {
        AssessmentContent c = base;
        for (int i = 1; i <= 27; i++) {
            c = c.withAnswer(Answer.choice("Q" + i, i <= yes ? Choice.YES : Choice.NO));
        }
        return c;
    }
}
