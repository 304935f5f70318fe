package org.dashdesk.ui.wizard;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.IntegerBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;

import org.dashdesk.assessment.Answer;
import org.dashdesk.assessment.Assessment;
import org.dashdesk.assessment.AssessmentContent;
import org.dashdesk.assessment.AssessmentService;
import org.dashdesk.assessment.AssessmentState;
import org.dashdesk.assessment.Channel;
import org.dashdesk.assessment.Completeness;
import org.dashdesk.assessment.Officer;
import org.dashdesk.assessment.Revision;
import org.dashdesk.grading.Choice;
import org.dashdesk.grading.GradingPolicy;
import org.dashdesk.grading.GradingResult;
import org.dashdesk.grading.ProfessionalJudgement;
import org.dashdesk.grading.RiskLevel;
import org.dashdesk.instrument.PackRegistry;
import org.dashdesk.ui.common.TaskExecutor;

/**
 * The state and commands of one assessment being completed: what the user has given
 * ({@link AssessmentContent}), where they are, and committing each change through the
 * {@link Autosaver}. Its parts each hold one job: {@link WizardPages} (which pages exist and are
 * shown), {@link IncidentDetailsViewModel}, {@link JudgementViewModel}, {@link ReferralPrompts},
 * {@link SubmitViewModel}, {@link AnswerChanges} (a changed answer said and undoable) and
 * {@link TypingPause} (typed text saved when typing stops). All methods run on the FX thread;
 * storage happens through the autosaver and the executor, never here.
 */
public final class WizardViewModel {

    private final AssessmentService service;
    private final TaskExecutor executor;
    private final Clock clock;

    private final TypingPause typingPause;
    private final AnswerChanges changes = new AnswerChanges();
    private final UUID assessmentId;
    private final String actor;
    private final boolean amendment;
    private final Autosaver autosaver;
    private AssessmentContent content;

    private final IncidentDetailsViewModel details;
    /** Null only while the constructor builds it. */
    private final WizardPages pages;
    private final ObjectProperty<Page> currentPage = new SimpleObjectProperty<>();
    private final ObjectProperty<QuestionViewModel> focusedQuestion = new SimpleObjectProperty<>();
    private String lastResumePoint;

    private final ReadOnlyObjectWrapper<GradingResult> grading = new ReadOnlyObjectWrapper<>();
    private final IntegerBinding yesCount;
    private final StringBinding levelLabel;
    private final JudgementViewModel judgement;

    private final ReferralPrompts referrals;

    private final SubmitViewModel submission;

    /** What submitting produced: the frozen revision and where it was routed. */
    public record SubmitOutcome(Revision revision, AssessmentState state) {
    }

    public WizardViewModel(AssessmentService service, PackRegistry packs, TaskExecutor executor, Assessment assessment,
                           Officer user, String actor, Clock clock) {
        this.service = service;
        this.executor = executor;
        this.clock = clock;
        this.assessmentId = assessment.id();
        this.actor = actor;
        this.amendment = assessment.headRevisionId() != null;
        this.content = assessment.content();
        this.autosaver = new Autosaver(service.repository(), executor, assessmentId, actor, clock);
        // Typed text is saved when typing stops, not only when focus moves (see TypingPause).
        this.typingPause = new TypingPause(executor, clock, this::typingPaused);
        this.details = new IncidentDetailsViewModel(this, content, user, executor);

        this.submission = new SubmitViewModel(this, service, executor, actor, amendment);
        this.judgement = new JudgementViewModel(this, service.engine().policy(), content.judgement());
        this.pages = new WizardPages(packs, content.packId(), (q, packId) -> {
            QuestionViewModel vm = new QuestionViewModel(q, packId, this, details.abuserDisplayNameProperty());
            vm.load(content.answer(q.id()));
            return vm;
        });
        yesCount = Bindings.createIntegerBinding(() -> grading.get() == null ? 0 : grading.get().yesCount(), grading);
        levelLabel = Bindings.createStringBinding(() -> grading.get() == null ? "" : grading.get().level().label(), grading);

        this.referrals = new ReferralPrompts(content.referrals(), this);
        contentChanged();
        resume(assessment.resumeQuestionId());
    }

