package org.dashdesk.ui.wizard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
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
import org.dashdesk.assessment.Completeness;
import org.dashdesk.assessment.Revision;
import org.dashdesk.grading.Choice;
import org.dashdesk.grading.GradingResult;
import org.dashdesk.instrument.QuestionKind;
import org.dashdesk.ui.common.BackgroundTask;
import org.dashdesk.ui.common.TaskExecutor;

/**
 * The review page and submitting: what is missing or wrong (blocking first), the reason for an
 * amendment, and the submission itself, which runs after every pending save.
 */
public final class SubmitViewModel {

    private final WizardViewModel wizard;
    private final AssessmentService service;
    private final TaskExecutor executor;
    private final String actor;
    private final boolean amendment;
    private final ObservableList<ReviewItem> reviewItems = FXCollections.observableArrayList();
    private final StringProperty amendmentReason = new SimpleStringProperty("");
    private final BooleanProperty submitting = new SimpleBooleanProperty();
    private final ReadOnlyStringWrapper submitError = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<WizardViewModel.SubmitOutcome> submitted = new ReadOnlyObjectWrapper<>();
    private final BooleanBinding canSubmit;
    private final ReadOnlyIntegerWrapper unanswered = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper notAsked = new ReadOnlyIntegerWrapper();

    SubmitViewModel(WizardViewModel wizard, AssessmentService service, TaskExecutor executor, String actor, boolean amendment) {
        this.wizard = wizard;
        this.service = service;
        this.executor = executor;
        this.actor = actor;
        this.amendment = amendment;
        amendmentReason.addListener((o, a, b) -> update());
        canSubmit = Bindings.createBooleanBinding(
                () -> !submitting.get() && submitted.get() == null && reviewItems.stream().noneMatch(ReviewItem::blocking),
                reviewItems, submitting, submitted);
    }

