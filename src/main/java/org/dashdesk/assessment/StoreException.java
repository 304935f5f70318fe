package org.dashdesk.assessment;

/**
 * Storage failed in a way the user must hear about (database unreadable, wrong key, disk full).
 * The message names the file and says what to do; nothing already committed is lost.
 */
public class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
