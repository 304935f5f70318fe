package org.dashdesk.server;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A token bucket per remote address for sign-in attempts (decision 0132): each attempt takes a
 * token; an address without one is answered 429 before any password is hashed, so a flood of
 * guesses costs the server almost nothing and cannot starve other requests of threads.
 * Bounded: the least recently seen addresses are forgotten beyond {@link #MAX_ADDRESSES} (a
 * forgotten address starts again with a full bucket, which only an attacker with that many
 * addresses gains from, and the per-account lockout still stands behind this).
 */
final class SignInThrottle {

    static final int MAX_ADDRESSES = 10_000;

    private final int burst;
    private final double perNano;
    private final Map<String, double[]> buckets = new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, double[]> eldest) {
            return size() > MAX_ADDRESSES;
        }
    };

    SignInThrottle(int burst, int perMinute) {
        this.burst = burst;
        this.perNano = perMinute / (double) Duration.ofMinutes(1).toNanos();
    }

    /**
     * Takes one attempt for this address.
     *
     * @return empty when allowed, else the whole seconds to wait before the next attempt can succeed
     */
    synchronized OptionalLong take(String address, long nowNanos) {
        double[] b = buckets.computeIfAbsent(address, a -> new double[] {burst, nowNanos});
        b[0] = Math.min(burst, b[0] + (nowNanos - b[1]) * perNano);
        b[1] = nowNanos;
        if (b[0] >= 1) {
            b[0] -= 1;
            return OptionalLong.empty();
        }
        double nanos = (1 - b[0]) / perNano;
        return OptionalLong.of(Math.max(1, (long) Math.ceil(nanos / 1e9)));
    }
}
