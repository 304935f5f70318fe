package org.dashdesk.ui.wizard;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.dashdesk.assessment.AssessmentContent;
import org.dashdesk.grading.Choice;
import org.dashdesk.instrument.InstrumentPack;
import org.dashdesk.instrument.PackRegistry;
import org.dashdesk.instrument.Question;
import org.dashdesk.instrument.Section;

/**
 * The pages of one assessment and which of them are shown: the people page, the main pack's
 * sections with the supplements before the officer's section, grading and review. A
 * supplement reached by a branch question is shown once that question is answered Yes, once
 * opened by hand, or once any of its questions has an answer (an answer is never hidden); a
 * section for children is hidden when there are none. Where the wizard is on these pages is
 * {@link WizardViewModel}'s business.
 */
final class WizardPages {

    /** The officer's section id in the DASH pack; supplementary pages go before it. */
    static final String OFFICER_SECTION = "officer";

    private final List<Page> all = new ArrayList<>();
    private final Map<String, QuestionViewModel> questionsById = new LinkedHashMap<>();
    private final Map<String, Page> pageOfQuestion = new LinkedHashMap<>();
    private final Set<String> openedByHand = new HashSet<>();
    private final Set<String> branchTargets = new HashSet<>();
    private final ObservableList<Page> visible = FXCollections.observableArrayList();

    /**
     * @param questionFor makes the view model of one question of a pack
     */
    WizardPages(PackRegistry packs, String mainPackId, BiFunction<Question, String, QuestionViewModel> questionFor) {
        InstrumentPack main = packs.require(mainPackId);
        all.add(new Page(Page.Kind.PEOPLE, "people", "Incident and people", null, null, List.of()));
        List<InstrumentPack> supplements = packs.assessmentPacks(main.id()).stream().filter(p -> !p.isMain()).toList();
        main.questions().stream().filter(q -> q.branchIfYes() != null).forEach(q -> branchTargets.add(q.branchIfYes()));
        boolean supplementsAdded = false;
        for (Section s : main.sections()) {
            if (!supplementsAdded && OFFICER_SECTION.equals(s.id())) {
                supplements.forEach(p -> p.sections().forEach(ps -> all.add(sectionPage(p, ps, questionFor))));
                supplementsAdded = true;
            }
            all.add(sectionPage(main, s, questionFor));
        }
        if (!supplementsAdded) {
            supplements.forEach(p -> p.sections().forEach(ps -> all.add(sectionPage(p, ps, questionFor))));
        }
        all.add(new Page(Page.Kind.GRADING, "grading", "Grading and referrals", null, null, List.of()));
        all.add(new Page(Page.Kind.REVIEW, "review", "Review and submit", null, null, List.of()));
    }

    private Page sectionPage(InstrumentPack pack, Section section, BiFunction<Question, String, QuestionViewModel> questionFor) {
        List<QuestionViewModel> qs = new ArrayList<>();
        for (Question q : section.questions()) {
            QuestionViewModel vm = questionFor.apply(q, pack.id());
            qs.add(vm);
            questionsById.put(q.id(), vm);
        }
        Page page = new Page(Page.Kind.SECTION, pack.id() + "/" + section.id(), section.title(), pack, section, qs);
        qs.forEach(q -> pageOfQuestion.put(q.id(), page));
        return page;
    }

    /**
     * Shows the pages that should be shown for this content.
     *
     * @return where to go when {@code current} has just been hidden (the nearest shown page before
     *         it), else {@code current}
     */
    Page update(AssessmentContent content, Page current) {
        List<Page> shown = new ArrayList<>();
        for (Page p : all) {
            if (isVisible(p, content)) {
                shown.add(p);
            }
        }
        if (!shown.equals(visible)) {
            visible.setAll(shown);
        }
        if (current == null || visible.contains(current)) {
            return current;
        }
        int i = all.indexOf(current);
        Page fallback = visible.get(0);
        for (Page p : visible) {
            if (all.indexOf(p) < i) {
                fallback = p;
            }
        }
        return fallback;
    }