    private void resume(String resumeId) {
        Page page = pages.pageForResume(resumeId).orElse(null);
        QuestionViewModel question = resumeId == null ? null : pages.question(resumeId).orElse(null);
        if (page == null || !pages.visible().contains(page)) {
            page = pages.visible().get(0);
            question = null;
        }
        lastResumePoint = resumeId;
        currentPage.set(page);
        focusedQuestion.set(question != null ? question : WizardPages.firstQuestion(page));
    }

    // ---- committing what the user gives -------------------------------------------------------

    void commit(QuestionViewModel q) {
        Answer a = q.toAnswer();
        if (a == null) {
            return;
        }
        q.markClean();
        Answer before = content.answer(q.id());
        if (a.equals(before) || (before == null && a.isEmpty())) {
            return;
        }
        noteChange(q, before == null ? null : before.choice(), a.choice());
        content = content.withAnswer(a);
        lastResumePoint = q.id();
        autosaver.saveAnswer(a, q.id());
        contentChanged();
    }

    // ---- a changed answer is shown and can be undone (AnswerChanges) -------------------------------

    private void noteChange(QuestionViewModel q, Choice before, Choice after) {
        changes.note(q, before, after);
    }

    /** Puts the last changed answer back as it was; false when there is nothing to undo. */
    public boolean undoLastChange() {
        Optional<QuestionViewModel> undone = changes.undo();
        undone.ifPresent(this::focusQuestion);
        return undone.isPresent();
    }

    /** "Q17 changed: Yes → No (Ctrl+Z undoes it)", or empty when the last answer given was a first answer. */
    public ReadOnlyStringProperty lastChangeProperty() {
        return changes.textProperty();
    }

    void detailsEdited() {
        typed();
    }

    /** A keystroke in any text field: saved when the user moves on, or when typing pauses. */
    void typed() {
        typingPause.keystroke();
    }

    private void typingPaused() {
        if (submission.submittedProperty().get() == null) {
            commitPending();
        }
    }

    void commitDetails() {
        AssessmentContent next = details.applyTo(content);
        details.markClean();
        if (next.equals(content)) {
            updateReview();
            return;
        }
        content = next;
        autosaver.saveDetails(content, "incident and people");
        contentChanged();
    }

    /** The judgement changed on the grading page: store it with the rest of the content. */
    void judgementEdited(ProfessionalJudgement j) {
        content = content.withJudgement(j);
        autosaver.saveDetails(content, "professional judgement");
        contentChanged();
    }

    void commitReferral(ReferralPromptViewModel vm, boolean immediately) {
        if (!immediately) {
            referrals.typedIn(vm);
            updateReview();
            typed();
            return;
        }
        saveReferral(vm);
    }

    private void saveReferral(ReferralPromptViewModel vm) {
        referrals.saved(vm);
        var decision = vm.toDecision();
        if (decision == null || decision.equals(content.referrals().get(vm.referral()))) {
            updateReview();
            return;
        }
        content = content.withReferral(decision);
        autosaver.saveDetails(content, "referral decisions");
        contentChanged();
    }

    /**
     * Saves everything typed but not yet saved. The view calls it whenever focus moves, the
     * wizard before changing page or submitting, and the typing-pause timer when typing stops.
     */
    public void commitPending() {
        for (QuestionViewModel q : pages.questions()) {
            if (q.isDirty()) {
                commit(q);
            }
        }
        if (details.isDirty()) {
            commitDetails();
        }
        if (judgement.isDirty()) {
            judgement.save();
        }
        for (ReferralPromptViewModel vm : referrals.unsaved()) {
            saveReferral(vm);
        }
    }

    private void contentChanged() {
        regrade();
        updateVisiblePages();
        judgement.updateRaiseOptions();
        judgement.updateError();
        referrals.update(grading.get(), content.people().childrenOrDependants());
        updateReview();
    }

    // ---- branching (WizardPages) ----------------------------------------------------------------

    private void updateVisiblePages() {
        Page shown = pages.update(content, currentPage.get());
        if (shown != currentPage.get()) {
            currentPage.set(shown);
        }
    }

