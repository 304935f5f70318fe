package org.dashdesk.ui.wizard;

import java.util.List;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;
import org.dashdesk.grading.GradingResult;

/**
 * The wizard's right-hand panel: the yes-count, the level and the criteria met, always in view, and
 * the offers to open a supplementary pack by hand.
 * Built by {@link WizardView}; it holds no state of its own beyond the bindings.
 */
final class LiveGradingPanel {

    private LiveGradingPanel() {
    }

    static Node build(WizardViewModel vm) {
        Label heading = new Label("Live grading");
        heading.getStyleClass().add("side-heading");
        Label yes = new Label();
        yes.setId("yes-count");
        yes.getStyleClass().add("yes-count");
        yes.textProperty().bind(Bindings.createStringBinding(() -> Integer.toString(vm.yesCountProperty().get()), vm.yesCountProperty()));
        Label yesCaption = new Label("Yes answers of " + vm.countedQuestionCount());
        yesCaption.setId("yes-caption");
        Label level = new Label();
        level.setId("level");
        level.textProperty().bind(vm.levelLabelProperty());
        level.getStyleClass().add("level");
        vm.gradingProperty().addListener((o, a, b) -> styleLevel(level, b));
        styleLevel(level, vm.gradingProperty().get());
        Label criteria = new Label();
        criteria.setId("criteria");
        criteria.setWrapText(true);
        criteria.getStyleClass().add("criteria");
        criteria.textProperty().bind(Bindings.createStringBinding(() -> {
            GradingResult g = vm.gradingProperty().get();
            return g == null || g.criteria().isEmpty() ? "No MARAC criteria met" : "Criteria met: " + vm.criteriaInWords(g);
        }, vm.gradingProperty()));
        Label fromHistory = new Label();
        fromHistory.setId("criteria-from-history");
        fromHistory.setWrapText(true);
        fromHistory.getStyleClass().add("criteria");
        fromHistory.textProperty().bind(Bindings.createStringBinding(() -> vm.details().history().criteriaFromHistory(
                vm.gradingProperty().get()), vm.gradingProperty(), vm.details().history().recordProperty()));
        fromHistory.visibleProperty().bind(fromHistory.textProperty().isNotEmpty());
        fromHistory.managedProperty().bind(fromHistory.visibleProperty());
        VBox supplements = new VBox(6);
        Runnable offers = () -> {
            supplements.getChildren().clear();
            for (Page p : vm.hiddenSupplementPages()) {
                Button open = new Button("Open " + p.pack().id().toUpperCase(java.util.Locale.ROOT));
                open.setId("open-" + p.pack().id());
                open.setAccessibleText("Open the " + p.pack().title() + " by hand");
                open.setTooltip(new Tooltip("Open the " + p.pack().title() + " by hand"));
                open.setOnAction(e -> vm.openSupplement(p));
                open.setWrapText(true);
                open.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
                supplements.getChildren().add(open);
            }
        };
        vm.visiblePages().addListener((ListChangeListener<Page>) c -> offers.run());
        offers.run();
        // The grade rests on the questions asked: say so beside it while some were not (issue 11).
        Label notAsked = new Label();
        notAsked.setId("not-asked-count");
        notAsked.setWrapText(true);
        notAsked.getStyleClass().add("incomplete-flag");
        var count = vm.submission().notAskedProperty();
        notAsked.textProperty().bind(Bindings.createStringBinding(() -> count.get() + (count.get() == 1 ? " question" : " questions")
                + " not asked", count));
        notAsked.visibleProperty().bind(count.greaterThan(0));
        notAsked.managedProperty().bind(notAsked.visibleProperty());
        VBox side = new VBox(8, heading, yes, yesCaption, notAsked, level, criteria, fromHistory, new Separator(), supplements);
        side.getStyleClass().addAll("side-panel", "live-grading");
        // Its width is in em (CSS), so the level and the yes-count stay whole at any text size.
        for (Label l : List.of(heading, yesCaption, level, criteria, fromHistory)) {
            l.setWrapText(true);
            l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        side.setAccessibleText("Live grading");
        return side;
    }

    private static void styleLevel(Label label, GradingResult g) {
        label.getStyleClass().removeAll("level-standard", "level-medium", "level-high");
        if (g != null) {
            label.getStyleClass().add("level-" + g.level().jsonName());
        }
    }
}
