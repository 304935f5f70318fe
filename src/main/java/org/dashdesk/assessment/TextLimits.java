package org.dashdesk.assessment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The longest text an assessment keeps in each kind of field (issue 11): a name (victim, each
 * abuser, a dependant, why a name is not known) and free text (place, comments, sources, text
 * answers, the judgement's and referrals' reasons). A pasted page is refused with its length
 * named, never cut and never substituted into every question; and no revision grows past what
 * the central server stores. The force may set both (IT settings {@code limits.name.characters}
 * and {@code limits.text.characters}).
 *
 * @param name longest name, in characters
 * @param text longest free text, in characters
 */
public record TextLimits(int name, int text) {

    public static final int NAME_DEFAULT = 200;
    public static final int TEXT_DEFAULT = 4000;
    /** The bounds a force's setting may take: a name of 20 letters fits every name, 20,000 keeps a revision well under the server's limit. */
    public static final int NAME_MIN = 20;
    public static final int NAME_MAX = 1000;
    public static final int TEXT_MIN = 200;
    public static final int TEXT_MAX = 20_000;
    public static final TextLimits DEFAULT = new TextLimits(NAME_DEFAULT, TEXT_DEFAULT);

    public TextLimits {
        if (name < NAME_MIN || name > NAME_MAX) {
            throw new IllegalArgumentException("a name limit must be " + NAME_MIN + ".." + NAME_MAX + " characters");
        }
        if (text < TEXT_MIN || text > TEXT_MAX) {
            throw new IllegalArgumentException("a free-text limit must be " + TEXT_MIN + ".." + TEXT_MAX + " characters");
        }
    }

    /** Where a too-long text is: the people and incident page, a question, or the grading page. */
    public enum Place { DETAILS, QUESTION, GRADING }

    /**
     * One field longer than its limit.
     *
     * @param place      which part of the form it is in
     * @param questionId the question, for {@link Place#QUESTION}; else null
     * @param words      "Victim's name: 5,000 characters, at most 200"
     */
    public record TooLong(Place place, String questionId, String words) {
    }

    /** Every field of {@code content} longer than its limit, in words; empty when all fit. */
    public List<String> problems(AssessmentContent content) {
        return tooLong(content).stream().map(TooLong::words).toList();
    }

    /** Every field of {@code content} longer than its limit, with where it is; empty when all fit. */
    public List<TooLong> tooLong(AssessmentContent content) {
        List<TooLong> out = new ArrayList<>();
        People p = content.people();
        if (p != null) {
            check(out, Place.DETAILS, null, "Victim's name", p.victimName(), name);
            check(out, Place.DETAILS, null, "Why the victim's name is not known", p.victimNameNotKnown(), name);
            for (String abuser : p.abuserNames()) {
                check(out, Place.DETAILS, null, "Abuser's name", abuser, name);
            }
            for (Dependant d : p.dependants()) {
                check(out, Place.DETAILS, null, "A child or dependant's name", d.name(), name);
                check(out, Place.DETAILS, null, "A child or dependant's age", d.ageOrDateOfBirth(), name);
                check(out, Place.DETAILS, null, "A child or dependant's relationship", d.relationship(), name);
                check(out, Place.DETAILS, null, "A child or dependant's school or setting", d.schoolOrSetting(), name);
            }
        }
        Incident i = content.incident();
        if (i != null) {
            check(out, Place.DETAILS, null, "Incident reference", i.incidentReference(), name);
            check(out, Place.DETAILS, null, "Place", i.place(), text);
            check(out, Place.DETAILS, null, "District", i.district(), name);
        }
        PhoneIn phoneIn = content.phoneIn();
        if (phoneIn != null) {
            check(out, Place.DETAILS, null, "Attending officer's collar number", phoneIn.attendingOfficerCollar(), name);
            check(out, Place.DETAILS, null, "Call reference", phoneIn.callReference(), name);
        }
        for (Map.Entry<String, Answer> e : content.answers().entrySet()) {
            Answer a = e.getValue();
            check(out, Place.QUESTION, e.getKey(), e.getKey() + " comment", a.comment(), text);
            check(out, Place.QUESTION, e.getKey(), e.getKey() + " source", a.informationSource(), text);
            check(out, Place.QUESTION, e.getKey(), e.getKey() + " answer", a.text(), text);
        }
        if (content.judgement() != null) {
            check(out, Place.GRADING, null, "Professional judgement rationale", content.judgement().rationale(), text);
        }
        for (ReferralDecision d : content.referrals().values()) {
            check(out, Place.GRADING, null, "Referral reason", d.reason(), text);
        }
        return out;
    }

    private static void check(List<TooLong> out, Place place, String questionId, String field, String value, int limit) {
        if (value != null && value.length() > limit) {
            out.add(new TooLong(place, questionId,
                    String.format(java.util.Locale.UK, "%s: %,d characters, at most %,d", field, value.length(), limit)));
        }
    }
}
