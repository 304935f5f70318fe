package org.dashdesk.grading;

import java.time.LocalDate;
import java.util.Map;

/**
 * What the engine grades. Nullable fields are simply unknown.
 *
 * @param answers                 question id → choice, over the main pack and its supplements
 * @param childrenOrDependants    false skips the children section when listing unanswered questions;
 *                                null means not stated
 * @param policeCalloutsLast12Months domestic-abuse call-outs to this victim in the last 12 months
 */
public record GradingInput(
        String packId,
        LocalDate incidentDate,
        Map<String, Choice> answers,
        Boolean childrenOrDependants,
        Integer policeCalloutsLast12Months,
        LocalDate lastMaracReferral,
        ProfessionalJudgement judgement) {

    public GradingInput {
        answers = Map.copyOf(answers);
    }
}
