package org.dashdesk.ui.shell;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;

import org.dashdesk.assessment.AssessmentSummary;
import org.dashdesk.outbox.OutboxRecord;
import org.dashdesk.sync.SyncClient;
import org.dashdesk.sync.SyncListener;
import org.dashdesk.sync.SyncSnapshot;
import org.dashdesk.ui.common.AppServices;
import org.dashdesk.ui.common.BackgroundTask;

/**
 * The status bar's sync line and the per-record sync words: listens to the sync engine, reads
 * the outbox off the FX thread, and says why nothing is being sent when that is so.
 */
public final class SyncStatusViewModel {

    private final ShellContext ctx;
    /** Called when a sync moved records between lists, so the home lists are read again. */
    private final Runnable listsStale;
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ObservableMap<UUID, String> details = FXCollections.observableHashMap();
    static final String SYNCING_NOW = "Syncing now\u2026";
    private SyncSnapshot lastSnapshot;
    private String notSending;
    private boolean started;
    private final SyncListener listener;

    SyncStatusViewModel(ShellContext ctx, Runnable listsStale) {
        this.ctx = ctx;
        this.listsStale = listsStale;
        this.listener = s -> ctx.uiThread.execute(() -> changed(s));
    }

    /** Signed in: listen to the sync engine and start it with this token (or say why not). */
    void start(String token) {
        AppServices s = ctx.services.get();
        if (s == null || s.sync() == null) {
            return;
        }
        s.sync().addListener(listener);
        configure(token);
    }

    void configure(String token) {
        AppServices s = ctx.services.get();
        try {
            SyncClient client = ctx.backend.syncClient(ctx.start.config(), token);
            s.sync().useClient(client);
            notSending = null;
            if (!started) {
                s.sync().start(s.syncScheduler());
                started = true;
            }
        } catch (IllegalArgumentException e) {
            notSending = e.getMessage();
        }
        refresh();
    }

    /** Reads the outbox in the background and updates the status bar and the per-record words. */
    public void refresh() {
        AppServices s = ctx.services.get();
        if (s == null || s.sync() == null) {
            return;
        }
        ctx.executor.execute(BackgroundTask.of(s.sync()::snapshot).onSuccess(this::changed)
                .onFailure(e -> status.set("Sync status unavailable: " + e.getMessage())));
    }

    /** History flags already announced, counted per sync service (a new sign-in starts a new one at 0). */
    private int historyFlagsSeen;
    private Object historyFlagsOf;

    void changed(SyncSnapshot s) {
        if (ctx.services.get() == null) {
            return;
        }
        // A run that ended may have pulled a supervisor's return or a CRU decision: the lists are read
        // again, so the home screen says "Returned" as the record does (issue 11).
        boolean runEnded = lastSnapshot != null && lastSnapshot.running() && !s.running();
        boolean stale = lastSnapshot != null && (lastSnapshot.synced() != s.synced() || lastSnapshot.quarantined() != s.quarantined()
                || runEnded);
        lastSnapshot = s;
        status.set(SyncStatusText.line(s, notSending, ctx.clock.getZone(), ctx.clock.instant()));
        Map<UUID, String> words = new HashMap<>();
        for (OutboxRecord r : s.unsynced()) {
            words.put(r.assessmentId(), r.describe()); // the latest revision's words win: records come in order
        }
        details.keySet().retainAll(words.keySet());
        details.putAll(words);
        if (stale) {
            listsStale.run();
        }
        if (runEnded && SYNCING_NOW.equals(ctx.message.get())) {
            // "Syncing now…" was true while the run lasted; what it did is in the status line now.
            ctx.message.set(null);
        }
        var service = ctx.services.get().sync();
        if (service != historyFlagsOf) {
            historyFlagsOf = service;
            historyFlagsSeen = 0;
        }
        int flags = service == null ? 0 : service.historyFlagsPulled();
        if (flags > historyFlagsSeen) {
            // Issue 12: the server's history check found something about an assessment sent without one.
            int n = flags - historyFlagsSeen;
            ctx.message.set("History found after submission for " + (n == 1 ? "an assessment" : n + " assessments") + " you sent"
                    + " without a history check: open it from Submitted to see what was found. CRU and your supervisor have been told.");
        }
        historyFlagsSeen = flags;
    }

    /** "Sync now" (Ctrl+Shift+S): a cycle on the sync thread at once. */
    public void syncNow() {
        AppServices s = ctx.services.get();
        if (s == null || s.sync() == null) {
            return;
        }
        if (!started) {
            ctx.message.set("Not sending: " + notSending);
            return;
        }
        s.sync().syncNow();
        ctx.message.set(SYNCING_NOW);
    }

    /** After a submission: send at once when sending is running. */
    void sendSoon() {
        refresh();
        AppServices s = ctx.services.get();
        if (started && s != null && s.sync() != null) {
            s.sync().syncNow();
        }
    }

    /** The token IT gave the user, kept in the encrypted local settings (until online sign-in issues one). */
    void useToken(String token) {
        AppServices s = ctx.services.get();
        String t = token == null ? "" : token.strip();
        if (s == null || t.isEmpty()) {
            return;
        }
        ctx.executor.execute(BackgroundTask.run(() -> s.settings().put(ShellViewModel.SYNC_TOKEN, t)).onSuccess(v -> {
            configure(t);
            ctx.message.set(notSending == null ? "Token saved: sending to the central server." : "Token saved. Not sending: " + notSending);
        }).onFailure(e -> ctx.error.set("The token could not be saved: " + e.getMessage())));
    }

    /** The outbox read now, not from the last snapshot, so a submission a moment ago counts. */
    Optional<String> exitWarning() {
        AppServices s = ctx.services.get();
        if (s == null || s.sync() == null) {
            return Optional.empty();
        }
        SyncSnapshot now;
        try {
            now = s.sync().snapshot();
        } catch (RuntimeException e) {
            now = lastSnapshot;
        }
        if (now == null) {
            return Optional.empty();
        }
        // With no server set up (or none this desk may send to), "next time you are online" is untrue (issue 11).
        return notSending == null ? SyncStatusText.exitWarning(now) : SyncStatusText.exitWarningNotSending(now, notSending);
    }

    /** Whether the last sync found the server wants a fresh sign-in. */
    boolean signInNeeded() {
        return lastSnapshot != null && lastSnapshot.signInNeeded();
    }

    boolean started() {
        return started;
    }

    /** Signing out: stop listening (on the caller's thread, with the store still open). */
    void detach(AppServices s) {
        if (s != null && s.sync() != null) {
            s.sync().removeListener(listener);
        }
    }

    /** Signed out: forget everything shown. */
    void clear() {
        details.clear();
        lastSnapshot = null;
        started = false;
        status.set("");
    }

    public ObservableMap<UUID, String> details() {
        return details;
    }

    /** The submitted list's sync column: the live words where known, else the stored state. */
    public String words(AssessmentSummary s) {
        String live = details.get(s.id());
        return live != null ? live : s.syncState() == null ? "" : s.syncState();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
