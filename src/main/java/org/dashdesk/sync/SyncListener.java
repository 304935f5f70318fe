package org.dashdesk.sync;

/**
 * Told about every new {@link SyncSnapshot}. Called on the sync thread: a UI listener must hand
 * the value to its own thread (e.g. {@code Platform.runLater}) and return quickly.
 */
@FunctionalInterface
public interface SyncListener {
    void changed(SyncSnapshot snapshot);
}
