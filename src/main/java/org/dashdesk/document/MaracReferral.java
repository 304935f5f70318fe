package org.dashdesk.document;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.dashdesk.assessment.Answer;
import org.dashdesk.assessment.AssessmentContent;
import org.dashdesk.assessment.Dependant;
import org.dashdesk.assessment.Incident;
import org.dashdesk.assessment.People;
import org.dashdesk.assessment.Referral;
import org.dashdesk.assessment.ReferralDecision;
import org.dashdesk.assessment.Revision;
import org.dashdesk.grading.Choice;
import org.dashdesk.grading.GradingPolicy;
import org.dashdesk.grading.GradingResult;
import org.dashdesk.grading.RiskLevel;
import org.dashdesk.instrument.InstrumentPack;
import org.dashdesk.instrument.PackRegistry;
import org.dashdesk.instrument.Question;

/**
 * The police referral to MARAC (issue 13), in the order MARAC referral forms use: who refers and
 * when, the victim, the abuser(s), the children, why (level, criteria, the officer's judgement),
 * the risk factors answered Yes in the words the officer read out, the referrals already made,
 * and the safety plan. Made from one frozen revision; a field the desk does not record yet is
 * written as "Not recorded".
 */
public final class MaracReferral {

    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy", Locale.UK);
    static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm", Locale.UK);

    private MaracReferral() {
    }

    /** Whether this revision calls for a MARAC referral: graded High, or a MARAC criterion met. */
    public static boolean applies(Revision r) {
        return r != null && r.content() != null && r.grading() != null
                && (r.grading().level() == RiskLevel.HIGH || r.grading().maracReferral() || !r.grading().criteria().isEmpty());
    }

    /** A name for the file: the assessment's short id and revision, never a name or reference. */
    public static String fileName(UUID assessmentId, int revisionNumber) {
        return "MARAC-referral-" + assessmentId.toString().substring(0, 8) + "-r" + revisionNumber + ".pdf";
    }

    /**
     * The referral for this revision, produced now by {@code producedBy}.
     *
     * @throws IllegalArgumentException when the revision's content was removed from the laptop (retention)
     */
    public static CaseDocument of(Revision r, PackRegistry packs, GradingPolicy policy, String producedBy, Instant now, ZoneId zone) {
        AssessmentContent c = contentOf(r, "referral");
        People people = c.people() == null ? People.EMPTY : c.people();
        List<DocumentSection> sections = new ArrayList<>();
        sections.add(new DocumentSection("Referring agency", referrer(r, producedBy, now, zone, "Date of referral")));
        sections.add(new DocumentSection("Victim", victim(c, people)));
        sections.add(new DocumentSection("Person(s) causing harm", abusers(people)));
        sections.add(new DocumentSection("Children and dependants", children(people)));
        sections.add(new DocumentSection("Reason for referral", reason(r, policy)));

        List<DocumentSection.Line> factors = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        String abuser = people.abuserDisplayName();
        for (InstrumentPack pack : packsOf(c, packs)) {
            boolean any = false;
            for (Question q : pack.questions()) {
                Answer a = c.answer(q.id());
                if (a == null || a.choice() != Choice.YES) {
                    continue;
                }
                any = true;
                factors.add(new DocumentSection.Line(q.id(), q.textFor(abuser) + notes(a)));
            }
            if (any || pack.isMain()) {
                sources.add(sourceLine(pack));
            }
        }
        if (factors.isEmpty()) {
            factors.add(DocumentSection.Line.paragraph("No question was answered Yes."));
        }
        sections.add(new DocumentSection("Risk factors answered Yes (as asked)", factors));
        sections.add(new DocumentSection("Referrals already made", referrals(c)));
        sections.add(new DocumentSection("Safety plan", List.of(DocumentSection.Line.paragraph(
                "Safety-plan actions are kept by the central referral unit, not on this laptop: see the central record."))));
        return new CaseDocument("MARAC referral from the police", sections, sources, fileName(r.assessmentId(), r.revisionNumber()));
    }

    /** The revision's content, or a refusal in words when retention removed it from the laptop. */
    static AssessmentContent contentOf(Revision r, String what) {
        if (r.content() == null) {
            throw new IllegalArgumentException("the content of this revision is no longer on this laptop: produce the " + what
                    + " from the central record");
        }
        return r.content();
    }