    private boolean isVisible(Page p, AssessmentContent content) {
        if (p.kind() != Page.Kind.SECTION) {
            return true;
        }
        if (p.section().skipWhenNoChildren() && Boolean.FALSE.equals(content.people().childrenOrDependants())) {
            return false;
        }
        if (!p.isSupplement() || !branchTargets.contains(p.pack().id())) {
            return true;
        }
        return isOffered(p.pack().id(), content) || openedByHand.contains(p.pack().id())
                || p.questions().stream().anyMatch(q -> content.answer(q.id()) != null);
    }

    /** Whether a branch question leading to this pack is answered Yes. */
    boolean isOffered(String packId, AssessmentContent content) {
        return questionsById.values().stream()
                .anyMatch(q -> packId.equals(q.question().branchIfYes()) && content.answer(q.id()) != null
                        && content.answer(q.id()).choice() == Choice.YES);
    }

    /** Whether a supplement's unanswered questions are listed for review: offered, unbranched or opened by hand. */
    boolean isListed(String packId, AssessmentContent content) {
        return isOffered(packId, content) || !branchTargets.contains(packId) || openedByHand.contains(packId);
    }

    void openByHand(Page page) {
        openedByHand.add(page.pack().id());
    }

    /** The question whose Yes offers a supplementary pack, if one does. */
    Optional<String> offeredBy(String packId) {
        return questionsById.values().stream().filter(q -> packId.equals(q.question().branchIfYes())).map(QuestionViewModel::id).findFirst();
    }

    List<Page> hiddenSupplements() {
        return all.stream().filter(p -> p.isSupplement() && !visible.contains(p)).toList();
    }

    /** The next question after q, following the pages as they are now shown. */
    Optional<QuestionViewModel> after(QuestionViewModel q) {
        List<QuestionViewModel> order = shownQuestions();
        int i = order.indexOf(q);
        return i >= 0 && i + 1 < order.size() ? Optional.of(order.get(i + 1)) : Optional.empty();
    }

    Optional<QuestionViewModel> before(QuestionViewModel q) {
        List<QuestionViewModel> order = shownQuestions();
        int i = order.indexOf(q);
        return i > 0 ? Optional.of(order.get(i - 1)) : Optional.empty();
    }

    private List<QuestionViewModel> shownQuestions() {
        List<QuestionViewModel> questions = new ArrayList<>();
        visible.forEach(p -> questions.addAll(p.questions()));
        return questions;
    }

    /** The shown page after (or, with -1, before) this one, if any. */
    Optional<Page> beside(Page page, int step) {
        int i = visible.indexOf(page) + step;
        return i >= 0 && i < visible.size() && visible.contains(page) ? Optional.of(visible.get(i)) : Optional.empty();
    }

    static QuestionViewModel firstQuestion(Page page) {
        return page.questions().isEmpty() ? null : page.questions().get(0);
    }

    /** The page a resume marker or question id names. */
    Optional<Page> pageForResume(String resumeId) {
        if (resumeId == null) {
            return Optional.empty();
        }
        if (resumeId.startsWith("page:")) {
            return all.stream().filter(p -> p.resumeMarker().equals(resumeId)).findFirst();
        }
        return Optional.ofNullable(pageOfQuestion.get(resumeId));
    }

    Page pageOf(QuestionViewModel q) {
        return pageOfQuestion.get(q.id());
    }

    Page byId(String id) {
        return all.stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
    }

    Optional<QuestionViewModel> question(String id) {
        return Optional.ofNullable(questionsById.get(id));
    }

    Iterable<QuestionViewModel> questions() {
        return questionsById.values();
    }

    List<Page> all() {
        return List.copyOf(all);
    }

    ObservableList<Page> visible() {
        return visible;
    }
}
