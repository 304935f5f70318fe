package org.dashdesk.protocol;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One of the server's receipt-signing public keys, as published at {@link Protocol#RECEIPT_KEYS}.
 * The first key stands alone (a desk pins it at set-up); each later key is endorsed by the key
 * before it, so a desk that trusts the old key can accept the new one without anyone visiting
 * it (decision 0170).
 *
 * @param publicKey   Base64 X.509 encoding of the Ed25519 public key
 * @param endorsedBy  the key id of the key that endorsed this one; null for the first key
 * @param endorsement Base64 Ed25519 signature of {@link #endorsedText()} by {@code endorsedBy}
 */
public record ReceiptKey(String keyId, String publicKey, Instant createdAt, String endorsedBy, String endorsement) {

    /** Exactly what the previous key signs to announce this one. */
    @JsonIgnore
    public String endorsedText() {
        StringBuilder s = new StringBuilder("dashdesk-receipt-key/1\n");
        for (String field : new String[] {String.valueOf(keyId), String.valueOf(publicKey),
                createdAt == null ? "" : Long.toString(createdAt.toEpochMilli())}) {
            s.append(field.length()).append(':').append(field).append('\n');
        }
        return s.toString();
    }

    /** The reply of {@link Protocol#RECEIPT_KEYS}: oldest first, the last one signs new receipts. */
    public record Published(List<ReceiptKey> keys) {
        public Published {
            keys = keys == null ? List.of() : List.copyOf(keys);
        }
    }
}
