package org.dashdesk.security;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the keyring's security log (most recent {@value Keyring#EVENTS_KEPT} kept). A
 * username typed at sign-in that is not enrolled is not recorded: it may be a password typed into
 * the wrong field.
 *
 * @param username the enrolled account concerned, or {@code null} for {@link Kind#UNKNOWN_USER}
 * @param by       who did it, when another signed-in user acted (enrolment, changes), else {@code null}
 */
public record SecurityEvent(Instant at, Kind kind, String username, String by) {

    public enum Kind {
        ENROLLED, KEY_MIGRATED, SIGNED_IN, SIGN_IN_FAILED, LOCKED_OUT, UNKNOWN_USER, DAMAGED_ENTRY, PASSWORD_CHANGED,
        ACCOUNT_UPDATED, REMOVED, ITERATIONS_RAISED
    }

    public SecurityEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
    }
}
