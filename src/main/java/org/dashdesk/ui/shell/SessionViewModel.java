package org.dashdesk.ui.shell;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

import org.dashdesk.assessment.Assessment;
import org.dashdesk.assessment.AssessmentState;
import org.dashdesk.assessment.ListQuery;
import org.dashdesk.assessment.SummaryPage;
import org.dashdesk.review.ReviewGateway;
import org.dashdesk.security.Session;
import org.dashdesk.security.UserAccount;
import org.dashdesk.ui.common.AppServices;
import org.dashdesk.ui.common.BackgroundTask;
import org.dashdesk.ui.common.CurrentUser;
import org.dashdesk.ui.common.DeskBackend;
import org.dashdesk.ui.common.OnlineSignIn;
import org.dashdesk.ui.setup.SetupViewModel;
import org.dashdesk.ui.signin.EnrolViewModel;
import org.dashdesk.ui.signin.SignInViewModel;
import org.dashdesk.ui.signin.UnlockViewModel;

/**
 * Who is at the keyboard: start-up (settings, keyring), first-run setup, setting up this laptop,
 * sign-in, the server session and its renewal, the idle lock and sign-out. Everything slow
 * (reading the keyring, deriving keys, opening the store) runs off the FX thread.
 */
public final class SessionViewModel {

    /** Renew the server session at unlock when it has less than this left. */
    static final Duration RENEW_WHEN_LESS_THAN = Duration.ofHours(2);

    private final ShellContext ctx;
    private final SyncStatusViewModel sync;
    private final NavigationViewModel navigation;
    private final ReadOnlyBooleanWrapper locked = new ReadOnlyBooleanWrapper();
    private SetupViewModel setup;
    private EnrolViewModel enrol;
    private SignInViewModel signIn;
    private UnlockViewModel unlock;
    /** The per-user token from the server's sign-in, or null when working offline or with IT's token. */
    private String serverToken;
    /** When {@link #serverToken} stops working (null: unknown or none). */
    private Instant serverTokenExpires;

    SessionViewModel(ShellContext ctx, SyncStatusViewModel sync, NavigationViewModel navigation) {
        this.ctx = ctx;
        this.sync = sync;
        this.navigation = navigation;
    }

    private record Prepared(DeskBackend.Start start, boolean enrolled, boolean migrating) {
    }

    /** Reads the settings and the keyring in the background; the window is already on screen. */
    public void start() {
        ctx.busy.set(true);
        ctx.screen.set(ShellViewModel.Screen.LOADING);
        ctx.executor.execute(BackgroundTask.of(() -> {
            DeskBackend.Start s = ctx.backend.prepare();
            return new Prepared(s, s.sessions().hasEnrolledUsers(), s.sessions().willMigrateKeyFile());
        }).onSuccess(p -> {
            ctx.busy.set(false);
            ctx.start = p.start();
            DeskBackend.Start start = ctx.start;
            if (SetupViewModel.isDue(start.config())) {
                setup = new SetupViewModel(start.config(), ctx.executor, ctx.backend.endpointCheck());
                ctx.screen.set(ShellViewModel.Screen.SETUP);
            } else if (!p.enrolled()) {
                enrol = new EnrolViewModel(start.sessions(), start.earlierProfile(), p.migrating(), ctx.executor, ctx.backend.onlineSignIn(),
                        start.config().centralEndpoint().isPresent(), this::signedIn).useCollarNumbers(start.config().collarNumbers());
                ctx.screen.set(ShellViewModel.Screen.ENROL);
            } else {
                showSignIn(null);
            }
        }).onFailure(e -> {
            ctx.busy.set(false);
            ctx.error.set("DASH Desk could not read its settings or accounts: " + e.getMessage());
            ctx.screen.set(ShellViewModel.Screen.SIGN_IN);
        }));
    }

    /** The first-run setup saved its settings: read them again (the data folder may have moved). */
    public void setupDone() {
        setup = null;
        start();
    }

    private void showSignIn(String notice) {
        signIn = new SignInViewModel(ctx.start.sessions(), ctx.backend.onlineSignIn(), ctx.executor, ctx.clock, notice, this::signedIn);
        signIn.whileBusySay(() -> closesPending > 0 ? "Finishing with the last session's data, then signing you in…" : "Signing in…");
        ctx.screen.set(ShellViewModel.Screen.SIGN_IN);
    }

    private record Opened(AppServices services, Assessment openDraft, SummaryPage drafts,
                          SummaryPage submitted, String storedToken, UserAccount account, boolean accountChanged,
                          ReviewGateway gateway, String gatewayProblem) {
    }

