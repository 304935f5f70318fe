package org.dashdesk.sync;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;

/**
 * One run's view of whether the server is there (decision 0160). Single failures are the
 * record's business; only a streak of connect failures, or a failing health check (asked after a
 * long streak of other failures, or when a record gave up on a network failure), pauses every sender. While paused one
 * thread probes {@code health} with jittered, growing pauses; the others wait. The run ends as
 * "cannot reach the server" only when the run's outage budget is spent.
 */
final class Outage {

    private final SyncClient client;
    private final RetryPolicy policy;
    private final RandomGenerator random;
    private final AtomicBoolean endpointDown;
    private final AtomicBoolean reachedServer;
    private int notReachedStreak;
    private int badStreak;
    private boolean paused;
    private long spentNanos;

    Outage(SyncClient client, RetryPolicy policy, RandomGenerator random, AtomicBoolean endpointDown, AtomicBoolean reachedServer) {
        this.client = client;
        this.policy = policy;
        this.random = random;
        this.endpointDown = endpointDown;
        this.reachedServer = reachedServer;
    }

    /** The server itself answered a request. */
    synchronized void reached() {
        notReachedStreak = 0;
        badStreak = 0;
        reachedServer.set(true);
    }

    /**
     * A request found no server: a connect failure counts towards the streak that pauses at once;
     * anything else (reset, portal page, TLS) is only a bad answer until the health check agrees.
     *
     * @return false when the run must stop sending
     */
    boolean notReached(FailureKind kind) {
        if (!kind.connectFailure()) {
            return answeredBadly();
        }
        boolean pause;
        synchronized (this) {
            notReachedStreak++;
            badStreak++;
            pause = notReachedStreak >= policy.notReachedStreak();
        }
        return pause ? pauseAndProbe() : !endpointDown.get();
    }

    /** Something answered, but not as the server should (5xx, a timeout, nonsense): checked after a long streak. */
    boolean answeredBadly() {
        boolean check;
        synchronized (this) {
            badStreak++;
            check = badStreak >= 2 * policy.notReachedStreak();
        }
        if (check) {
            confirm();
        }
        return !endpointDown.get();
    }

    /** Quick health checks a bad network gets past; if none answers, this is an outage: pause and probe. */
    void confirm() {
        synchronized (this) {
            if (paused || endpointDown.get()) {
                return;
            }
        }
        for (int i = 1; i <= CONFIRM_PROBES; i++) {
            if (client.health().value() != null) {
                reached();
                return;
            }
            if (i < CONFIRM_PROBES) {
                try {
                    Thread.sleep(policy.pause(i, random).toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        pauseAndProbe();
    }

    /** At 40 % failed requests, three failed checks in a row happen 6 % of the time, not every time. */
    private static final int CONFIRM_PROBES = 3;

    /** Waits while another thread probes. @return false when the run must stop sending */
    synchronized boolean awaitOpen() throws InterruptedException {
        while (paused) {
            wait();
        }
        return !endpointDown.get();
    }

    synchronized boolean waited() {
        return spentNanos > 0;
    }

    synchronized long waitedSeconds() {
        return Math.round(spentNanos / 1e9);
    }

    private boolean pauseAndProbe() {
        synchronized (this) {
            if (endpointDown.get()) {
                return false;
            }
            if (paused) {
                try {
                    while (paused) {
                        wait();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                return !endpointDown.get();
            }
            paused = true;
        }
        boolean back = false;
        long start = System.nanoTime();
        long budget;
        synchronized (this) {
            budget = policy.outageBudget().toNanos() - spentNanos;
        }
        try {
            for (int probe = 0; ; probe++) {
                if (probe > 0) {
                    long left = budget - (System.nanoTime() - start);
                    if (left <= 0) {
                        break;
                    }
                    Thread.sleep(Math.max(1, Math.min(policy.probePause(probe, random).toMillis(), left / 1_000_000)));
                }
                if (client.health().value() != null) {
                    back = true;
                    break;
                }
                if (System.nanoTime() - start >= budget) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            spentNanos += System.nanoTime() - start;
            paused = false;
            notReachedStreak = 0;
            badStreak = 0;
            if (back) {
                reachedServer.set(true);
            } else {
                endpointDown.set(true);
            }
            notifyAll();
        }
        return back;
    }
}
