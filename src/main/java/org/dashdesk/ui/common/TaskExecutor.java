package org.dashdesk.ui.common;

import java.time.Duration;

/**
 * Runs {@link BackgroundTask}s off the FX thread. Tasks run one at a time in submission order,
 * which is what keeps autosaves of the same draft in the order the answers were given.
 */
public interface TaskExecutor extends AutoCloseable {

    <T> void execute(BackgroundTask<T> task);

    /** Runs {@code action} on the FX thread after {@code delay} (used for retrying a failed save). */
    void schedule(Duration delay, Runnable action);

    /** True when no submitted task is waiting or running (tests wait on this). */
    boolean isIdle();

    @Override
    void close();
}
