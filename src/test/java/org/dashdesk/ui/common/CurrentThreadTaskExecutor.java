package org.dashdesk.ui.common;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Runs tasks at once on the calling thread, so view-model tests need no FX thread and no waiting. */
public final class CurrentThreadTaskExecutor implements TaskExecutor {

    private final List<Runnable> scheduled = new ArrayList<>();
    private final List<Duration> delays = new ArrayList<>();

    @Override
    public <T> void execute(BackgroundTask<T> task) {
        runNow(task);
    }

    /** Runs a task and delivers its result or failure on the calling thread. */
    static <T> void runNow(BackgroundTask<T> task) {
        T result;
        try {
            result = task.call();
        } catch (Exception e) {
            task.failed(e);
            return;
        }
        task.succeeded(result);
    }

    /** Scheduled actions wait until the test runs them with {@link #runScheduled()}. */
    @Override
    public void schedule(Duration delay, Runnable action) {
        scheduled.add(action);
        delays.add(delay);
    }

    /** The delays of the actions waiting now, in the order they were scheduled. */
    public List<Duration> scheduledDelays() {
        return List.copyOf(delays);
    }

    public int scheduledCount() {
        return scheduled.size();
    }

    public void runScheduled() {
        List<Runnable> now = new ArrayList<>(scheduled);
        scheduled.clear();
        delays.clear();
        now.forEach(Runnable::run);
    }

    @Override
    public boolean isIdle() {
        return true;
    }

    @Override
    public void close() {
    }
}
