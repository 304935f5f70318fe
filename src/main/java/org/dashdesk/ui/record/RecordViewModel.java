package org.dashdesk.ui.record;

import java.util.List;

import org.dashdesk.assessment.Assessment;
import org.dashdesk.assessment.AssessmentContent;
import org.dashdesk.assessment.AssessmentState;
import org.dashdesk.assessment.AuditEntry;
import org.dashdesk.assessment.Revision;
import org.dashdesk.instrument.PackRegistry;

/**
 * What the read-only view shows, prepared off the FX thread from the latest revision (or the
 * draft content, for an assessment reopened for amendment) and the audit rows.
 */
public final class RecordViewModel {

    private final Assessment assessment;
    private final Revision revision;
    private final List<AuditEntry> audit;
    private final String syncWords;
    private final PackRegistry packs;
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
        this.packs = packs;
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

    public PackRegistry packs() {
        return packs;
    }

    /** "2 — corrected Q5" for the revision shown, or null if never submitted. */
    public String revisionLine() {
        return revision == null ? null : revision.revisionNumber() + (revision.reason() == null ? "" : " — " + revision.reason());
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
