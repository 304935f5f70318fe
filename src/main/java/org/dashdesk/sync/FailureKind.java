package org.dashdesk.sync;

/**
 * What one failed request's own evidence says went wrong. Sync decides per request from this,
 * never from the run as a whole: a reset or a timeout is one record's bad luck, while only a
 * streak of failures that never reached the server (or a health probe that fails) means an outage.
 */
public enum FailureKind {
    /** Nothing listening: the connection was refused before it was made. */
    REFUSED(true, true),
    /** The connection was not accepted in time. */
    CONNECT_TIMEOUT(true, true),
    /**
     * The connection was reset or closed before an answer arrived. The request may or may not
     * have reached the server; sending it again is safe because a replay gets the same receipt.
     */
    BROKEN(true, true),
    /** Connected, but no answer within the request timeout (the server may have stored it). */
    TIMEOUT(true, false),
    /** TLS failed: the certificate is not the trusted one, or the handshake broke. Retrying does not help. */
    TLS(false, true),
    /** A web page (HTML, or a redirect) where the server's JSON was expected: a Wi-Fi or proxy sign-in page. */
    CAPTIVE_PORTAL(true, true),
    /** An answer that is not ours or does not match the record (wrong type, bad JSON, another record's receipt). */
    NOT_OURS(true, false),
    /**
     * The server answered with a receipt that is not signed by a key this desk trusts, or whose
     * signature does not match it (issue 14): the record stays queued, and trying again at once
     * would only get the same receipt.
     */
    UNVERIFIED_RECEIPT(false, false),
    /**
     * The receipt is signed by a key this desk has not seen yet, and the server's published keys
     * could not be fetched to check it (the network failed on that request): tried again in this
     * run, and the keys with it. A replay gets the same receipt, so nothing is stored twice.
     */
    RECEIPT_KEYS_UNAVAILABLE(true, false),
    /** HTTP 5xx: the server or a proxy in front of it had a problem. */
    SERVER_ERROR(true, false),
    /** An unexpected HTTP 4xx: sending the same again will not change it soon. */
    CLIENT_ERROR(false, false),
    /** The sync thread was interrupted (closing). */
    INTERRUPTED(false, false);

    private final boolean retryNow;
    private final boolean notReached;

    FailureKind(boolean retryNow, boolean notReached) {
        this.retryNow = retryNow;
        this.notReached = notReached;
    }

    /**
     * No connection could be made at all (refused, or not accepted in time). Only a streak of these
     * pauses the outbox at once; resets, portal pages and the like must be confirmed by the health
     * check first, because a bad network produces them by the dozen while the server is fine.
     */
    public boolean connectFailure() {
        return this == REFUSED || this == CONNECT_TIMEOUT;
    }

    /** Worth trying the same record again in this run, after a short jittered pause. */
    public boolean retryNow() {
        return retryNow;
    }

    /**
     * The request found no DASH Desk server on the way (refused, reset before an answer, TLS, a
     * portal page). A streak of these across records is what pauses the outbox.
     */
    public boolean notReached() {
        return notReached;
    }
}
