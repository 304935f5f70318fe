package org.dashdesk.ui.cru;

import java.time.Clock;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import org.dashdesk.instrument.PackRegistry;
import org.dashdesk.review.QueueItem;
import org.dashdesk.review.ReviewGateway;
import org.dashdesk.ui.common.BackgroundTask;
import org.dashdesk.ui.common.TaskExecutor;
import org.dashdesk.ui.review.QueueViewModel;
import org.dashdesk.ui.review.ReviewErrors;
import org.dashdesk.ui.review.ReviewViewModel;

/**
 * The CRU screen's state: the queue with a count of overdue actions across the unit's cases, and
 * the case open for review with its safety plan.
 */
public final class CruViewModel {

    private final ReviewGateway gateway;
    private final String signedInCollar;
    private final TaskExecutor executor;
    private final PackRegistry packs;
    private final Clock clock;
    private final QueueViewModel queue;
    private final ReadOnlyObjectWrapper<ReviewViewModel> review = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<SafetyPlanViewModel> plan = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<VictimLinksViewModel> links = new ReadOnlyObjectWrapper<>();
    private final StringProperty overdueActions = new SimpleStringProperty();

    public CruViewModel(ReviewGateway gateway, String signedInCollar, TaskExecutor executor, PackRegistry packs, Clock clock) {
        this.gateway = gateway;
        this.signedInCollar = signedInCollar;
        this.executor = executor;
        this.packs = packs;
        this.clock = clock;
        this.queue = new QueueViewModel(gateway::cruQueue, executor);
    }

    /** Reads the queue and the overdue actions. */
    public void refresh() {
        queue.refresh();
        executor.execute(BackgroundTask.of(gateway::overdueActions).onSuccess(list -> overdueActions.set(list.isEmpty()
                ? "No safety-plan actions are overdue."
                : list.size() + (list.size() == 1 ? " safety-plan action is" : " safety-plan actions are") + " OVERDUE across your cases."))
                .onFailure(e -> overdueActions.set(ReviewErrors.describe("Reading the overdue actions", e))));
    }

    public void open(QueueItem item) {
        queue.messageProperty().set(null);
        ReviewViewModel r = new ReviewViewModel(gateway, executor, packs, item, signedInCollar, ReviewViewModel.Mode.CRU, this::decided);
        SafetyPlanViewModel p = new SafetyPlanViewModel(gateway, executor, item, clock);
        VictimLinksViewModel l = new VictimLinksViewModel(gateway, executor, item);
        links.set(l);
        plan.set(p);
        review.set(r);
        r.load();
        p.load();
        l.load();
    }

    public void back() {
        review.set(null);
        plan.set(null);
        refresh();
    }

    private void decided(String confirmation) {
        review.set(null);
        plan.set(null);
        queue.messageProperty().set(confirmation);
        refresh();
    }

    public QueueViewModel queue() {
        return queue;
    }

    public ReadOnlyObjectProperty<ReviewViewModel> reviewProperty() {
        return review.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<VictimLinksViewModel> linksProperty() {
        return links.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<SafetyPlanViewModel> planProperty() {
        return plan.getReadOnlyProperty();
    }

    public StringProperty overdueActionsProperty() {
        return overdueActions;
    }
}
