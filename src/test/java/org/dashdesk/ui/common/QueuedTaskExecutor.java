package org.dashdesk.ui.common;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/** Queues background tasks until the test runs them, in order, on its own thread: "the store is still busy" made explicit. */
public final class QueuedTaskExecutor implements TaskExecutor {

    private final Deque<BackgroundTask<?>> queue = new ArrayDeque<>();

    @Override
    public <T> void execute(BackgroundTask<T> task) {
        queue.add(task);
    }

    @Override
    public void schedule(Duration delay, Runnable action) {
        // Timers are not part of what these tests look at.
    }

    public int pending() {
        return queue.size();
    }

    /** Runs the oldest queued task (and delivers its result). */
    public void runNext() {
        CurrentThreadTaskExecutor.runNow(queue.removeFirst());
    }

    /** Runs queued tasks, and those they queue, until none is left. */
    public void runAll() {
        while (!queue.isEmpty()) {
            runNext();
        }
    }

    @Override
    public boolean isIdle() {
        return queue.isEmpty();
    }

    @Override
    public void close() {
        runAll();
    }
}
