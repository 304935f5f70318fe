package org.dashdesk.sync;

import java.time.Duration;

import org.dashdesk.review.ReviewException;

/**
 * The {@code sync} command's hold on the server: a sign-in that retries network failures and
 * words them as such, the client built on its token, and a best-effort sign-out when the command
 * ends — also after an error — so a run never leaves a live token behind (issue 16). A token the
 * person supplied (a token file) is theirs and is left alone.
 */
public final class CommandLineSession implements AutoCloseable {

    /** Sign-in tries: up to about 15 s of jittered waiting on a bad network. */
    static final int SIGN_IN_ATTEMPTS = 5;
    static final Duration SIGN_IN_FIRST_PAUSE = Duration.ofSeconds(1);

    private final SyncClient.Settings transport;
    private final String token;
    private final boolean signedInHere;
    private final SyncClient client;
    private boolean closed;

    private CommandLineSession(SyncClient.Settings transport, String token, boolean signedInHere) {
        this.transport = transport;
        this.token = token;
        this.signedInHere = signedInHere;
        this.client = new SyncClient(new SyncClient.Settings(transport.server(), token, transport.ssl(), transport.devInsecureHttp(),
                transport.connectTimeout(), transport.requestTimeout()));
    }

    /**
     * Signs in at the server with retries.
     *
     * @param transport the server and trust settings (the token in it is not used)
     * @throws ReviewException with a message fit to print after "sync: ": a network problem is
     *                         named as one, a refusal by the server as a refusal
     */
    public static CommandLineSession signIn(SyncClient.Settings transport, String username, char[] password) {
        return signIn(transport, username, password, SIGN_IN_ATTEMPTS, SIGN_IN_FIRST_PAUSE);
    }

    /** As {@link #signIn(SyncClient.Settings, String, char[])} with the tries given (tests scale the pauses down). */
    static CommandLineSession signIn(SyncClient.Settings transport, String username, char[] password, int attempts, Duration firstPause) {
        try {
            ServerSession s = new AccountClient(transport).withRetries(attempts, firstPause).signIn(username, password);
            return new CommandLineSession(transport, s.token(), true);
        } catch (NetworkException e) {
            throw new NetworkException(e.kind(), "could not sign in at the server, a network problem (tried " + attempts
                    + " times): " + e.getMessage());
        } catch (ReviewException e) {
            throw new ReviewException(e.status(), switch (e.status()) {
                case 401 -> "the server did not accept the user name and password";
                case 423 -> "the server has locked this account after too many wrong passwords; try again later";
                default -> "the server refused the sign-in: " + e.getMessage();
            });
        }
    }

    /** Uses a token the person supplied; it is not signed out at the end. */
    public static CommandLineSession withToken(SyncClient.Settings transport, String token) {
        return new CommandLineSession(transport, token, false);
    }

    public SyncClient client() {
        return client;
    }

    /** The transport settings with this session's token, for the other clients of the same server (reports). */
    public SyncClient.Settings settings() {
        return new SyncClient.Settings(transport.server(), token, transport.ssl(), transport.devInsecureHttp(), transport.connectTimeout(),
                transport.requestTimeout());
    }

    /** Readies a sync service for one command-line run: the command line's retry policy (decision 0160). */
    public SyncService prepare(SyncService sync) {
        sync.useRetryPolicy(RetryPolicy.commandLine());
        return sync;
    }

    /** True when {@link #close()} revokes the token. */
    public boolean signsOut() {
        return signedInHere;
    }

    /**
     * Signs out (revokes the token) when this session signed in. Best effort: an older server
     * without the endpoint (404/405) or a network failure is ignored — the token then expires on
     * its own — and nothing is thrown.
     */
    @Override
    public void close() {
        if (closed || !signedInHere) {
            closed = true;
            return;
        }
        closed = true;
        try {
            new AccountClient(transport.withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(5))).withRetries(2,
                    Duration.ofMillis(200)).signOut(token);
        } catch (ReviewException e) {
            // 404/405 from a server before sign-out existed, 401 for a token already gone, or no network.
        }
    }
}
