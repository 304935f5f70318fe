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
 * @param onThisLaptop        what retention has done or will do to its personal content here
 *                            ("Until 12 Dec", "Removed 5 Dec"; the year when it is not this one), empty while it stays (issue 14)
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
        String syncState,
        String onThisLaptop) {
}
