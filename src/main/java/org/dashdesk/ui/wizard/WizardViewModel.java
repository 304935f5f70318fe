package org.dashdesk.ui.wizard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.dashdesk.assessment.Answer;
import org.dashdesk.assessment.Assessment;
import org.dashdesk.assessment.AssessmentContent;
import org.dashdesk.assessment.AssessmentService;
import org.dashdesk.assessment.AssessmentState;
import org.dashdesk.assessment.Channel;
import org.dashdesk.assessment.Officer;
import org.dashdesk.assessment.Referral;
import org.dashdesk.assessment.Revision;
import org.dashdesk.grading.Choice;
import org.dashdesk.grading.GradingResult;
import org.dashdesk.grading.ProfessionalJudgement;
import org.dashdesk.grading.RiskLevel;
import org.dashdesk.instrument.InstrumentPack;
import org.dashdesk.instrument.PackRegistry;
import org.dashdesk.instrument.Question;
import org.dashdesk.instrument.Section;
import org.dashdesk.ui.common.TaskExecutor;

/**
 * The state and commands of one assessment being completed. All methods run on the FX thread;
 * storage happens through the {@link Autosaver} and the executor, never here.
 */
public final class WizardViewModel {

    /** The officer's section id in the DASH pack; supplementary pages go before it. */
    static final String OFFICER_SECTION = "officer";

    private final AssessmentService service;
    private final TaskExecutor executor;
    private final Clock clock;

    /**
     * Typed text is saved this long after typing stops, as well as when focus moves: a narrative
     * typed just before a crash or a flat battery must not wait for a focus change that never
     * comes. Long enough that a word typed in bursts is one save and one audit entry, not one per
     * keystroke.
     */
    static final Duration TYPING_PAUSE = Duration.ofMillis(1500);
    /** A re-armed pause timer never waits less than this, so a burst cannot spin the timer. */
    private static final Duration SHORTEST_WAIT = Duration.ofMillis(100);
    private long keystrokes;
    private long keystrokesWhenArmed;
    private Instant lastKeystroke;
    private boolean pauseTimerArmed;
    private final UUID assessmentId;
    private final String actor;
    private final boolean amendment;
    private final Autosaver autosaver;
    private AssessmentContent content;

    private final IncidentDetailsViewModel details;
    private final List<Page> allPages = new ArrayList<>();
    private final Map<String, QuestionViewModel> questionsById = new LinkedHashMap<>();
    private final Map<String, Page> pageOfQuestion = new LinkedHashMap<>();
    private final Set<String> openedByHand = new HashSet<>();
    private final Set<String> branchTargets = new HashSet<>();
    private final ObservableList<Page> visiblePages = FXCollections.observableArrayList();
    private final ObjectProperty<Page> currentPage = new SimpleObjectProperty<>();
    private final ObjectProperty<QuestionViewModel> focusedQuestion = new SimpleObjectProperty<>();
    private String lastResumePoint;

    private final ReadOnlyObjectWrapper<GradingResult> grading = new ReadOnlyObjectWrapper<>();
    private final IntegerBinding yesCount;
    private final StringBinding levelLabel;
    private final JudgementViewModel judgement;

    private final Map<Referral, ReferralPromptViewModel> referralVms = new EnumMap<>(Referral.class);
    private final ObservableList<ReferralPromptViewModel> referralPrompts = FXCollections.observableArrayList();
    private final Set<ReferralPromptViewModel> dirtyReferrals = new HashSet<>();

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
        this.details = new IncidentDetailsViewModel(this, content, user);

        this.submission = new SubmitViewModel(this, service, executor, actor, amendment);
        this.judgement = new JudgementViewModel(this, service.engine().policy(), content.judgement());
        buildPages(packs);
        yesCount = Bindings.createIntegerBinding(() -> grading.get() == null ? 0 : grading.get().yesCount(), grading);
        levelLabel = Bindings.createStringBinding(() -> grading.get() == null ? "" : grading.get().level().label(), grading);

