package org.dashdesk.evidence;

import java.security.PublicKey;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A signed statement of where the server's audit log stood: its row {@code seq} had hash
 * {@code head}, and the log then held {@code rows} rows. Kept in the database and as a file
 * outside it; {@code audit verify} checks the log still passes through it, so cutting rows off
 * the end (which no hash chain alone can show) is caught.
 */
public record AuditCheckpoint(long seq, String head, long rows, Instant at, String keyId, String signature) {

    @JsonIgnore
    public String signedText() {
        StringBuilder s = new StringBuilder("dashdesk-audit-checkpoint/1\n");
        for (String field : new String[] {Long.toString(seq), String.valueOf(head), Long.toString(rows),
                at == null ? "" : Long.toString(at.toEpochMilli())}) {
            s.append(field.length()).append(':').append(field).append('\n');
        }
        return s.toString();
    }

    public boolean signedBy(PublicKey key) {
        return Ed25519.verify(key, signedText(), signature);
    }

    public ChainVerifier.Anchor anchor(String source) {
        return new ChainVerifier.Anchor(seq, head, source);
    }
}
