package org.dashdesk.ui.review;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.dashdesk.assessment.Revision;
import org.dashdesk.grading.RiskLevel;
import org.dashdesk.instrument.InstrumentPack;
import org.dashdesk.instrument.PackRegistry;
import org.dashdesk.instrument.Question;
import org.dashdesk.review.CentralAuditEntry;
import org.dashdesk.review.QuestionComment;
import org.dashdesk.review.QueueItem;
import org.dashdesk.review.ReviewGateway;
import org.dashdesk.ui.common.BackgroundTask;
import org.dashdesk.ui.common.TaskExecutor;

/**
 * One assessment under review: the revision read-only, its central audit trail, and the
 * decisions the mode offers. Every rule a user can break here (a comment per return, a higher
 * level and reasons per raise, a password per approval) is checked before the call; the server
 * checks again and its refusals are shown in words. After a decision {@code onDecided} gets the
 * confirmation to show on the queue.
 */
public final class ReviewViewModel {

    /** Sign-off offers approve, return and raise; CRU review offers marking reviewed and raising. */
    public enum Mode { SIGN_OFF, CRU }

    private final ReviewGateway gateway;
    private final TaskExecutor executor;
    private final PackRegistry packs;
    private final QueueItem item;
    private final String signedInCollar;
    private final Mode mode;
    private final Consumer<String> onDecided;

    private final ReadOnlyObjectWrapper<Revision> revision = new ReadOnlyObjectWrapper<>();
    private final ObservableList<CentralAuditEntry> audit = FXCollections.observableArrayList();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final StringProperty progress = new SimpleStringProperty();
    private final StringProperty error = new SimpleStringProperty();

    private final ObservableList<QuestionRef> questions = FXCollections.observableArrayList();
    private final ObjectProperty<QuestionRef> returnQuestion = new SimpleObjectProperty<>();
    private final StringProperty returnComment = new SimpleStringProperty("");
    private final ObservableList<QuestionComment> comments = FXCollections.observableArrayList();
    private final StringProperty returnError = new SimpleStringProperty();

    private final ObservableList<RiskLevel> raiseOptions = FXCollections.observableArrayList();
    private final ObjectProperty<RiskLevel> raiseLevel = new SimpleObjectProperty<>();
    private final StringProperty raiseRationale = new SimpleStringProperty("");
    private final StringProperty raiseError = new SimpleStringProperty();

    private final StringProperty approveError = new SimpleStringProperty();

    private final StringProperty reviewNote = new SimpleStringProperty("");
    private final StringProperty reviewError = new SimpleStringProperty();

    public ReviewViewModel(ReviewGateway gateway, TaskExecutor executor, PackRegistry packs, QueueItem item, String signedInCollar,
            Mode mode, Consumer<String> onDecided) {
        this.gateway = gateway;
        this.executor = executor;
        this.packs = packs;
        this.item = item;
        this.signedInCollar = signedInCollar;
        this.mode = mode;
        this.onDecided = onDecided;
        for (RiskLevel l : RiskLevel.values()) {
            if (item.level() == null || l.isAbove(item.level())) {
                raiseOptions.add(l);
            }
        }
    }

    /** Reads the revision (the server records the view) and its audit trail. */
    public void load() {
        start("Opening the assessment…");
        executor.execute(BackgroundTask.of(() -> new Loaded(gateway.revision(item.assessmentId(), item.revisionId()),
                gateway.audit(item.assessmentId()))).onSuccess(l -> {
                    done();
                    revision.set(l.revision);
                    audit.setAll(l.audit);
                    questions.setAll(questionRefs(l.revision));
                    if (returnQuestion.get() == null && !questions.isEmpty()) {
                        returnQuestion.set(questions.get(0));
                    }
                    if (l.revision.grading() != null) {
                        RiskLevel current = l.revision.grading().level();
                        raiseOptions.removeIf(o -> !o.isAbove(current));
                    }
                }).onFailure(e -> failed(error, "Opening the assessment", e)));
    }

    private record Loaded(Revision revision, List<CentralAuditEntry> audit) {
    }

