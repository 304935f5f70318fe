package org.dashdesk.sync;

import java.util.EnumSet;
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

    public AccountClient(SyncClient.Settings settings) {
        this.endpoint = new Endpoint(settings);
    }

    /**
     * Signs in and returns the per-user token. The password goes to the server once, in the
     * request body over the pinned TLS connection; the caller keeps (and clears) the array.
     *
     * @throws ReviewException 401 wrong credentials, 423 locked out, 0 server unreachable
     */
    public ServerSession signIn(String username, char[] password) {
        SessionGrant grant = endpoint.call("POST", Protocol.SESSIONS, new SessionRequest(username, new String(password)),
                endpoint.type(SessionGrant.class), null);
        if (grant.token() == null || grant.expiresAt() == null || grant.account() == null) {
            throw new ReviewException(0, "the server's sign-in answer was incomplete");
        }
        return new ServerSession(grant.token(), grant.expiresAt(), account(grant.account()));
    }

    /** Ends the server session: the token stops working at once. */
    public void signOut(String token) {
        endpoint.call("DELETE", Protocol.CURRENT_SESSION, null, null, token);
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
