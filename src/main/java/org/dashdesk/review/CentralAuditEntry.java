package org.dashdesk.review;

import java.time.Instant;

/** One row of the central audit trail of an assessment: every view and change, attributable. */
public record CentralAuditEntry(long sequence, Instant at, String actor, String role, String what) {
}
