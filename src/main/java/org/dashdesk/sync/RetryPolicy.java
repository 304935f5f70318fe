package org.dashdesk.sync;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How hard one sync run tries before it gives a record (or the whole outbox) back to the
 * long back-off (decision 0160).
 *
 * @param attemptsPerRecord  tries of one record in one run when its failure is worth retrying now
 * @param firstPause         pause before the first retry of a record; doubles per retry, with jitter
 * @param maxPause           cap of that pause
 * @param notReachedStreak   consecutive requests (any records) that found no server before the outbox pauses
 * @param probeFirst         pause between the first health probes while paused; doubles, with jitter
 * @param probeMax           cap of that pause
 * @param outageBudget       total time one run may spend paused waiting for the server to come back
 * @param slowRequest        the most a request may stay unanswered before it stops counting against the
 *                           parallelism limit, so a slow reply does not stall the other lanes ({@link SendSlots}
 *                           hands the slot on sooner when replies are usually quick)
 */
public record RetryPolicy(int attemptsPerRecord, Duration firstPause, Duration maxPause, int notReachedStreak, Duration probeFirst,
        Duration probeMax, Duration outageBudget, Duration slowRequest) {

    public RetryPolicy {
        if (attemptsPerRecord < 1 || notReachedStreak < 1) {
            throw new IllegalArgumentException("attempts and streak must be at least 1");
        }
    }

    /** The desktop's scheduled cycles: a short wait for an outage, the next cycle is a minute away. */
    public static RetryPolicy desktop() {
        return new RetryPolicy(6, Duration.ofMillis(20), Duration.ofSeconds(5), 5, Duration.ofSeconds(1), Duration.ofSeconds(15),
                Duration.ofSeconds(20), Duration.ofMillis(100));
    }

    /** One {@code sync} command run: drains the outbox through a bad network unless the server is really gone. */
    public static RetryPolicy commandLine() {
        // 20 tries: on a network that fails 40 % of requests, 0.4^20 ≈ 1e-8 of records would still give up.
        return new RetryPolicy(20, Duration.ofMillis(20), Duration.ofSeconds(10), 5, Duration.ofSeconds(1), Duration.ofSeconds(30),
                Duration.ofMinutes(10), Duration.ofMillis(100));
    }

    public RetryPolicy withOutageBudget(Duration budget) {
        return new RetryPolicy(attemptsPerRecord, firstPause, maxPause, notReachedStreak, probeFirst, probeMax, budget, slowRequest);
    }

    /** The pause before retry number {@code retry} (1 = first retry) of a record: exponential, "equal jitter". */
    Duration pause(int retry, RandomGenerator random) {
        return jittered(firstPause, maxPause, retry, random);
    }

    /** The pause before health probe number {@code probe} (1 = the first after the immediate one). */
    Duration probePause(int probe, RandomGenerator random) {
        return jittered(probeFirst, probeMax, probe, random);
    }

    private static Duration jittered(Duration first, Duration cap, int n, RandomGenerator random) {
        long delay = Math.min(cap.toMillis(), first.toMillis() << Math.min(Math.max(n - 1, 0), 20));
        return Duration.ofMillis(delay / 2 + random.nextLong(delay / 2 + 1));
    }
}
