package org.dashdesk.ui.cru;

import java.time.format.DateTimeFormatter;
import java.util.Locale;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.dashdesk.history.HistoryRequests;
import org.dashdesk.review.QueueItem;
import org.dashdesk.review.ReviewGateway;
import org.dashdesk.ui.common.BackgroundTask;
import org.dashdesk.ui.common.TaskExecutor;
import org.dashdesk.ui.review.ReviewErrors;

/**
 * CRU's view of the other assessments that may be about a case's victim (issue 12): suggested by
 * the force's person index, confirmed or rejected here by a person with a reason. Confirmed links
 * are what later history checks use first. Dates, levels, districts and how they matched only.
 */
public final class VictimLinksViewModel extends org.dashdesk.ui.common.ServerWorkViewModel {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/uuuu");

    private final ReviewGateway gateway;
    private final TaskExecutor executor;
    private final QueueItem item;
    private final ObservableList<HistoryRequests.Link> links = FXCollections.observableArrayList();
    private final ObjectProperty<HistoryRequests.Link> selected = new SimpleObjectProperty<>();
    private final StringProperty note = new SimpleStringProperty("");

    public VictimLinksViewModel(ReviewGateway gateway, TaskExecutor executor, QueueItem item) {
        this.gateway = gateway;
        this.executor = executor;
        this.item = item;
    }

    public void load() {
        busy.set(true);
        executor.execute(BackgroundTask.of(() -> gateway.links(item.assessmentId())).onSuccess(l -> {
            busy.set(false);
            error.set(null);
            links.setAll(l.links());
        }).onFailure(e -> {
            busy.set(false);
            error.set(ReviewErrors.describe("Reading the victim's other assessments", e));
        }));
    }

    public void confirm() {
        decide("confirmed");
    }

    public void reject() {
        decide("rejected");
    }

    private void decide(String decision) {
        HistoryRequests.Link link = selected.get();
        if (link == null) {
            error.set("Choose one of the other assessments first.");
            return;
        }
        if (note.get() == null || note.get().isBlank()) {
            error.set("Say why (it is audited): e.g. the date of birth and address agree, or they are sisters.");
            return;
        }
        busy.set(true);
        String why = note.get().strip();
        executor.execute(BackgroundTask.of(() -> gateway.decideLink(item.assessmentId(), link.assessmentId(),
                new HistoryRequests.LinkDecision(decision, why))).onSuccess(l -> {
                    busy.set(false);
                    error.set(null);
                    note.set("");
                    links.setAll(l.links());
                    message.set("The assessment of " + day(link) + " is " + (decision.equals("confirmed")
                            ? "linked as the same victim: later history checks use it first." : "marked as not the same victim."));
                }).onFailure(e -> {
                    busy.set(false);
                    error.set(ReviewErrors.describe("Saving the link", e));
                }));
    }

    static String day(HistoryRequests.Link l) {
        return l.date() == null ? "an unknown date" : DAY.format(l.date());
    }

    /** How the link was found, in words. */
    public static String matchedOn(HistoryRequests.Link l) {
        return switch (l.matchedOn()) {
            case "confirmed_link" -> "confirmed earlier";
            case "force_id" -> "force id";
            case "name_and_date_of_birth" -> "name and date of birth";
            case "initial_similar_surname_and_date_of_birth" -> "initial, similar surname, date of birth";
            case "similar_name_and_birth_year" -> "similar name, birth year ±1";
            default -> "similar name and postcode";
        };
    }

    public static String state(HistoryRequests.Link l) {
        String s = switch (l.state()) {
            case "confirmed" -> "Same victim";
            case "rejected" -> "Not the same";
            default -> "Suggested";
        };
        return l.decidedBy() == null ? s : s + " (" + l.decidedBy() + ")";
    }

    public static String level(HistoryRequests.Link l) {
        return l.level() == null ? "" : l.level().charAt(0) + l.level().substring(1).toLowerCase(Locale.ROOT);
    }

    public ObservableList<HistoryRequests.Link> links() {
        return links;
    }

    public ObjectProperty<HistoryRequests.Link> selectedProperty() {
        return selected;
    }

    public StringProperty noteProperty() {
        return note;
    }
}
