package org.dashdesk.assessment;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import org.dashdesk.grading.Choice;
import org.dashdesk.grading.GradingInput;
import org.dashdesk.grading.ProfessionalJudgement;

/**
 * Everything an officer records for one assessment: what a draft holds and a revision freezes.
 * Immutable; the {@code with…} methods return changed copies.
 */
public record AssessmentContent(
        String packId,
        String packVersion,
        Channel channel,
        Officer officer,
        PhoneIn phoneIn,
        People people,
        Incident incident,
        Map<String, Answer> answers,
        ProfessionalJudgement judgement,
        Map<Referral, ReferralDecision> referrals) {

    public AssessmentContent {
        people = people == null ? People.EMPTY : people;
        incident = incident == null ? Incident.EMPTY : incident;
        answers = answers == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(answers));
        referrals = referrals == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(referrals));
    }

    /**
     * What a laptop keeps of a case once its personal content is purged (issue 14): the pack, the
     * channel, the officer, and the incident's reference and district, which name no one. Gone:
     * people, place and time, history, phone-in details, answers with their comments, the
     * judgement's rationale and referral reasons.
     */
    public AssessmentContent withoutPersonalContent() {
        return new AssessmentContent(packId, packVersion, channel, officer, null, People.EMPTY,
                new Incident(null, null, incident.district(), incident.incidentReference(), null, null), Map.of(), null, Map.of());
    }

    public static AssessmentContent start(String packId, String packVersion, Channel channel, Officer officer, PhoneIn phoneIn) {
        return new AssessmentContent(packId, packVersion, channel, officer, phoneIn, People.EMPTY, Incident.EMPTY, Map.of(), null, Map.of());
    }

    public AssessmentContent withAnswer(Answer answer) {
        Map<String, Answer> copy = new TreeMap<>(answers);
        if (answer.isEmpty()) {
            copy.remove(answer.questionId());
        } else {
            copy.put(answer.questionId(), answer);
        }
        return new AssessmentContent(packId, packVersion, channel, officer, phoneIn, people, incident, copy, judgement, referrals);
    }

    public AssessmentContent withPeople(People p) {
        return new AssessmentContent(packId, packVersion, channel, officer, phoneIn, p, incident, answers, judgement, referrals);
    }

    public AssessmentContent withIncident(Incident i) {
        return new AssessmentContent(packId, packVersion, channel, officer, phoneIn, people, i, answers, judgement, referrals);
    }

    public AssessmentContent withPhoneIn(PhoneIn p) {
        return new AssessmentContent(packId, packVersion, channel, officer, p, people, incident, answers, judgement, referrals);
    }

    public AssessmentContent withJudgement(ProfessionalJudgement j) {
        return new AssessmentContent(packId, packVersion, channel, officer, phoneIn, people, incident, answers, j, referrals);
    }

    public AssessmentContent withReferral(ReferralDecision d) {
        Map<Referral, ReferralDecision> copy = new TreeMap<>(referrals);
        copy.put(d.referral(), d);
        return new AssessmentContent(packId, packVersion, channel, officer, phoneIn, people, incident, answers, judgement, copy);
    }

    /**
     * Who started this assessment and may carry on with it (issue 11: a draft belongs to its
     * author): the officer at the scene, or, for a phone-in, the IMU recorder who took it on the
     * attending officer's behalf. Null for content that names neither.
     */
    public String author() {
        if (channel == Channel.PHONE_IN && phoneIn != null && phoneIn.recorder() != null) {
            return phoneIn.recorder().collarNumber();
        }
        return officer == null ? null : officer.collarNumber();
    }

    /** Whether {@code actor} (a collar number, or a username where there is none) may open and change this draft. */
    public boolean belongsTo(String actor) {
        String author = author();
        return author == null || author.equalsIgnoreCase(actor);
    }

    public Answer answer(String questionId) {
        return answers.get(questionId);
    }

    /** The grading engine's view of this content. */
    public GradingInput gradingInput() {
        Map<String, Choice> choices = new TreeMap<>();
        answers.values().stream().filter(a -> a.choice() != null).forEach(a -> choices.put(a.questionId(), a.choice()));
        return new GradingInput(packId, incident.occurredAt() == null ? null : incident.occurredAt().toLocalDate(), choices,
                people.childrenOrDependants(), incident.policeCalloutsLast12Months(), incident.lastMaracReferral(), judgement);
    }
}
