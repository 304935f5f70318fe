package org.dashdesk.ui.common;

import java.time.Instant;
import java.util.Optional;

import org.dashdesk.security.UserAccount;

/**
 * Online sign-in against the central server, giving a per-user sync token and the account as the
 * server knows it. The shell calls it in the background right after the local (offline) sign-in
 * has succeeded; the local keyring stays the gate to the database. {@code ui.StoreServices}
 * connects it to {@code sync.AccountClient} (decision 0100); {@link #OFFLINE} is for tests and a
 * laptop without a server, where the sync token comes from the "Central server token" setting.
 */
@FunctionalInterface
public interface OnlineSignIn {

    /**
     * A sync token issued by the server, when it stops working (null: unknown), and the account
     * as the server knows it (null: not told) — the source of truth for roles and team.
     */
    record Grant(String token, Instant expiresAt, UserAccount account) {
        public Grant(String token, Instant expiresAt) {
            this(token, expiresAt, null);
        }

        @Override
        public String toString() {
            return "Grant[token hidden, expires " + expiresAt + "]";
        }
    }

    /** The server was reached and refused (wrong password there, locked, account disabled): words for the user. */
    final class Refused extends Exception {
        private final int status;

        public Refused(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /**
     * Signs in at the server. Runs off the FX thread. Returns empty when there is no server or it
     * cannot be reached (the user then works offline); throws {@link Refused} when the server refused.
     * The caller clears {@code password} afterwards.
     */
    Optional<Grant> signIn(String username, char[] password) throws Exception;

    /**
     * What online sign-in came to, for the shell: a grant, or working offline, with the server's
     * refusal in words when it answered and said no (null otherwise).
     */
    record Outcome(Optional<Grant> grant, String refusal) {
        public static Outcome offline() {
            return new Outcome(Optional.empty(), null);
        }

        /** Calls {@code online} and never throws: a failure means working offline. */
        public static Outcome of(OnlineSignIn online, String username, char[] password) {
            try {
                return new Outcome(online.signIn(username, password), null);
            } catch (Refused e) {
                return new Outcome(Optional.empty(), e.getMessage());
            } catch (Exception e) {
                return new Outcome(Optional.empty(), null);
            }
        }
    }

    /** No server sign-in: the token setting is used. */
    OnlineSignIn OFFLINE = (username, password) -> Optional.empty();
}
