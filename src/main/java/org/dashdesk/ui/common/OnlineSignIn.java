package org.dashdesk.ui.common;

import java.time.Instant;
import java.util.Optional;

/**
 * SEAM for the lead: online sign-in against the central server, giving a per-user sync token.
 * The shell calls it in the background right after the local (offline) sign-in has succeeded;
 * the local keyring stays the gate to the database. Connect {@code sync.AccountClient.signIn}
 * here (see {@code DashDeskApp}). Until then {@link #OFFLINE} is used and the sync token comes
 * from the "Central server token" setting.
 */
@FunctionalInterface
public interface OnlineSignIn {

    /** A sync token issued by the server and when it stops working (null: unknown). */
    record Grant(String token, Instant expiresAt) {
        @Override
        public String toString() {
            return "Grant[token hidden, expires " + expiresAt + "]";
        }
    }

    /**
     * Signs in at the server. Runs off the FX thread. Returns empty when there is no server or it
     * cannot be reached (the user then works offline); throws when the server refused.
     * The caller clears {@code password} afterwards.
     */
    Optional<Grant> signIn(String username, char[] password) throws Exception;

    /** No server sign-in: the token setting is used. */
    OnlineSignIn OFFLINE = (username, password) -> Optional.empty();
}
