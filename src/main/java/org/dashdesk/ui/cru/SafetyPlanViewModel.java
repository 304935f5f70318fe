package org.dashdesk.ui.cru;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.dashdesk.grading.RiskLevel;
import org.dashdesk.review.ActionState;
import org.dashdesk.review.MaracState;
import org.dashdesk.review.QueueItem;
import org.dashdesk.review.ReviewGateway;
import org.dashdesk.review.SafetyAction;
import org.dashdesk.ui.common.BackgroundTask;
import org.dashdesk.ui.common.TaskExecutor;
import org.dashdesk.ui.review.ReviewErrors;

/**
 * The safety plan of one case: its actions (overdue first, then open by due date, then closed),
 * adding one, closing one as done or cancelled with a note, and for a high-risk case where its
 * MARAC referral stands. Closing always needs a note: it is what shows later that the action
 * was really carried out, or why not.
 */
public final class SafetyPlanViewModel extends org.dashdesk.ui.common.ServerWorkViewModel {

    static final Comparator<SafetyAction> ORDER = Comparator.comparing((SafetyAction a) -> !a.overdue())
            .thenComparing(a -> a.state() != ActionState.OPEN)
            .thenComparing(SafetyAction::due, Comparator.nullsLast(Comparator.naturalOrder()));

    private final ReviewGateway gateway;
    private final TaskExecutor executor;
    private final QueueItem item;
    private final Clock clock;

    private final ObservableList<SafetyAction> actions = FXCollections.observableArrayList();
    private final StringProperty description = new SimpleStringProperty("");
    private final StringProperty owner = new SimpleStringProperty("");
    private final ObjectProperty<LocalDate> due = new SimpleObjectProperty<>();
    private final StringProperty addError = new SimpleStringProperty();

    private final ObjectProperty<SafetyAction> selected = new SimpleObjectProperty<>();
    private final StringProperty note = new SimpleStringProperty("");
    private final StringProperty updateError = new SimpleStringProperty();

    private final ObjectProperty<MaracState> marac = new SimpleObjectProperty<>();
    private final ObjectProperty<MaracState> maracChoice = new SimpleObjectProperty<>();
    private final StringProperty maracNote = new SimpleStringProperty("");
    private final StringProperty maracError = new SimpleStringProperty();


    public SafetyPlanViewModel(ReviewGateway gateway, TaskExecutor executor, QueueItem item, Clock clock) {
        this.gateway = gateway;
        this.executor = executor;
        this.item = item;
        this.clock = clock;
    }

    /** MARAC referral state is kept for high-risk cases only. */
    public boolean maracApplies() {
        return item.level() == RiskLevel.HIGH;
    }

    public void load() {
        busy.set(true);
        executor.execute(BackgroundTask.of(() -> new Loaded(gateway.actions(item.assessmentId()),
                maracApplies() ? gateway.maracState(item.assessmentId()) : null)).onSuccess(l -> {
                    busy.set(false);
                    error.set(null);
                    setActions(l.actions);
                    marac.set(l.marac);
                    maracChoice.set(l.marac);
                }).onFailure(e -> {
                    busy.set(false);
                    error.set(ReviewErrors.describe("Reading the safety plan", e));
                }));
    }

    private record Loaded(List<SafetyAction> actions, MaracState marac) {
    }

    private void setActions(List<SafetyAction> list) {
        List<SafetyAction> sorted = new ArrayList<>(list);
        sorted.sort(ORDER);
        actions.setAll(sorted);
    }

    public void add() {
        addError.set(null);
        String what = description.get() == null ? "" : description.get().strip();
        String who = owner.get() == null ? "" : owner.get().strip();
        LocalDate when = due.get();
        if (what.isEmpty()) {
            addError.set("Describe the action: what is to be done.");
            return;
        }
        if (who.isEmpty()) {
            addError.set("Give the owner's collar number: every action needs someone responsible for it.");
            return;
        }
        if (when == null) {
            addError.set("Give a due date (dd/mm/yyyy).");
            return;
        }
        if (when.isBefore(LocalDate.now(clock))) {
            addError.set("The due date " + org.dashdesk.ui.common.Controls.UK_DATE.format(when) + " is in the past.");
            return;
        }
        busy.set(true);
        executor.execute(BackgroundTask.of(() -> gateway.addAction(item.assessmentId(), what, who, when)).onSuccess(a -> {
            busy.set(false);
            List<SafetyAction> now = new ArrayList<>(actions);
            now.add(a);
            setActions(now);
            description.set("");
            owner.set("");
            due.set(null);
            message.set("Action added for " + who + ", due " + org.dashdesk.ui.common.Controls.UK_DATE.format(when) + ".");
        }).onFailure(e -> {
            busy.set(false);
            addError.set(ReviewErrors.describe("Adding the action", e));
        }));
    }

