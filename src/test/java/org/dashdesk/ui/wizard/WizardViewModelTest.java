package org.dashdesk.ui.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.dashdesk.assessment.Assessment;
import org.dashdesk.assessment.AssessmentService;
import org.dashdesk.assessment.AssessmentState;
import org.dashdesk.assessment.Channel;
import org.dashdesk.assessment.Officer;
import org.dashdesk.assessment.PhoneIn;
import org.dashdesk.assessment.Referral;
import org.dashdesk.grading.Choice;
import org.dashdesk.grading.GradingEngine;
import org.dashdesk.grading.GradingPolicy;
import org.dashdesk.grading.RiskLevel;
import org.dashdesk.instrument.PackRegistry;
import org.dashdesk.ui.common.CurrentThreadTaskExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WizardViewModelTest {

    private static final Officer USER = new Officer("4471", "PC Test Example");
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T02:14:05Z"), ZoneOffset.UTC);
    private final PackRegistry packs = PackRegistry.builtIn();
    private InMemoryRepository repo;
    private AssessmentService service;
    private CurrentThreadTaskExecutor executor;

    @BeforeEach
    void setUp() {
        repo = new InMemoryRepository();
        executor = new CurrentThreadTaskExecutor();
        service = new AssessmentService(repo, new GradingEngine(packs, GradingPolicy.builtInDefault()), packs.require("dash-2009"), clock);
    }

    private WizardViewModel open(Channel channel) {
        PhoneIn phoneIn = channel == Channel.PHONE_IN ? new PhoneIn(USER, null, null, null) : null;
        Assessment a = service.startDraft(channel, channel == Channel.AT_SCENE ? USER : null, phoneIn, USER.collarNumber());
        return reopen(a);
    }

    private WizardViewModel reopen(Assessment a) {
        return new WizardViewModel(service, packs, executor, repo.find(a.id()).orElse(a), USER, USER.collarNumber(), clock);
    }

    private static List<String> titles(WizardViewModel vm) {
        return vm.visiblePages().stream().map(Page::id).toList();
    }

    @Test
    void pagesFollowTheFormAndSupplementsAppearOnlyWhenOffered() {
        WizardViewModel vm = open(Channel.AT_SCENE);
        assertEquals(List.of("people", "dash-2009/current_situation", "dash-2009/children_dependants",
                "dash-2009/domestic_violence_history", "dash-2009/abuser", "dash-2009/officer", "grading", "review"), titles(vm));

        vm.question("Q8").orElseThrow().choiceProperty().set(Choice.YES);
        assertTrue(titles(vm).contains("s-dash/stalking_harassment"));
        assertFalse(titles(vm).contains("h-dash/honour_based_abuse"));
        assertTrue(titles(vm).indexOf("s-dash/stalking_harassment") < titles(vm).indexOf("dash-2009/officer"));

        vm.question("Q4").orElseThrow().choiceProperty().set(Choice.YES);
        assertTrue(titles(vm).contains("h-dash/honour_based_abuse"));
        vm.question("Q4").orElseThrow().choiceProperty().set(Choice.NO);
        assertFalse(titles(vm).contains("h-dash/honour_based_abuse"));
    }

    @Test
    void unansweredDashQuestionsBlockSubmitUntilMarkedNotAskedAndThenStandardNeedsAJudgement() {
        WizardViewModel vm = open(Channel.AT_SCENE);
        vm.details().victimNameProperty().set("Victim Synthetic");
        for (int i = 1; i <= 13; i++) {
            vm.question("Q" + i).orElseThrow().choiceProperty().set(Choice.NO);
        }
        assertFalse(vm.canSubmitProperty().get());
        assertEquals(14, vm.submission().unansweredProperty().get());
        assertTrue(vm.reviewItems().stream().anyMatch(i -> i.blocking() && i.message().startsWith("Q14:")
                && i.message().endsWith("not answered: answer it, or mark it not asked with the reason.")), vm.reviewItems().toString());

        assertEquals(14, vm.markUnansweredNotAsked("victim_declined"));
        assertEquals(0, vm.submission().unansweredProperty().get());
        assertEquals("victim_declined", repo.rows.get(vm.assessmentId()).content().answer("Q20").notAsked(), "each is saved");
        assertEquals("Not asked: Victim declined to answer", vm.question("Q20").orElseThrow().notAskedWords());
        assertTrue(vm.reviewItems().stream().anyMatch(i -> !i.blocking() && i.message().startsWith("Q20:")
                && i.message().endsWith("not asked: Victim declined to answer.")));
        assertTrue(vm.reviewItems().stream().anyMatch(i -> i.blocking() && i.message().contains("Standard cannot rest on the count alone")));
        assertFalse(vm.canSubmitProperty().get());

        assertTrue(vm.raiseOptions().contains(RiskLevel.STANDARD), "with questions not asked, Standard can be confirmed");
        vm.judgementLevelProperty().set(RiskLevel.STANDARD);
        vm.judgementRationaleProperty().set("synthetic: no injuries, abuser in custody, victim has family support");
        ReferralPromptViewModel dvpn = vm.referralPrompts().get(vm.referralPrompts().size() - 1);
        dvpn.chosenProperty().set(false);
        dvpn.reasonProperty().set("synthetic: no violence or threats reported");
        vm.commitPending();
        assertTrue(vm.reviewItems().stream().noneMatch(ReviewItem::blocking), vm.reviewItems().toString());
        assertTrue(vm.canSubmitProperty().get());

        vm.question("Q20").orElseThrow().choiceProperty().set(Choice.YES);
        assertEquals(null, repo.rows.get(vm.assessmentId()).content().answer("Q20").notAsked(), "asked after all");
        assertEquals(Choice.YES, repo.rows.get(vm.assessmentId()).content().answer("Q20").choice());
    }

    @Test
    void anUnnamedVictimBlocksSubmitUntilTheNameOrTheReasonItIsNotKnownIsGiven() {
        WizardViewModel vm = open(Channel.AT_SCENE);
        String required = "Victim's name is required: enter it, or say why it is not known.";
        assertTrue(vm.reviewItems().stream().anyMatch(i -> i.blocking() && i.message().equals(required)));
        vm.details().victimNameNotKnownProperty().set("synthetic: victim unconscious, taken to hospital");
        vm.commitPending();
        assertTrue(vm.reviewItems().stream().noneMatch(i -> i.message().equals(required)));
        assertEquals("synthetic: victim unconscious, taken to hospital",
                repo.rows.get(vm.assessmentId()).content().people().victimNameNotKnown(), "saved with the people");
        vm.details().victimNameProperty().set("Victim Synthetic");
        vm.commitPending();
        assertEquals(null, repo.rows.get(vm.assessmentId()).content().people().victimNameNotKnown(), "a name makes the reason moot");
    }

    @Test
    void aSupplementCanBeOpenedByHand() {
        WizardViewModel vm = open(Channel.AT_SCENE);
        Page hdash = vm.hiddenSupplementPages().stream().filter(p -> p.pack().id().equals("h-dash")).findFirst().orElseThrow();
        vm.openSupplement(hdash);
        assertEquals(hdash, vm.currentPageProperty().get());
        assertEquals("H1", vm.focusedQuestionProperty().get().id());
    }

    @Test
    void childrenSectionIsSkippedWhenThereAreNone() {
        WizardViewModel vm = open(Channel.AT_SCENE);
        vm.details().childrenOrDependantsProperty().set(false);
        assertFalse(titles(vm).contains("dash-2009/children_dependants"));
        assertEquals(List.of("details incident and people"), repo.calls);
        // Y on Q8 (the last of its section) moves straight to the history section's first question.
        WizardViewModel same = vm;
        same.focusQuestion(vm.question("Q8").orElseThrow());
        same.answerAndAdvance(vm.question("Q8").orElseThrow(), Choice.NO);
        assertEquals("Q13", vm.focusedQuestionProperty().get().id());
        assertEquals("dash-2009/domestic_violence_history", vm.currentPageProperty().get().id());
    }

    @Test
    void everyChoiceIsSavedAtOnceAndTypedTextWhenTheUserMovesOn() {
        WizardViewModel vm = open(Channel.AT_SCENE);
        QuestionViewModel q1 = vm.question("Q1").orElseThrow();
        vm.answerAndAdvance(q1, Choice.YES);
        assertEquals(List.of("answer Q1"), repo.calls.stream().filter(c -> c.startsWith("answer")).toList());
        assertEquals("Q2", vm.focusedQuestionProperty().get().id());
        assertEquals("Saved 02:14:05", vm.autosaver().statusProperty().get());
        assertEquals(Choice.YES, repo.rows.get(vm.assessmentId()).content().answer("Q1").choice());

        q1.commentProperty().set("bruise to left arm");
        assertEquals(1, repo.calls.stream().filter(c -> c.startsWith("answer")).count(), "no save per keystroke");
        vm.commitPending();
        assertEquals("bruise to left arm", repo.rows.get(vm.assessmentId()).content().answer("Q1").comment());
        assertEquals("Q1", repo.rows.get(vm.assessmentId()).resumeQuestionId());
    }

    @Test
    void failedSaveKeepsInputShowsWhatToDoAndRetries() {
        WizardViewModel vm = open(Channel.AT_SCENE);
        repo.failing = true;
        vm.question("Q2").orElseThrow().choiceProperty().set(Choice.YES);
        assertNotNull(vm.autosaver().errorProperty().get());
        assertTrue(vm.autosaver().errorProperty().get().contains("disk full"));
        assertEquals(Choice.YES, vm.question("Q2").orElseThrow().choiceProperty().get(), "input stays on screen");
        assertEquals(1, executor.scheduledCount(), "a retry is scheduled");

        repo.failing = false;
        executor.runScheduled();
        assertNull(vm.autosaver().errorProperty().get());
        assertEquals(Choice.YES, repo.rows.get(vm.assessmentId()).content().answer("Q2").choice());
    }

    @Test
    void judgementMayOnlyRaiseAndNeedsReasons() {
        WizardViewModel vm = open(Channel.AT_SCENE);
        assertEquals(List.of(RiskLevel.MEDIUM, RiskLevel.HIGH), vm.raiseOptions());
        vm.judgementLevelProperty().set(RiskLevel.HIGH);
        assertTrue(vm.judgementErrorProperty().get().contains("reasons"));
        assertFalse(vm.canSubmitProperty().get());
        vm.judgementRationaleProperty().set("Victim's own perception of risk is very high");
        assertNull(vm.judgementErrorProperty().get());
        assertEquals("High", vm.levelLabelProperty().get());

        for (String id : List.of("Q1", "Q2", "Q3", "Q4", "Q5", "Q6", "Q7", "Q8", "Q9", "Q10", "Q11", "Q12", "Q13", "Q14")) {
            vm.question(id).orElseThrow().choiceProperty().set(Choice.YES);
        }
        assertEquals(14, vm.yesCountProperty().get());
        assertTrue(vm.raiseOptions().isEmpty(), "nothing above high");
        assertTrue(vm.judgementErrorProperty().get().contains("only raise"), "a judgement at the computed level raises nothing");
        vm.clearJudgement();
        assertNull(vm.judgementErrorProperty().get());
        assertNull(repo.rows.get(vm.assessmentId()).content().judgement());
    }

    @Test
    void referralPromptsFollowTheGradingAndNeedReasonsWhenNotMade() {
        WizardViewModel vm = open(Channel.AT_SCENE);
        vm.details().victimNameProperty().set("Victim Synthetic");
        for (int i = 1; i <= 27; i++) {
            vm.question("Q" + i).orElseThrow().choiceProperty().set(Choice.NO);
        }
        assertEquals(List.of(Referral.DVPN), vm.referralPrompts().stream().map(ReferralPromptViewModel::referral).toList());
        vm.details().childrenOrDependantsProperty().set(true);
        vm.judgementLevelProperty().set(RiskLevel.HIGH);
        vm.judgementRationaleProperty().set("Threats made in front of attending officers");
        vm.commitPending();
        assertEquals(List.of(Referral.MARAC, Referral.IDVA, Referral.CHILDRENS_SERVICES, Referral.DVPN),
                vm.referralPrompts().stream().map(ReferralPromptViewModel::referral).toList());
        vm.referralPrompts().forEach(r -> r.chosenProperty().set(true));
        ReferralPromptViewModel dvpn = vm.referralPrompts().get(3);
        dvpn.chosenProperty().set(false);
        assertTrue(vm.reviewItems().stream().anyMatch(i -> i.blocking() && i.message().contains("DVPN")));
        dvpn.reasonProperty().set("No violence or threats reported");
        assertTrue(vm.reviewItems().stream().noneMatch(ReviewItem::blocking));
        assertTrue(vm.canSubmitProperty().get());
        vm.submit();
        assertEquals(AssessmentState.REFERRED, vm.submittedProperty().get().state());
        var stored = repo.revisions.get(0).content();
        assertEquals("No violence or threats reported", stored.referrals().get(Referral.DVPN).reason());
        assertEquals(RiskLevel.HIGH, repo.revisions.get(0).grading().level());
    }

    @Test
    void reviewListsMissingAndDontKnowWithLinksBack() {
        WizardViewModel vm = open(Channel.AT_SCENE);
        vm.details().abuserNamesProperty().set("Alex Sample");
        vm.commitPending();
        vm.question("Q5").orElseThrow().choiceProperty().set(Choice.DONT_KNOW);
        // Each line names the question and gives its text, with the abuser's name in place of "(…)".
        ReviewItem dk = vm.reviewItems().stream().filter(i -> i.message().equals(
                "Q5: " + vm.question("Q5").orElseThrow().displayTextProperty().get() + " — answered Don't know.")).findFirst().orElseThrow();
        assertTrue(vm.reviewItems().stream().anyMatch(i -> i.message().equals(
                "Q6: " + vm.question("Q6").orElseThrow().displayTextProperty().get() + " — not answered: answer it, or mark it not asked with the reason.")));
        assertTrue(vm.reviewItems().stream().anyMatch(i -> i.message().equals(
                "Q8: Does Alex Sample constantly text, call, contact, follow, stalk or harass you? — not answered: answer it, or mark it not asked with the reason.")));
        vm.goTo(vm.visiblePages().get(vm.visiblePages().size() - 1));
        vm.goTo(dk);
        assertEquals("dash-2009/current_situation", vm.currentPageProperty().get().id());
        assertEquals("Q5", vm.focusedQuestionProperty().get().id());
    }

    @Test
    void reviewListsSupplementsOnlyWhenOfferedOrOpenedAndOfficerGaps() {
        WizardViewModel vm = open(Channel.AT_SCENE);
        // Not offered: nothing of S-DASH or H-DASH.
        assertTrue(vm.reviewItems().stream().noneMatch(i -> i.page().isSupplement()), () -> vm.reviewItems().toString());
        // The officer's free-text fields left empty are listed.
        for (String id : List.of("O1", "O3", "O4")) {
            assertTrue(vm.reviewItems().stream().anyMatch(i -> id.equals(i.questionId()) && i.message().endsWith("— not filled in.")), id);
        }
        vm.question("O1").orElseThrow().textProperty().set("Interpreter used by phone");
        vm.commitPending();
        assertTrue(vm.reviewItems().stream().noneMatch(i -> "O1".equals(i.questionId())));

        // Offered and untouched: one line for the whole supplement, not one per question.
        vm.question("Q8").orElseThrow().choiceProperty().set(Choice.YES);
        List<ReviewItem> sdash = vm.reviewItems().stream().filter(i -> i.page().isSupplement()).toList();
        assertEquals(1, sdash.size(), sdash::toString);
        assertTrue(sdash.get(0).message().contains("offered because Q8 is Yes"), sdash.get(0).message());
        assertEquals("S1", sdash.get(0).questionId(), "the link goes to its first question");
        // Begun: each question still to answer, by its text.
        vm.question("S1").orElseThrow().choiceProperty().set(Choice.NO);
        assertEquals(10, vm.reviewItems().stream().filter(i -> i.page().isSupplement() && i.message().endsWith("— not answered.")).count());
        assertTrue(vm.reviewItems().stream().anyMatch(i -> "S2".equals(i.questionId())
                && i.message().equals("S2: " + vm.question("S2").orElseThrow().displayTextProperty().get() + " — not answered.")));

        // Q8 back to No: the S-DASH page stays (it holds an answer) but is no longer asked for.
        vm.question("Q8").orElseThrow().choiceProperty().set(Choice.NO);
        assertTrue(vm.visiblePages().stream().anyMatch(Page::isSupplement));
        assertTrue(vm.reviewItems().stream().noneMatch(i -> i.page().isSupplement()), () -> vm.reviewItems().toString());
        vm.question("S1").orElseThrow().choiceProperty().set(Choice.DONT_KNOW);
        assertEquals(List.of("S1"), vm.reviewItems().stream().filter(i -> i.page().isSupplement()).map(ReviewItem::questionId).toList(),
                "a Don't know is always listed");

        // Opened by hand: listed like an offered one.
        Page hdash = vm.hiddenSupplementPages().stream().filter(p -> p.pack().id().equals("h-dash")).findFirst().orElseThrow();
        vm.openSupplement(hdash);
        assertTrue(vm.reviewItems().stream().anyMatch(i -> i.page() == hdash && i.message().contains("none of its 10 questions")));
    }

    @Test
    void reviewLinesComeGroupedBySectionInTheOrderOfTheForm() {
        WizardViewModel vm = open(Channel.AT_SCENE);
        vm.question("Q4").orElseThrow().choiceProperty().set(Choice.YES);
        vm.question("H1").orElseThrow().choiceProperty().set(Choice.NO);
        List<Page> order = vm.visiblePages();
        List<ReviewItem> notBlocking = vm.reviewItems().stream().filter(i -> !i.blocking()).toList();
        for (int i = 1; i < notBlocking.size(); i++) {
            assertTrue(order.indexOf(notBlocking.get(i - 1).page()) <= order.indexOf(notBlocking.get(i).page()),
                    "in page order: " + notBlocking.get(i - 1) + " then " + notBlocking.get(i));
        }
        assertTrue(vm.reviewItems().stream().anyMatch(i -> "H2".equals(i.questionId())));
        // Every line still links back to its question.
        ReviewItem h2 = vm.reviewItems().stream().filter(i -> "H2".equals(i.questionId())).findFirst().orElseThrow();
        vm.goTo(h2);
        assertEquals("h-dash/honour_based_abuse", vm.currentPageProperty().get().id());
        assertEquals("H2", vm.focusedQuestionProperty().get().id());
    }

    @Test
    void criteriaAreInWordsAndTheCountIsThePolicys() {
        WizardViewModel vm = open(Channel.AT_SCENE);
        assertEquals(27, vm.countedQuestionCount());
        assertEquals("14+ yes answers (visible high risk)", vm.criterionLabel("VISIBLE_HIGH_RISK"));
        assertEquals("3+ police call-outs in 12 months (escalation)", vm.criterionLabel("ESCALATION"));
        assertEquals("Repeat MARAC", vm.criterionLabel("REPEAT_MARAC"));
        assertEquals("Professional judgement", vm.criterionLabel("PROFESSIONAL_JUDGEMENT"));
        assertEquals("Force rule 7", vm.criterionLabel("FORCE_RULE_7"));
        vm.details().calloutsProperty().set("4");
        vm.commitPending();
        assertEquals("3+ police call-outs in 12 months (escalation)", vm.criteriaInWords(vm.gradingProperty().get()));
    }

    @Test
    void aForceRuleIsNamedByItsOwnDescription() {
        GradingPolicy base = GradingPolicy.builtInDefault();
        GradingPolicy withRule = new GradingPolicy(base.id(), base.version(), base.packId(), base.countedQuestions(), base.bands(),
                base.escalation(), base.repeatMarac(), base.maracLevel(),
                List.of(new GradingPolicy.Rule("STRANGULATION", List.of("Q10"), RiskLevel.HIGH, "Strangulation or choking reported")));
        service = new AssessmentService(repo, new GradingEngine(packs, withRule), packs.require("dash-2009"), clock);
        WizardViewModel vm = open(Channel.AT_SCENE);
        assertEquals("Strangulation or choking reported", vm.criterionLabel("STRANGULATION"));
    }

    @Test
    void invalidNumbersAreNamedAndNotSaved() {
        WizardViewModel vm = open(Channel.AT_SCENE);
        vm.details().calloutsProperty().set("three");
        vm.commitPending();
        assertEquals("Police call-outs in the last 12 months: enter a whole number, e.g. 3", vm.details().calloutsErrorProperty().get());
        assertTrue(vm.reviewItems().stream().anyMatch(i -> i.blocking() && i.message().startsWith("Police call-outs")));
        assertNull(repo.rows.get(vm.assessmentId()).content().incident().policeCalloutsLast12Months());
        vm.details().calloutsProperty().set("3");
        vm.commitPending();
        assertEquals(3, repo.rows.get(vm.assessmentId()).content().incident().policeCalloutsLast12Months());
    }

    @Test
    void phoneInRequiresTheAttendingOfficerAndRecordsTheRecorder() {
        WizardViewModel vm = open(Channel.PHONE_IN);
        assertTrue(vm.reviewItems().stream().anyMatch(i -> i.blocking() && i.message().contains("collar")));
        vm.details().attendingOfficerCollarProperty().set("9120");
        vm.details().callReferenceProperty().set("CALL-2211");
        vm.details().victimCouldSpeakSafelyProperty().set(true);
        PhoneIn stored = repo.rows.get(vm.assessmentId()).content().phoneIn();
        assertEquals(new PhoneIn(USER, "9120", "CALL-2211", true), stored);
    }

    @Test
    void reopeningResumesAtTheSameQuestionWithAnswers() {
        WizardViewModel vm = open(Channel.AT_SCENE);
        vm.details().abuserNamesProperty().set("Alex Sample");
        vm.commitPending();
        for (String id : List.of("Q1", "Q2", "Q3", "Q4", "Q5", "Q6", "Q7", "Q8", "Q9", "Q10")) {
            vm.answerAndAdvance(vm.question(id).orElseThrow(), Choice.NO);
        }
        WizardViewModel again = reopen(repo.rows.get(vm.assessmentId()));
        assertEquals("Q11", again.focusedQuestionProperty().get().id());
        assertEquals("dash-2009/children_dependants", again.currentPageProperty().get().id());
        assertEquals(Choice.NO, again.question("Q10").orElseThrow().choiceProperty().get());
        assertEquals("Has Alex Sample ever hurt the children/dependants?", again.question("Q11").orElseThrow().displayTextProperty().get());
    }
}
