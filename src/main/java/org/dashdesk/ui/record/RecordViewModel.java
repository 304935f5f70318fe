package org.dashdesk.ui.record;

import java.util.ArrayList;
import java.util.List;

import org.dashdesk.assessment.Answer;
import org.dashdesk.assessment.Assessment;
import org.dashdesk.assessment.AssessmentContent;
import org.dashdesk.assessment.AssessmentState;
import org.dashdesk.assessment.AuditEntry;
import org.dashdesk.assessment.Referral;
import org.dashdesk.assessment.ReferralDecision;
import org.dashdesk.assessment.Revision;
import org.dashdesk.instrument.InstrumentPack;
import org.dashdesk.instrument.PackRegistry;
import org.dashdesk.instrument.Question;
import org.dashdesk.instrument.Section;

/**
 * What the read-only view shows, prepared off the FX thread from the latest revision (or the
 * draft content, for an assessment reopened for amendment) and the audit rows.
 */
public final class RecordViewModel {

    /** One answered question as shown. */
    public record AnswerLine(String questionId, String question, String answer, String comment, String source) {
    }

    private final Assessment assessment;
    private final Revision revision;
    private final List<AuditEntry> audit;
    private final String syncWords;
    private final List<AnswerLine> answers;
    private final Runnable onAmend;
    private final Runnable onBack;

    public RecordViewModel(Assessment assessment, Revision revision, List<AuditEntry> audit, PackRegistry packs, String syncWords,
                           Runnable onAmend, Runnable onBack) {
        this.assessment = assessment;
        this.revision = revision;
        this.audit = List.copyOf(audit);
        this.syncWords = syncWords;
        this.onAmend = onAmend;
        this.onBack = onBack;
        this.answers = answerLines(content(), packs);
    }

    private static List<AnswerLine> answerLines(AssessmentContent c, PackRegistry packs) {
        String abuser = c.people().abuserNames().isEmpty() ? null : String.join(" / ", c.people().abuserNames());
        List<AnswerLine> lines = new ArrayList<>();
        for (InstrumentPack pack : packs.assessmentPacks(c.packId())) {
            for (Section s : pack.sections()) {
                for (Question q : s.questions()) {
                    Answer a = c.answer(q.id());
                    if (a == null || a.isEmpty()) {
                        continue;
                    }
                    lines.add(new AnswerLine(q.id(), q.textFor(abuser), words(a), blankToNull(a.comment()),
                            a.informationSource() == null ? null : a.informationSource()));
                }
            }
        }
        return lines;
    }

    private static String words(Answer a) {
        List<String> parts = new ArrayList<>();
        if (a.choice() != null) {
            parts.add(a.choice().label());
        }
        if (a.text() != null && !a.text().isBlank()) {
            parts.add(a.text());
        }
        if (a.number() != null) {
            parts.add(a.number().toString());
        }
        if (a.date() != null) {
            parts.add(org.dashdesk.ui.common.Controls.UK_DATE.format(a.date()));
        }
        if (!a.fearGrid().isEmpty()) {
            parts.add(String.join(", ", a.fearGrid()));
        }
        return String.join(" — ", parts);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    public AssessmentContent content() {
        return revision != null ? revision.content() : assessment.content();
    }

    public Assessment assessment() {
        return assessment;
    }

    /** The latest submitted revision; null only if none exists. */
    public Revision revision() {
        return revision;
    }

    public List<AnswerLine> answers() {
        return answers;
    }

    public List<AuditEntry> audit() {
        return audit;
    }

    public String syncWords() {
        return syncWords;
    }

    /** "Revision 2 · Referred · graded High" */
    public String heading() {
        return (revision == null ? "Not submitted" : "Revision " + revision.revisionNumber()) + " · " + assessment.state().label()
                + (revision == null ? "" : " · graded " + revision.grading().level().label());
    }

    public String judgementWords() {
        var j = content().judgement();
        if (j == null || j.level() == null) {
            return "Agreed with the computed level.";
        }
        return "Raised to " + j.level().label() + ": " + (j.rationale() == null ? "" : j.rationale());
    }

    public List<String> referralLines() {
        List<String> lines = new ArrayList<>();
        for (Referral r : Referral.values()) {
            ReferralDecision d = content().referrals().get(r);
            if (d == null) {
                continue;
            }
            lines.add(switch (r) {
                case MARAC -> "MARAC referral";
                case IDVA -> "IDVA referral";
                case CHILDRENS_SERVICES -> "Children's services notification";
                case DVPN -> "DVPN";
            } + (d.chosen() ? ": made" : ": not made") + (d.reason() == null || d.reason().isBlank() ? "" : " — " + d.reason()));
        }
        return lines;
    }

    /** Returned by a supervisor: the officer may amend it as a new revision. */
    public boolean canAmend() {
        return assessment.state() == AssessmentState.RETURNED;
    }

    public void amend() {
        if (canAmend()) {
            onAmend.run();
        }
    }

    public void back() {
        onBack.run();
    }
}