    /** Whether a branch question leading to this pack is answered Yes. */
    public boolean isOffered(String packId) {
        return pages.isOffered(packId, content);
    }

    /** Supplementary packs that could be opened by hand (not shown yet). */
    public List<Page> hiddenSupplementPages() {
        return pages.hiddenSupplements();
    }

    /** Opens a supplementary pack's page even though its branch question was not answered Yes. */
    public void openSupplement(Page page) {
        pages.openByHand(page);
        updateVisiblePages();
        // Its questions are now asked for on the review page.
        updateReview();
        goTo(page);
    }

    // ---- navigation ---------------------------------------------------------------------------

    public void next() {
        pages.beside(currentPage.get(), 1).ifPresent(this::goTo);
    }

    public void previous() {
        pages.beside(currentPage.get(), -1).ifPresent(this::goTo);
    }

    public void goTo(Page page) {
        commitPending();
        if (!pages.visible().contains(page)) {
            return;
        }
        currentPage.set(page);
        QuestionViewModel first = WizardPages.firstQuestion(page);
        focusedQuestion.set(first);
        rememberPosition(first == null ? page.resumeMarker() : first.id());
    }

    public void goTo(ReviewItem item) {
        goTo(item.page());
        if (item.questionId() != null) {
            pages.question(item.questionId()).ifPresent(this::focusQuestion);
        }
    }

    /** The view reports where focus is, so a restart can reopen at the same question. */
    public void focusQuestion(QuestionViewModel q) {
        if (q == null) {
            return;
        }
        Page page = pages.pageOf(q);
        if (page != currentPage.get() && pages.visible().contains(page)) {
            commitPending();
            currentPage.set(page);
        }
        focusedQuestion.set(q);
        rememberPosition(q.id());
    }

    private void rememberPosition(String resumeId) {
        if (!resumeId.equals(lastResumePoint)) {
            lastResumePoint = resumeId;
            autosaver.saveResumePoint(resumeId);
        }
    }

    /** Y / N / D: answers the question and moves on to the next one (on the next page if need be). */
    public void answerAndAdvance(QuestionViewModel q, Choice choice) {
        if (!q.takesChoice()) {
            return;
        }
        q.choiceProperty().set(choice);
        nextQuestion(q).ifPresentOrElse(this::focusQuestion, () -> pages.beside(pages.pageOf(q), 1).ifPresent(this::goTo));
    }

    /** The next question after q, following the pages as they are now visible. */
    public Optional<QuestionViewModel> nextQuestion(QuestionViewModel q) {
        return pages.after(q);
    }

    public Optional<QuestionViewModel> previousQuestion(QuestionViewModel q) {
        return pages.before(q);
    }

    // ---- grading and judgement ----------------------------------------------------------------

    /** Grades what is on screen, including a judgement typed but not yet saved, for the live panel. */
    void regrade() {
        grading.set(service.preview(content.withJudgement(judgement.shown())));
    }

    /** How many questions the policy counts for the yes-count (27 for the police DASH). */
    public int countedQuestionCount() {
        return service.engine().policy().countedQuestions().size();
    }

    /** A criterion in words, from the policy that met it (see {@link JudgementViewModel#criterionLabel}). */
    public String criterionLabel(String code) {
        return judgement.criterionLabel(code);
    }

    /** The criteria met, in words, joined for one line. */
    public String criteriaInWords(GradingResult g) {
        return judgement.criteriaInWords(g);
    }

    /** The reasons the policy in force allows for a question not asked, in its order. */
    public List<GradingPolicy.NotAskedReason> notAskedReasons() {
        return service.engine().policy().notAskedReasons();
    }

    /** A not-asked reason in the policy's words. */
    public String notAskedLabel(String reasonId) {
        return service.engine().policy().notAskedLabel(reasonId);
    }

    /** How complete the counted questions are as the content stands. */
    public Completeness completeness() {
        return service.completeness(content);
    }