    /**
     * Signed in (or the laptop set up): open the store with this user's key, off the FX thread.
     * With a server grant, the server's account replaces the cached one, its token drives sync and,
     * for supervisors and CRU, the review screens (decision 0100).
     */
    void signedIn(Session session, OnlineSignIn.Outcome online) {
        ctx.user.set(CurrentUser.of(session.account()));
        ctx.error.set(null);
        ctx.busy.set(true);
        ctx.screen.set(ShellViewModel.Screen.LOADING);
        DeskBackend.Start st = ctx.start;
        Optional<OnlineSignIn.Grant> grant = online.grant();
        if (closesPending > 0) {
            // The last sign-out's close is still running ahead of this open on the executor.
            ctx.opening.set("Finishing with the last session's data, then opening yours…");
        }
        ctx.executor.execute(BackgroundTask.of(() -> {
            AppServices s = ctx.backend.open(st);
            UserAccount account = session.account();
            boolean changed = false;
            if (grant.isPresent() && grant.get().account() != null) {
                changed = st.sessions().adoptServerAccount(grant.get().account());
                account = grant.get().account();
            }
            ReviewGateway gateway = null;
            String gatewayProblem = null;
            // Every signed-in user talks to the server beyond sync: queues, reports, the history check (issue 12).
            if (grant.isPresent()) {
                try {
                    gateway = ctx.backend.reviewGateway(st.config(), grant.get().token());
                } catch (IllegalArgumentException e) {
                    gatewayProblem = e.getMessage();
                }
            }
            Optional<Assessment> draft = s.settings().get(ShellViewModel.OPEN_DRAFT).flatMap(SessionViewModel::parse)
                    .flatMap(s.service().repository()::find).filter(a -> a.state() == AssessmentState.DRAFT);
            // The first page of each list only: the rest is read as the lists are scrolled (issue 17).
            return new Opened(s, draft.orElse(null), s.service().repository().summaries(ListQuery.all(true, PagedSummaryList.PAGE)),
                    s.service().repository().summaries(ListQuery.all(false, PagedSummaryList.PAGE)),
                    s.settings().get(ShellViewModel.SYNC_TOKEN).orElse(null), account, changed, gateway, gatewayProblem);
        }).onSuccess(o -> {
            ctx.busy.set(false);
            ctx.services.set(o.services());
            ctx.user.set(CurrentUser.of(o.account()));
            ctx.appearance.bindTo(o.services().settings());
            serverToken = grant.map(OnlineSignIn.Grant::token).orElse(null);
            serverTokenExpires = grant.map(OnlineSignIn.Grant::expiresAt).orElse(null);
            if (o.services().sync() != null) {
                ctx.returnNotes.set(o.services().sync().returnNotes());
            }
            ctx.reviewGateway.set(o.gateway());
            // The per-user token where the server issued one; the token IT gave (legacy) otherwise.
            sync.start(serverToken != null ? serverToken : o.storedToken());
            if (online.refusal() != null) {
                ctx.message.set("Signed in on this laptop only: " + online.refusal() + ". Assessments are kept here until you sign in"
                        + " again with the server's password.");
            } else if (o.accountChanged()) {
                ctx.message.set("Your details were updated from the central server: " + CurrentUser.of(o.account()).rolesInWords()
                        + (o.account().team().isBlank() ? "" : ", team " + o.account().team()) + ".");
            } else if (o.gatewayProblem() != null) {
                ctx.message.set("Review queues unavailable: " + o.gatewayProblem());
            }
            navigation.opened(o.drafts(), o.submitted(), o.openDraft());
            afterOpen(o.services());
        }).onFailure(e -> {
            ctx.busy.set(false);
            ctx.user.set(null);
            st.sessions().signOut();
            grant.ifPresent(g -> ctx.executor.execute(BackgroundTask.run(() -> ctx.backend.signOutOnline(st.config(), g.token()))));
            showSignIn("DASH Desk could not open its data: " + e.getMessage());
        }));
    }

    /**
     * What the store owes once the lists show (retention's backlog), a piece per background task:
     * each piece goes to the back of the queue, so searches and saves never wait behind the whole
     * backlog. The lists are read again when it is done.
     */
    private void afterOpen(AppServices opened) {
        ctx.executor.execute(BackgroundTask.of(() -> opened.afterOpen().getAsBoolean()).onSuccess(more -> {
            if (ctx.services.get() != opened) {
                return;
            }
            if (more) {
                afterOpen(opened);
            } else {
                navigation.refresh();
            }
        }));
    }

