package org.dashdesk.ui.shell;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.dashdesk.assessment.Assessment;
import org.dashdesk.assessment.AssessmentSummary;
import org.dashdesk.assessment.Channel;
import org.dashdesk.assessment.PhoneIn;
import org.dashdesk.assessment.Revision;
import org.dashdesk.assessment.SummaryPage;
import org.dashdesk.security.Role;
import org.dashdesk.security.SessionManager;
import org.dashdesk.security.UserAccount;
import org.dashdesk.ui.common.AppServices;
import org.dashdesk.ui.common.BackgroundTask;
import org.dashdesk.ui.common.CurrentUser;
import org.dashdesk.ui.common.DeskBackend;
import org.dashdesk.ui.record.RecordViewModel;
import org.dashdesk.ui.signin.EnrolViewModel;
import org.dashdesk.ui.wizard.WizardViewModel;

/**
 * Where the signed-in user is: the home lists, the open wizard or record, settings, adding a
 * person and the review queue. Everything read or written goes through the executor.
 */
public final class NavigationViewModel {

    private final ShellContext ctx;
    private final SyncStatusViewModel sync;
    /** The home lists, their search and filters, a page at a time (issue 17). */
    private final HomeListsViewModel lists;
    /** Who is enrolled on this laptop, for the settings page; read when it opens. */
    private final ObservableList<UserAccount> people = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<WizardViewModel> wizard = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<RecordViewModel> record = new ReadOnlyObjectWrapper<>();
    private EnrolViewModel addPerson;

    NavigationViewModel(ShellContext ctx, SyncStatusViewModel sync) {
        this.ctx = ctx;
        this.sync = sync;
        this.lists = new HomeListsViewModel(ctx);
    }

    /** Signed in: the lists as read with the store, and the draft that was open, if any. */
    void opened(SummaryPage drafts, SummaryPage submitted, Assessment openDraft) {
        lists.opened(drafts, submitted);
        if (openDraft != null) {
            openWizard(openDraft);
        } else {
            ctx.screen.set(ShellViewModel.Screen.HOME);
        }
    }

    /** Typed but unsaved text in the open wizard is saved now (lock, hide, sign-out). */
    void commitPending() {
        WizardViewModel w = wizard.get();
        if (w != null) {
            w.commitPending();
        }
    }

    /** Signed out: forget every list and screen. */
    void clear() {
        wizard.set(null);
        record.set(null);
        lists.clear();
    }

    public void refresh() {
        lists.refresh();
    }

    public void startNew(Channel channel) {
        AppServices s = ctx.services.get();
        CurrentUser u = ctx.user.get();
        if (s == null || u == null || !u.mayStart(channel)) {
            return;
        }
        PhoneIn phoneIn = channel == Channel.PHONE_IN ? new PhoneIn(u.asOfficer(), null, null, null) : null;
        ctx.executor.execute(BackgroundTask.of(() -> {
            Assessment a = s.service().startDraft(channel, channel == Channel.AT_SCENE ? u.asOfficer() : null, phoneIn, u.actor());
            s.settings().put(ShellViewModel.OPEN_DRAFT, a.id().toString());
            return a;
        }).onSuccess(this::openWizard).onFailure(e -> ctx.error.set("A new assessment could not be started: " + e.getMessage())));
    }

    public void openDraft(UUID id) {
        AppServices s = ctx.services.get();
        CurrentUser u = ctx.user.get();
        ctx.executor.execute(BackgroundTask.of(() -> {
            Assessment a = s.service().repository().find(id).orElseThrow(() -> new IllegalStateException("it no longer exists"));
            requireAuthor(a, u);
            s.settings().put(ShellViewModel.OPEN_DRAFT, id.toString());
            return a;
        }).onSuccess(this::openWizard).onFailure(e -> ctx.error.set("The draft could not be opened: " + e.getMessage())));
    }

    /**
     * A draft is opened and changed only by the person who started it (for a phone-in, the IMU
     * recorder taking it on the officer's behalf): on a shared laptop, the next person signed in
     * must not read or change another's unfinished assessment of a victim.
     */
    private static void requireAuthor(Assessment a, CurrentUser u) {
        if (u != null && !a.content().belongsTo(u.actor())) {
            throw new IllegalStateException("it was started by " + a.content().author() + "; only they can open and change it");
        }
    }

