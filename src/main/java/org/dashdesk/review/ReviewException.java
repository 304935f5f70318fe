package org.dashdesk.review;

/**
 * The central server refused or could not be reached. {@code status} is the HTTP status (403 not
 * allowed for this role, 409 stale or own assessment, 0 unreachable); the message is the server's
 * reason in words, fit to show a user.
 */
public class ReviewException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final int status;

    public ReviewException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
