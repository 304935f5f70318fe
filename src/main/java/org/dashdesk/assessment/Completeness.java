package org.dashdesk.assessment;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.dashdesk.grading.GradingResult;
import org.dashdesk.grading.RiskLevel;

/**
 * How complete the counted questions (Q1–Q27 of the police DASH) are: answered Yes / No / Don't
 * know, marked not asked with a reason, or still unanswered. HMIC found incomplete forms graded
 * standard (issue 11), so an assessment is submitted only when none is unanswered, and one with
 * questions not asked cannot be Standard on the count alone: the officer records a professional
 * judgement with reasons (which may keep Standard). Supervisors and CRU see the same summary.
 *
 * @param notAsked question id → the reason id it was not asked for, in question order
 */
public record Completeness(int counted, List<String> unanswered, Map<String, String> notAsked) {

    public Completeness {
        unanswered = List.copyOf(unanswered);
        notAsked = Collections.unmodifiableMap(new LinkedHashMap<>(notAsked));
    }

    /** @param countedQuestions the policy's counted questions, in order */
    public static Completeness of(AssessmentContent content, Collection<String> countedQuestions) {
        List<String> unanswered = new ArrayList<>();
        Map<String, String> notAsked = new LinkedHashMap<>();
        for (String id : countedQuestions) {
            Answer a = content.answer(id);
            if (a != null && a.notAsked() != null) {
                notAsked.put(id, a.notAsked());
            } else if (a == null || a.choice() == null) {
                unanswered.add(id);
            }
        }
        return new Completeness(countedQuestions.size(), unanswered, notAsked);
    }

    public boolean isComplete() {
        return unanswered.isEmpty();
    }

    /**
     * Whether this grading may be submitted as it is: Standard with questions not asked needs a
     * professional judgement (at Standard or above) with its reasons.
     */
    public boolean needsJudgement(GradingResult grading, AssessmentContent content) {
        return !notAsked.isEmpty() && grading.computedLevel() == RiskLevel.STANDARD && content.judgement() == null;
    }

    /**
     * "14 of 27 not asked: Victim declined to answer (12), Assessment ended early (2)"; empty when
     * every counted question was asked. The most frequent reason first.
     */
    public String notAskedSummary(Function<String, String> reasonWords) {
        if (notAsked.isEmpty()) {
            return "";
        }
        Map<String, Integer> byReason = new LinkedHashMap<>();
        notAsked.values().forEach(r -> byReason.merge(r, 1, Integer::sum));
        List<Map.Entry<String, Integer>> reasons = new ArrayList<>(byReason.entrySet());
        reasons.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
        StringBuilder out = new StringBuilder().append(notAsked.size()).append(" of ").append(counted).append(" not asked: ");
        for (int i = 0; i < reasons.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(reasonWords.apply(reasons.get(i).getKey()));
            if (reasons.size() > 1) {
                out.append(" (").append(reasons.get(i).getValue()).append(')');
            }
        }
        return out.toString();
    }

    /** Why it cannot be submitted yet, in words; null when it can. */
    public String problem(GradingResult grading, AssessmentContent content) {
        if (!isComplete()) {
            return unanswered.size() + " of " + counted + " questions not answered (" + String.join(", ", unanswered)
                    + "): answer each one, or mark it not asked with the reason";
        }
        if (needsJudgement(grading, content)) {
            return notAsked.size() + " of " + counted + " questions were not asked, so Standard cannot rest on the count alone:"
                    + " record a professional judgement with your reasons (it may keep Standard)";
        }
        return null;
    }
}