    /**
     * Marks every counted question still unanswered as not asked, for one reason: the review
     * page's way of ending an assessment the victim could not or would not finish. Each is saved
     * and audited like any answer.
     */
    public int markUnansweredNotAsked(String reasonId) {
        int marked = 0;
        for (String id : completeness().unanswered()) {
            QuestionViewModel q = pages.question(id).orElse(null);
            if (q != null && q.takesChoice()) {
                q.notAskedProperty().set(reasonId);
                marked++;
            }
        }
        return marked;
    }

    /** Clears a judgement (the officer agrees with the computed level). */
    public void clearJudgement() {
        judgement.clear();
    }

    // ---- review and submit (SubmitViewModel) ---------------------------------------------------

    void updateReview() {
        if (submission != null) {
            submission.update();
        }
    }

    /** Whether a supplement's unanswered questions are listed for review: offered, unbranched or opened by hand. */
    boolean isListed(String packId) {
        return pages.isListed(packId, content);
    }

    /** The question whose Yes offers a supplementary pack, if one does. */
    Optional<String> offeredBy(String packId) {
        return pages.offeredBy(packId);
    }

    Clock clock() {
        return clock;
    }

    /** False while the pages are still being built (the constructor). */
    boolean hasPages() {
        return pages != null;
    }

    Page pageById(String id) {
        return pages.byId(id);
    }

    /** Grades, freezes and routes the assessment, after every pending save has been written. */
    public void submit() {
        submission.submit();
    }

    public JudgementViewModel judgement() {
        return judgement;
    }

    public SubmitViewModel submission() {
        return submission;
    }

    // ---- properties for the views -------------------------------------------------------------

    public UUID assessmentId() {
        return assessmentId;
    }

    public Channel channel() {
        return content.channel();
    }

    /** The content as the user has given it so far (what the autosaver has been asked to store). */
    public AssessmentContent content() {
        return content;
    }

    /** The force's longest names and free text (IT settings), for the counters and checks. */
    public org.dashdesk.assessment.TextLimits textLimits() {
        return service.textLimits();
    }

    /** The force's collar-number format (IT setting). */
    public org.dashdesk.assessment.CollarNumbers collarNumbers() {
        return service.collarNumbers();
    }

    public IncidentDetailsViewModel details() {
        return details;
    }

    public Autosaver autosaver() {
        return autosaver;
    }

    public List<Page> allPages() {
        return pages.all();
    }

    public ObservableList<Page> visiblePages() {
        return pages.visible();
    }

    public ObjectProperty<Page> currentPageProperty() {
        return currentPage;
    }

    public ReadOnlyObjectProperty<QuestionViewModel> focusedQuestionProperty() {
        return focusedQuestion;
    }

    public Optional<QuestionViewModel> question(String id) {
        return pages.question(id);
    }

    public ReadOnlyObjectProperty<GradingResult> gradingProperty() {
        return grading.getReadOnlyProperty();
    }

    public IntegerBinding yesCountProperty() {
        return yesCount;
    }

    public StringBinding levelLabelProperty() {
        return levelLabel;
    }

    public ObjectProperty<RiskLevel> judgementLevelProperty() {
        return judgement.levelProperty();
    }

    public StringProperty judgementRationaleProperty() {
        return judgement.rationaleProperty();
    }

    public ReadOnlyStringProperty judgementErrorProperty() {
        return judgement.errorProperty();
    }

    /** The levels a judgement may raise the grading to: only those above the computed level. */
    public ObservableList<RiskLevel> raiseOptions() {
        return judgement.raiseOptions();
    }

    public ObservableList<ReferralPromptViewModel> referralPrompts() {
        return referrals.shown();
    }

    public ObservableList<ReviewItem> reviewItems() {
        return submission.reviewItems();
    }

    public boolean isAmendment() {
        return amendment;
    }

    public StringProperty amendmentReasonProperty() {
        return submission.amendmentReasonProperty();
    }

    public BooleanBinding canSubmitProperty() {
        return submission.canSubmitProperty();
    }

    public BooleanProperty submittingProperty() {
        return submission.submittingProperty();
    }

    public ReadOnlyStringProperty submitErrorProperty() {
        return submission.submitErrorProperty();
    }

    public ReadOnlyObjectProperty<SubmitOutcome> submittedProperty() {
        return submission.submittedProperty();
    }
}
