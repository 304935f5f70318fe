package org.dashdesk.outbox;

import java.time.Instant;
import java.util.UUID;

/**
 * One row of the outbox: a submitted revision and how its delivery is going.
 *
 * @param priority  0 high, 1 medium, 2 standard risk
 * @param lastError the latest problem in words, null when none
 * @param attempts  failed attempts so far
 * @param serverSeq the receipt's server sequence number once synced
 */
public record OutboxRecord(
        UUID revisionId,
        UUID assessmentId,
        long deviceSeq,
        int priority,
        OutboxState state,
        int attempts,
        Instant nextAttemptAt,
        String lastError,
        Long serverSeq,
        Instant receivedAt,
        Instant queuedAt) {

    public OutboxRecord withState(OutboxState s) {
        return new OutboxRecord(revisionId, assessmentId, deviceSeq, priority, s, attempts, nextAttemptAt, lastError, serverSeq,
                receivedAt, queuedAt);
    }

    /** The state and, where there is one, the problem, in words. */
    public String describe() {
        return describe(state, lastError, serverSeq, receivedAt, java.time.ZoneId.systemDefault());
    }

    /**
     * The one set of words for a row in this state: the status bar's details and the submitted
     * list's Sync column (which reads the columns, not whole records) say the same.
     */
    public static String describe(OutboxState state, String lastError, Long serverSeq, Instant receivedAt, java.time.ZoneId zone) {
        return switch (state) {
            case SYNCED -> state.words(serverSeq, receivedAt, zone);
            case QUARANTINED -> state.words() + ": " + lastError;
            default -> lastError == null ? state.words() : state.words() + " (last attempt: " + lastError + ")";
        };
    }
}
