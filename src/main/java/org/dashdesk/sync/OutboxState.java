package org.dashdesk.sync;

import java.util.Locale;

/** Where one queued revision stands, as stored in {@code outbox.state}. */
public enum OutboxState {
    WAITING, SENDING, SYNCED, QUARANTINED, WAITING_FOR_SIGN_IN;

    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OutboxState fromDb(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }

    /** The state in words for people. */
    public String words() {
        return switch (this) {
            case WAITING -> "Waiting to send";
            case SENDING -> "Sending";
            case SYNCED -> "Sent, receipt stored";
            case QUARANTINED -> "Refused by the server";
            case WAITING_FOR_SIGN_IN -> "Waiting for sign-in";
        };
    }
}
