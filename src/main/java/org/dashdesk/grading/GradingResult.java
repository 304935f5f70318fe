package org.dashdesk.grading;

import java.util.List;
import java.util.Map;

/**
 * The engine's answer and its explanation.
 *
 * @param packScores yes-count per pack (main pack first, then supplements, which never move the band)
 * @param criteria   codes of the criteria met, in the order they were evaluated
 * @param reasons    human-readable sentences, one per finding
 */
public record GradingResult(
        RiskLevel level,
        RiskLevel computedLevel,
        int yesCount,
        Map<String, Integer> packScores,
        boolean maracReferral,
        List<String> criteria,
        List<String> reasons,
        List<String> unanswered,
        String policyId,
        String policyVersion) {

    public GradingResult {
        packScores = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(packScores));
        criteria = List.copyOf(criteria);
        reasons = List.copyOf(reasons);
        unanswered = List.copyOf(unanswered);
    }
}
