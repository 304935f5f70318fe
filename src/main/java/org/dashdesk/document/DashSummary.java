package org.dashdesk.document;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.dashdesk.assessment.Answer;
import org.dashdesk.assessment.AssessmentContent;
import org.dashdesk.assessment.People;
import org.dashdesk.assessment.Revision;
import org.dashdesk.grading.GradingPolicy;
import org.dashdesk.instrument.InstrumentPack;
import org.dashdesk.instrument.PackRegistry;
import org.dashdesk.instrument.Question;
import org.dashdesk.instrument.Section;

/**
 * The DASH summary for the case file (issue 13): the whole assessment as it was submitted, every
 * question in the words the officer read out with its answer (or why it was not asked), comments
 * and sources, the grading and the referrals. Same machinery as the {@link MaracReferral}.
 */
public final class DashSummary {

    private DashSummary() {
    }

    /** A name for the file: the assessment's short id and revision, never a name or reference. */
    public static String fileName(UUID assessmentId, int revisionNumber) {
        return "DASH-summary-" + assessmentId.toString().substring(0, 8) + "-r" + revisionNumber + ".pdf";
    }

    /** Whether this revision's content is still on the laptop to summarise. */
    public static boolean applies(Revision r) {
        return r != null && r.content() != null;
    }

    /**
     * @throws IllegalArgumentException when retention removed the content from the laptop
     */
    public static CaseDocument of(Revision r, PackRegistry packs, GradingPolicy policy, String producedBy, Instant now, ZoneId zone) {
        AssessmentContent c = MaracReferral.contentOf(r, "summary");
        People people = c.people() == null ? People.EMPTY : c.people();
        List<DocumentSection> sections = new ArrayList<>();
        sections.add(new DocumentSection("Assessment", MaracReferral.referrer(r, producedBy, now, zone, "Date printed")));
        sections.add(new DocumentSection("Victim", MaracReferral.victim(c, people)));
        sections.add(new DocumentSection("Person(s) causing harm", MaracReferral.abusers(people)));
        sections.add(new DocumentSection("Children and dependants", MaracReferral.children(people)));
        sections.add(new DocumentSection("Grading", MaracReferral.reason(r, policy)));
        List<String> sources = new ArrayList<>();
        String abuser = people.abuserDisplayName();
        for (InstrumentPack pack : MaracReferral.packsOf(c, packs)) {
            boolean used = pack.isMain() || pack.questions().stream().anyMatch(q -> c.answer(q.id()) != null);
            if (!used) {
                continue;
            }
            sources.add(MaracReferral.sourceLine(pack));
            for (Section section : pack.sections()) {
                List<DocumentSection.Line> lines = new ArrayList<>();
                for (Question q : section.questions()) {
                    lines.add(new DocumentSection.Line(q.id(), q.textFor(abuser) + " Answer: " + answerWords(c.answer(q.id()), policy)
                            + (c.answer(q.id()) == null ? "" : MaracReferral.notes(c.answer(q.id())))));
                }
                if (!lines.isEmpty()) {
                    sections.add(new DocumentSection(pack.isMain() ? section.title() : pack.title() + ": " + section.title(), lines));
                }
            }
        }
        sections.add(new DocumentSection("Referrals", MaracReferral.referrals(c)));
        return new CaseDocument("DASH risk assessment summary", sections, sources, fileName(r.assessmentId(), r.revisionNumber()));
    }

    /** "Yes", "No", "Don't know", "Not asked: Victim declined", a text, number or date answer, or "Not answered". */
    static String answerWords(Answer a, GradingPolicy policy) {
        if (a == null) {
            return "Not answered";
        }
        if (a.notAsked() != null) {
            return "Not asked: " + (policy == null ? GradingPolicy.words(a.notAsked()) : policy.notAskedLabel(a.notAsked()));
        }
        if (a.choice() != null) {
            return a.choice().label() + (a.fearGrid().isEmpty() ? "" : " (" + String.join(", ", a.fearGrid().stream().map(v -> v.replace("|", ": ")).toList()) + ")");
        }
        if (a.text() != null && !a.text().isBlank()) {
            return a.text().strip();
        }
        if (a.number() != null) {
            return a.number().toString();
        }
        if (a.date() != null) {
            return MaracReferral.DAY.format(a.date());
        }
        return "Not answered";
    }
}
