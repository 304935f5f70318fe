package org.dashdesk.ui.shell;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

import org.dashdesk.assessment.Assessment;
import org.dashdesk.assessment.AssessmentState;
import org.dashdesk.assessment.AssessmentSummary;
import org.dashdesk.assessment.Channel;
import org.dashdesk.assessment.PhoneIn;
import org.dashdesk.assessment.Revision;
import org.dashdesk.security.Role;
import org.dashdesk.security.Session;
import org.dashdesk.security.SessionManager;
import org.dashdesk.security.UserAccount;
import org.dashdesk.outbox.OutboxRecord;
import org.dashdesk.sync.SyncClient;
import org.dashdesk.sync.SyncListener;
import org.dashdesk.sync.SyncSnapshot;
import org.dashdesk.ui.common.AppServices;
import org.dashdesk.ui.common.Appearance;
import org.dashdesk.ui.common.BackgroundTask;
import org.dashdesk.ui.common.CurrentUser;
import org.dashdesk.ui.common.DeskBackend;
import org.dashdesk.ui.common.OnlineSignIn;
import org.dashdesk.ui.common.TaskExecutor;
import org.dashdesk.ui.record.RecordViewModel;
import org.dashdesk.ui.setup.FirstRunSetup;
import org.dashdesk.ui.setup.SetupViewModel;
import org.dashdesk.ui.signin.EnrolViewModel;
import org.dashdesk.ui.signin.SignInViewModel;
import org.dashdesk.ui.signin.UnlockViewModel;
import org.dashdesk.ui.wizard.WizardViewModel;

/**
 * The main window's state: first-run setup, setting up the laptop, sign-in, the lists, the open
 * wizard or record, the privacy curtain, the idle lock and the sync status. Everything slow
 * (reading the keyring, deriving keys, opening the store, sync) runs off the FX thread.
 */
public final class ShellViewModel {

    /** The settings key of the draft open in the wizard, so a restart reopens it. */
    static final String OPEN_DRAFT = "ui.openDraft";
    /** The local (encrypted) setting with the central server token, until online sign-in issues one. */
    public static final String SYNC_TOKEN = "sync.token";

    public enum Screen { LOADING, SETUP, ENROL, SIGN_IN, HOME, WIZARD, SETTINGS, ADD_PERSON, RECORD, REVIEW_QUEUE }

    private final TaskExecutor executor;
    private final Clock clock;
    private final Appearance appearance;
    private final DeskBackend backend;
    private final Executor uiThread;
    private DeskBackend.Start start;

    private final ObjectProperty<Screen> screen = new SimpleObjectProperty<>(Screen.LOADING);
    private final ReadOnlyObjectWrapper<AppServices> services = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<CurrentUser> user = new ReadOnlyObjectWrapper<>();
    private final ObservableList<AssessmentSummary> drafts = FXCollections.observableArrayList();
    private final ObservableList<AssessmentSummary> submitted = FXCollections.observableArrayList();
    /** Who is enrolled on this laptop, for the settings page; read when it opens. */
    private final ObservableList<UserAccount> people = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<WizardViewModel> wizard = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<RecordViewModel> record = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final BooleanProperty hidden = new SimpleBooleanProperty();
    private final ReadOnlyBooleanWrapper locked = new ReadOnlyBooleanWrapper();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final ObjectProperty<org.dashdesk.review.ReviewGateway> reviewGateway = new SimpleObjectProperty<>();
    private final ObjectProperty<org.dashdesk.review.ReturnNotesRepository> returnNotes = new SimpleObjectProperty<>();
    private SetupViewModel setup;
    private EnrolViewModel enrol;
    private EnrolViewModel addPerson;
    private SignInViewModel signIn;
    private UnlockViewModel unlock;

