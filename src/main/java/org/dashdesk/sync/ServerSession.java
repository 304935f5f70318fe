package org.dashdesk.sync;

import java.time.Instant;

import org.dashdesk.security.UserAccount;

/**
 * An online sign-in: the bearer token for sync and review calls (never logged or stored in
 * plain text), when it stops working, and the account as the server knows it — the source of
 * truth for roles and team, to refresh the laptop's cached copy.
 */
public record ServerSession(String token, Instant expiresAt, UserAccount account) {

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "ServerSession[token=…, expiresAt=" + expiresAt + ", account=" + account.username() + "]";
    }
}