    private void openWizard(Assessment a) {
        AppServices s = ctx.services.get();
        CurrentUser u = ctx.user.get();
        if (u != null && !a.content().belongsTo(u.actor())) {
            // The draft left open by the person before on this laptop: the lists, not their work.
            ctx.screen.set(ShellViewModel.Screen.HOME);
            return;
        }
        ctx.error.set(null);
        ctx.message.set(null);
        record.set(null);
        WizardViewModel w = new WizardViewModel(s.service(), s.packs(), ctx.executor, a, u.asOfficer(), u.actor(), ctx.clock);
        // The history check (issue 12) when signed in at the server; "not checked (offline)" otherwise.
        var gateway = ctx.reviewGateway.get();
        w.details().history().use(gateway == null ? null : gateway::history);
        wizard.set(w);
        ctx.screen.set(ShellViewModel.Screen.WIZARD);
    }

    /** Opens a submitted assessment read-only, with its audit rows. */
    public void openRecord(UUID id) {
        AppServices s = ctx.services.get();
        if (s == null) {
            return;
        }
        String live = sync.details().get(id);
        String words = live != null ? live : lists.submitted().loaded(id).map(AssessmentSummary::syncState).orElse(null);
        CurrentUser viewer = ctx.user.get();
        ctx.executor.execute(BackgroundTask.of(() -> {
            Assessment a = s.service().repository().find(id).orElseThrow(() -> new IllegalStateException("it no longer exists"));
            if (viewer != null) {
                s.service().repository().recordView(id, viewer.actor());
            }
            List<Revision> revisions = s.service().repository().revisions(id);
            Revision latest = revisions.isEmpty() ? null : revisions.get(revisions.size() - 1);
            RecordViewModel record = new RecordViewModel(a, latest, s.service().repository().audit(id), s.packs(), words, () -> amend(id),
                    this::showHome);
            record.withHistoryFlag(s.sync() == null ? null : s.sync().historyFlags().latest(id).orElse(null));
            if (viewer != null && latest != null) {
                record.withDocuments(ctx.executor,
                        target -> saveDocument(s, id, latest, viewer, target, true),
                        target -> saveDocument(s, id, latest, viewer, target, false));
            }
            return record;
        }).onSuccess(vm -> {
            ctx.error.set(null);
            record.set(vm);
            ctx.screen.set(ShellViewModel.Screen.RECORD);
        }).onFailure(e -> ctx.error.set("The assessment could not be opened: " + e.getMessage())));
    }

    /** Writes the MARAC referral or the DASH summary of {@code latest} (off the FX thread) and audits its production. */
    private void saveDocument(AppServices s, UUID id, Revision latest, CurrentUser viewer, java.nio.file.Path target, boolean referral)
            throws java.io.IOException {
        org.dashdesk.document.CaseDocument document = referral
                ? org.dashdesk.document.MaracReferral.of(latest, s.packs(), s.service().engine().policy(), viewer.producedBy(),
                        ctx.clock.instant(), ctx.clock.getZone())
                : org.dashdesk.document.DashSummary.of(latest, s.packs(), s.service().engine().policy(), viewer.producedBy(),
                        ctx.clock.instant(), ctx.clock.getZone());
        org.dashdesk.document.PdfWriter.write(document, target);
        s.service().repository().recordDocument(id, viewer.actor(), "produced the " + (referral ? "MARAC referral" : "DASH summary")
                + " document (revision " + latest.revisionNumber() + ")");
    }

    /** A returned assessment: reopen it as a draft; the wizard asks the reason for the new revision at submit. */
    public void amend(UUID id) {
        AppServices s = ctx.services.get();
        CurrentUser u = ctx.user.get();
        ctx.executor.execute(BackgroundTask.of(() -> {
            requireAuthor(s.service().repository().find(id).orElseThrow(() -> new IllegalStateException("it no longer exists")), u);
            Assessment a = s.service().reopen(id, u.actor());
            s.settings().put(ShellViewModel.OPEN_DRAFT, id.toString());
            return a;
        }).onSuccess(a -> {
            refresh();
            openWizard(a);
        }).onFailure(e -> ctx.error.set("The assessment could not be reopened: " + e.getMessage())));
    }