    private final ReadOnlyStringWrapper syncStatus = new ReadOnlyStringWrapper("");
    private final ObservableMap<UUID, String> syncDetails = FXCollections.observableHashMap();
    private SyncSnapshot lastSnapshot;
    private String notSending;
    private boolean syncStarted;
    /** The per-user token from the server's sign-in, or null when working offline or with IT's token. */
    private String serverToken;
    /** When {@link #serverToken} stops working (null: unknown or none). */
    private Instant serverTokenExpires;
    /** Renew the server session at unlock when it has less than this left. */
    static final Duration RENEW_WHEN_LESS_THAN = Duration.ofHours(2);
    private final SyncListener syncListener = s -> runOnUi(() -> syncChanged(s));

    /**
     * @param uiThread where sync news is handed to ({@code Platform::runLater} in the app)
     */
    public ShellViewModel(TaskExecutor executor, Clock clock, Appearance appearance, DeskBackend backend, Executor uiThread) {
        this.executor = executor;
        this.clock = clock;
        this.appearance = appearance;
        this.backend = backend;
        this.uiThread = uiThread;
    }

    private void runOnUi(Runnable r) {
        uiThread.execute(r);
    }

    // ---- start-up, setup, set up this laptop, sign-in --------------------------------------------

    private record Prepared(DeskBackend.Start start, boolean enrolled, boolean migrating) {
    }

    /** Reads the settings and the keyring in the background; the window is already on screen. */
    public void start() {
        busy.set(true);
        screen.set(Screen.LOADING);
        executor.execute(BackgroundTask.of(() -> {
            DeskBackend.Start s = backend.prepare();
            return new Prepared(s, s.sessions().hasEnrolledUsers(), s.sessions().willMigrateKeyFile());
        }).onSuccess(p -> {
            busy.set(false);
            start = p.start();
            if (FirstRunSetup.needed(start.config())) {
                setup = new SetupViewModel(start.config(), executor, backend.endpointCheck());
                screen.set(Screen.SETUP);
            } else if (!p.enrolled()) {
                enrol = new EnrolViewModel(start.sessions(), start.earlierProfile(), p.migrating(), executor, backend.onlineSignIn(),
                        start.config().centralEndpoint().isPresent(), this::signedIn);
                screen.set(Screen.ENROL);
            } else {
                showSignIn(null);
            }
        }).onFailure(e -> {
            busy.set(false);
            error.set("DASH Desk could not read its settings or accounts: " + e.getMessage());
            screen.set(Screen.SIGN_IN);
        }));
    }

    /** The first-run setup saved its settings: read them again (the data folder may have moved). */
    public void setupDone() {
        setup = null;
        start();
    }

    private void showSignIn(String notice) {
        signIn = new SignInViewModel(start.sessions(), backend.onlineSignIn(), executor, clock, notice, this::signedIn);
        screen.set(Screen.SIGN_IN);
    }

    private record Opened(AppServices services, Assessment openDraft, List<AssessmentSummary> drafts,
                          List<AssessmentSummary> submitted, String storedToken, UserAccount account, boolean accountChanged,
                          org.dashdesk.review.ReviewGateway gateway, String gatewayProblem) {
    }

