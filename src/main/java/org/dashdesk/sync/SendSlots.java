package org.dashdesk.sync;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Limits how many requests are in flight at once, counting only requests that are not slow. A
 * reply that takes much longer than this run's usual reply (a delayed proxy, a server busy on one
 * record) gives its slot back so another lane can use the connection time; the number of sender
 * threads still bounds the total. Without this one slow reply in twenty held a quarter of the
 * capacity for seconds at a time.
 *
 * <p>"Slow" follows the run: {@value #TIMES_USUAL} times a moving average of the replies that came
 * back in time, between {@value #FLOOR_MILLIS} ms and the policy's {@code slowRequest} cap. On a
 * fast link a 3 s delay then costs a slot a few tens of milliseconds instead of the whole cap; on
 * a slow link (every reply 500 ms) nothing counts as slow and the limit holds as set.
 */
final class SendSlots {

    static final int TIMES_USUAL = 3;
    static final long FLOOR_MILLIS = 10;

    /** One request holding (or having handed back) a slot. */
    final class Ticket {
        final long started = System.nanoTime();
        final AtomicBoolean returned = new AtomicBoolean();
    }

    private final Semaphore permits;
    private final long capNanos;
    /** Moving average (1/8 weight) of replies that came back before they counted as slow; 0 until the first. */
    private final AtomicLong usualNanos = new AtomicLong();
    private final Set<Ticket> inFlight = ConcurrentHashMap.newKeySet();

    SendSlots(int parallelism, long slowNanos) {
        this.permits = new Semaphore(parallelism, true);
        this.capNanos = slowNanos;
    }

    /** How long a reply may take before its slot is handed on, now. */
    long slowNanos() {
        long usual = usualNanos.get();
        if (usual == 0) {
            return capNanos;
        }
        return Math.min(capNanos, Math.max(TimeUnit.MILLISECONDS.toNanos(FLOOR_MILLIS), TIMES_USUAL * usual));
    }

    Ticket acquire() throws InterruptedException {
        while (!permits.tryAcquire(Math.max(1, slowNanos() / 4), TimeUnit.NANOSECONDS)) {
            sweep();
        }
        Ticket t = new Ticket();
        inFlight.add(t);
        return t;
    }

    void release(Ticket t) {
        inFlight.remove(t);
        if (!t.returned.get()) {
            long took = System.nanoTime() - t.started;
            usualNanos.updateAndGet(u -> u == 0 ? took : u + (took - u) / 8);
        }
        giveBack(t);
    }

    private void sweep() {
        long now = System.nanoTime();
        long slow = slowNanos();
        for (Ticket t : inFlight) {
            if (now - t.started > slow) {
                giveBack(t);
            }
        }
    }

    private void giveBack(Ticket t) {
        if (t.returned.compareAndSet(false, true)) {
            permits.release();
        }
    }
}