        for (Referral r : Referral.values()) {
            referralVms.put(r, new ReferralPromptViewModel(r, promptFor(r), content.referrals().get(r), this));
        }
        contentChanged();
        resume(assessment.resumeQuestionId());
    }

    private void buildPages(PackRegistry packs) {
        InstrumentPack main = packs.require(content.packId());
        allPages.add(new Page(Page.Kind.PEOPLE, "people", "Incident and people", null, null, List.of()));
        List<InstrumentPack> supplements = packs.assessmentPacks(main.id()).stream().filter(p -> !p.isMain()).toList();
        main.questions().stream().filter(q -> q.branchIfYes() != null).forEach(q -> branchTargets.add(q.branchIfYes()));
        boolean supplementsAdded = false;
        for (Section s : main.sections()) {
            if (!supplementsAdded && OFFICER_SECTION.equals(s.id())) {
                supplements.forEach(p -> p.sections().forEach(ps -> allPages.add(sectionPage(p, ps))));
                supplementsAdded = true;
            }
            allPages.add(sectionPage(main, s));
        }
        if (!supplementsAdded) {
            supplements.forEach(p -> p.sections().forEach(ps -> allPages.add(sectionPage(p, ps))));
        }
        allPages.add(new Page(Page.Kind.GRADING, "grading", "Grading and referrals", null, null, List.of()));
        allPages.add(new Page(Page.Kind.REVIEW, "review", "Review and submit", null, null, List.of()));
    }

    private Page sectionPage(InstrumentPack pack, Section section) {
        List<QuestionViewModel> qs = new ArrayList<>();
        for (Question q : section.questions()) {
            QuestionViewModel vm = new QuestionViewModel(q, pack.id(), this, details.abuserDisplayNameProperty());
            vm.load(content.answer(q.id()));
            qs.add(vm);
            questionsById.put(q.id(), vm);
        }
        Page page = new Page(Page.Kind.SECTION, pack.id() + "/" + section.id(), section.title(), pack, section, qs);
        qs.forEach(q -> pageOfQuestion.put(q.id(), page));
        return page;
    }

    private void resume(String resumeId) {
        Page page = null;
        QuestionViewModel question = null;
        if (resumeId != null && resumeId.startsWith("page:")) {
            page = allPages.stream().filter(p -> p.resumeMarker().equals(resumeId)).findFirst().orElse(null);
        } else if (resumeId != null) {
            question = questionsById.get(resumeId);
            page = pageOfQuestion.get(resumeId);
        }
        if (page == null || !visiblePages.contains(page)) {
            page = visiblePages.get(0);
            question = null;
        }
        lastResumePoint = resumeId;
        currentPage.set(page);
        focusedQuestion.set(question != null ? question : firstQuestion(page));
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

    // ---- a changed answer is shown and can be undone ----------------------------------------------

    /** The last answer changed from one choice to another, for Ctrl+Z. */
    private record Change(QuestionViewModel question, Choice before, Choice after) {
    }

    private Change lastChange;
    private boolean undoing;
    private final ReadOnlyStringWrapper lastChangeText = new ReadOnlyStringWrapper("");

    /** A first answer is not a change; Yes → No is, and says so: "Q17 changed: Yes → No". */
    private void noteChange(QuestionViewModel q, Choice before, Choice after) {
        if (undoing) {
            return;
        }
        if (before != null && after != null && before != after) {
            lastChange = new Change(q, before, after);
            lastChangeText.set(q.id() + " changed: " + before.label() + " → " + after.label() + " (Ctrl+Z undoes it)");
        }
    }

    /** Puts the last changed answer back as it was; false when there is nothing to undo. */
    public boolean undoLastChange() {
        Change c = lastChange;
        if (c == null || c.question().choiceProperty().get() != c.after()) {
            return false;
        }
        lastChange = null;
        undoing = true;
        try {
            c.question().choiceProperty().set(c.before());
        } finally {
            undoing = false;
        }
        lastChangeText.set(c.question().id() + " back to " + c.before().label() + " (undone)");
        focusQuestion(c.question());
        return true;
    }

    /** "Q17 changed: Yes → No (Ctrl+Z undoes it)", or empty when the last answer given was a first answer. */
    public ReadOnlyStringProperty lastChangeProperty() {
        return lastChangeText.getReadOnlyProperty();
    }

    void detailsEdited() {
        typed();
    }

    /**
     * A keystroke in any text field: saved when the user moves on, or {@link #TYPING_PAUSE} after
     * the last keystroke. One timer at a time, re-armed when it finds typing went on; the save
     * itself goes through the autosaver, so the database is never written on the FX thread.
     */
    void typed() {
        keystrokes++;
        lastKeystroke = clock.instant();
        if (!pauseTimerArmed) {
            armPauseTimer(TYPING_PAUSE);
        }
    }

    private void armPauseTimer(Duration wait) {
        pauseTimerArmed = true;
        keystrokesWhenArmed = keystrokes;
        executor.schedule(wait, this::typingPaused);
    }

    private void typingPaused() {
        pauseTimerArmed = false;
        if (submission.submittedProperty().get() != null) {
            return;
        }
        if (keystrokes != keystrokesWhenArmed) {
            // Still typing: wait for the rest of the pause after the latest keystroke. A clock that
            // does not move (tests) gives a whole pause, so the timer still ends once typing stops.
            Duration left = TYPING_PAUSE.minus(Duration.between(lastKeystroke, clock.instant()));
            armPauseTimer(left.compareTo(SHORTEST_WAIT) < 0 ? SHORTEST_WAIT : left.compareTo(TYPING_PAUSE) > 0 ? TYPING_PAUSE : left);
            return;
        }
        commitPending();
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
            dirtyReferrals.add(vm);
            updateReview();
            typed();
            return;
        }
        saveReferral(vm);
    }

    private void saveReferral(ReferralPromptViewModel vm) {
        dirtyReferrals.remove(vm);
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
        for (QuestionViewModel q : questionsById.values()) {
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
        for (ReferralPromptViewModel vm : List.copyOf(dirtyReferrals)) {
            saveReferral(vm);
        }
    }

    private void contentChanged() {
        regrade();
        updateVisiblePages();
        judgement.updateRaiseOptions();
        judgement.updateError();
        updateReferralPrompts();
        updateReview();
    }

    // ---- branching ----------------------------------------------------------------------------

    private void updateVisiblePages() {
        List<Page> visible = new ArrayList<>();
        for (Page p : allPages) {
            if (isVisible(p)) {
                visible.add(p);
            }
        }
        if (!visible.equals(visiblePages)) {
            visiblePages.setAll(visible);
        }
        Page current = currentPage.get();
        if (current != null && !visiblePages.contains(current)) {
            int i = allPages.indexOf(current);
            Page fallback = visiblePages.get(0);
            for (Page p : visiblePages) {
                if (allPages.indexOf(p) < i) {
                    fallback = p;
                }
            }
            currentPage.set(fallback);
        }
    }

    private boolean isVisible(Page p) {
        if (p.kind() != Page.Kind.SECTION) {
            return true;
        }
        if (p.section().skipWhenNoChildren() && Boolean.FALSE.equals(content.people().childrenOrDependants())) {
            return false;
        }
        if (!p.isSupplement() || !branchTargets.contains(p.pack().id())) {
            return true;
        }
        return isOffered(p.pack().id()) || openedByHand.contains(p.pack().id())
                || p.questions().stream().anyMatch(q -> content.answer(q.id()) != null);
    }

    /** Whether a branch question leading to this pack is answered Yes. */
    public boolean isOffered(String packId) {
        return questionsById.values().stream()
                .anyMatch(q -> packId.equals(q.question().branchIfYes()) && content.answer(q.id()) != null
                        && content.answer(q.id()).choice() == Choice.YES);
    }

    /** Supplementary packs that could be opened by hand (not shown yet). */
    public List<Page> hiddenSupplementPages() {
        return allPages.stream().filter(p -> p.isSupplement() && !visiblePages.contains(p)).toList();
    }

    /** Opens a supplementary pack's page even though its branch question was not answered Yes. */
    public void openSupplement(Page page) {
        openedByHand.add(page.pack().id());
        updateVisiblePages();
        // Its questions are now asked for on the review page.
        updateReview();
        goTo(page);
    }

    // ---- navigation ---------------------------------------------------------------------------

    public void next() {
        int i = visiblePages.indexOf(currentPage.get());
        if (i + 1 < visiblePages.size()) {
            goTo(visiblePages.get(i + 1));
        }
    }

    public void previous() {
        int i = visiblePages.indexOf(currentPage.get());
        if (i > 0) {
            goTo(visiblePages.get(i - 1));
        }
    }

    public void goTo(Page page) {
        commitPending();
        if (!visiblePages.contains(page)) {
            return;
        }
        currentPage.set(page);
        QuestionViewModel first = firstQuestion(page);
        focusedQuestion.set(first);
        rememberPosition(first == null ? page.resumeMarker() : first.id());
    }

    public void goTo(ReviewItem item) {
        goTo(item.page());
        if (item.questionId() != null && questionsById.containsKey(item.questionId())) {
            focusQuestion(questionsById.get(item.questionId()));
        }
    }

    /** The view reports where focus is, so a restart can reopen at the same question. */
    public void focusQuestion(QuestionViewModel q) {
        if (q == null) {
            return;
        }
        Page page = pageOfQuestion.get(q.id());
        if (page != currentPage.get() && visiblePages.contains(page)) {
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
        nextQuestion(q).ifPresentOrElse(this::focusQuestion, () -> {
            int i = visiblePages.indexOf(pageOfQuestion.get(q.id()));
            if (i + 1 < visiblePages.size()) {
                goTo(visiblePages.get(i + 1));
            }
        });
    }

    /** The next question after q, following the pages as they are now visible. */
    public Optional<QuestionViewModel> nextQuestion(QuestionViewModel q) {
        List<QuestionViewModel> order = visibleQuestions();
        int i = order.indexOf(q);
        return i >= 0 && i + 1 < order.size() ? Optional.of(order.get(i + 1)) : Optional.empty();
    }

    public Optional<QuestionViewModel> previousQuestion(QuestionViewModel q) {
        List<QuestionViewModel> order = visibleQuestions();
        int i = order.indexOf(q);
        return i > 0 ? Optional.of(order.get(i - 1)) : Optional.empty();
    }

    private List<QuestionViewModel> visibleQuestions() {
        List<QuestionViewModel> all = new ArrayList<>();
        visiblePages.forEach(p -> all.addAll(p.questions()));
        return all;
    }

    private static QuestionViewModel firstQuestion(Page page) {
        return page.questions().isEmpty() ? null : page.questions().get(0);
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

    /** Clears a judgement (the officer agrees with the computed level). */
    public void clearJudgement() {
        judgement.clear();
    }

    private String promptFor(Referral r) {
        return switch (r) {
            case MARAC -> "The grading is high (or a MARAC criterion is met): refer to MARAC.";
            case IDVA -> "High risk: refer the victim to an IDVA (independent domestic violence adviser).";
            case CHILDRENS_SERVICES -> "Children or dependants are involved: notify children's services.";
            case DVPN -> "Consider a DVPN if the suspect has been violent or has threatened violence.";
        };
    }

    private void updateReferralPrompts() {
        GradingResult g = grading.get();
        List<ReferralPromptViewModel> wanted = new ArrayList<>();
        if (g != null && g.maracReferral()) {
            wanted.add(referralVms.get(Referral.MARAC));
        }
        if (g != null && g.level() == RiskLevel.HIGH) {
            wanted.add(referralVms.get(Referral.IDVA));
        }
        if (Boolean.TRUE.equals(content.people().childrenOrDependants())) {
            wanted.add(referralVms.get(Referral.CHILDRENS_SERVICES));
        }
        wanted.add(referralVms.get(Referral.DVPN));
        if (!wanted.equals(referralPrompts)) {
            referralPrompts.setAll(wanted);
        }
    }

    // ---- review and submit (SubmitViewModel) ---------------------------------------------------

    void updateReview() {
        if (submission != null) {
            submission.update();
        }
    }

    /** Whether a supplement's unanswered questions are listed for review: offered, unbranched or opened by hand. */
    boolean isListed(String packId) {
        return isOffered(packId) || !branchTargets.contains(packId) || openedByHand.contains(packId);
    }

    /** The question whose Yes offers a supplementary pack, if one does. */
    Optional<String> offeredBy(String packId) {
        return questionsById.values().stream().filter(q -> packId.equals(q.question().branchIfYes())).map(QuestionViewModel::id).findFirst();
    }

    Clock clock() {
        return clock;
    }

    /** False while the pages are still being built (the constructor). */
    boolean hasPages() {
        return !allPages.isEmpty();
    }

    Page pageById(String id) {
        return allPages.stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
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

    public IncidentDetailsViewModel details() {
        return details;
    }

    public Autosaver autosaver() {
        return autosaver;
    }

    public List<Page> allPages() {
        return List.copyOf(allPages);
    }

    public ObservableList<Page> visiblePages() {
        return visiblePages;
    }

    public ObjectProperty<Page> currentPageProperty() {
        return currentPage;
    }

    public ReadOnlyObjectProperty<QuestionViewModel> focusedQuestionProperty() {
        return focusedQuestion;
    }

    public Optional<QuestionViewModel> question(String id) {
        return Optional.ofNullable(questionsById.get(id));
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
        return referralPrompts;
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
