package org.dashdesk.ui.review;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.dashdesk.review.QueueItem;
import org.dashdesk.ui.common.BackgroundTask;
import org.dashdesk.ui.common.TaskExecutor;

/**
 * A queue of assessments awaiting someone's decision. Oldest first whatever order the server
 * sent, so nothing sinks out of sight; {@link #message} carries the confirmation of the last
 * decision, {@link #error} why the queue could not be read.
 */
public final class QueueViewModel extends org.dashdesk.ui.common.ServerWorkViewModel {

    static final Comparator<QueueItem> OLDEST_FIRST = Comparator.comparing(QueueItem::receivedAt,
            Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(QueueItem::incidentReference,
            Comparator.nullsLast(Comparator.naturalOrder()));

    private final Callable<List<QueueItem>> source;
    private final TaskExecutor executor;
    private final ObservableList<QueueItem> items = FXCollections.observableArrayList();
    private final StringProperty summary = new SimpleStringProperty("");

    public QueueViewModel(Callable<List<QueueItem>> source, TaskExecutor executor) {
        this.source = source;
        this.executor = executor;
    }

    public void refresh() {
        busy.set(true);
        executor.execute(BackgroundTask.of(source).onSuccess(list -> {
            busy.set(false);
            error.set(null);
            List<QueueItem> sorted = new ArrayList<>(list);
            sorted.sort(OLDEST_FIRST);
            items.setAll(sorted);
            long overdue = sorted.stream().filter(QueueItem::overdue).count();
            summary.set(sorted.size() + (sorted.size() == 1 ? " assessment" : " assessments")
                    + (overdue == 0 ? "" : ", " + overdue + " overdue"));
        }).onFailure(e -> {
            busy.set(false);
            error.set(ReviewErrors.describe("Reading the queue", e));
        }));
    }

    /** "3 d 4 h", "5 h 20 min", "12 min": precise enough to compare against a limit in days or hours. */
    public static String age(Duration d) {
        if (d == null) {
            return "";
        }
        long minutes = Math.max(0, d.toMinutes());
        long days = minutes / (24 * 60);
        long hours = minutes / 60 % 24;
        long mins = minutes % 60;
        if (days > 0) {
            return days + " d " + hours + " h";
        }
        if (hours > 0) {
            return hours + " h " + mins + " min";
        }
        return mins + " min";
    }

    /** The age as shown in the table: overdue ones say so in words, not only in colour. */
    public static String ageText(QueueItem item) {
        return age(item.age()) + (item.overdue() ? " — OVERDUE" : "");
    }

    public ObservableList<QueueItem> items() {
        return items;
    }




    public StringProperty summaryProperty() {
        return summary;
    }
}
