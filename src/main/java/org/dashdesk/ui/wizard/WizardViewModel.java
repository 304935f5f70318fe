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
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
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
import org.dashdesk.grading.Criterion;
import org.dashdesk.grading.GradingPolicy;
import org.dashdesk.grading.GradingResult;
import org.dashdesk.grading.ProfessionalJudgement;
import org.dashdesk.grading.RiskLevel;
import org.dashdesk.instrument.InstrumentPack;
import org.dashdesk.instrument.PackRegistry;
import org.dashdesk.instrument.Question;
import org.dashdesk.instrument.Section;
import org.dashdesk.ui.common.BackgroundTask;
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
    private final ObjectProperty<RiskLevel> judgementLevel = new SimpleObjectProperty<>();
    private final StringProperty judgementRationale = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper judgementError = new ReadOnlyStringWrapper();
    private final ObservableList<RiskLevel> raiseOptions = FXCollections.observableArrayList();
    private boolean judgementDirty;
    private boolean loadingJudgement;

    private final Map<Referral, ReferralPromptViewModel> referralVms = new EnumMap<>(Referral.class);
    private final ObservableList<ReferralPromptViewModel> referralPrompts = FXCollections.observableArrayList();
    private final Set<ReferralPromptViewModel> dirtyReferrals = new HashSet<>();

    private final ObservableList<ReviewItem> reviewItems = FXCollections.observableArrayList();
    private final StringProperty amendmentReason = new SimpleStringProperty("");
    private final BooleanProperty submitting = new SimpleBooleanProperty();
    private final ReadOnlyStringWrapper submitError = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<SubmitOutcome> submitted = new ReadOnlyObjectWrapper<>();
    private final BooleanBinding canSubmit;

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

        buildPages(packs);
        yesCount = Bindings.createIntegerBinding(() -> grading.get() == null ? 0 : grading.get().yesCount(), grading);
        levelLabel = Bindings.createStringBinding(() -> grading.get() == null ? "" : grading.get().level().label(), grading);

        ProfessionalJudgement j = content.judgement();
        if (j != null) {
            judgementLevel.set(j.level());
            judgementRationale.set(j.rationale() == null ? "" : j.rationale());
        }
        judgementLevel.addListener((o, a, b) -> commitJudgement(true));
        judgementRationale.addListener((o, a, b) -> commitJudgement(false));
        for (Referral r : Referral.values()) {
            referralVms.put(r, new ReferralPromptViewModel(r, promptFor(r), content.referrals().get(r), this));
        }
        amendmentReason.addListener((o, a, b) -> updateReview());
        canSubmit = Bindings.createBooleanBinding(
                () -> !submitting.get() && submitted.get() == null && reviewItems.stream().noneMatch(ReviewItem::blocking),
                reviewItems, submitting, submitted);

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
        content = content.withAnswer(a);
        lastResumePoint = q.id();
        autosaver.saveAnswer(a, q.id());
        contentChanged();
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
        if (submitted.get() != null) {
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

    private void commitJudgement(boolean immediately) {
        if (loadingJudgement) {
            return;
        }
        judgementDirty = true;
        updateJudgementError();
        regrade();
        if (immediately) {
            saveJudgement();
        } else {
            typed();
        }
    }

    private void saveJudgement() {
        judgementDirty = false;
        RiskLevel level = judgementLevel.get();
        String rationale = judgementRationale.get() == null ? "" : judgementRationale.get().strip();
        ProfessionalJudgement j = level == null && rationale.isEmpty() ? null : new ProfessionalJudgement(level, rationale);
        if (java.util.Objects.equals(j, content.judgement())) {
            return;
        }
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
        if (judgementDirty) {
            saveJudgement();
        }
        for (ReferralPromptViewModel vm : List.copyOf(dirtyReferrals)) {
            saveReferral(vm);
        }
    }

    private void contentChanged() {
        regrade();
        updateVisiblePages();
        updateRaiseOptions();
        updateJudgementError();
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
    private void regrade() {
        RiskLevel level = judgementLevel.get();
        String rationale = judgementRationale.get() == null ? "" : judgementRationale.get().strip();
        AssessmentContent shown = level == null ? content.withJudgement(null) : content.withJudgement(new ProfessionalJudgement(level, rationale));
        grading.set(service.preview(shown));
    }

    /** How many questions the policy counts for the yes-count (27 for the police DASH). */
    public int countedQuestionCount() {
        return service.engine().policy().countedQuestions().size();
    }

    /**
     * A criterion in words, from the policy that met it: "14+ yes answers (visible high risk)",
     * "3+ police call-outs in 12 months (escalation)", "Repeat MARAC", "Professional judgement",
     * or a force rule's own description.
     */
    public String criterionLabel(String code) {
        GradingPolicy policy = service.engine().policy();
        for (GradingPolicy.Rule r : policy.rules()) {
            if (code.equals(r.criterion()) && r.reason() != null && !r.reason().isBlank()) {
                return r.reason().strip();
            }
        }
        for (GradingPolicy.Band b : policy.bands()) {
            if (code.equals(b.criterion())) {
                return b.minYes() + "+ yes answers (" + (Criterion.VISIBLE_HIGH_RISK.equals(code) ? "visible high risk" : words(code)) + ")";
            }
        }
        if (policy.escalation() != null && code.equals(policy.escalation().criterion())) {
            return policy.escalation().minCallouts() + "+ police call-outs in 12 months (escalation)";
        }
        if (policy.repeatMarac() != null && code.equals(policy.repeatMarac().criterion())) {
            return "Repeat MARAC";
        }
        if (Criterion.PROFESSIONAL_JUDGEMENT.equals(code)) {
            return "Professional judgement";
        }
        return words(code);
    }

    /** The criteria met, in words, joined for one line. */
    public String criteriaInWords(GradingResult g) {
        return String.join("; ", g.criteria().stream().map(this::criterionLabel).toList());
    }

    /** A code the policy gives no words for, made readable: "FORCE_RULE_7" → "Force rule 7". */
    private static String words(String code) {
        String s = code.replace('_', ' ').toLowerCase(java.util.Locale.ROOT).strip();
        return s.isEmpty() ? code : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private RiskLevel computedLevel() {
        return grading.get() == null ? RiskLevel.STANDARD : grading.get().computedLevel();
    }

    private void updateRaiseOptions() {
        List<RiskLevel> above = new ArrayList<>();
        for (RiskLevel l : RiskLevel.values()) {
            if (l.isAbove(computedLevel())) {
                above.add(l);
            }
        }
        if (!above.equals(raiseOptions)) {
            raiseOptions.setAll(above);
        }
    }

    /** The judgement rules: it may only raise the computed level, and needs written reasons. */
    private void updateJudgementError() {
        RiskLevel level = judgementLevel.get();
        String rationale = judgementRationale.get() == null ? "" : judgementRationale.get().strip();
        if (level == null) {
            judgementError.set(rationale.isEmpty() ? null
                    : "Professional judgement: choose the level you raise the grading to, or clear the reasons.");
        } else if (!level.isAbove(computedLevel())) {
            judgementError.set("Professional judgement can only raise the grading: the checklist already gives "
                    + computedLevel().label() + ", so " + level.label() + " would not raise it. Choose a higher level or none.");
        } else if (rationale.isEmpty()) {
            judgementError.set("Professional judgement: write your reasons for raising the grading to " + level.label() + ".");
        } else {
            judgementError.set(null);
        }
        updateReview();
    }

    /** Clears a judgement (the officer agrees with the computed level). */
    public void clearJudgement() {
        loadingJudgement = true;
        try {
            judgementLevel.set(null);
            judgementRationale.set("");
        } finally {
            loadingJudgement = false;
        }
        updateJudgementError();
        saveJudgement();
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

    // ---- review and submit --------------------------------------------------------------------

    private void updateReview() {
        if (currentPage == null || allPages.isEmpty()) {
            return;
        }
        Page people = pageById("people");
        Page gradingPage = pageById("grading");
        Page review = pageById("review");
        List<ReviewItem> items = new ArrayList<>();
        IncidentDetailsViewModel d = details;
        if (d.timeErrorProperty().get() != null) {
            items.add(new ReviewItem(d.timeErrorProperty().get(), people, null, true));
        }
        if (d.calloutsErrorProperty().get() != null) {
            items.add(new ReviewItem(d.calloutsErrorProperty().get(), people, null, true));
        }
        if (content.channel() == Channel.PHONE_IN) {
            if (content.phoneIn() == null || content.phoneIn().attendingOfficerCollar() == null) {
                items.add(new ReviewItem("Phone-in: the attending officer's collar number is required.", people, null, true));
            }
            if (content.phoneIn() == null || content.phoneIn().victimCouldSpeakSafely() == null) {
                items.add(new ReviewItem("Phone-in: whether the victim could speak safely is not recorded.", people, null, false));
            }
        }
        if (content.incident().incidentReference() == null) {
            items.add(new ReviewItem("Incident reference is missing.", people, null, false));
        }
        if (content.incident().occurredAt() == null) {
            items.add(new ReviewItem("Incident date is missing.", people, null, false));
        }
        if (content.people().victimName() == null) {
            items.add(new ReviewItem("Victim's name is missing.", people, null, false));
        }
        if (content.people().abuserNames().isEmpty()) {
            items.add(new ReviewItem("Abuser's name is missing.", people, null, false));
        }
        if (content.people().childrenOrDependants() == null) {
            items.add(new ReviewItem("Whether there are children or dependants is not recorded.", people, null, false));
        }
        for (Page p : visiblePages) {
            reviewPage(p, items);
        }
        if (judgementError.get() != null) {
            items.add(new ReviewItem(judgementError.get(), gradingPage, null, true));
        }
        for (ReferralPromptViewModel r : referralPrompts) {
            String problem = r.problemProperty().get();
            if (problem != null) {
                items.add(new ReviewItem(problem, gradingPage, null, true));
            }
        }
        if (amendment && amendmentReason.get().isBlank()) {
            items.add(new ReviewItem("This amends a submitted assessment: give the reason for the change.", review, null, true));
        }
        // What stops submission comes first, so it is never below the fold of a long list.
        items.sort(java.util.Comparator.comparing(i -> !i.blocking()));
        if (!items.equals(reviewItems)) {
            reviewItems.setAll(items);
        }
    }

    /**
     * One section's lines, in its own order: each names the question by id and by its text (the
     * abuser's name filled in). A supplement's unanswered questions are listed only when it was
     * offered (its branch question is Yes) or opened by hand, and as one line while none of them
     * is answered yet; an officer's free-text field left empty is listed too.
     */
    private void reviewPage(Page p, List<ReviewItem> items) {
        boolean listUnanswered = true;
        if (p.isSupplement()) {
            String pack = p.pack().id();
            boolean offered = isOffered(pack) || !branchTargets.contains(pack);
            listUnanswered = offered || openedByHand.contains(pack);
            boolean noneAnswered = p.questions().stream().filter(QuestionViewModel::takesChoice)
                    .noneMatch(q -> content.answer(q.id()) != null && content.answer(q.id()).choice() != null);
            if (listUnanswered && noneAnswered && !p.questions().isEmpty()) {
                long count = p.questions().stream().filter(QuestionViewModel::takesChoice).count();
                String why = offeredBy(pack).map(q -> "offered because " + q + " is Yes").orElse("opened");
                items.add(new ReviewItem(p.pack().title() + ": " + why + "; none of its " + count + " questions is answered yet.",
                        p, p.questions().get(0).id(), false));
                listUnanswered = false;
            }
        }
        for (QuestionViewModel q : p.questions()) {
            if (q.numberErrorProperty().get() != null) {
                items.add(new ReviewItem(q.numberErrorProperty().get(), p, q.id(), true));
            }
            Answer a = content.answer(q.id());
            if (q.takesChoice() && (a == null || a.choice() == null)) {
                if (listUnanswered) {
                    items.add(new ReviewItem(describe(q) + " — not answered.", p, q.id(), false));
                }
            } else if (a != null && a.choice() == Choice.DONT_KNOW) {
                items.add(new ReviewItem(describe(q) + " — answered Don't know.", p, q.id(), false));
            } else if (q.question().kind() == org.dashdesk.instrument.QuestionKind.FREE_TEXT && !p.isSupplement()
                    && (a == null || a.text() == null)) {
                items.add(new ReviewItem(describe(q) + " — not filled in.", p, q.id(), false));
            }
        }
    }

    /** "Q5: Is (the abuser's name) …?" — the id, and the text as the officer sees it. */
    private static String describe(QuestionViewModel q) {
        return q.id() + ": " + q.displayTextProperty().get();
    }

    /** The question whose Yes offers a supplementary pack, if one does. */
    private Optional<String> offeredBy(String packId) {
        return questionsById.values().stream().filter(q -> packId.equals(q.question().branchIfYes())).map(QuestionViewModel::id).findFirst();
    }

    private Page pageById(String id) {
        return allPages.stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
    }

    /** Grades, freezes and routes the assessment, after every pending save has been written. */
    public void submit() {
        commitPending();
        if (!canSubmit.get()) {
            return;
        }
        submitting.set(true);
        submitError.set(null);
        String reason = amendment ? amendmentReason.get().strip() : null;
        executor.execute(BackgroundTask.of(() -> {
            autosaver.flush();
            Revision r = service.submit(assessmentId, actor, reason);
            AssessmentState state = service.repository().find(assessmentId).map(Assessment::state).orElse(AssessmentState.SUBMITTED);
            return new SubmitOutcome(r, state);
        }).onSuccess(outcome -> {
            submitting.set(false);
            submitted.set(outcome);
        }).onFailure(e -> {
            submitting.set(false);
            submitError.set("Not submitted: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    + ". Everything you entered is still here and saved as a draft; correct it or try again.");
        }));
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
        return judgementLevel;
    }

    public StringProperty judgementRationaleProperty() {
        return judgementRationale;
    }

    public ReadOnlyStringProperty judgementErrorProperty() {
        return judgementError.getReadOnlyProperty();
    }

    /** The levels a judgement may raise the grading to: only those above the computed level. */
    public ObservableList<RiskLevel> raiseOptions() {
        return raiseOptions;
    }

    public ObservableList<ReferralPromptViewModel> referralPrompts() {
        return referralPrompts;
    }

    public ObservableList<ReviewItem> reviewItems() {
        return reviewItems;
    }

    public boolean isAmendment() {
        return amendment;
    }

    public StringProperty amendmentReasonProperty() {
        return amendmentReason;
    }

    public BooleanBinding canSubmitProperty() {
        return canSubmit;
    }

    public BooleanProperty submittingProperty() {
        return submitting;
    }

    public ReadOnlyStringProperty submitErrorProperty() {
        return submitError.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<SubmitOutcome> submittedProperty() {
        return submitted.getReadOnlyProperty();
    }
}
