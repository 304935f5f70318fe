package org.dashdesk.ui.record;

import java.nio.file.Path;
import java.util.List;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import org.dashdesk.assessment.Assessment;
import org.dashdesk.assessment.AssessmentContent;
import org.dashdesk.assessment.AssessmentState;
import org.dashdesk.assessment.AuditEntry;
import org.dashdesk.assessment.Revision;
import org.dashdesk.document.MaracReferral;
import org.dashdesk.instrument.PackRegistry;
import org.dashdesk.ui.common.BackgroundTask;
import org.dashdesk.ui.common.TaskExecutor;

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

    /**
     * Makes a document from the record and writes it to a file the user chose, recording in the
     * audit that it was produced. Runs off the FX thread.
     */
    @FunctionalInterface
    public interface DocumentSaver {
        void save(Path target) throws Exception;
    }

    private String historyFlag;

    /**
     * What the central server's history check found after this revision was submitted (issue 12);
     * a flag about an earlier revision is not shown.
     */
    public RecordViewModel withHistoryFlag(org.dashdesk.review.HistoryFlag flag) {
        this.historyFlag = flag == null || revision == null || !revision.revisionId().equals(flag.revisionId()) ? null
                : flag.message() + ". CRU and your supervisor have been told; your grading is unchanged until one of them acts.";
        return this;
    }

    /** The history flag in words, or null. */
    public String historyFlag() {
        return historyFlag;
    }

    private TaskExecutor executor;
    private DocumentSaver referralSaver;
    private DocumentSaver summarySaver;
    private final ReadOnlyBooleanWrapper producing = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper documentMessage = new ReadOnlyStringWrapper();
    /** The document last saved here, which can be opened in the computer's viewer to print it. */
    private final javafx.beans.property.ReadOnlyObjectWrapper<Path> saved = new javafx.beans.property.ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper documentError = new ReadOnlyStringWrapper();

    /**
     * Offers the MARAC referral (for a revision that calls for one) and the DASH summary (issue 13).
     *
     * @param referral writes the MARAC referral to a path and audits it
     * @param summary  writes the DASH summary to a path and audits it
     */
    public RecordViewModel withDocuments(TaskExecutor executor, DocumentSaver referral, DocumentSaver summary) {
        this.executor = executor;
        this.referralSaver = referral;
        this.summarySaver = summary;
        return this;
    }

    /** Any submitted revision whose content is still on this laptop. */
    public boolean offersSummary() {
        return summarySaver != null && org.dashdesk.document.DashSummary.applies(revision);
    }

    public String summaryFileName() {
        return revision == null ? "DASH-summary.pdf" : org.dashdesk.document.DashSummary.fileName(revision.assessmentId(), revision.revisionNumber());
    }

    /** Writes the DASH summary to {@code target} (see {@link #saveReferral}). */
    public void saveSummary(Path target) {
        if (offersSummary()) {
            save("DASH summary", summarySaver, target);
        }
    }

    /** Graded High or a MARAC criterion met, with its content still on this laptop. */
    public boolean offersReferral() {
        return referralSaver != null && MaracReferral.applies(revision);
    }

    /** The file name offered: the assessment's short id and revision, no personal data. */
    public String referralFileName() {
        return revision == null ? "MARAC-referral.pdf" : MaracReferral.fileName(revision.assessmentId(), revision.revisionNumber());
    }

    /** Writes the MARAC referral to {@code target}; the outcome is said in {@link #documentMessageProperty()} or the error. */
    public void saveReferral(Path target) {
        if (offersReferral()) {
            save("MARAC referral", referralSaver, target);
        }
    }

    private void save(String what, DocumentSaver saver, Path target) {
        if (target == null || producing.get()) {
            return;
        }
        producing.set(true);
        documentError.set(null);
        documentMessage.set("Making the " + what + "\u2026");
        saved.set(null);
        executor.execute(BackgroundTask.run(() -> saver.save(target)).onSuccess(v -> {
            producing.set(false);
            saved.set(target);
            documentMessage.set(what + " saved as " + target.getFileName() + " in " + target.toAbsolutePath().getParent()
                    + ". Its production is in the audit.");
        }).onFailure(e -> {
            producing.set(false);
            documentMessage.set(null);
            documentError.set("The " + what + " could not be saved: " + e.getMessage());
        }));
    }

    public javafx.beans.property.ReadOnlyObjectProperty<Path> savedProperty() {
        return saved.getReadOnlyProperty();
    }

    /** Opens the saved document in the computer's viewer, to read or print it. */
    public void openSaved() {
        if (saved.get() != null) {
            org.dashdesk.ui.common.DocumentOpener.open(saved.get());
        }
    }

    public ReadOnlyBooleanProperty producingProperty() {
        return producing.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty documentMessageProperty() {
        return documentMessage.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty documentErrorProperty() {
        return documentError.getReadOnlyProperty();
    }
}
