package org.dashdesk.assessment;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.dashdesk.grading.GradingEngine;
import org.dashdesk.grading.GradingResult;
import org.dashdesk.instrument.InstrumentPack;

/**
 * The assessment use cases that span grading and storage: start a draft, grade live, submit
 * (grade, freeze a revision, route it), reopen a returned assessment.
 */
public final class AssessmentService {

    private final AssessmentRepository repository;
    private final AnswerValidator answers;
    private final GradingEngine engine;
    private final InstrumentPack mainPack;
    private final Clock clock;

    public AssessmentService(AssessmentRepository repository, GradingEngine engine, InstrumentPack mainPack, Clock clock) {
        this.answers = new AnswerValidator(engine.questions(), engine.policy().notAskedReasons().stream()
                .map(org.dashdesk.grading.GradingPolicy.NotAskedReason::id).collect(java.util.stream.Collectors.toSet()));
        this.repository = new AnswerCheckingRepository(repository, answers);
        this.engine = engine;
        this.mainPack = mainPack;
        this.clock = clock;
    }

    private volatile TextLimits textLimits = TextLimits.DEFAULT;
    private volatile CollarNumbers collarNumbers = CollarNumbers.DEFAULT;

    /** The force's limits on text and its collar-number format (IT settings), for the checks below and the screens. */
    public void useForceRules(TextLimits limits, CollarNumbers collars) {
        this.textLimits = java.util.Objects.requireNonNull(limits);
        this.collarNumbers = java.util.Objects.requireNonNull(collars);
    }

    public TextLimits textLimits() {
        return textLimits;
    }

    public CollarNumbers collarNumbers() {
        return collarNumbers;
    }

    /**
     * The store, checking each answer against its question before it is saved
     * ({@link InvalidAnswerException} naming the question otherwise).
     */
    public AssessmentRepository repository() {
        return repository;
    }

    public GradingEngine engine() {
        return engine;
    }

    public InstrumentPack mainPack() {
        return mainPack;
    }

    public Assessment startDraft(Channel channel, Officer officer, PhoneIn phoneIn, String actor) {
        return repository.createDraft(AssessmentContent.start(mainPack.id(), mainPack.version(), channel, officer, phoneIn), actor);
    }

    /**
     * Grades content as it stands. A judgement the engine would refuse (blank rationale, below the
     * computed level) is left out here so the live panel still shows the computed grading; the
     * refusal is enforced at submit.
     */
    public GradingResult preview(AssessmentContent content) {
        try {
            return engine.grade(content.gradingInput());
        } catch (org.dashdesk.grading.GradingException e) {
            if (content.judgement() == null) {
                throw e;
            }
            return engine.grade(content.withJudgement(null).gradingInput());
        }
    }

    /**
     * Grades the draft, freezes it as an immutable revision and routes it: standard to the
     * supervisor's sign-off queue, medium and high to referral.
     *
     * @param reason why this revision was made; required when it amends an earlier one
     * @throws org.dashdesk.grading.GradingException when the judgement is invalid
     * @throws InvalidAnswerException                when an answer does not fit its question (one
     *                                               stored before answers were checked)
     * @throws IncompleteAssessmentException         when a counted question is unanswered, or the
     *                                               grading is Standard with questions not asked and
     *                                               no professional judgement
     * @throws IllegalTransitionException            when the assessment is not a draft
     */
    public Revision submit(UUID assessmentId, String actor, String reason) {
        Assessment a = repository.find(assessmentId)
                .orElseThrow(() -> new IllegalArgumentException("no assessment " + assessmentId));
        // An answer that does not fit its question is the first thing to say, before what is missing.
        answers.checkAll(a.content());
        Completeness completeness = completeness(a.content());
        String problem = completeness.problem(engine.grade(a.content().gradingInput()), a.content());
        if (problem == null && !a.content().people().victimAccountedFor()) {
            problem = "the victim's name is required: enter it, or say why it is not known";
        }
        if (problem == null) {
            problem = formProblem(a.content());
        }
        if (problem != null) {
            throw new IncompleteAssessmentException(problem);
        }
        return submit(a, actor, reason);
    }

