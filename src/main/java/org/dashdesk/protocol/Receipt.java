package org.dashdesk.protocol;

import java.time.Instant;
import java.util.UUID;

/**
 * The server's proof that it durably stored one revision. A replay of the same revision gets the
 * same receipt again, byte for byte.
 *
 * @param serverSeq  the server's sequence number for the revision, unique and increasing
 * @param receivedAt when the server first stored it (millisecond precision)
 */
public record Receipt(UUID assessmentId, UUID revisionId, String contentHash, long serverSeq, Instant receivedAt) {

    /** True when this receipt is for exactly the given revision and carries what a receipt must. */
    public boolean confirms(UUID assessmentId, UUID revisionId, String contentHash) {
        return assessmentId.equals(this.assessmentId) && revisionId.equals(this.revisionId)
                && contentHash.equals(this.contentHash) && serverSeq > 0 && receivedAt != null;
    }
}