    void update() {
        if (!wizard.hasPages()) {
            return;
        }
        AssessmentContent content = wizard.content();
        Page people = wizard.pageById("people");
        Page gradingPage = wizard.pageById("grading");
        Page review = wizard.pageById("review");
        List<ReviewItem> items = new ArrayList<>();
        IncidentDetailsViewModel d = wizard.details();
        if (d.timeErrorProperty().get() != null) {
            items.add(new ReviewItem(d.timeErrorProperty().get(), people, null, true));
        }
        for (String blocking : new String[] {d.dateErrorProperty().get(), d.lengthErrorProperty().get(),
                d.victimDetails().problemProperty().get(), d.abuserDetails().problemProperty().get()}) {
            if (blocking != null) {
                items.add(new ReviewItem(blocking, people, null, true));
            }
        }
        if (d.dateWarningProperty().get() != null) {
            items.add(new ReviewItem(d.dateWarningProperty().get(), people, null, false));
        }
        if (d.calloutsErrorProperty().get() != null) {
            items.add(new ReviewItem(d.calloutsErrorProperty().get(), people, null, true));
        }
        if (d.history().lowerProblemProperty().get() != null) {
            items.add(new ReviewItem(d.history().lowerProblemProperty().get(), people, null, true));
        }
        org.dashdesk.assessment.HistoryCheck checked = content.incident().history();
        if (checked != null && !checked.checked() && checked.outcome() != org.dashdesk.assessment.HistoryCheck.Outcome.NOT_CHECKED_TOO_LITTLE) {
            items.add(new ReviewItem("History not checked (" + (checked.outcome() == org.dashdesk.assessment.HistoryCheck.Outcome
                    .NOT_CHECKED_OFFLINE ? "offline" : "no answer yet") + "): the central server checks it when this is sent, and"
                    + " flags anything it finds to CRU and your supervisor.", people, null, false));
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
        if (!content.people().victimAccountedFor()) {
            items.add(new ReviewItem("Victim's name is required: enter it, or say why it is not known.", people, null, true));
        }
        if (content.people().abuserNames().isEmpty()) {
            items.add(new ReviewItem("Abuser's name is missing.", people, null, false));
        }
        if (content.people().childrenOrDependants() == null) {
            items.add(new ReviewItem("Whether there are children or dependants is not recorded.", people, null, false));
        }
        Completeness completeness = wizard.completeness();
        for (Page p : wizard.visiblePages()) {
            reviewPage(p, content, completeness, items);
        }
        GradingResult grading = wizard.gradingProperty().get();
        if (grading != null && completeness.isComplete() && completeness.needsJudgement(grading, content)) {
            items.add(new ReviewItem(completeness.problem(grading, content) + ".", gradingPage, null, true));
        }
        unanswered.set(completeness.unanswered().size());
        notAsked.set(completeness.notAsked().size());
        String judgementError = wizard.judgement().errorProperty().get();
        if (judgementError != null) {
            items.add(new ReviewItem(judgementError, gradingPage, null, true));
        }
        for (ReferralPromptViewModel r : wizard.referralPrompts()) {
            String problem = r.problemProperty().get();
            if (problem != null) {
                items.add(new ReviewItem(problem, gradingPage, null, true));
            }
        }
        // Text longer than the force keeps is refused whole (issue 11); the people page says its own live.
        for (org.dashdesk.assessment.TextLimits.TooLong t : wizard.textLimits().tooLong(content)) {
            switch (t.place()) {
                case QUESTION -> items.add(new ReviewItem(t.words() + ".", pageOf(t.questionId(), people), t.questionId(), true));
                case GRADING -> items.add(new ReviewItem(t.words() + ".", gradingPage, null, true));
                case DETAILS -> {
                    if (d.lengthErrorProperty().get() == null) {
                        items.add(new ReviewItem(t.words() + ".", people, null, true));
                    }
                }
            }
        }
        if (amendment && amendmentReason.get().length() > wizard.textLimits().text()) {
            items.add(new ReviewItem(String.format(java.util.Locale.UK, "Reason for this amendment: %,d characters, at most %,d.",
                    amendmentReason.get().length(), wizard.textLimits().text()), review, null, true));
        }
        if (amendment && amendmentReason.get().isBlank()) {
            items.add(new ReviewItem("This amends a submitted assessment: give the reason for the change.", review, null, true));
        }
        // What stops submission comes first, so it is never below the fold of a long list.
        items.sort(Comparator.comparing(i -> !i.blocking()));
        if (!items.equals(reviewItems)) {
            reviewItems.setAll(items);
        }
    }

    /** The visible page that holds {@code questionId}, or {@code fallback}. */
    private Page pageOf(String questionId, Page fallback) {
        return wizard.visiblePages().stream().filter(p -> p.questions().stream().anyMatch(q -> q.id().equals(questionId)))
                .findFirst().orElse(fallback);
    }

    /**
     * One section's lines, in its own order: each names the question by id and by its text (the
     * abuser's name filled in). A supplement's unanswered questions are listed only when it was
     * offered (its branch question is Yes) or opened by hand, and as one line while none of them
     * is answered yet; an officer's free-text field left empty is listed too.
     */
    private void reviewPage(Page p, AssessmentContent content, Completeness completeness, List<ReviewItem> items) {
        boolean listUnanswered = true;
        if (p.isSupplement()) {
            String pack = p.pack().id();
            listUnanswered = wizard.isListed(pack);
            boolean noneAnswered = p.questions().stream().filter(QuestionViewModel::takesChoice)
                    .noneMatch(q -> content.answer(q.id()) != null && content.answer(q.id()).choice() != null);
            if (listUnanswered && noneAnswered && !p.questions().isEmpty()) {
                long count = p.questions().stream().filter(QuestionViewModel::takesChoice).count();
                String why = wizard.offeredBy(pack).map(q -> "offered because " + q + " is Yes").orElse("opened");
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
            if (a != null && a.notAsked() != null) {
                items.add(new ReviewItem(describe(q) + " — not asked: " + wizard.notAskedLabel(a.notAsked()) + ".", p, q.id(), false));
            } else if (completeness.unanswered().contains(q.id())) {
                // A counted question decides the grade: it is answered or marked not asked, never skipped.
                items.add(new ReviewItem(describe(q) + " — not answered: answer it, or mark it not asked with the reason.", p, q.id(),
                        true));
            } else if (q.takesChoice() && (a == null || a.choice() == null)) {
                if (listUnanswered) {
                    items.add(new ReviewItem(describe(q) + " — not answered.", p, q.id(), false));
                }
            } else if (a != null && a.choice() == Choice.DONT_KNOW) {
                items.add(new ReviewItem(describe(q) + " — answered Don't know.", p, q.id(), false));
            } else if (q.question().kind() == QuestionKind.FREE_TEXT && !p.isSupplement() && (a == null || a.text() == null)) {
                items.add(new ReviewItem(describe(q) + " — not filled in.", p, q.id(), false));
            }
        }
    }

    /** "Q5: Is (the abuser's name) …?" — the id, and the text as the officer sees it. */
    private static String describe(QuestionViewModel q) {
        return q.id() + ": " + q.displayTextProperty().get();
    }

    /** Grades, freezes and routes the assessment, after every pending save has been written. */
    public void submit() {
        wizard.commitPending();
        if (!canSubmit.get()) {
            return;
        }
        submitting.set(true);
        submitError.set(null);
        String reason = amendment ? amendmentReason.get().strip() : null;
        var id = wizard.assessmentId();
        var autosaver = wizard.autosaver();
        executor.execute(BackgroundTask.of(() -> {
            autosaver.flush();
            Revision r = service.submit(id, actor, reason);
            AssessmentState state = service.repository().find(id).map(Assessment::state).orElse(AssessmentState.SUBMITTED);
            return new WizardViewModel.SubmitOutcome(r, state);
        }).onSuccess(outcome -> {
            submitting.set(false);
            submitted.set(outcome);
        }).onFailure(e -> {
            submitting.set(false);
            submitError.set("Not submitted: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    + ". Everything you entered is still here and saved as a draft; correct it or try again.");
        }));
    }

    /** How many counted questions are neither answered nor marked not asked. */
    public ReadOnlyIntegerProperty unansweredProperty() {
        return unanswered.getReadOnlyProperty();
    }

    /** How many counted questions are marked not asked. */
    public ReadOnlyIntegerProperty notAskedProperty() {
        return notAsked.getReadOnlyProperty();
    }

    public ObservableList<ReviewItem> reviewItems() {
        return reviewItems;
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

    public ReadOnlyObjectProperty<WizardViewModel.SubmitOutcome> submittedProperty() {
        return submitted.getReadOnlyProperty();
    }
}
