package org.dashdesk.protocol;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The server's proof that it durably stored one revision. A replay of the same revision gets the
 * same receipt again, byte for byte (Ed25519 signatures are deterministic).
 *
 * @param serverSeq  the server's sequence number for the revision, unique and increasing
 * @param receivedAt when the server first stored it (millisecond precision)
 * @param keyId      which of the server's receipt keys signed it (decision 0170)
 * @param signature  Base64 Ed25519 signature of {@link #signedText()}
 */
public record Receipt(UUID assessmentId, UUID revisionId, String contentHash, long serverSeq, Instant receivedAt, String keyId,
        String signature) {

    /** An unsigned receipt, as the store makes it before the server signs it. */
    public Receipt(UUID assessmentId, UUID revisionId, String contentHash, long serverSeq, Instant receivedAt) {
        this(assessmentId, revisionId, contentHash, serverSeq, receivedAt, null, null);
    }

    /** True when this receipt is for exactly the given revision and carries what a receipt must. */
    public boolean confirms(UUID assessmentId, UUID revisionId, String contentHash) {
        return assessmentId.equals(this.assessmentId) && revisionId.equals(this.revisionId)
                && contentHash.equals(this.contentHash) && serverSeq > 0 && receivedAt != null;
    }

    /**
     * Exactly what is signed: every field that makes the receipt, length-prefixed, under a
     * version tag. Anything else a future receipt carries is not covered until the tag changes.
     */
    @JsonIgnore
    public String signedText() {
        StringBuilder s = new StringBuilder("dashdesk-receipt/1\n");
        for (String field : new String[] {String.valueOf(assessmentId), String.valueOf(revisionId), String.valueOf(contentHash),
                Long.toString(serverSeq), receivedAt == null ? "" : Long.toString(receivedAt.toEpochMilli())}) {
            s.append(field.length()).append(':').append(field).append('\n');
        }
        return s.toString();
    }

    public Receipt signedWith(String keyId, String signature) {
        return new Receipt(assessmentId, revisionId, contentHash, serverSeq, receivedAt, keyId, signature);
    }
}
