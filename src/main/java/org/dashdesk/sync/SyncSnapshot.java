package org.dashdesk.sync;

import org.dashdesk.outbox.OutboxRecord;
import org.dashdesk.outbox.UnsentAssessments;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What the main window shows about sync, as an immutable value the UI can bind to.
 *
 * @param waiting        revisions not yet sent (waiting or sending)
 * @param lastSuccess    when a cycle last reached the server and sent or fetched something; null if never
 * @param lastProblem    the latest cycle's problem in words, null when it went well
 * @param unsynced       the newest records not yet synced (at most {@link SyncService#SNAPSHOT_RECORDS}, and any
 *                       being sent), with their state and last error in words
 * @param signInNeeded   the latest cycle was refused for its sign-in (an expired or revoked token)
 * @param unsent         assessments not yet wholly synced and those refused, counted in the store over every
 *                       record (not just those in {@code unsynced}): what the exit warning says
 */
public record SyncSnapshot(
        int waiting,
        int synced,
        int quarantined,
        int waitingForSignIn,
        Instant lastSuccess,
        String lastProblem,
        boolean running,
        List<OutboxRecord> unsynced,
        boolean signInNeeded,
        UnsentAssessments unsent) {

    public SyncSnapshot {
        unsynced = List.copyOf(unsynced);
        java.util.Objects.requireNonNull(unsent, "unsent");
    }

    /** With every unsynced record given: the unsent assessments are counted from them. */
    public SyncSnapshot(int waiting, int synced, int quarantined, int waitingForSignIn, Instant lastSuccess, String lastProblem,
            boolean running, List<OutboxRecord> unsynced) {
        this(waiting, synced, quarantined, waitingForSignIn, lastSuccess, lastProblem, running, unsynced, false, countedFrom(unsynced));
    }

    private static UnsentAssessments countedFrom(List<OutboxRecord> unsynced) {
        java.util.Set<java.util.UUID> all = new java.util.HashSet<>();
        java.util.Set<java.util.UUID> refused = new java.util.HashSet<>();
        for (OutboxRecord r : unsynced) {
            all.add(r.assessmentId());
            if (r.state() == org.dashdesk.outbox.OutboxState.QUARANTINED) {
                refused.add(r.assessmentId());
            }
        }
        return new UnsentAssessments(all.size(), refused.size());
    }

    /** True when closing the app now would leave revisions on this computer only. */
    public boolean hasUnsent() {
        return waiting + quarantined + waitingForSignIn > 0;
    }

    /** The one-line status for the main window, e.g. "3 waiting to send · last sync 10:42". */
    public String summary() {
        StringBuilder s = new StringBuilder();
        s.append(waiting == 0 ? "Nothing waiting to send" : count(waiting) + " waiting to send");
        if (quarantined > 0) {
            s.append(" · ").append(count(quarantined)).append(" refused by the server");
        }
        if (waitingForSignIn > 0) {
            s.append(" · ").append(count(waitingForSignIn)).append(" waiting for sign-in");
        }
        s.append(" · last successful sync: ").append(lastSuccess == null ? "never" : lastSuccess.toString());
        if (lastSuccess != null && waiting > 0) {
            // The time alone would read as "all sent then"; the count beside it says what is still here.
            s.append(" (").append(count(waiting)).append(" still waiting)");
        }
        return s.toString();
    }

    /** "64,000", as the desk's status bar writes it. */
    private static String count(int n) {
        return String.format(Locale.UK, "%,d", n);
    }
}