    private List<QuestionRef> questionRefs(Revision r) {
        List<QuestionRef> refs = new ArrayList<>();
        refs.add(QuestionRef.OVERALL);
        String packId = r.content() == null ? null : r.content().packId();
        if (packId == null || packs.find(packId).isEmpty()) {
            return refs;
        }
        String abuser = r.content().people() == null ? null : r.content().people().abuserDisplayName();
        for (InstrumentPack p : packs.assessmentPacks(packId)) {
            boolean main = p.isMain();
            for (Question q : p.questions()) {
                // Supplementary questions are offered only when the officer used that pack.
                if (main || r.content().answers().containsKey(q.id())) {
                    // Worded as the record shows it: the abuser's name, or "the person who harmed you" (issue 11).
                    refs.add(new QuestionRef(q.id(), q.id() + " — " + shorten(q.textFor(abuser))));
                }
            }
        }
        return refs;
    }

    private static String shorten(String s) {
        String t = s.replace('\n', ' ').strip();
        return t.length() <= 70 ? t : t.substring(0, 69) + "…";
    }

    // ---- approve

    /**
     * Signs and approves. The password is the electronic signature: it goes to the gateway once
     * and the array is zeroed whatever happens, so it is never kept after use.
     */
    public void approve(char[] password) {
        approveError.set(null);
        if (!canApprove()) {
            Arrays.fill(password, '\0');
            approveError.set(isOwnAssessment() ? "You cannot sign off your own assessment. Another supervisor must approve it."
                    : "Only a standard-risk assessment under sign-off can be approved here.");
            return;
        }
        if (password.length == 0) {
            approveError.set("Enter your password: it is your signature for this approval.");
            return;
        }
        start("Approving…");
        executor.execute(BackgroundTask.run(() -> {
            try {
                gateway.approve(item.assessmentId(), item.revisionId(), password);
            } finally {
                Arrays.fill(password, '\0');
            }
        }).onSuccess(v -> {
            done();
            onDecided.accept("Approved " + reference() + " (revision " + item.revisionNumber() + "). It is signed off and locked.");
        }).onFailure(e -> failed(approveError, "The approval", e)));
    }

    /** Approving is offered for a standard case in sign-off mode, never on one's own assessment. */
    public boolean canApprove() {
        return mode == Mode.SIGN_OFF && !isOwnAssessment() && (item.level() == null || item.level() == RiskLevel.STANDARD);
    }

    public boolean isOwnAssessment() {
        return signedInCollar != null && signedInCollar.equals(item.officerCollar());
    }

    // ---- return

    public void addComment() {
        returnError.set(null);
        QuestionRef q = returnQuestion.get();
        String text = returnComment.get() == null ? "" : returnComment.get().strip();
        if (q == null) {
            returnError.set("Choose the question the comment is about (or the assessment as a whole).");
            return;
        }
        if (text.isEmpty()) {
            returnError.set("Write the comment first: say what the officer should check or change.");
            return;
        }
        comments.add(new QuestionComment(q.questionId(), text));
        returnComment.set("");
    }

    public void removeComment(QuestionComment c) {
        comments.remove(c);
    }

    public void returnToOfficer() {
        returnError.set(null);
        if (mode != Mode.SIGN_OFF) {
            returnError.set("Only a supervisor can return an assessment from sign-off.");
            return;
        }
        if (comments.isEmpty()) {
            returnError.set("Add at least one comment so the officer knows what to change.");
            return;
        }
        List<QuestionComment> sent = List.copyOf(comments);
        start("Returning to the officer…");
        executor.execute(BackgroundTask.run(() -> gateway.returnToOfficer(item.assessmentId(), item.revisionId(), sent))
                .onSuccess(v -> {
                    done();
                    comments.clear();
                    onDecided.accept("Returned " + reference() + " to " + item.officerCollar() + " with " + sent.size()
                            + (sent.size() == 1 ? " comment." : " comments."));
                }).onFailure(e -> failed(returnError, "Returning the assessment", e)));
    }

    /** How a comment reads in the list: which question, then the words. */
    public String describe(QuestionComment c) {
        return (c.questionId() == null ? "Overall" : c.questionId()) + ": " + c.comment();
    }

    // ---- CRU review

