package org.dashdesk.ui.shell;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.dashdesk.assessment.Assessment;
import org.dashdesk.assessment.AssessmentState;
import org.dashdesk.assessment.AssessmentSummary;
import org.dashdesk.assessment.Channel;
import org.dashdesk.assessment.PhoneIn;
import org.dashdesk.ui.common.AppServices;
import org.dashdesk.ui.common.Appearance;
import org.dashdesk.ui.common.BackgroundTask;
import org.dashdesk.ui.common.TaskExecutor;
import org.dashdesk.ui.common.UserProfile;
import org.dashdesk.ui.wizard.WizardViewModel;

/**
 * The main window's state: which screen shows, the lists, the open wizard, the privacy curtain.
 * The store is opened in the background; until then the home screen shows with its lists
 * marked as loading.
 */
public final class ShellViewModel {

    /** The settings key of the draft open in the wizard, so a restart reopens it. */
    static final String OPEN_DRAFT = "ui.openDraft";

    public enum Screen { LOADING, PROFILE, HOME, WIZARD, SETTINGS, REVIEW_QUEUE }

    private final TaskExecutor executor;
    private final Clock clock;
    private final Appearance appearance;
    private final ObjectProperty<Screen> screen = new SimpleObjectProperty<>(Screen.LOADING);
    private final ReadOnlyObjectWrapper<AppServices> services = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<UserProfile> profile = new SimpleObjectProperty<>();
    private final ObservableList<AssessmentSummary> drafts = FXCollections.observableArrayList();
    private final ObservableList<AssessmentSummary> submitted = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<WizardViewModel> wizard = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final BooleanProperty hidden = new SimpleBooleanProperty();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final ObjectProperty<org.dashdesk.review.ReviewGateway> reviewGateway = new SimpleObjectProperty<>();
    private final ObjectProperty<org.dashdesk.review.ReturnNotesRepository> returnNotes = new SimpleObjectProperty<>();

    public ShellViewModel(TaskExecutor executor, Clock clock, Appearance appearance) {
        this.executor = executor;
        this.clock = clock;
        this.appearance = appearance;
    }

    /** Opens storage in the background; the window is already on screen meanwhile. */
    public void start(Callable<AppServices> opener) {
        busy.set(true);
        executor.execute(BackgroundTask.of(() -> {
            AppServices s = opener.call();
            // Read what the first screen needs while still off the FX thread.
            Optional<UserProfile> p = UserProfile.load(s.settings());
            Optional<String> openDraft = s.settings().get(OPEN_DRAFT);
            Optional<Assessment> draft = openDraft.flatMap(id -> parse(id).flatMap(s.service().repository()::find))
                    .filter(a -> a.state() == AssessmentState.DRAFT);
            return new Started(s, p.orElse(null), draft.orElse(null), s.service().repository().drafts(),
                    s.service().repository().submitted());
        }).onSuccess(started -> {
            busy.set(false);
            services.set(started.services);
            appearance.bindTo(started.services.settings());
            profile.set(started.profile);
            drafts.setAll(started.drafts);
            submitted.setAll(started.submitted);
            if (started.profile == null) {
                screen.set(Screen.PROFILE);
            } else if (started.openDraft != null) {
                openWizard(started.openDraft);
            } else {
                screen.set(Screen.HOME);
            }
        }).onFailure(e -> {
            busy.set(false);
            error.set("DASH Desk could not open its data: " + e.getMessage());
            screen.set(Screen.HOME);
        }));
    }

    private record Started(AppServices services, UserProfile profile, Assessment openDraft, List<AssessmentSummary> drafts,
                           List<AssessmentSummary> submitted) {
    }

    private static Optional<UUID> parse(String s) {
        try {
            return Optional.of(UUID.fromString(s));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Remembers who the user is (first launch, or changed in settings). */
    public void saveProfile(UserProfile p) {
        AppServices s = services.get();
        executor.execute(BackgroundTask.run(() -> p.save(s.settings())).onSuccess(v -> {
            profile.set(p);
            screen.set(Screen.HOME);
        }).onFailure(e -> error.set("Your details could not be saved: " + e.getMessage() + " Try again.")));
    }

    public void refresh() {
        AppServices s = services.get();
        if (s == null) {
            return;
        }
        executor.execute(BackgroundTask.of(() -> new List<?>[] {s.service().repository().drafts(), s.service().repository().submitted()})
                .onSuccess(lists -> {
                    @SuppressWarnings("unchecked")
                    List<AssessmentSummary> d = (List<AssessmentSummary>) lists[0];
                    @SuppressWarnings("unchecked")
                    List<AssessmentSummary> sub = (List<AssessmentSummary>) lists[1];
                    drafts.setAll(d);
                    submitted.setAll(sub);
                })
                .onFailure(e -> error.set("The lists could not be read: " + e.getMessage())));
    }

    public void startNew(Channel channel) {
        AppServices s = services.get();
        UserProfile user = profile.get();
        if (s == null || user == null) {
            return;
        }
        PhoneIn phoneIn = channel == Channel.PHONE_IN ? new PhoneIn(user.asOfficer(), null, null, null) : null;
        executor.execute(BackgroundTask.of(() -> {
            Assessment a = s.service().startDraft(channel, channel == Channel.AT_SCENE ? user.asOfficer() : null, phoneIn, user.actor());
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
        UserProfile user = profile.get();
        error.set(null);
        message.set(null);
        wizard.set(new WizardViewModel(s.service(), s.packs(), executor, a, user.asOfficer(), user.actor(), clock));
        screen.set(Screen.WIZARD);
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
    }

    private void forgetOpenDraft() {
        AppServices s = services.get();
        executor.execute(BackgroundTask.run(() -> s.settings().remove(OPEN_DRAFT)));
    }

    public void showSettings() {
        if (services.get() != null) {
            screen.set(Screen.SETTINGS);
        }
    }

    public void showHome() {
        screen.set(profile.get() == null ? Screen.PROFILE : Screen.HOME);
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

    /** The central server's review port, once signed in; null hides the sign-off / CRU entry. */
    public ObjectProperty<org.dashdesk.review.ReviewGateway> reviewGatewayProperty() {
        return reviewGateway;
    }

    /** The local copy of return comments, so a reopened (returned) assessment shows them. */
    public ObjectProperty<org.dashdesk.review.ReturnNotesRepository> returnNotesProperty() {
        return returnNotes;
    }

    /** Supervisors get the sign-off queue, CRU the CRU queue; nobody else has a review queue. */
    public boolean hasReviewQueue() {
        UserProfile p = profile.get();
        return reviewGateway.get() != null && p != null
                && (p.role() == UserProfile.Role.SUPERVISOR || p.role() == UserProfile.Role.CRU);
    }

    public void showReviewQueue() {
        if (hasReviewQueue() && services.get() != null) {
            screen.set(Screen.REVIEW_QUEUE);
        }
    }

    public TaskExecutor executor() {
        return executor;
    }

    public ObjectProperty<Screen> screenProperty() {
        return screen;
    }

    public ReadOnlyObjectProperty<AppServices> servicesProperty() {
        return services.getReadOnlyProperty();
    }

    public ObjectProperty<UserProfile> profileProperty() {
        return profile;
    }

    public ObservableList<AssessmentSummary> drafts() {
        return drafts;
    }

    public ObservableList<AssessmentSummary> submittedList() {
        return submitted;
    }

    public ReadOnlyObjectProperty<WizardViewModel> wizardProperty() {
        return wizard.getReadOnlyProperty();
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

    public BooleanProperty busyProperty() {
        return busy;
    }

    public Appearance appearance() {
        return appearance;
    }
}
