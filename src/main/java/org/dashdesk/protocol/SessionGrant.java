package org.dashdesk.protocol;

import java.time.Instant;

/**
 * The reply to a successful sign-in: a bearer token for this user, shown once, valid until
 * {@code expiresAt}; the server keeps only its hash.
 */
public record SessionGrant(String token, Instant expiresAt, Account account) {

    @Override
    public String toString() {
        return "SessionGrant[token=…, expiresAt=" + expiresAt + ", account=" + (account == null ? null : account.username()) + "]";
    }
}
