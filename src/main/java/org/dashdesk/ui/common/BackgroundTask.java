package org.dashdesk.ui.common;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * A piece of work for a background thread, with what to do with its result on the FX thread.
 * View models build these; a {@link TaskExecutor} decides where and when they run, so a view
 * model never touches threads and tests can run everything on the calling thread.
 *
 * @param <T> the result type
 */
public final class BackgroundTask<T> {

    private final Callable<T> work;
    private Consumer<? super T> onSuccess = r -> { };
    private Consumer<Exception> onFailure = e -> { };

    private BackgroundTask(Callable<T> work) {
        this.work = Objects.requireNonNull(work);
    }

    public static <T> BackgroundTask<T> of(Callable<T> work) {
        return new BackgroundTask<>(work);
    }

    public static BackgroundTask<Void> run(ThrowingRunnable work) {
        return new BackgroundTask<>(() -> {
            work.run();
            return null;
        });
    }

    /** Runs on the FX thread (or the test's thread) after the work succeeded. */
    public BackgroundTask<T> onSuccess(Consumer<? super T> handler) {
        this.onSuccess = Objects.requireNonNull(handler);
        return this;
    }

    /** Runs on the FX thread (or the test's thread) when the work threw. */
    public BackgroundTask<T> onFailure(Consumer<Exception> handler) {
        this.onFailure = Objects.requireNonNull(handler);
        return this;
    }

    public T call() throws Exception {
        return work.call();
    }

    public void succeeded(T result) {
        onSuccess.accept(result);
    }

    public void failed(Exception e) {
        onFailure.accept(e);
    }

    /** A runnable that may throw. */
    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }
}