    /** Leaves the wizard for the lists; the draft stays as saved. */
    public void closeWizard() {
        commitPending();
        forgetOpenDraft();
        wizard.set(null);
        ctx.screen.set(ShellViewModel.Screen.HOME);
        refresh();
    }

    public void submitted(WizardViewModel.SubmitOutcome outcome) {
        forgetOpenDraft();
        wizard.set(null);
        ctx.message.set("Submitted: graded " + outcome.revision().grading().level().label() + ", now "
                + outcome.state().label().toLowerCase(Locale.ROOT) + ".");
        ctx.screen.set(ShellViewModel.Screen.HOME);
        refresh();
        sync.sendSoon();
    }

    private void forgetOpenDraft() {
        AppServices s = ctx.services.get();
        ctx.executor.execute(BackgroundTask.run(() -> s.settings().remove(ShellViewModel.OPEN_DRAFT)));
    }

    public void showSettings() {
        if (ctx.services.get() != null) {
            ctx.screen.set(ShellViewModel.Screen.SETTINGS);
            refreshPeople();
        }
    }

    private void refreshPeople() {
        SessionManager sessions = ctx.start.sessions();
        ctx.executor.execute(BackgroundTask.of(sessions::enrolledAccounts).onSuccess(people::setAll)
                .onFailure(e -> ctx.message.set("The list of people on this laptop could not be read: " + e.getMessage())));
    }

    /** "Add a person to this laptop", from the settings page. */
    public void showAddPerson() {
        if (ctx.services.get() == null) {
            return;
        }
        DeskBackend.Start st = ctx.start;
        addPerson = EnrolViewModel.anotherPerson(st.sessions(), ctx.executor, ctx.backend.onlineSignIn(),
                st.config().centralEndpoint().isPresent(),
                token -> ctx.backend.signOutOnline(st.config(), token),
                added -> {
                    addPerson = null;
                    ctx.message.set(added.displayName() + " (username " + added.username() + ") can now sign in on this laptop.");
                    showSettings();
                },
                () -> {
                    addPerson = null;
                    showSettings();
                }).useCollarNumbers(st.config().collarNumbers());
        ctx.screen.set(ShellViewModel.Screen.ADD_PERSON);
    }

    public EnrolViewModel addPerson() {
        return addPerson;
    }

    public ObservableList<UserAccount> people() {
        return people;
    }

    public void showHome() {
        record.set(null);
        ctx.screen.set(ctx.user.get() == null ? ShellViewModel.Screen.SIGN_IN : ShellViewModel.Screen.HOME);
        refresh();
    }

    /** Whether the signed-in user may take a new assessment this way (see {@link CurrentUser#mayStart}). */
    public boolean mayStart(Channel channel) {
        CurrentUser u = ctx.user.get();
        return u != null && u.mayStart(channel);
    }

    /** Supervisors get the sign-off queue, CRU the CRU queue; nobody else has a review queue. */
    public boolean hasReviewQueue() {
        CurrentUser u = ctx.user.get();
        return ctx.reviewGateway.get() != null && u != null && (u.hasRole(Role.SUPERVISOR) || u.hasRole(Role.CRU));
    }

    public void showReviewQueue() {
        if (hasReviewQueue() && ctx.services.get() != null) {
            ctx.screen.set(ShellViewModel.Screen.REVIEW_QUEUE);
        }
    }

    /** Supervisors, CRU and analysts run the server's reports (issue 13), when signed in at the server. */
    public boolean hasReports() {
        CurrentUser u = ctx.user.get();
        return ctx.reviewGateway.get() != null && u != null && (u.hasRole(Role.SUPERVISOR) || u.hasRole(Role.CRU)
                || u.hasRole(Role.ANALYST));
    }

    public void showReports() {
        if (hasReports() && ctx.services.get() != null) {
            ctx.screen.set(ShellViewModel.Screen.REPORTS);
        }
    }

    public ObservableList<AssessmentSummary> drafts() {
        return lists.drafts();
    }

    public HomeListsViewModel lists() {
        return lists;
    }

    public ObservableList<AssessmentSummary> submittedList() {
        return lists.submitted();
    }

    public ReadOnlyObjectProperty<WizardViewModel> wizardProperty() {
        return wizard.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RecordViewModel> recordProperty() {
        return record.getReadOnlyProperty();
    }
}
