package org.dashdesk.ui.common;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

import javafx.application.Platform;
import javafx.concurrent.Task;

/**
 * The application's executor: one background thread, so database work is serial and in order;
 * results and failures are delivered on the FX thread through {@link Task}'s handlers.
 */
public final class FxTaskExecutor implements TaskExecutor {

    private static final Logger LOG = Logger.getLogger(FxTaskExecutor.class.getName());

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> daemon(r, "dashdesk-background"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "dashdesk-timer"));
    private final AtomicInteger inFlight = new AtomicInteger();

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public <T> void execute(BackgroundTask<T> task) {
        inFlight.incrementAndGet();
        Task<T> fxTask = new Task<>() {
            @Override
            protected T call() throws Exception {
                return task.call();
            }
        };
        fxTask.setOnSucceeded(e -> {
            try {
                task.succeeded(fxTask.getValue());
            } finally {
                inFlight.decrementAndGet();
            }
        });
        fxTask.setOnFailed(e -> {
            try {
                Throwable t = fxTask.getException();
                // Only the exception's type goes to the log: messages may quote what the user typed.
                LOG.log(Level.WARNING, "background task failed: {0}", t.getClass().getName());
                task.failed(t instanceof Exception ex ? ex : new RuntimeException(t));
            } finally {
                inFlight.decrementAndGet();
            }
        });
        worker.execute(fxTask);
    }

    @Override
    public void schedule(Duration delay, Runnable action) {
        inFlight.incrementAndGet();
        timer.schedule(() -> Platform.runLater(() -> {
            try {
                action.run();
            } finally {
                inFlight.decrementAndGet();
            }
        }), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean isIdle() {
        return inFlight.get() == 0;
    }

    @Override
    public void close() {
        worker.shutdown();
        timer.shutdownNow();
        try {
            // A sign-out's close (and compaction) may still be running behind the sign-in screen: let it finish.
            worker.awaitTermination(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
