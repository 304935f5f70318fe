package org.dashdesk.ui.wizard;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;
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
        box.getChildren().addAll(heading, help, items);
        if (vm.isAmendment()) {
            TextArea reason = new TextArea();
        Controls.tabMovesFocus(reason);
            reason.setId("amendment-reason");
            reason.setPrefRowCount(2);
            reason.textProperty().bindBidirectional(vm.amendmentReasonProperty());
            box.getChildren().addAll(Controls.labelFor("Reason for this amendment", reason), reason);
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
        level.textProperty().bind(Bindings.createStringBinding(() -> "Submitting records the grading as "
                + vm.levelLabelProperty().get() + (vm.gradingProperty().get() != null
                && vm.gradingProperty().get().level() == RiskLevel.STANDARD ? " and sends it for supervisor sign-off." : " and refers it."),
                vm.levelLabelProperty()));
        box.getChildren().addAll(new Separator(), level, submit, submitError);
        return box;
    }
}
