package org.dashdesk.grading;

/** The officer's professional judgement: a level and the reasons for it in their own words. */
public record ProfessionalJudgement(RiskLevel level, String rationale) {
}
