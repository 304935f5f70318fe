package org.dashdesk.ui.shell;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

import org.dashdesk.assessment.AssessmentSummary;
import org.dashdesk.assessment.Channel;
import org.dashdesk.config.AppConfig;
import org.dashdesk.review.ReturnNotesRepository;
import org.dashdesk.review.ReviewGateway;
import org.dashdesk.security.UserAccount;
import org.dashdesk.sync.SyncSnapshot;
import org.dashdesk.ui.common.AppServices;
import org.dashdesk.ui.common.Appearance;
import org.dashdesk.ui.common.CurrentUser;
import org.dashdesk.ui.common.DeskBackend;
import org.dashdesk.ui.common.TaskExecutor;
import org.dashdesk.ui.record.RecordViewModel;
import org.dashdesk.ui.setup.SetupViewModel;
import org.dashdesk.ui.signin.EnrolViewModel;
import org.dashdesk.ui.signin.SignInViewModel;
import org.dashdesk.ui.signin.UnlockViewModel;
import org.dashdesk.ui.wizard.WizardViewModel;

/**
 * The main window's state, made of three view models that share one {@link ShellContext}:
 * {@link SessionViewModel} (start-up, setup, sign-in, idle lock, sign-out),
 * {@link SyncStatusViewModel} (the status bar and per-record sync words) and
 * {@link NavigationViewModel} (lists, wizard, record, settings, review queue). The methods here
 * only pass on, so the views and tests keep one entry point (decision 0150).
 */
public final class ShellViewModel {

    /** The settings key of the draft open in the wizard, so a restart reopens it. */
    static final String OPEN_DRAFT = "ui.openDraft";
    /** The local (encrypted) setting with the central server token, until online sign-in issues one. */
    public static final String SYNC_TOKEN = "sync.token";

    public enum Screen { LOADING, SETUP, ENROL, SIGN_IN, HOME, WIZARD, SETTINGS, ADD_PERSON, RECORD, REVIEW_QUEUE, REPORTS }

    private final ShellContext ctx;
    private final SyncStatusViewModel sync;
    private final NavigationViewModel navigation;
    private final SessionViewModel session;
    private final BooleanProperty hidden = new SimpleBooleanProperty();

    /**
     * @param uiThread where sync news is handed to ({@code Platform::runLater} in the app)
     */
    public ShellViewModel(TaskExecutor executor, Clock clock, Appearance appearance, DeskBackend backend, Executor uiThread) {
        this.ctx = new ShellContext(executor, clock, appearance, backend, uiThread);
        NavigationViewModel[] nav = new NavigationViewModel[1];
        this.sync = new SyncStatusViewModel(ctx, () -> nav[0].refresh());
        this.navigation = new NavigationViewModel(ctx, sync);
        nav[0] = navigation;
        this.session = new SessionViewModel(ctx, sync, navigation);
    }

    public SessionViewModel session() {
        return session;
    }

    public SyncStatusViewModel sync() {
        return sync;
    }

    /** What the loading screen says while the store opens. */
    public javafx.beans.value.ObservableStringValue openingProperty() {
        return ctx.opening;
    }

    public NavigationViewModel navigation() {
        return navigation;
    }

    // ---- session -------------------------------------------------------------------------------

    public void start() {
        session.start();
    }

    public void setupDone() {
        session.setupDone();
    }

    public void touch() {
        session.touch();
    }

    public void checkIdle() {
        session.checkIdle();
    }

    public void lock() {
        session.lock();
    }

    public void signOut() {
        session.signOut(null);
    }

    public void shutdown() {
        session.shutdown();
    }

    /**
     * What to tell the user when they close the app with records not yet at the server, or empty.
     * Answers handed to the autosaver but not yet in the store come first: they exist only on screen.
     * (Text still being typed is committed by DashDeskApp.stop, which waits for the save.)
     */
    public Optional<String> exitWarning() {
        WizardViewModel w = navigation.wizardProperty().get();
        if (w != null && w.autosaver().hasPending()) {
            return w.autosaver().exitWarning();
        }
        return sync.exitWarning();
    }

    // ---- sync ----------------------------------------------------------------------------------

    public void refreshSync() {
        sync.refresh();
    }

