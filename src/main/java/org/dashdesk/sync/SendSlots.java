package org.dashdesk.sync;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Limits how many requests are in flight at once, counting only requests that are not slow. A
 * reply that takes longer than {@code slowNanos} (a delayed proxy, a server busy on one record)
 * gives its slot back so another lane can use the connection time; the number of sender threads
 * still bounds the total. Without this one slow reply in twenty held a quarter of the capacity
 * for seconds at a time.
 */
final class SendSlots {

    /** One request holding (or having handed back) a slot. */
    final class Ticket {
        final long started = System.nanoTime();
        final AtomicBoolean returned = new AtomicBoolean();
    }

    private final Semaphore permits;
    private final long slowNanos;
    private final Set<Ticket> inFlight = ConcurrentHashMap.newKeySet();

    SendSlots(int parallelism, long slowNanos) {
        this.permits = new Semaphore(parallelism, true);
        this.slowNanos = slowNanos;
    }

    Ticket acquire() throws InterruptedException {
        while (!permits.tryAcquire(Math.max(1, slowNanos / 4), TimeUnit.NANOSECONDS)) {
            sweep();
        }
        Ticket t = new Ticket();
        inFlight.add(t);
        return t;
    }

    void release(Ticket t) {
        inFlight.remove(t);
        giveBack(t);
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Ticket t : inFlight) {
            if (now - t.started > slowNanos) {
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
