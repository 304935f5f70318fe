package org.dashdesk.security;

import java.time.Instant;
import java.util.Optional;

/**
 * Sign-in, unlock or a password check was refused. The message is fit to show: it never says
 * whether an unknown username or a wrong password was the problem.
 */
public final class SignInException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** Unknown username or wrong password (deliberately not told apart). */
        WRONG_CREDENTIALS,
        /** Too many wrong passwords: every password is refused until {@link #lockedUntil()}. */
        LOCKED_OUT,
        /** The password was right but this user's keyring entry does not open: it was altered. */
        DAMAGED_ENTRY
    }

    private final Reason reason;
    private final transient Instant lockedUntil;

    SignInException(Reason reason, String message, Instant lockedUntil) {
        super(message);
        this.reason = reason;
        this.lockedUntil = lockedUntil;
    }

    public Reason reason() {
        return reason;
    }

    /** When a {@link Reason#LOCKED_OUT} account accepts passwords again. */
    public Optional<Instant> lockedUntil() {
        return Optional.ofNullable(lockedUntil);
    }
}