    /**
     * Signed in (or the laptop set up): open the store with this user's key, off the FX thread.
     * With a server grant, the server's account replaces the cached one, its token drives sync and,
     * for supervisors and CRU, the review screens (decision 0100).
     */
    void signedIn(Session session, OnlineSignIn.Outcome online) {
        user.set(CurrentUser.of(session.account()));
        error.set(null);
        busy.set(true);
        screen.set(Screen.LOADING);
        DeskBackend.Start st = start;
        Optional<OnlineSignIn.Grant> grant = online.grant();
        executor.execute(BackgroundTask.of(() -> {
            AppServices s = backend.open(st);
            UserAccount account = session.account();
            boolean changed = false;
            if (grant.isPresent() && grant.get().account() != null) {
                changed = st.sessions().adoptServerAccount(grant.get().account());
                account = grant.get().account();
            }
            org.dashdesk.review.ReviewGateway gateway = null;
            String gatewayProblem = null;
            if (grant.isPresent() && (account.roles().contains(Role.SUPERVISOR) || account.roles().contains(Role.CRU))) {
                try {
                    gateway = backend.reviewGateway(st.config(), grant.get().token());
                } catch (IllegalArgumentException e) {
                    gatewayProblem = e.getMessage();
                }
            }
            Optional<Assessment> draft = s.settings().get(OPEN_DRAFT).flatMap(ShellViewModel::parse)
                    .flatMap(s.service().repository()::find).filter(a -> a.state() == AssessmentState.DRAFT);
            return new Opened(s, draft.orElse(null), s.service().repository().drafts(), s.service().repository().submitted(),
                    s.settings().get(SYNC_TOKEN).orElse(null), account, changed, gateway, gatewayProblem);
        }).onSuccess(o -> {
            busy.set(false);
            services.set(o.services());
            user.set(CurrentUser.of(o.account()));
            appearance.bindTo(o.services().settings());
            drafts.setAll(o.drafts());
            submitted.setAll(o.submitted());
            serverToken = grant.map(OnlineSignIn.Grant::token).orElse(null);
            serverTokenExpires = grant.map(OnlineSignIn.Grant::expiresAt).orElse(null);
            if (o.services().sync() != null) {
                returnNotes.set(o.services().sync().returnNotes());
            }
            reviewGateway.set(o.gateway());
            // The per-user token where the server issued one; the token IT gave (legacy) otherwise.
            startSync(serverToken != null ? serverToken : o.storedToken());
            if (online.refusal() != null) {
                message.set("Signed in on this laptop only: " + online.refusal() + ". Assessments are kept here until you sign in"
                        + " again with the server's password.");
            } else if (o.accountChanged()) {
                message.set("Your details were updated from the central server: " + CurrentUser.of(o.account()).rolesInWords()
                        + (o.account().team().isBlank() ? "" : ", team " + o.account().team()) + ".");
            } else if (o.gatewayProblem() != null) {
                message.set("Review queues unavailable: " + o.gatewayProblem());
            }
            if (o.openDraft() != null) {
                openWizard(o.openDraft());
            } else {
                screen.set(Screen.HOME);
            }
        }).onFailure(e -> {
            busy.set(false);
            user.set(null);
            st.sessions().signOut();
            grant.ifPresent(g -> executor.execute(BackgroundTask.run(() -> backend.signOutOnline(st.config(), g.token()))));
            showSignIn("DASH Desk could not open its data: " + e.getMessage());
        }));
    }

