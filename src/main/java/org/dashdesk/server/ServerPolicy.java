package org.dashdesk.server;

import java.time.Duration;
import java.util.Objects;

import org.dashdesk.security.SecurityPolicy;

/**
 * The tunable numbers of the server's accounts and queues.
 *
 * @param sessionLifetime how long a token issued at sign-in is accepted
 * @param signOffLimit    age after which an assessment awaiting sign-off is shown overdue
 * @param maxFailures     consecutive wrong passwords (sign-in or signature) that lock an account
 * @param lockoutPeriod   how long a locked account refuses every password, even the right one
 * @param iterations      PBKDF2 iterations for new passwords
 */
public record ServerPolicy(Duration sessionLifetime, Duration signOffLimit, int maxFailures, Duration lockoutPeriod,
        int iterations) {

    public ServerPolicy {
        Objects.requireNonNull(sessionLifetime, "sessionLifetime");
        Objects.requireNonNull(signOffLimit, "signOffLimit");
        Objects.requireNonNull(lockoutPeriod, "lockoutPeriod");
        if (sessionLifetime.isNegative() || sessionLifetime.isZero() || signOffLimit.isNegative() || lockoutPeriod.isNegative()) {
            throw new IllegalArgumentException("session lifetime must be positive; limits must not be negative");
        }
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be at least 1, was " + maxFailures);
        }
        if (iterations < SecurityPolicy.MIN_ITERATIONS) {
            throw new IllegalArgumentException("iterations must be at least " + SecurityPolicy.MIN_ITERATIONS);
        }
    }

    /** Sessions of 12 hours; sign-off due within 24 hours; 5 failures lock for 15 minutes; 310,000 iterations. */
    public static ServerPolicy defaults() {
        return new ServerPolicy(Duration.ofHours(12), Duration.ofHours(24), 5, Duration.ofMinutes(15),
                SecurityPolicy.DEFAULT_ITERATIONS);
    }

    public ServerPolicy withSessionLifetime(Duration d) {
        return new ServerPolicy(d, signOffLimit, maxFailures, lockoutPeriod, iterations);
    }

    public ServerPolicy withSignOffLimit(Duration d) {
        return new ServerPolicy(sessionLifetime, d, maxFailures, lockoutPeriod, iterations);
    }

    public ServerPolicy withIterations(int n) {
        return new ServerPolicy(sessionLifetime, signOffLimit, maxFailures, lockoutPeriod, n);
    }

    public ServerPolicy withLockout(int failures, Duration period) {
        return new ServerPolicy(sessionLifetime, signOffLimit, failures, period, iterations);
    }
}