    public void markDone() {
        close(ActionState.DONE, "Write a note saying what was done.");
    }

    public void cancel() {
        close(ActionState.CANCELLED, "Write a note saying why the action is cancelled.");
    }

    private void close(ActionState to, String noteMissing) {
        updateError.set(null);
        SafetyAction a = selected.get();
        String text = note.get() == null ? "" : note.get().strip();
        if (a == null) {
            updateError.set("Choose an action in the list first.");
            return;
        }
        if (a.state() != ActionState.OPEN) {
            updateError.set("This action is already " + a.state().name().toLowerCase(java.util.Locale.ROOT) + ".");
            return;
        }
        if (text.isEmpty()) {
            updateError.set(noteMissing);
            return;
        }
        busy.set(true);
        executor.execute(BackgroundTask.of(() -> gateway.updateAction(a.actionId(), to, text)).onSuccess(updated -> {
            busy.set(false);
            List<SafetyAction> now = new ArrayList<>(actions);
            now.replaceAll(x -> x.actionId().equals(updated.actionId()) ? updated : x);
            setActions(now);
            selected.set(updated);
            note.set("");
            message.set("Action marked " + (to == ActionState.DONE ? "done." : "cancelled."));
        }).onFailure(e -> {
            busy.set(false);
            updateError.set(ReviewErrors.describe("Updating the action", e));
        }));
    }

    public void saveMarac() {
        maracError.set(null);
        MaracState to = maracChoice.get();
        if (!maracApplies()) {
            maracError.set("MARAC referral state is kept for high-risk cases only.");
            return;
        }
        if (to == null) {
            maracError.set("Choose where the MARAC referral stands.");
            return;
        }
        String text = maracNote.get() == null ? "" : maracNote.get().strip();
        busy.set(true);
        executor.execute(BackgroundTask.run(() -> gateway.setMaracState(item.assessmentId(), to, text)).onSuccess(v -> {
            busy.set(false);
            marac.set(to);
            maracNote.set("");
            message.set("MARAC referral: " + label(to) + ".");
        }).onFailure(e -> {
            busy.set(false);
            maracError.set(ReviewErrors.describe("Saving the MARAC state", e));
        }));
    }

    public static String label(MaracState s) {
        return s == null ? "" : switch (s) {
            case NOT_REFERRED -> "Not referred";
            case REFERRED -> "Referred";
            case LISTED -> "Listed for a meeting";
            case HEARD -> "Heard at MARAC";
            case CLOSED -> "Closed";
        };
    }

    public static String stateText(SafetyAction a) {
        if (a.overdue() && a.state() == ActionState.OPEN) {
            return "OVERDUE";
        }
        return switch (a.state()) {
            case OPEN -> "Open";
            case DONE -> "Done";
            case CANCELLED -> "Cancelled";
        };
    }

    public ObservableList<SafetyAction> actions() {
        return actions;
    }

    public StringProperty descriptionProperty() {
        return description;
    }

    public StringProperty ownerProperty() {
        return owner;
    }

    public ObjectProperty<LocalDate> dueProperty() {
        return due;
    }

    public StringProperty addErrorProperty() {
        return addError;
    }

    public ObjectProperty<SafetyAction> selectedProperty() {
        return selected;
    }

    public StringProperty noteProperty() {
        return note;
    }

    public StringProperty updateErrorProperty() {
        return updateError;
    }

    public ObjectProperty<MaracState> maracProperty() {
        return marac;
    }

    public ObjectProperty<MaracState> maracChoiceProperty() {
        return maracChoice;
    }

    public StringProperty maracNoteProperty() {
        return maracNote;
    }

    public StringProperty maracErrorProperty() {
        return maracError;
    }



}