    static List<InstrumentPack> packsOf(AssessmentContent c, PackRegistry packs) {
        return packs.find(c.packId()).isPresent() ? packs.assessmentPacks(c.packId()) : List.of();
    }

    static String sourceLine(InstrumentPack pack) {
        return pack.title() + (pack.source() == null ? "" : ". Source: " + pack.source()) + (pack.copyright() == null ? "" : ". " + pack.copyright());
    }

    /** " Comment: … Source: …" after a question, or nothing. */
    static String notes(Answer a) {
        StringBuilder text = new StringBuilder();
        if (a.comment() != null && !a.comment().isBlank()) {
            text.append(" Comment: ").append(a.comment().strip());
        }
        if (a.informationSource() != null && !a.informationSource().isBlank()) {
            text.append(" Source: ").append(a.informationSource().strip());
        }
        return text.toString();
    }

    static List<DocumentSection.Line> referrer(Revision r, String producedBy, Instant now, ZoneId zone, String dateLabel) {
        AssessmentContent c = r.content();
        List<DocumentSection.Line> referrer = new ArrayList<>();
        referrer.add(new DocumentSection.Line("Referring agency", "Police"));
        referrer.add(new DocumentSection.Line("Referring officer", c.officer() == null ? null
                : c.officer().name() + " (collar " + c.officer().collarNumber() + ")"));
        if (c.phoneIn() != null && c.phoneIn().recorder() != null) {
            referrer.add(new DocumentSection.Line("Taken by phone by", c.phoneIn().recorder().name() + " (collar "
                    + c.phoneIn().recorder().collarNumber() + "), IMU"));
        }
        referrer.add(new DocumentSection.Line(dateLabel, DAY.format(now.atZone(zone))));
        referrer.add(new DocumentSection.Line("Produced by", producedBy));
        referrer.add(new DocumentSection.Line("DASH assessment", "revision " + r.revisionNumber() + " of "
                + DAY_TIME.format(r.createdAt().atZone(zone)) + ", content hash " + r.contentHash().substring(0, 16) + "…"));
        Incident i = c.incident();
        referrer.add(new DocumentSection.Line("Incident reference", i == null ? null : i.incidentReference()));
        referrer.add(new DocumentSection.Line("Incident date and time", i == null || i.occurredAt() == null ? null
                : DAY_TIME.format(i.occurredAt())));
        referrer.add(new DocumentSection.Line("Place", i == null ? null : i.place()));
        referrer.add(new DocumentSection.Line("District", i == null ? null : i.district()));
        return referrer;
    }

    static List<DocumentSection.Line> victim(AssessmentContent c, People people) {
        List<DocumentSection.Line> victim = new ArrayList<>();
        victim.add(new DocumentSection.Line("Name", people.victimName() != null ? people.victimName()
                : people.victimNameNotKnown() == null ? null : "Not known: " + people.victimNameNotKnown()));
        // Issue 12's details when recorded; a blank is printed "Not recorded". The incident's place is
        // not assumed to be the victim's address.
        java.util.Map<String, String> d = people.victimDetails() == null ? java.util.Map.of() : people.victimDetails().inWords();
        victim.add(new DocumentSection.Line(d.containsKey("Age") ? "Age" : "Date of birth", d.containsKey("Age") ? d.get("Age")
                : d.get("Date of birth")));
        victim.add(new DocumentSection.Line("Address", d.get("Address") == null ? d.get("Postcode")
                : d.get("Address") + (d.get("Postcode") == null ? "" : ", " + d.get("Postcode"))));
        victim.add(new DocumentSection.Line("Safe contact", d.get("Safe contact number") == null ? null
                : d.get("Safe contact number") + (d.get("Safe times to call") == null ? "" : " (" + d.get("Safe times to call") + ")")));
        if (d.containsKey("Other names")) {
            victim.add(new DocumentSection.Line("Other names", d.get("Other names")));
        }
        if (d.containsKey("Force person id")) {
            victim.add(new DocumentSection.Line("Force person id", d.get("Force person id")));
        }
        if (c.phoneIn() != null && c.phoneIn().victimCouldSpeakSafely() != null) {
            victim.add(new DocumentSection.Line("Could speak safely on the phone", c.phoneIn().victimCouldSpeakSafely() ? "Yes" : "No"));
        }
        return victim;
    }

