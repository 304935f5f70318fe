package org.dashdesk.ui.common;

import java.util.Optional;

import org.dashdesk.config.AppConfig;
import org.dashdesk.config.EndpointCheck;
import org.dashdesk.security.SessionManager;
import org.dashdesk.sync.SyncClient;

/**
 * What the shell needs from outside the UI, every call made off the FX thread: the settings and
 * accounts of this laptop, opening the store once someone has signed in, and the sync client.
 * {@code ui.StoreServices} is the real one; tests give it temporary folders.
 */
public interface DeskBackend {

    /**
     * Where the app stands before anyone signs in.
     *
     * @param earlierProfile the one-time profile of a store made before accounts existed (read
     *                       with the old key file, only while it is still there), as defaults for
     *                       setting up the laptop
     */
    record Start(AppConfig config, SessionManager sessions, Optional<UserProfile> earlierProfile) {
    }

    /** Reads the settings files and the keyring of the data folder. */
    Start prepare() throws Exception;

    /** Opens the store with the signed-in user's key (decision 0050). */
    AppServices open(Start start) throws Exception;

    /**
     * A client for the configured central server with {@code token}.
     *
     * @throws IllegalArgumentException saying in words why there is none (no address, plain http
     *                                  without the development flag, unreadable certificate)
     */
    SyncClient syncClient(AppConfig config, String token);

    /**
     * The central server's review endpoints with a per-user {@code token} (a signed-in supervisor
     * or CRU user). Calls block: use them through the task executor.
     *
     * @throws IllegalArgumentException as {@link #syncClient}
     */
    org.dashdesk.review.ReviewGateway reviewGateway(AppConfig config, String token);

    /** Ends the server session of {@code token}, best effort (it expires anyway). Blocks briefly. */
    void signOutOnline(AppConfig config, String token);

    EndpointCheck endpointCheck();

    OnlineSignIn onlineSignIn();
}
