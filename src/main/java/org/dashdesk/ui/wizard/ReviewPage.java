package org.dashdesk.ui.wizard;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.TextArea;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import org.dashdesk.grading.GradingPolicy;
import org.dashdesk.grading.RiskLevel;
import org.dashdesk.ui.common.Controls;

/**
 * The wizard's last page: what is missing or must be fixed (each a link to it), the reason for an
 * amendment, and Submit.
 * Built by {@link WizardView}; it holds no state of its own beyond the bindings.
 */
final class ReviewPage {

    private ReviewPage() {
    }

    /**
     * Shown while counted questions are unanswered: marks them all not asked for one reason, the
     * way to end an assessment the victim would not or could not finish. Keyboard: Tab to the
     * reason, arrows to choose, Tab and Space on the button.
     */
    private static VBox notAsked(WizardViewModel vm) {
        ReadOnlyIntegerProperty count = vm.submission().unansweredProperty();
        Label says = new Label();
        says.setWrapText(true);
        says.textProperty().bind(Bindings.createStringBinding(() -> count.get() + (count.get() == 1 ? " DASH question is" : " DASH questions are")
                + " not answered. Each must be answered, or marked not asked with the reason: the grade cannot rest on questions"
                + " nobody asked.", count));
        ComboBox<GradingPolicy.NotAskedReason> reason = new ComboBox<>(FXCollections.observableArrayList(vm.notAskedReasons()));
        reason.setId("not-asked-reason");
        reason.setPromptText("Why they were not asked");
        reason.setConverter(new StringConverter<>() {
            @Override
            public String toString(GradingPolicy.NotAskedReason r) {
                return r == null ? "" : r.label();
            }

            @Override
            public GradingPolicy.NotAskedReason fromString(String s) {
                return null;
            }
        });
        reason.setMaxWidth(Double.MAX_VALUE);
        Button mark = new Button("Mark them not asked");
        mark.setId("mark-not-asked");
        mark.disableProperty().bind(reason.valueProperty().isNull());
        mark.setOnAction(e -> vm.markUnansweredNotAsked(reason.getValue().id()));
        FlowPane controls = new FlowPane(8, 6, reason, mark);
        VBox box = new VBox(6, says, Controls.labelFor("Reason", reason), controls);
        box.setId("not-asked-box");
        box.getStyleClass().add("not-asked-box");
        box.visibleProperty().bind(count.greaterThan(0));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    static VBox build(WizardViewModel vm) {
        VBox box = new VBox();
        Label heading = new Label("Before you submit");
        heading.getStyleClass().add("form-heading");
        Label help = new Label("Missing answers and Don't know answers are listed so you can go back to them; items marked "
                + "'must be fixed' stop submission.");
        help.setWrapText(true);
        VBox items = new VBox(2);
        items.setId("review-items");
        Runnable build = () -> {
            items.getChildren().clear();
            if (vm.reviewItems().isEmpty()) {
                items.getChildren().add(new Label("Nothing is missing."));
            }
            // What must be fixed comes first (the view model sorts it so), then the rest grouped
            // under the section it belongs to, in the order of the form.
            String group = null;
            for (ReviewItem item : vm.reviewItems()) {
                String section = item.blocking() ? "Must be fixed before submitting" : WizardView.shortTitle(item.page());
                if (!section.equals(group)) {
                    group = section;
                    Label h = new Label(section);
                    h.getStyleClass().add("review-group");
                    items.getChildren().add(h);
                }
                Hyperlink link = new Hyperlink((item.blocking() ? "Must be fixed: " : "") + item.message());
                link.setWrapText(true);
                link.setAccessibleText(section + ": " + item.message() + " Go to it.");
                link.getStyleClass().add(item.blocking() ? "review-blocking" : "review-item");
                link.setOnAction(e -> vm.goTo(item));
                items.getChildren().add(link);
            }
        };
        vm.reviewItems().addListener((ListChangeListener<ReviewItem>) c -> build.run());
        build.run();
        box.getChildren().addAll(heading, help, notAsked(vm), items);
        if (vm.isAmendment()) {
            TextArea reason = new TextArea();
        Controls.tabMovesFocus(reason);
            reason.setId("amendment-reason");
            reason.setPrefRowCount(2);
            reason.textProperty().bindBidirectional(vm.amendmentReasonProperty());
            box.getChildren().addAll(Controls.labelFor("Reason for this amendment", reason),
                    Controls.countedArea(reason, vm.textLimits().text()));
        }
        Button submit = new Button("Submit assessment");
        submit.setId("submit");
        submit.setDefaultButton(false);
        submit.getStyleClass().add("primary");
        submit.disableProperty().bind(vm.canSubmitProperty().not());
        submit.setOnAction(e -> vm.submit());
        Label submitError = new Label();
        submitError.getStyleClass().add("field-error");
        submitError.setWrapText(true);
        submitError.textProperty().bind(vm.submitErrorProperty());
        Label level = new Label();
        level.setWrapText(true);
        level.textProperty().bind(Bindings.createStringBinding(() -> "Submitting records the grading as "
                + vm.levelLabelProperty().get() + (vm.gradingProperty().get() != null
                && vm.gradingProperty().get().level() == RiskLevel.STANDARD ? " and sends it for supervisor sign-off." : " and refers it."),
                vm.levelLabelProperty()));
        box.getChildren().addAll(new Separator(), level, submit, submitError);
        return box;
    }
}