    static List<DocumentSection.Line> abusers(People people) {
        List<DocumentSection.Line> abusers = new ArrayList<>();
        if (people.abuserNames().isEmpty()) {
            abusers.add(new DocumentSection.Line("Name", null));
        }
        for (String name : people.abuserNames()) {
            abusers.add(new DocumentSection.Line("Name", name));
            org.dashdesk.assessment.PersonDetails d = people.abuserDetails().get(name);
            if (d != null) {
                d.inWords().forEach((label, value) -> abusers.add(new DocumentSection.Line(label, value)));
            }
        }
        return abusers;
    }

    static List<DocumentSection.Line> children(People people) {
        List<DocumentSection.Line> children = new ArrayList<>();
        if (Boolean.FALSE.equals(people.childrenOrDependants())) {
            children.add(DocumentSection.Line.paragraph("No children or dependants in the household."));
        } else if (people.dependants().isEmpty()) {
            children.add(new DocumentSection.Line("Children or dependants", Boolean.TRUE.equals(people.childrenOrDependants())
                    ? "Yes; details not recorded" : null));
        }
        for (Dependant d : people.dependants()) {
            children.add(new DocumentSection.Line("Child or dependant", join(d.name(), d.ageOrDateOfBirth(), d.relationship(), d.schoolOrSetting())));
        }
        return children;
    }

    static List<DocumentSection.Line> reason(Revision r, GradingPolicy policy) {
        AssessmentContent c = r.content();
        GradingResult g = r.grading();
        List<DocumentSection.Line> why = new ArrayList<>();
        if (g != null) {
            why.add(new DocumentSection.Line("Risk level", g.level().label() + (g.level() != g.computedLevel()
                    ? " (raised by professional judgement from " + g.computedLevel().label() + ")" : "")));
            why.add(new DocumentSection.Line("Yes answers", g.yesCount() + " of the checklist's questions"));
            List<String> criteria = g.criteria().stream().map(code -> policy != null && policy.id().equals(g.policyId())
                    ? policy.criterionLabel(code) : GradingPolicy.words(code)).toList();
            why.add(new DocumentSection.Line("MARAC criteria met", criteria.isEmpty() ? "None by the checklist alone" : String.join("; ", criteria)));
        }
        if (c.judgement() != null) {
            why.add(new DocumentSection.Line("Professional judgement", c.judgement().level().label() + ": " + c.judgement().rationale()));
        }
        long notAsked = c.answers().values().stream().filter(a -> a.notAsked() != null).count();
        if (notAsked > 0) {
            why.add(new DocumentSection.Line("Questions not asked", notAsked + " (the checklist is incomplete; see the DASH record)"));
        }
        return why;
    }

    static List<DocumentSection.Line> referrals(AssessmentContent c) {
        List<DocumentSection.Line> referrals = new ArrayList<>();
        for (Map.Entry<Referral, ReferralDecision> e : c.referrals().entrySet()) {
            ReferralDecision d = e.getValue();
            referrals.add(new DocumentSection.Line(words(e.getKey()), d.chosen() ? "Made" + (d.reason() == null || d.reason().isBlank()
                    ? "" : ": " + d.reason()) : "Not made: " + (d.reason() == null ? "no reason given" : d.reason())));
        }
        if (referrals.isEmpty()) {
            referrals.add(DocumentSection.Line.paragraph("No referral decisions recorded."));
        }
        return referrals;
    }

    static String words(Referral r) {
        return switch (r) {
            case MARAC -> "MARAC referral";
            case IDVA -> "IDVA referral";
            case CHILDRENS_SERVICES -> "Children's services notification";
            case DVPN -> "DVPN (domestic violence protection notice)";
        };
    }

    static String join(String... parts) {
        List<String> kept = new ArrayList<>();
        for (String p : parts) {
            if (p != null && !p.isBlank()) {
                kept.add(p.strip());
            }
        }
        return String.join(", ", kept);
    }
}
