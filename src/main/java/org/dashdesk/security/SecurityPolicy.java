package org.dashdesk.security;

import java.time.Duration;
import java.util.Objects;

/**
 * The tunable numbers of local sign-in.
 *
 * @param maxFailures    consecutive wrong passwords that lock an account
 * @param lockoutPeriod  how long a locked account refuses every password, even the right one
 * @param idleTimeout    inactivity after which a session locks and needs the password again
 * @param iterations     PBKDF2 iterations for new and changed passwords; older entries are raised
 *                       to this on their next successful sign-in
 * @param minPasswordLength shortest password accepted at enrolment or change
 */
public record SecurityPolicy(int maxFailures, Duration lockoutPeriod, Duration idleTimeout, int iterations, int minPasswordLength) {

    /** OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
    public static final int DEFAULT_ITERATIONS = 310_000;
    /** Below this a derivation is too cheap to slow down guessing; refused in policies and keyrings. */
    public static final int MIN_ITERATIONS = 10_000;

    public SecurityPolicy {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be at least 1, was " + maxFailures);
        }
        Objects.requireNonNull(lockoutPeriod, "lockoutPeriod");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (lockoutPeriod.isNegative() || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("lockoutPeriod must not be negative and idleTimeout must be positive");
        }
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException("iterations must be at least " + MIN_ITERATIONS + ", was " + iterations);
        }
        if (minPasswordLength < 8) {
            throw new IllegalArgumentException("minPasswordLength must be at least 8, was " + minPasswordLength);
        }
    }

    /** 5 failures lock for 15 minutes; idle lock after 10 minutes; 310,000 iterations; 10 characters. */
    public static SecurityPolicy defaults() {
        return new SecurityPolicy(5, Duration.ofMinutes(15), Duration.ofMinutes(10), DEFAULT_ITERATIONS, 10);
    }

    public SecurityPolicy withIterations(int n) {
        return new SecurityPolicy(maxFailures, lockoutPeriod, idleTimeout, n, minPasswordLength);
    }

    public SecurityPolicy withLockout(int failures, Duration period) {
        return new SecurityPolicy(failures, period, idleTimeout, iterations, minPasswordLength);
    }

    public SecurityPolicy withIdleTimeout(Duration timeout) {
        return new SecurityPolicy(maxFailures, lockoutPeriod, timeout, iterations, minPasswordLength);
    }
}