    void syncChanged(SyncSnapshot s) {
        sync.changed(s);
    }

    public void syncNow() {
        sync.syncNow();
    }

    public void useSyncToken(String token) {
        sync.useToken(token);
    }

    public ObservableMap<UUID, String> syncDetails() {
        return sync.details();
    }

    public String syncWords(AssessmentSummary s) {
        return sync.words(s);
    }

    public ReadOnlyStringProperty syncStatusProperty() {
        return sync.statusProperty();
    }

    // ---- navigation ----------------------------------------------------------------------------

    public void refresh() {
        navigation.refresh();
    }

    public void startNew(Channel channel) {
        navigation.startNew(channel);
    }

    public void openDraft(UUID id) {
        navigation.openDraft(id);
    }

    public void openRecord(UUID id) {
        navigation.openRecord(id);
    }

    public void amend(UUID id) {
        navigation.amend(id);
    }

    public void closeWizard() {
        navigation.closeWizard();
    }

    public void submitted(WizardViewModel.SubmitOutcome outcome) {
        navigation.submitted(outcome);
    }

    public void showSettings() {
        navigation.showSettings();
    }

    public void showAddPerson() {
        navigation.showAddPerson();
    }

    public EnrolViewModel addPerson() {
        return navigation.addPerson();
    }

    public ObservableList<UserAccount> people() {
        return navigation.people();
    }

    public void showHome() {
        navigation.showHome();
    }

    public boolean mayStart(Channel channel) {
        return navigation.mayStart(channel);
    }

    public boolean hasReviewQueue() {
        return navigation.hasReviewQueue();
    }

    public void showReviewQueue() {
        navigation.showReviewQueue();
    }

    public boolean hasReports() {
        return navigation.hasReports();
    }

    public void showReports() {
        navigation.showReports();
    }

    public ObservableList<AssessmentSummary> drafts() {
        return navigation.drafts();
    }

    public ObservableList<AssessmentSummary> submittedList() {
        return navigation.submittedList();
    }

    public ReadOnlyObjectProperty<WizardViewModel> wizardProperty() {
        return navigation.wizardProperty();
    }

    public ReadOnlyObjectProperty<RecordViewModel> recordProperty() {
        return navigation.recordProperty();
    }

    // ---- privacy curtain -------------------------------------------------------------------------

    /** The privacy key: blank the window at once. */
    public void hide() {
        navigation.commitPending();
        hidden.set(true);
    }

    /** Only a deliberate action (the curtain's button) shows the window again. */
    public void reveal() {
        hidden.set(false);
    }

    // ---- shared state ----------------------------------------------------------------------------

    /** The central server's review port, once signed in; null hides the sign-off / CRU entry. */
    public ObjectProperty<ReviewGateway> reviewGatewayProperty() {
        return ctx.reviewGateway;
    }

    /** The local copy of return comments, so a reopened (returned) assessment shows them. */
    public ObjectProperty<ReturnNotesRepository> returnNotesProperty() {
        return ctx.returnNotes;
    }

    public TaskExecutor executor() {
        return ctx.executor;
    }

    public ObjectProperty<Screen> screenProperty() {
        return ctx.screen;
    }

    public ReadOnlyObjectProperty<AppServices> servicesProperty() {
        return ctx.services.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<CurrentUser> userProperty() {
        return ctx.user.getReadOnlyProperty();
    }

    /** The settings in force (null until read). */
    public AppConfig config() {
        return ctx.start == null ? null : ctx.start.config();
    }

    public SetupViewModel setup() {
        return session.setup();
    }

    public EnrolViewModel enrol() {
        return session.enrol();
    }

    public SignInViewModel signIn() {
        return session.signIn();
    }

    public UnlockViewModel unlock() {
        return session.unlock();
    }

    public ReadOnlyStringProperty messageProperty() {
        return ctx.message.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return ctx.error.getReadOnlyProperty();
    }

    public BooleanProperty hiddenProperty() {
        return hidden;
    }

    public ReadOnlyBooleanProperty lockedProperty() {
        return session.lockedProperty();
    }

    public BooleanProperty busyProperty() {
        return ctx.busy;
    }

    public Appearance appearance() {
        return ctx.appearance;
    }
}
