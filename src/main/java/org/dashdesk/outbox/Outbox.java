package org.dashdesk.outbox;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.dashdesk.protocol.Change;
import org.dashdesk.protocol.Receipt;
import org.dashdesk.review.ReturnNotesRepository;

/**
 * The sync tables of the laptop's store, as the sync service drives them: the outbox of submitted
 * revisions (rows inserted by the store in the same transaction as each revision) and the return
 * notes pulled from the central unit. One interface, one implementation
 * ({@code org.dashdesk.store.OutboxStore}), so only the store writes SQL (decision 0140).
 */
public interface Outbox {

    /** How a 403 refusal's reason starts, so {@link #releaseForbiddenHolds()} can tell it from other refusals. */
    String FORBIDDEN_PREFIX = "not allowed for the signed-in user: ";

    UUID deviceId();

    /** Every row not yet synced (including quarantined ones), in device order. */
    List<OutboxRecord> unsynced();

    /**
     * The newest {@code limit} rows not yet synced, in device order: what the window shows about
     * them. A laptop offline for weeks can hold tens of thousands; the window must not hold them all.
     */
    List<OutboxRecord> unsyncedLatest(int limit);

    /** How many assessments have a revision not yet synced, and how many of those have one refused. */
    UnsentAssessments unsentAssessments();

    Optional<OutboxRecord> find(UUID revisionId);

    Map<OutboxState, Integer> counts();

    /** Back to waiting after a failure, not before {@code nextAttemptAt}. */
    void markRetry(UUID revisionId, String error, Instant nextAttemptAt);

    /** Notes why a waiting row was not sent this time, without counting an attempt. */
    void noteHeldBack(UUID revisionId, String why);

    /** The server refused the revision itself; it is not retried until someone deals with it. */
    void markQuarantined(UUID revisionId, String reason);

    void markWaitingForSignIn(UUID revisionId, String reason);

    /** Puts every row held for sign-in back in the queue (after the user signed in again). */
    int releaseSignInHolds();

    /** Puts records refused for the signed-in user (403) back in the queue; other refusals stay. */
    int releaseForbiddenHolds();

    /** Makes every waiting row due now (the endpoint is reachable again, or the user asked). */
    int clearBackoff();

    /**
     * Stores receipts and forces them to disk; only when this returns do the rows count as synced.
     * A receipt that does not match its row's assessment is ignored (the row stays unsynced).
     */
    int recordReceipts(List<Receipt> receipts);

    /** Stores the comments a RETURN change carries; true when they were new (a page pulled twice stores nothing). */
    boolean storeReturnNotes(Change change);

    /** The return notes pulled so far, for the officer's amend screen. */
    ReturnNotesRepository returnNotes();

    /** Stores the flag a HISTORY_FLAG change carries (issue 12); true when it was new. */
    boolean storeHistoryFlag(Change change);

    /** The history flags pulled so far, for the record screen. */
    org.dashdesk.review.HistoryFlagRepository historyFlags();
}
