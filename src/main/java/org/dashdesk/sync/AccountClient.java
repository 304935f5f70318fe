package org.dashdesk.sync;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Random;
import java.util.Set;

import org.dashdesk.protocol.Account;
import org.dashdesk.protocol.Protocol;
import org.dashdesk.protocol.SessionGrant;
import org.dashdesk.protocol.SessionRequest;
import org.dashdesk.review.ReviewException;
import org.dashdesk.security.Role;
import org.dashdesk.security.UserAccount;

/**
 * Online sign-in and sign-out against the central server, with the same transport settings as
 * {@link SyncClient} (the settings' token is not used for signing in).
 */
public final class AccountClient {

    private final Endpoint endpoint;
    private final int attempts;
    private final Duration firstPause;
    private final Random random = new Random();

    /** Signs in with one quick retry of a network failure: a person is waiting at the sign-in screen. */
    public AccountClient(SyncClient.Settings settings) {
        this(settings, 2, Duration.ofMillis(300));
    }

    private AccountClient(SyncClient.Settings settings, int attempts, Duration firstPause) {
        this.endpoint = new Endpoint(settings);
        this.attempts = Math.max(1, attempts);
        this.firstPause = firstPause;
    }

    /** The same client trying a sign-in up to {@code attempts} times, pausing {@code firstPause}, doubled each time, jittered. */
    public AccountClient withRetries(int attempts, Duration firstPause) {
        return new AccountClient(endpoint.settings(), attempts, firstPause);
    }

    /**
     * Signs in and returns the per-user token. The password goes to the server once per attempt, in
     * the request body over the pinned TLS connection; the caller keeps (and clears) the array. A
     * network failure (no connection, reset, timeout, captive portal) or a proxy's 502/503/504 is
     * tried again with jittered back-off; the server's own answers (401, 423, …) are not.
     *
     * @throws NetworkException when every attempt failed on the network (status 0)
     * @throws ReviewException  401 wrong credentials, 423 locked out, other server answers
     */
    public ServerSession signIn(String username, char[] password) {
        return retrying(() -> signInOnce(username, password));
    }

    private <T> T retrying(java.util.function.Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (ReviewException e) {
                boolean network = e instanceof NetworkException n && n.kind().retryNow();
                boolean proxy = e.status() == 502 || e.status() == 503 || e.status() == 504;
                if (!(network || proxy) || attempt >= attempts) {
                    throw e;
                }
                long cap = firstPause.toMillis() << Math.min(attempt - 1, 16);
                try {
                    Thread.sleep(cap / 2 + random.nextLong(cap / 2 + 1));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private ServerSession signInOnce(String username, char[] password) {
        SessionGrant grant = endpoint.call("POST", Protocol.SESSIONS, new SessionRequest(username, new String(password)),
                endpoint.type(SessionGrant.class), null);
        if (grant.token() == null || grant.expiresAt() == null || grant.account() == null) {
            throw new ReviewException(0, "the server's sign-in answer was incomplete");
        }
        return new ServerSession(grant.token(), grant.expiresAt(), account(grant.account()));
    }

    /** Ends the server session: the token stops working at once. Network failures are retried like a sign-in's. */
    public void signOut(String token) {
        retrying(() -> endpoint.call("DELETE", Protocol.CURRENT_SESSION, null, null, token));
    }

    static UserAccount account(Account a) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String r : a.roles()) {
            try {
                roles.add(Role.valueOf(r.toUpperCase(java.util.Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                // A role this version does not know grants nothing here.
            }
        }
        return new UserAccount(a.username(), a.displayName(), a.collarNumber(), roles, a.team());
    }
}
