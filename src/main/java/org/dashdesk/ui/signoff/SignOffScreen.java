package org.dashdesk.ui.signoff;

import javafx.scene.layout.BorderPane;

import org.dashdesk.instrument.PackRegistry;
import org.dashdesk.review.ReviewGateway;
import org.dashdesk.ui.common.TaskExecutor;
import org.dashdesk.ui.review.QueueView;
import org.dashdesk.ui.review.ReviewView;

/**
 * The supervisor's sign-off screen: the queue, or the review of the assessment opened from it.
 * Reads the queue as soon as it is created.
 */
public final class SignOffScreen extends BorderPane {

    private final SignOffViewModel vm;
    private final QueueView queueView;

    /**
     * @param signedInCollar the supervisor's collar number (their own assessments cannot be approved)
     * @param onLeave        back to the home screen, or null to show no back button
     */
    public SignOffScreen(ReviewGateway gateway, String signedInCollar, TaskExecutor executor, PackRegistry packs, Runnable onLeave) {
        this(new SignOffViewModel(gateway, signedInCollar, executor, packs), onLeave);
    }

    public SignOffScreen(SignOffViewModel vm, Runnable onLeave) {
        this.vm = vm;
        setId("signoff-screen");
        queueView = new QueueView(vm.queue(), "Awaiting sign-off", false, vm::open, onLeave);
        vm.reviewProperty().addListener((o, a, b) -> show());
        show();
        vm.queue().refresh();
    }

    private void show() {
        if (vm.reviewProperty().get() == null) {
            setCenter(queueView);
            queueView.focusTable();
        } else {
            setCenter(new ReviewView(vm.reviewProperty().get(), vm::back));
        }
    }

    public SignOffViewModel viewModel() {
        return vm;
    }
}
