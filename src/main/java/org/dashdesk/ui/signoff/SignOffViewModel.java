package org.dashdesk.ui.signoff;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import org.dashdesk.instrument.PackRegistry;
import org.dashdesk.review.QueueItem;
import org.dashdesk.review.ReviewGateway;
import org.dashdesk.ui.common.TaskExecutor;
import org.dashdesk.ui.review.QueueViewModel;
import org.dashdesk.ui.review.ReviewViewModel;

/**
 * The sign-off screen's state: the queue, and the assessment open for review (null while the
 * queue shows). A decision closes the review, refreshes the queue and confirms what was done.
 */
public final class SignOffViewModel {

    private final ReviewGateway gateway;
    private final String signedInCollar;
    private final TaskExecutor executor;
    private final PackRegistry packs;
    private final QueueViewModel queue;
    private final ReadOnlyObjectWrapper<ReviewViewModel> review = new ReadOnlyObjectWrapper<>();

    public SignOffViewModel(ReviewGateway gateway, String signedInCollar, TaskExecutor executor, PackRegistry packs) {
        this.gateway = gateway;
        this.signedInCollar = signedInCollar;
        this.executor = executor;
        this.packs = packs;
        this.queue = new QueueViewModel(gateway::signOffQueue, executor);
    }

    public void open(QueueItem item) {
        queue.messageProperty().set(null);
        ReviewViewModel r = new ReviewViewModel(gateway, executor, packs, item, signedInCollar, ReviewViewModel.Mode.SIGN_OFF,
                this::decided);
        review.set(r);
        r.load();
    }

    /** Back to the queue without a decision; the queue is read again (others may have decided meanwhile). */
    public void back() {
        review.set(null);
        queue.refresh();
    }

    private void decided(String confirmation) {
        review.set(null);
        queue.messageProperty().set(confirmation);
        queue.refresh();
    }

    public QueueViewModel queue() {
        return queue;
    }

    public ReadOnlyObjectProperty<ReviewViewModel> reviewProperty() {
        return review.getReadOnlyProperty();
    }
}
