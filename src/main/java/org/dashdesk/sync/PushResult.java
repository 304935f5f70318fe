package org.dashdesk.sync;

import org.dashdesk.protocol.Head;
import org.dashdesk.protocol.Receipt;

/** What one PUT of a revision came to, as the sync service needs to act on it. */
public sealed interface PushResult {

    /** The server stored it (now or earlier) and sent a receipt that matches the record. */
    record Stored(Receipt receipt) implements PushResult {
    }

    /** 422: the server will never accept this revision as it is. */
    record Refused(String reason) implements PushResult {
    }

    /** 409: the server holds something that contradicts this revision. */
    record Conflict(String reason, Head head) implements PushResult {
    }

    /** 401: the token is missing, wrong, expired or revoked; signing in again helps. */
    record SignInNeeded(String reason) implements PushResult {
    }

    /**
     * 403: the signed-in user may not upload this record (another officer's revision or
     * assessment). Signing in again as the same user would not help; other records may go on.
     */
    record Forbidden(String reason) implements PushResult {
    }

    /**
     * Anything that may work later: unreachable, reset, timed out, 5xx, a login page, nonsense.
     *
     * @param kind   what this request's own evidence says happened
     * @param reason the same in words, for the record's last error
     */
    record Failed(FailureKind kind, String reason) implements PushResult {

        /** Kept for callers that only know whether the server could be reached at all. */
        public Failed(String reason, boolean endpointDown) {
            this(endpointDown ? FailureKind.REFUSED : FailureKind.NOT_OURS, reason);
        }

        /** True when the server could not be reached at all (nothing answered as the server). */
        public boolean endpointDown() {
            return kind.notReached();
        }
    }
}
