package org.dashdesk.outbox;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Where one queued revision stands, as stored in {@code outbox.state}, and the ONE set of words
 * people see for it (the record list, the record screen and the sync panel all use these, so the
 * same state never reads two ways).
 */
public enum OutboxState {
    WAITING, SENDING, SYNCED, QUARANTINED, WAITING_FOR_SIGN_IN;

    private static final DateTimeFormatter RECEIPT_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

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
            case SYNCED -> "Synced";
            case QUARANTINED -> "Refused by the server";
            case WAITING_FOR_SIGN_IN -> "Waiting for sign-in";
        };
    }

    /**
     * The words with the server's receipt when there is one: a synced revision names its receipt
     * (sequence number and when the server stored it), the proof people quote to the central unit.
     */
    public String words(Long serverSeq, Instant receivedAt, ZoneId zone) {
        if (this == SYNCED && serverSeq != null && receivedAt != null) {
            return words() + " — receipt #" + serverSeq + " at " + RECEIPT_TIME.format(receivedAt.atZone(zone));
        }
        return words();
    }
}
