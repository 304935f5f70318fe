package org.dashdesk.sync;

import org.dashdesk.review.ReviewException;

/**
 * A call that never got the server's own answer: no connection, a broken or reset connection, a
 * timeout, TLS, or a captive-portal page. Status 0 like every unreachable-server
 * {@link ReviewException}; {@link #kind()} says which, so callers can retry what is worth it and
 * word it as the network problem it is — never as the server refusing anything.
 */
public final class NetworkException extends ReviewException {

    private static final long serialVersionUID = 1L;
    private final FailureKind kind;

    public NetworkException(FailureKind kind, String message) {
        super(0, message);
        this.kind = kind;
    }

    public FailureKind kind() {
        return kind;
    }
}
