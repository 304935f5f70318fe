package org.dashdesk.assessment;

import java.util.UUID;

import org.dashdesk.grading.Choice;

/**
 * Test support: a draft may be submitted only once each of Q1–Q27 is answered or marked not
 * asked and the victim is named or the name's absence explained (issue 11). Tests about
 * something else (sync, review, storage) answer the rest "No", which leaves the Yes count, and
 * so the grade they were written for, unchanged, and give a synthetic reason for a missing name.
 */
public final class CompleteSheets {

    private CompleteSheets() {
    }

    /**
     * The content with every one of Q1–Q27 not yet answered or marked not asked answered No, and a
     * synthetic reason for a victim's name that is not there.
     */
    public static AssessmentContent restNo(AssessmentContent content) {
        AssessmentContent c = content;
        People p = c.people();
        if (!p.victimAccountedFor()) {
            c = c.withPeople(new People(p.victimName(), p.abuserNames(), p.dependants(), p.childrenOrDependants(),
                    "synthetic test: not the subject of this test"));
        }
        for (int i = 1; i <= 27; i++) {
            Answer a = c.answer("Q" + i);
            if (a == null) {
                c = c.withAnswer(Answer.choice("Q" + i, Choice.NO));
            } else if (a.choice() == null && a.notAsked() == null) {
                c = c.withAnswer(a.withChoice(Choice.NO));
            }
        }
        return c;
    }

    /** As {@link #restNo}, saved through the store like any change (answers and details). */
    public static void answerTheRestNo(AssessmentRepository repository, UUID draft, String actor) {
        AssessmentContent before = repository.find(draft).orElseThrow().content();
        AssessmentContent after = restNo(before);
        if (!after.people().equals(before.people())) {
            repository.saveDetails(draft, after, actor, "people");
        }
        for (Answer a : after.answers().values()) {
            if (!a.equals(before.answer(a.questionId()))) {
                repository.saveAnswer(draft, a, null, actor);
            }
        }
    }
}
