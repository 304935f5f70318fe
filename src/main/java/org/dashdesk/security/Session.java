package org.dashdesk.security;

import java.time.Instant;
import java.util.Arrays;
import java.util.Set;

/**
 * One person's time at the keyboard, from sign-in to sign-out. While {@link State#ACTIVE} it holds
 * the database key in memory; locking or ending the session zeroes that copy, so a locked app
 * needs the password again before the database can be opened. Changed only by
 * {@link SessionManager}, which guards it with its own lock.
 */
public final class Session {

    public enum State {
        /** Signed in; the database key is available. */
        ACTIVE,
        /** Idle or locked by hand; the key has been wiped and the password is needed to continue. */
        LOCKED,
        /** Signed out (or locked out while locked); start again with sign-in. */
        ENDED
    }

    private volatile UserAccount account;
    private final Instant signedInAt;
    private volatile Instant lastActivity;
    private volatile State state;
    private byte[] databaseKey;

    Session(UserAccount account, byte[] databaseKey, Instant signedInAt) {
        this.account = account;
        this.databaseKey = databaseKey;
        this.signedInAt = signedInAt;
        this.lastActivity = signedInAt;
        this.state = State.ACTIVE;
    }

    public UserAccount account() {
        return account;
    }

    public String username() {
        return account.username();
    }

    public Set<Role> roles() {
        return account.roles();
    }

    public boolean hasRole(Role role) {
        return account.hasRole(role);
    }

    public State state() {
        return state;
    }

    public boolean isActive() {
        return state == State.ACTIVE;
    }

    public Instant signedInAt() {
        return signedInAt;
    }

    public Instant lastActivity() {
        return lastActivity;
    }

    void account(UserAccount refreshed) {
        this.account = refreshed;
    }

    void touched(Instant at) {
        this.lastActivity = at;
    }

    /** The live key (not a copy); callers inside this package copy what they hand out. */
    byte[] databaseKey() {
        if (state != State.ACTIVE || databaseKey == null) {
            throw new IllegalStateException("the session is " + state);
        }
        return databaseKey;
    }

    void lock() {
        wipe();
        state = State.LOCKED;
    }

    void unlocked(byte[] key, Instant at) {
        wipe();
        databaseKey = key;
        lastActivity = at;
        state = State.ACTIVE;
    }

    void end() {
        wipe();
        state = State.ENDED;
    }

    private void wipe() {
        if (databaseKey != null) {
            Arrays.fill(databaseKey, (byte) 0);
            databaseKey = null;
        }
    }

    @Override
    public String toString() {
        return "Session[" + account.username() + ", " + state + "]";
    }
}
