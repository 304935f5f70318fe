package org.dashdesk.ui.cru;

import java.time.Clock;

import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.layout.BorderPane;

import org.dashdesk.instrument.PackRegistry;
import org.dashdesk.review.ReviewGateway;
import org.dashdesk.ui.common.TaskExecutor;
import org.dashdesk.ui.review.QueueView;
import org.dashdesk.ui.review.ReviewView;

/** The CRU screen: the queue, or one case's review with its safety-plan tab. */
public final class CruScreen extends BorderPane {

    private final CruViewModel vm;
    private final BorderPane queuePane = new BorderPane();
    private final QueueView queueView;

    /** @param onLeave back to the home screen, or null to show no back button */
    public CruScreen(ReviewGateway gateway, String signedInCollar, TaskExecutor executor, PackRegistry packs, Runnable onLeave) {
        this(new CruViewModel(gateway, signedInCollar, executor, packs, Clock.systemDefaultZone()), onLeave);
    }

    public CruScreen(CruViewModel vm, Runnable onLeave) {
        this.vm = vm;
        setId("cru-screen");
        queueView = new QueueView(vm.queue(), "CRU review", true, vm::open, onLeave);
        Label overdue = new Label();
        overdue.setId("overdue-actions");
        overdue.setWrapText(true);
        overdue.setPadding(new Insets(0, 16, 0, 16));
        overdue.getStyleClass().add("overdue-summary");
        overdue.textProperty().bind(vm.overdueActionsProperty());
        queuePane.setCenter(queueView);
        queuePane.setBottom(overdue);
        BorderPane.setMargin(overdue, new Insets(0, 0, 12, 0));
        vm.reviewProperty().addListener((o, a, b) -> show());
        show();
        vm.refresh();
    }

    private void show() {
        if (vm.reviewProperty().get() == null) {
            setCenter(queuePane);
            queueView.focusTable();
        } else {
            ReviewView review = new ReviewView(vm.reviewProperty().get(), vm::back);
            Tab plan = new Tab("Safety plan", new SafetyPlanView(vm.planProperty().get()));
            plan.setId("tab-safety-plan");
            Tab links = new Tab("Victim's other DASH", new VictimLinksView(vm.linksProperty().get()));
            links.setId("tab-victim-links");
            // Each is put second: the plan, then the victim's other DASH, then the audit.
            review.addTab(links);
            review.addTab(plan);
            setCenter(review);
        }
    }

    public CruViewModel viewModel() {
        return vm;
    }
}