    private static Optional<UUID> parse(String s) {
        try {
            return Optional.of(UUID.fromString(s));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    // ---- sync ----------------------------------------------------------------------------------

    private void startSync(String token) {
        AppServices s = services.get();
        if (s == null || s.sync() == null) {
            return;
        }
        s.sync().addListener(syncListener);
        configureSync(token);
    }

    private void configureSync(String token) {
        AppServices s = services.get();
        try {
            SyncClient client = backend.syncClient(start.config(), token);
            s.sync().useClient(client);
            notSending = null;
            if (!syncStarted) {
                s.sync().start(s.syncScheduler());
                syncStarted = true;
            }
        } catch (IllegalArgumentException e) {
            notSending = e.getMessage();
        }
        refreshSync();
    }

    /** Reads the outbox in the background and updates the status bar and the per-record words. */
    public void refreshSync() {
        AppServices s = services.get();
        if (s == null || s.sync() == null) {
            return;
        }
        executor.execute(BackgroundTask.of(s.sync()::snapshot).onSuccess(this::syncChanged)
                .onFailure(e -> syncStatus.set("Sync status unavailable: " + e.getMessage())));
    }

    void syncChanged(SyncSnapshot s) {
        if (services.get() == null) {
            return;
        }
        boolean listsStale = lastSnapshot != null && (lastSnapshot.synced() != s.synced() || lastSnapshot.quarantined() != s.quarantined());
        lastSnapshot = s;
        syncStatus.set(SyncStatusText.line(s, notSending, clock.getZone(), clock.instant()));
        Map<UUID, String> words = new HashMap<>();
        for (OutboxRecord r : s.unsynced()) {
            words.put(r.assessmentId(), r.describe()); // the latest revision's words win: records come in order
        }
        syncDetails.keySet().retainAll(words.keySet());
        syncDetails.putAll(words);
        if (listsStale) {
            refresh();
        }
    }

    /** "Sync now" (Ctrl+Shift+S): a cycle on the sync thread at once. */
    public void syncNow() {
        AppServices s = services.get();
        if (s == null || s.sync() == null) {
            return;
        }
        if (!syncStarted) {
            message.set("Not sending: " + notSending);
            return;
        }
        s.sync().syncNow();
        message.set("Syncing now…");
    }

    /** The token IT gave the user, kept in the encrypted local settings (until online sign-in issues one). */
    public void useSyncToken(String token) {
        AppServices s = services.get();
        String t = token == null ? "" : token.strip();
        if (s == null || t.isEmpty()) {
            return;
        }
        executor.execute(BackgroundTask.run(() -> s.settings().put(SYNC_TOKEN, t)).onSuccess(v -> {
            configureSync(t);
            message.set(notSending == null ? "Token saved: sending to the central server." : "Token saved. Not sending: " + notSending);
        }).onFailure(e -> error.set("The token could not be saved: " + e.getMessage())));
    }

    /**
     * What to tell the user when they close the app with records not yet at the server, or empty.
     * The outbox is read now, not from the last snapshot, so a submission a moment ago counts.
     */
    public Optional<String> exitWarning() {
        // Answers handed to the autosaver but not yet in the store come first: they exist only on screen.
        // (Text still being typed is committed by DashDeskApp.stop, which waits for the save.)
        if (wizard.get() != null && wizard.get().autosaver().hasPending()) {
            return wizard.get().autosaver().exitWarning();
        }
        AppServices s = services.get();
        if (s == null || s.sync() == null) {
            return Optional.empty();
        }
        SyncSnapshot now;
        try {
            now = s.sync().snapshot();
        } catch (RuntimeException e) {
            now = lastSnapshot;
        }
        return now == null ? Optional.empty() : SyncStatusText.exitWarning(now);
    }

    // ---- idle lock, sign-out -------------------------------------------------------------------

    /** User input: the idle timer restarts. */
    public void touch() {
        if (start != null && user.get() != null && !locked.get()) {
            start.sessions().touch();
        }
    }

    /** Called by a timer: locks when the policy's idle time has passed. */
    public void checkIdle() {
        if (start != null && user.get() != null && !locked.get() && start.sessions().lockIfIdle(clock.instant())) {
            showLock();
        }
    }

    /** Locks now (the user steps away). */
    public void lock() {
        if (start != null && user.get() != null && !locked.get()) {
            start.sessions().lock();
            showLock();
        }
    }

    private void showLock() {
        WizardViewModel w = wizard.get();
        if (w != null) {
            w.commitPending();
        }
        unlock = new UnlockViewModel(start.sessions(), user.get().username(), executor, clock, () -> locked.set(false),
                why -> signOut(why)).renewingOnline(backend.onlineSignIn(), this::serverSessionNeedsRenewal, this::serverSessionRenewed);
        locked.set(true);
    }

    /**
     * At unlock: a server is set up and this person has no working session there — signed in
     * offline, refused, or the token expires soon or was already refused by a sync.
     */
    boolean serverSessionNeedsRenewal() {
        if (start == null || start.config().centralEndpoint().isEmpty()) {
            return false;
        }
        return serverToken == null || serverTokenExpires == null
                || serverTokenExpires.isBefore(clock.instant().plus(RENEW_WHEN_LESS_THAN))
                || lastSnapshot != null && lastSnapshot.signInNeeded();
    }

    /** The unlock's password signed in at the server again: sync and the review queues use the new token. */
    void serverSessionRenewed(OnlineSignIn.Outcome outcome) {
        AppServices s = services.get();
        CurrentUser who = user.get();
        if (s == null || who == null || outcome.grant().isEmpty()) {
            // Offline or refused: nothing changes; the status bar already says if sending is held.
            return;
        }
        OnlineSignIn.Grant grant = outcome.grant().get();
        String old = serverToken;
        boolean wasHeld = lastSnapshot != null && lastSnapshot.signInNeeded();
        serverToken = grant.token();
        serverTokenExpires = grant.expiresAt();
        configureSync(grant.token());
        DeskBackend.Start st = start;
        boolean reviews = who.hasRole(Role.SUPERVISOR) || who.hasRole(Role.CRU);
        executor.execute(BackgroundTask.of(() -> {
            if (old != null && !old.equals(grant.token())) {
                backend.signOutOnline(st.config(), old);
            }
            return reviews ? backend.reviewGateway(st.config(), grant.token()) : null;
        }).onSuccess(gateway -> {
            if (gateway != null && serverToken != null && serverToken.equals(grant.token())) {
                reviewGateway.set(gateway);
            }
        }).onFailure(e -> message.set("Review queues unavailable: " + e.getMessage())));
        if (wasHeld) {
            message.set("Signed in at the central server again: sending what was waiting.");
            if (syncStarted && s.sync() != null) {
                s.sync().syncNow();
            }
        }
    }

    public void signOut() {
        signOut(null);
    }

    /** Saves what is pending, closes the store, forgets the key, and shows sign-in. */
    void signOut(String notice) {
        WizardViewModel w = wizard.get();
        if (w != null) {
            w.commitPending();
        }
        AppServices s = services.get();
        DeskBackend.Start st = start;
        String token = serverToken;
        serverToken = null;
        serverTokenExpires = null;
        reviewGateway.set(null);
        returnNotes.set(null);
        busy.set(true);
        executor.execute(BackgroundTask.run(() -> {
            if (token != null) {
                backend.signOutOnline(st.config(), token);
            }
            if (s != null) {
                if (s.sync() != null) {
                    s.sync().removeListener(syncListener);
                }
                s.settings().remove(OPEN_DRAFT);
                s.closer().close();
            }
            st.sessions().signOut();
        }).onSuccess(v -> signedOut(notice)).onFailure(e -> {
            st.sessions().signOut();
            signedOut("Signed out, but the data could not be closed cleanly: " + e.getMessage());
        }));
    }

    private void signedOut(String notice) {
        busy.set(false);
        services.set(null);
        user.set(null);
        wizard.set(null);
        record.set(null);
        drafts.clear();
        submitted.clear();
        syncDetails.clear();
        lastSnapshot = null;
        syncStarted = false;
        syncStatus.set("");
        message.set(null);
        locked.set(false);
        unlock = null;
        showSignIn(notice);
    }

    /** At exit (after the executor drained): close the store and forget the key. Runs on the caller's thread. */
    public void shutdown() {
        AppServices s = services.get();
        if (s != null) {
            try {
                s.closer().close();
            } catch (Exception e) {
                // closing at exit: everything was committed as it was given
            }
        }
        if (start != null) {
            start.sessions().signOut();
        }
    }

    // ---- lists, wizard, record ---------------------------------------------------------------

    public void refresh() {
        AppServices s = services.get();
        if (s == null) {
            return;
        }
        executor.execute(BackgroundTask.of(() -> new Lists(s.service().repository().drafts(), s.service().repository().submitted()))
                .onSuccess(l -> {
                    drafts.setAll(l.drafts());
                    submitted.setAll(l.submitted());
                })
                .onFailure(e -> error.set("The lists could not be read: " + e.getMessage())));
    }

    private record Lists(List<AssessmentSummary> drafts, List<AssessmentSummary> submitted) {
    }

    public void startNew(Channel channel) {
        AppServices s = services.get();
        CurrentUser u = user.get();
        if (s == null || u == null || !u.mayStart(channel)) {
            return;
        }
        PhoneIn phoneIn = channel == Channel.PHONE_IN ? new PhoneIn(u.asOfficer(), null, null, null) : null;
        executor.execute(BackgroundTask.of(() -> {
            Assessment a = s.service().startDraft(channel, channel == Channel.AT_SCENE ? u.asOfficer() : null, phoneIn, u.actor());
            s.settings().put(OPEN_DRAFT, a.id().toString());
            return a;
        }).onSuccess(this::openWizard).onFailure(e -> error.set("A new assessment could not be started: " + e.getMessage())));
    }

    public void openDraft(UUID id) {
        AppServices s = services.get();
        executor.execute(BackgroundTask.of(() -> {
            Assessment a = s.service().repository().find(id).orElseThrow(() -> new IllegalStateException("it no longer exists"));
            s.settings().put(OPEN_DRAFT, id.toString());
            return a;
        }).onSuccess(this::openWizard).onFailure(e -> error.set("The draft could not be opened: " + e.getMessage())));
    }

    private void openWizard(Assessment a) {
        AppServices s = services.get();
        CurrentUser u = user.get();
        error.set(null);
        message.set(null);
        record.set(null);
        wizard.set(new WizardViewModel(s.service(), s.packs(), executor, a, u.asOfficer(), u.actor(), clock));
        screen.set(Screen.WIZARD);
    }

    /** Opens a submitted assessment read-only, with its audit rows. */
    public void openRecord(UUID id) {
        AppServices s = services.get();
        if (s == null) {
            return;
        }
        String words = syncDetails.get(id);
        CurrentUser viewer = user.get();
        executor.execute(BackgroundTask.of(() -> {
            Assessment a = s.service().repository().find(id).orElseThrow(() -> new IllegalStateException("it no longer exists"));
            if (viewer != null) {
                s.service().repository().recordView(id, viewer.actor());
            }
            List<Revision> revisions = s.service().repository().revisions(id);
            Revision latest = revisions.isEmpty() ? null : revisions.get(revisions.size() - 1);
            String sync = words != null ? words : submitted.stream().filter(x -> x.id().equals(id)).map(AssessmentSummary::syncState)
                    .findFirst().orElse(null);
            return new RecordViewModel(a, latest, s.service().repository().audit(id), s.packs(), sync, () -> amend(id), this::showHome);
        }).onSuccess(vm -> {
            error.set(null);
            record.set(vm);
            screen.set(Screen.RECORD);
        }).onFailure(e -> error.set("The assessment could not be opened: " + e.getMessage())));
    }

    /** A returned assessment: reopen it as a draft; the wizard asks the reason for the new revision at submit. */
    public void amend(UUID id) {
        AppServices s = services.get();
        CurrentUser u = user.get();
        executor.execute(BackgroundTask.of(() -> {
            Assessment a = s.service().reopen(id, u.actor());
            s.settings().put(OPEN_DRAFT, id.toString());
            return a;
        }).onSuccess(a -> {
            refresh();
            openWizard(a);
        }).onFailure(e -> error.set("The assessment could not be reopened: " + e.getMessage())));
    }

    /** Leaves the wizard for the lists; the draft stays as saved. */
    public void closeWizard() {
        WizardViewModel w = wizard.get();
        if (w != null) {
            w.commitPending();
        }
        forgetOpenDraft();
        wizard.set(null);
        screen.set(Screen.HOME);
        refresh();
    }

    public void submitted(WizardViewModel.SubmitOutcome outcome) {
        forgetOpenDraft();
        wizard.set(null);
        message.set("Submitted: graded " + outcome.revision().grading().level().label() + ", now "
                + outcome.state().label().toLowerCase(java.util.Locale.ROOT) + ".");
        screen.set(Screen.HOME);
        refresh();
        refreshSync();
        AppServices s = services.get();
        if (syncStarted && s != null) {
            s.sync().syncNow();
        }
    }

    private void forgetOpenDraft() {
        AppServices s = services.get();
        executor.execute(BackgroundTask.run(() -> s.settings().remove(OPEN_DRAFT)));
    }

    public void showSettings() {
        if (services.get() != null) {
            screen.set(Screen.SETTINGS);
            refreshPeople();
        }
    }

    private void refreshPeople() {
        SessionManager sessions = start.sessions();
        executor.execute(BackgroundTask.of(sessions::enrolledAccounts).onSuccess(people::setAll)
                .onFailure(e -> message.set("The list of people on this laptop could not be read: " + e.getMessage())));
    }

    /** "Add a person to this laptop", from the settings page. */
    public void showAddPerson() {
        if (services.get() == null) {
            return;
        }
        DeskBackend.Start st = start;
        addPerson = EnrolViewModel.anotherPerson(st.sessions(), executor, backend.onlineSignIn(),
                st.config().centralEndpoint().isPresent(),
                token -> backend.signOutOnline(st.config(), token),
                added -> {
                    addPerson = null;
                    message.set(added.displayName() + " (username " + added.username() + ") can now sign in on this laptop.");
                    showSettings();
                },
                () -> {
                    addPerson = null;
                    showSettings();
                });
        screen.set(Screen.ADD_PERSON);
    }

    public EnrolViewModel addPerson() {
        return addPerson;
    }

    public ObservableList<UserAccount> people() {
        return people;
    }

    public void showHome() {
        record.set(null);
        screen.set(user.get() == null ? Screen.SIGN_IN : Screen.HOME);
        refresh();
    }

    /** The privacy key: blank the window at once. */
    public void hide() {
        WizardViewModel w = wizard.get();
        if (w != null) {
            w.commitPending();
        }
        hidden.set(true);
    }

    /** Only a deliberate action (the curtain's button) shows the window again. */
    public void reveal() {
        hidden.set(false);
    }

    // ---- review queues (ui.signoff / ui.cru) ------------------------------------------------------

    /** The central server's review port, once signed in; null hides the sign-off / CRU entry. */
    public ObjectProperty<org.dashdesk.review.ReviewGateway> reviewGatewayProperty() {
        return reviewGateway;
    }

    /** The local copy of return comments, so a reopened (returned) assessment shows them. */
    public ObjectProperty<org.dashdesk.review.ReturnNotesRepository> returnNotesProperty() {
        return returnNotes;
    }

    /** Whether the signed-in user may take a new assessment this way (see {@link CurrentUser#mayStart}). */
    public boolean mayStart(Channel channel) {
        CurrentUser u = user.get();
        return u != null && u.mayStart(channel);
    }

    /** Supervisors get the sign-off queue, CRU the CRU queue; nobody else has a review queue. */
    public boolean hasReviewQueue() {
        CurrentUser u = user.get();
        return reviewGateway.get() != null && u != null
                && (u.hasRole(org.dashdesk.security.Role.SUPERVISOR) || u.hasRole(org.dashdesk.security.Role.CRU));
    }

    public void showReviewQueue() {
        if (hasReviewQueue() && services.get() != null) {
            screen.set(Screen.REVIEW_QUEUE);
        }
    }

    public TaskExecutor executor() {
        return executor;
    }

    // ---- properties ----------------------------------------------------------------------------

    public ObjectProperty<Screen> screenProperty() {
        return screen;
    }

    public ReadOnlyObjectProperty<AppServices> servicesProperty() {
        return services.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<CurrentUser> userProperty() {
        return user.getReadOnlyProperty();
    }

    /** The settings in force (null until read). */
    public org.dashdesk.config.AppConfig config() {
        return start == null ? null : start.config();
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

    public ObservableList<AssessmentSummary> drafts() {
        return drafts;
    }

    public ObservableList<AssessmentSummary> submittedList() {
        return submitted;
    }

    /** Per assessment not yet synced: its state and last error in words. */
    public ObservableMap<UUID, String> syncDetails() {
        return syncDetails;
    }

    /** The submitted list's sync column: the live words where known, else the stored state. */
    public String syncWords(AssessmentSummary s) {
        String live = syncDetails.get(s.id());
        return live != null ? live : s.syncState() == null ? "" : s.syncState();
    }

    public ReadOnlyStringProperty syncStatusProperty() {
        return syncStatus.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<WizardViewModel> wizardProperty() {
        return wizard.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RecordViewModel> recordProperty() {
        return record.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public BooleanProperty hiddenProperty() {
        return hidden;
    }

    public ReadOnlyBooleanProperty lockedProperty() {
        return locked.getReadOnlyProperty();
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public Appearance appearance() {
        return appearance;
    }
}
