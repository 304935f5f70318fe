package org.dashdesk.review;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A safety-plan action recommended in CRU review, with an owner and a due date, so that whether
 * it was carried out is always visible.
 *
 * @param overdue true when still open after its due date (computed by the server)
 */
public record SafetyAction(
        UUID actionId,
        UUID assessmentId,
        String description,
        String ownerCollar,
        LocalDate due,
        ActionState state,
        String note,
        Instant updatedAt,
        String updatedBy,
        boolean overdue) {
}
