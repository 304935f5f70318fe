package org.dashdesk.server;

import java.time.Duration;
import java.time.Instant;

import org.dashdesk.security.UserAccount;

/**
 * Who may try a password, and what a failure costs: the sign-in rules without a database, so they
 * are tested alone (decision 0125). The repository ({@link ServerAccounts}) reads an account's
 * row under a row lock, asks these rules, and writes back what they say, so two nodes, or twenty
 * parallel guesses, are serialised per account.
 */
final class AccountRules {

    /** Sign-in attempts (right or wrong) one username may make per {@link #RATE_WINDOW}, on every node together. */
    static final int RATE_LIMIT = 10;
    static final Duration RATE_WINDOW = Duration.ofMinutes(1);

    /** Column sizes of {@code srv_user}: checked before the database, so a long value is a 422 naming the field. */
    static final int MAX_DISPLAY_NAME = 200;
    static final int MAX_TEAM = 100;
    static final int MAX_COLLAR = 50;

    private AccountRules() {
    }

    /** An account's sign-in state as stored. */
    record State(int failures, Instant lockedUntil, boolean disabled) {
    }

    /** What to do with a password attempt before any hashing. */
    enum Admission {
        /** Check the password; one failure is counted in advance. */
        CHECK,
        /** Refuse without checking: the account is locked. */
        LOCKED,
        /** Refuse without checking, and lock now: the allowed number of guesses is already being checked. */
        LOCK_NOW
    }

    static boolean locked(State s, Instant now) {
        return s.lockedUntil() != null && now.isBefore(s.lockedUntil());
    }

    /**
     * Admits an attempt. Each admitted attempt counts as a failure <em>before</em> the slow hash,
     * so however many guesses arrive at once, at most {@code maxFailures} are ever checked between
     * a success and a lock (the old order, read-hash-count, let 23 parallel guesses all be checked).
     */
    static Admission admit(State s, Instant now, int maxFailures) {
        if (locked(s, now)) {
            return Admission.LOCKED;
        }
        return s.failures() >= maxFailures ? Admission.LOCK_NOW : Admission.CHECK;
    }

    /** A right password signs in only if the account was not locked meanwhile (by parallel guesses) and is enabled. */
    static boolean acceptRight(State s, Instant now) {
        return !locked(s, now) && !s.disabled();
    }

    /** After a wrong password (already counted): lock when the count has reached the limit. */
    static boolean lockAfterWrong(State s, Instant now, int maxFailures) {
        return !locked(s, now) && s.failures() >= maxFailures;
    }

    /** Whether one more attempt fits this username's window. */
    static boolean withinRate(Instant windowStart, int attempts, Instant now) {
        return windowStart == null || !now.isBefore(windowStart.plus(RATE_WINDOW)) || attempts < RATE_LIMIT;
    }

    /** Field limits of a new account, before the database. @throws IllegalArgumentException "field: reason" */
    static void checkNewAccount(UserAccount user, char[] password) {
        if (password == null || password.length < 10) {
            throw new IllegalArgumentException("password: at least 10 characters");
        }
        if (password.length > 1000) {
            throw new IllegalArgumentException("password: at most 1000 characters");
        }
        if (user.displayName().length() > MAX_DISPLAY_NAME) {
            throw new IllegalArgumentException("displayName: at most " + MAX_DISPLAY_NAME + " characters");
        }
        if (user.team().length() > MAX_TEAM) {
            throw new IllegalArgumentException("team: at most " + MAX_TEAM + " characters");
        }
        if (user.collarNumber().length() > MAX_COLLAR) {
            throw new IllegalArgumentException("collarNumber: at most " + MAX_COLLAR + " characters");
        }
        if (user.collarNumber().isBlank() && (user.hasRole(org.dashdesk.security.Role.OFFICER)
                || user.hasRole(org.dashdesk.security.Role.IMU) || user.hasRole(org.dashdesk.security.Role.SUPERVISOR))) {
            throw new IllegalArgumentException("collar: officers, IMU staff and supervisors need a collar number");
        }
    }
}
