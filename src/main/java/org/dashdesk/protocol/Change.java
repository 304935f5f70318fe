package org.dashdesk.protocol;

import java.time.Instant;
import java.util.UUID;

/**
 * One thing that happened centrally to an assessment, e.g. a supervisor signed it off.
 *
 * @param seq   position in the server's change log; the next cursor is the last seq seen
 * @param event a {@link org.dashdesk.assessment.LifecycleEvent} name, e.g. {@code SIGN_OFF}
 * @param state the state the assessment is in on the server after the event
 * @param actor collar number of who did it
 */
public record Change(long seq, UUID assessmentId, String event, String state, String actor, String note, Instant at) {
}