    /**
     * CRU marks this revision reviewed, which takes it off the CRU queue until a new revision
     * arrives. The note (what was reviewed and decided) is required so the marker means something.
     */
    public void markReviewed() {
        reviewError.set(null);
        if (!canMarkReviewed()) {
            reviewError.set("Only CRU can mark an assessment reviewed.");
            return;
        }
        String note = reviewNote.get() == null ? "" : reviewNote.get().strip();
        if (note.isEmpty()) {
            reviewError.set("Write a note first: say what you reviewed and what was decided (actions, MARAC, no further action).");
            return;
        }
        start("Marking reviewed…");
        executor.execute(BackgroundTask.run(() -> gateway.markReviewed(item.assessmentId(), item.revisionId(), note)).onSuccess(v -> {
            done();
            reviewNote.set("");
            onDecided.accept("Marked " + reference() + " (revision " + item.revisionNumber() + ") reviewed. It has left the CRU queue"
                    + " until a new revision arrives; its safety-plan actions stay tracked.");
        }).onFailure(e -> failed(reviewError, "Marking the assessment reviewed", e)));
    }

    public boolean canMarkReviewed() {
        return mode == Mode.CRU;
    }

    // ---- raise

    public void raise() {
        raiseError.set(null);
        RiskLevel current = currentLevel();
        RiskLevel to = raiseLevel.get();
        String why = raiseRationale.get() == null ? "" : raiseRationale.get().strip();
        if (to == null) {
            raiseError.set("Choose the level to raise the grading to.");
            return;
        }
        if (current != null && !to.isAbove(current)) {
            raiseError.set("The grading can only be raised: choose a level above " + current.label() + ".");
            return;
        }
        if (why.isEmpty()) {
            raiseError.set("Write the reasons for raising the grading: they are recorded with the decision.");
            return;
        }
        start("Raising the grading…");
        executor.execute(BackgroundTask.run(() -> gateway.raise(item.assessmentId(), item.revisionId(), to, why)).onSuccess(v -> {
            done();
            onDecided.accept("Raised " + reference() + " to " + to.label().toLowerCase(Locale.ROOT)
                    + " risk. It is routed on as a referral.");
        }).onFailure(e -> failed(raiseError, "Raising the grading", e)));
    }

    private RiskLevel currentLevel() {
        Revision r = revision.get();
        if (r != null && r.grading() != null) {
            return r.grading().level();
        }
        return item.level();
    }

    // ---- plumbing

    private void start(String what) {
        busy.set(true);
        progress.set(what);
        error.set(null);
    }

    private void done() {
        busy.set(false);
        progress.set(null);
    }

    private void failed(StringProperty target, String attempt, Exception e) {
        done();
        target.set(ReviewErrors.describe(attempt, e));
    }

    private String reference() {
        return item.incidentReference() == null ? "the assessment" : item.incidentReference();
    }

    public QueueItem item() {
        return item;
    }

    public Mode mode() {
        return mode;
    }

    public PackRegistry packs() {
        return packs;
    }

    public ReadOnlyObjectProperty<Revision> revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    public ObservableList<CentralAuditEntry> audit() {
        return audit;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    /** True while nothing is loaded or a call is running: decision buttons are disabled then. */
    public BooleanBinding decisionsDisabled() {
        return Bindings.createBooleanBinding(() -> busy.get() || revision.get() == null, busy, revision);
    }

    public StringProperty progressProperty() {
        return progress;
    }

    public StringProperty errorProperty() {
        return error;
    }

    public ObservableList<QuestionRef> questions() {
        return questions;
    }

    public ObjectProperty<QuestionRef> returnQuestionProperty() {
        return returnQuestion;
    }

    public StringProperty returnCommentProperty() {
        return returnComment;
    }

    public ObservableList<QuestionComment> comments() {
        return comments;
    }

    public StringProperty returnErrorProperty() {
        return returnError;
    }

    public ObservableList<RiskLevel> raiseOptions() {
        return raiseOptions;
    }

    public ObjectProperty<RiskLevel> raiseLevelProperty() {
        return raiseLevel;
    }

    public StringProperty raiseRationaleProperty() {
        return raiseRationale;
    }

    public StringProperty raiseErrorProperty() {
        return raiseError;
    }

    public StringProperty approveErrorProperty() {
        return approveError;
    }

    public StringProperty reviewNoteProperty() {
        return reviewNote;
    }

    public StringProperty reviewErrorProperty() {
        return reviewError;
    }
}