    private static Optional<UUID> parse(String s) {
        try {
            return Optional.of(UUID.fromString(s));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    // ---- idle lock -----------------------------------------------------------------------------

    /** User input: the idle timer restarts. */
    public void touch() {
        if (ctx.start != null && ctx.user.get() != null && !locked.get()) {
            ctx.start.sessions().touch();
        }
    }

    /** Called by a timer: locks when the policy's idle time has passed. */
    public void checkIdle() {
        if (ctx.start != null && ctx.user.get() != null && !locked.get() && ctx.start.sessions().lockIfIdle(ctx.clock.instant())) {
            showLock();
        }
    }

    /** Locks now (the user steps away). */
    public void lock() {
        if (ctx.start != null && ctx.user.get() != null && !locked.get()) {
            ctx.start.sessions().lock();
            showLock();
        }
    }

    private void showLock() {
        navigation.commitPending();
        unlock = new UnlockViewModel(ctx.start.sessions(), ctx.user.get().username(), ctx.executor, ctx.clock, () -> locked.set(false),
                why -> signOut(why)).renewingOnline(ctx.backend.onlineSignIn(), this::serverSessionNeedsRenewal, this::serverSessionRenewed);
        locked.set(true);
    }

    /**
     * At unlock: a server is set up and this person has no working session there — signed in
     * offline, refused, or the token expires soon or was already refused by a sync.
     */
    boolean serverSessionNeedsRenewal() {
        if (ctx.start == null || ctx.start.config().centralEndpoint().isEmpty()) {
            return false;
        }
        return serverToken == null || serverTokenExpires == null
                || serverTokenExpires.isBefore(ctx.clock.instant().plus(RENEW_WHEN_LESS_THAN))
                || sync.signInNeeded();
    }

    /** The unlock's password signed in at the server again: sync and the review queues use the new token. */
    void serverSessionRenewed(OnlineSignIn.Outcome outcome) {
        AppServices s = ctx.services.get();
        CurrentUser who = ctx.user.get();
        if (s == null || who == null || outcome.grant().isEmpty()) {
            // Offline or refused: nothing changes; the status bar already says if sending is held.
            return;
        }
        OnlineSignIn.Grant grant = outcome.grant().get();
        String old = serverToken;
        boolean wasHeld = sync.signInNeeded();
        serverToken = grant.token();
        serverTokenExpires = grant.expiresAt();
        sync.configure(grant.token());
        DeskBackend.Start st = ctx.start;
        ctx.executor.execute(BackgroundTask.of(() -> {
            if (old != null && !old.equals(grant.token())) {
                ctx.backend.signOutOnline(st.config(), old);
            }
            return ctx.backend.reviewGateway(st.config(), grant.token());
        }).onSuccess(gateway -> {
            if (gateway != null && serverToken != null && serverToken.equals(grant.token())) {
                ctx.reviewGateway.set(gateway);
            }
        }).onFailure(e -> ctx.message.set("The central server's queues, reports and history check are unavailable: " + e.getMessage())));
        if (wasHeld) {
            ctx.message.set("Signed in at the central server again: sending what was waiting.");
            if (sync.started() && s.sync() != null) {
                s.sync().syncNow();
            }
        }
    }

    // ---- sign-out, exit ------------------------------------------------------------------------

    /**
     * Saves what is pending, forgets the key and shows sign-in at once; the store is closed (and
     * compacted) behind the sign-in screen (issue 17). The close is queued on the background
     * executor like every other use of the store, so saves queued before it (the wizard's pending
     * text) are committed first and nothing touches the store while it closes; the next sign-in's
     * checks and open queue behind it, and the loading screen says what it is waiting for.
     */
    void signOut(String notice) {
        navigation.commitPending();
        AppServices s = ctx.services.get();
        DeskBackend.Start st = ctx.start;
        String token = serverToken;
        serverToken = null;
        serverTokenExpires = null;
        ctx.reviewGateway.set(null);
        ctx.returnNotes.set(null);
        if (s != null) {
            sync.detach(s);
            closesPending++;
        }
        ctx.executor.execute(BackgroundTask.run(() -> {
            if (s != null) {
                try {
                    s.settings().remove(ShellViewModel.OPEN_DRAFT);
                } finally {
                    s.closer().close();
                }
            }
        }).onSuccess(v -> closed(s)).onFailure(e -> {
            closed(s);
            ctx.error.set("Signed out, but the data could not be closed cleanly: " + e.getMessage());
        }));
        if (token != null) {
            ctx.executor.execute(BackgroundTask.run(() -> ctx.backend.signOutOnline(st.config(), token)));
        }
        st.sessions().signOut();
        signedOut(notice);
    }

    /** Closes handed to the executor and not yet done (FX thread only). */
    private int closesPending;

    private void closed(AppServices s) {
        if (s != null) {
            closesPending--;
        }
        if (closesPending == 0) {
            ctx.opening.set(ShellContext.OPENING);
        }
    }

    private void signedOut(String notice) {
        ctx.busy.set(false);
        ctx.services.set(null);
        ctx.user.set(null);
        navigation.clear();
        sync.clear();
        ctx.message.set(null);
        locked.set(false);
        unlock = null;
        showSignIn(notice);
    }

    /** At exit (after the executor drained): close the store and forget the key. Runs on the caller's thread. */
    public void shutdown() {
        // A sign-out's close still running behind the sign-in screen finishes before the process may end.
        AppServices s = ctx.services.get();
        if (s != null) {
            try {
                s.closer().close();
            } catch (Exception e) {
                // closing at exit: everything was committed as it was given
            }
        }
        if (ctx.start != null) {
            ctx.start.sessions().signOut();
        }
    }

    public SetupViewModel setup() {
        return setup;
    }

    public EnrolViewModel enrol() {
        return enrol;
    }

    public SignInViewModel signIn() {
        return signIn;
    }

    public UnlockViewModel unlock() {
        return unlock;
    }

    public ReadOnlyBooleanProperty lockedProperty() {
        return locked.getReadOnlyProperty();
    }
}
