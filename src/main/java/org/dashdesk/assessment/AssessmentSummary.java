package org.dashdesk.assessment;

import java.time.Instant;
import java.util.UUID;

import org.dashdesk.grading.RiskLevel;

/**
 * A line in a list of assessments. Deliberately carries no names: lists are shown on screens
 * that others may see, so a victim or suspect is named only once an assessment is opened.
 *
 * @param completenessPercent share of the checklist questions answered, 0–100
 * @param level               the latest grading's final level, null for a never-submitted draft
 * @param syncState           the sync outbox state in words, or null where nothing is queued
 */
public record AssessmentSummary(
        UUID id,
        AssessmentState state,
        Channel channel,
        String incidentReference,
        String district,
        Instant updatedAt,
        int completenessPercent,
        RiskLevel level,
        String syncState) {
}
