package org.dashdesk.assessment;

/**
 * Storage failed in a way the user must hear about (database unreadable, wrong key, disk full).
 * The message names the file and says what to do; nothing already committed is lost.
 */
public class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean restartNeeded;

    public StoreException(String message, Throwable cause) {
        this(message, cause, false);
    }

    public StoreException(String message) {
        this(message, null, false);
    }

    /** @param restartNeeded the store has stopped using the file, so trying again cannot help until the app restarts */
    public StoreException(String message, Throwable cause, boolean restartNeeded) {
        super(message, cause);
        this.restartNeeded = restartNeeded;
    }

    /**
     * True when the store stopped using its file (it looked damaged, or was closed): saving again
     * fails until the app is restarted. False for failures that may pass, such as a full disk.
     */
    public boolean restartNeeded() {
        return restartNeeded;
    }
}
