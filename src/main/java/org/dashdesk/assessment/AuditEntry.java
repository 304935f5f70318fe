package org.dashdesk.assessment;

import java.time.Instant;
import java.util.UUID;

/**
 * Who did what to an assessment, and when. {@code what} describes the action ("answered Q5",
 * "submitted revision 2") and never holds the answer text or names.
 */
public record AuditEntry(long sequence, UUID assessmentId, Instant at, String actor, String what) {
}
