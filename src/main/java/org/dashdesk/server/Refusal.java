package org.dashdesk.server;

import org.dashdesk.protocol.Problem;

/** A request refused with a status and a {@link Problem}; thrown by handlers, answered by the server. */
final class Refusal extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final int status;
    private final transient Problem problem;
    private final long retryAfterSeconds;

    Refusal(int status, Problem problem) {
        this(status, problem, 0);
    }

    /** A refusal the client may retry after this many seconds (429, 503), sent as {@code Retry-After}. */
    Refusal(int status, Problem problem, long retryAfterSeconds) {
        super(problem.reason(), null, false, false);
        this.status = status;
        this.problem = problem;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    static Refusal forbidden(String reason) {
        return new Refusal(403, Problem.of("forbidden", reason));
    }

    static Refusal conflict(String reason) {
        return new Refusal(409, Problem.of("conflict", reason));
    }

    static Refusal notFound(String reason) {
        return new Refusal(404, Problem.of("not_found", reason));
    }

    /** A query parameter that cannot be used (400: the request itself is malformed, there is no body to be unprocessable). */
    static Refusal badParameter(String field, String reason) {
        return new Refusal(400, new Problem("bad_request", reason, field, null));
    }

    static Refusal invalid(String field, String reason) {
        return new Refusal(422, new Problem("invalid", reason, field, null));
    }

    int status() {
        return status;
    }

    Problem problem() {
        return problem;
    }
}
