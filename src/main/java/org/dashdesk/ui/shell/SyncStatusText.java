package org.dashdesk.ui.shell;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

import org.dashdesk.sync.SyncSnapshot;

/** The words of the status bar and of the exit warning. */
public final class SyncStatusText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

    /** What the status bar says when the server no longer accepts this sign-in (an expired token). */
    public static final String SIGN_IN_AGAIN = "Sign in again to send";

    private SyncStatusText() {
    }

    /**
     * "2 waiting to send · last successful sync today 10:42", plus what is wrong, if anything.
     *
     * @param notSending why sync is not running at all (no server set up, no token), or null
     */
    public static String line(SyncSnapshot s, String notSending, ZoneId zone, Instant now) {
        StringBuilder b = new StringBuilder();
        b.append(s.waiting() == 0 ? "Nothing waiting to send" : count(s.waiting()) + " waiting to send");
        if (s.quarantined() > 0) {
            b.append(" · ").append(count(s.quarantined())).append(" refused by the server");
        }
        if (s.waitingForSignIn() > 0) {
            b.append(" · ").append(count(s.waitingForSignIn())).append(" waiting for sign-in");
        }
        b.append(" · last successful sync ").append(s.lastSuccess() == null ? "never" : when(s.lastSuccess(), zone, now));
        if (notSending != null) {
            b.append(" · Not sending: ").append(notSending);
        } else if (s.signInNeeded() && !s.running()) {
            // An expired or revoked token: the records are held, not lost, until the next sign-in.
            b.append(" · ").append(SIGN_IN_AGAIN);
        } else if (s.running()) {
            b.append(" · Syncing…");
        } else if (s.lastProblem() != null) {
            b.append(" · Last attempt: ").append(s.lastProblem());
        }
        return b.toString();
    }

    static String when(Instant at, ZoneId zone, Instant now) {
        ZonedDateTime t = at.atZone(zone);
        LocalDate today = now.atZone(zone).toLocalDate();
        return t.toLocalDate().equals(today) ? "today " + TIME.format(t) : DAY_TIME.format(t);
    }

    /**
     * The exit warning when assessments have not reached the server, or empty when all have. An
     * assessment with a refused (quarantined) revision is named apart: it is never sent again by
     * itself, so "will be sent next time you are online" would be untrue for it.
     */
    public static Optional<String> exitWarning(SyncSnapshot s) {
        if (!s.hasUnsent()) {
            return Optional.empty();
        }
        // An assessment with a refused revision counts as refused: its later revisions wait behind it,
        // so the whole assessment needs attention. Counted in the store over every unsent record.
        long pending = s.unsent().assessments() - s.unsent().refused();
        long refusedCount = s.unsent().refused();
        if (s.unsent().assessments() == 0) {
            pending = (long) s.waiting() + s.waitingForSignIn();
            refusedCount = s.quarantined();
        }
        return Optional.of(exitWarning(pending, refusedCount));
    }

    /**
     * The exit warning when this desk is not sending at all ({@code why}: no central server set up,
     * no token): the unsent ones stay here until that is put right, which quitting does not change.
     */
    public static Optional<String> exitWarningNotSending(SyncSnapshot s, String why) {
        if (!s.hasUnsent()) {
            return Optional.empty();
        }
        long n = s.unsent().assessments();
        if (n == 0) {
            n = (long) s.waiting() + s.waitingForSignIn() + s.quarantined();
        }
        String have = n == 1 ? "1 assessment has" : count(n) + " assessments have";
        return Optional.of(have + " not been sent to the central server, and will not be until this is put right: " + why
                + (why.endsWith(".") ? "" : ".") + " " + (n == 1 ? "It is" : "They are") + " safe on this laptop.");
    }

    public static String exitWarning(long assessments) {
        return assessments == 1
                ? "1 assessment has not reached the central server yet. It is safe on this laptop and will be sent next time you are online."
                : count(assessments) + " assessments have not reached the central server yet. They are safe on this laptop and will be"
                        + " sent next time you are online.";
    }

    /** Pending ones will go by themselves; refused ones will not, and say so. */
    public static String exitWarning(long pending, long refused) {
        String refusedWords = refused == 1
                ? "1 assessment was refused by the central server and needs attention: open it to see why. It stays on this laptop."
                : count(refused) + " assessments were refused by the central server and need attention: open them to see why. They stay on"
                        + " this laptop.";
        if (refused == 0) {
            return exitWarning(pending);
        }
        return pending == 0 ? refusedWords : exitWarning(pending) + " " + refusedWords;
    }

    /** "64,000", as the lists' match count writes numbers: a laptop a week offline holds tens of thousands. */
    private static String count(long n) {
        return String.format(Locale.UK, "%,d", n);
    }
}