    /**
     * Text longer than the force keeps, or an attending officer's collar number not in the force's
     * format; null when there is neither. A pasted page is refused whole, never cut.
     */
    public String formProblem(AssessmentContent content) {
        List<String> tooLong = textLimits.problems(content);
        if (!tooLong.isEmpty()) {
            return "text too long: " + String.join("; ", tooLong);
        }
        String people = peopleProblem(content.people(), clock.instant().atZone(java.time.ZoneId.systemDefault()).toLocalDate());
        if (people != null) {
            return people;
        }
        String history = HistoryCheck.problem(content.incident());
        if (history != null) {
            return history;
        }
        return content.phoneIn() == null ? null : collarNumbers.check(content.phoneIn().attendingOfficerCollar());
    }

    /**
     * A detail that links assessments (issue 12) that cannot be right, in words; null when there is
     * none. The central server refuses the same, so the desk holds it back before sending.
     */
    public static String peopleProblem(People people, java.time.LocalDate today) {
        if (people.victimDetails() != null) {
            for (PersonDetails.Problem p : people.victimDetails().problems(today)) {
                return "the victim's details: " + p.message();
            }
        }
        for (java.util.Map.Entry<String, PersonDetails> e : people.abuserDetails().entrySet()) {
            for (PersonDetails.Problem p : e.getValue().problems(today)) {
                return "the abuser's details: " + p.message();
            }
        }
        for (Dependant d : people.dependants()) {
            java.util.Optional<String> problem = d.problem(today);
            if (problem.isPresent()) {
                return "children and dependants: " + problem.get();
            }
        }
        return null;
    }

    /**
     * How complete the counted questions of this content are, by the policy in force. Questions of
     * a section the pack skips when there are no children (the officer said so) do not apply.
     */
    public Completeness completeness(AssessmentContent content) {
        java.util.Set<String> skipped = new java.util.HashSet<>();
        if (Boolean.FALSE.equals(content.people().childrenOrDependants())) {
            mainPack.sections().stream().filter(org.dashdesk.instrument.Section::skipWhenNoChildren)
                    .forEach(s -> s.questions().forEach(q -> skipped.add(q.id())));
        }
        return Completeness.of(content, engine.policy().countedQuestions().stream().filter(id -> !skipped.contains(id)).toList());
    }

    /**
     * A sheet taken elsewhere (the {@code import} command): stored as a draft submitted at once
     * would be, without reading back what was just written. Completeness is not enforced here: a
     * sheet migrated from paper is recorded as it was taken, and its unanswered questions show on
     * the sign-off and review screens as they do for any other case.
     */
    public Revision submitNew(AssessmentContent content, String actor) {
        answers.checkAll(content);
        GradingResult grading = engine.grade(content.gradingInput());
        Revision revision = Revision.freeze(TimeOrderedIds.next(), TimeOrderedIds.next(), null, 1, null, clock.instant(), actor,
                content, grading);
        AssessmentState routed = Lifecycle.next(Lifecycle.next(AssessmentState.DRAFT, LifecycleEvent.SUBMIT),
                Lifecycle.routeFor(grading.level()));
        repository.createSubmitted(revision, routed, actor);
        return revision;
    }

    private Revision submit(Assessment a, String actor, String reason) {
        UUID assessmentId = a.id();
        AssessmentState submitted = Lifecycle.next(a.state(), LifecycleEvent.SUBMIT);
        if (a.headRevisionId() != null && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("a new revision needs a reason for the change");
        }
        answers.checkAll(a.content());
        GradingResult grading = engine.grade(a.content().gradingInput());
        Revision revision = Revision.freeze(assessmentId, TimeOrderedIds.next(), a.headRevisionId(), a.revisionCount() + 1,
                a.headRevisionId() == null ? null : reason, clock.instant(), actor, a.content(), grading);
        AssessmentState routed = Lifecycle.next(submitted, Lifecycle.routeFor(grading.level()));
        repository.recordSubmission(revision, routed, actor);
        return revision;
    }

    public Assessment reopen(UUID assessmentId, String actor) {
        return repository.transition(assessmentId, LifecycleEvent.REOPEN, actor, "reopened for amendment");
    }
}
