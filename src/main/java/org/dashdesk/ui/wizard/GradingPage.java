package org.dashdesk.ui.wizard;

import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Separator;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Toggle;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.dashdesk.grading.GradingResult;
import org.dashdesk.grading.RiskLevel;
import org.dashdesk.ui.common.Controls;

/**
 * The wizard's grading page: the computed level with its reasons, the officer's professional
 * judgement (raise only, with reasons) and the referral decisions.
 * Built by {@link WizardView}; it holds no state of its own beyond the bindings.
 */
final class GradingPage {

    private GradingPage() {
    }

    static VBox build(WizardViewModel vm) {
        VBox box = new VBox();
        Label summary = new Label();
        summary.setId("grading-summary");
        summary.getStyleClass().add("grading-summary");
        summary.setWrapText(true);
        VBox reasons = new VBox(4);
        reasons.setId("grading-reasons");
        Runnable refresh = () -> {
            GradingResult g = vm.gradingProperty().get();
            if (g == null) {
                return;
            }
            summary.setText(g.yesCount() + " Yes answers — computed level " + g.computedLevel().label()
                    + (g.level() != g.computedLevel() ? ", raised to " + g.level().label() : "")
                    + (g.criteria().isEmpty() ? "" : " — criteria met: " + vm.criteriaInWords(g)));
            reasons.getChildren().clear();
            for (String r : g.reasons()) {
                Label l = new Label("• " + r);
                l.setWrapText(true);
                reasons.getChildren().add(l);
            }
        };
        vm.gradingProperty().addListener((o, a, b) -> refresh.run());
        refresh.run();

        Label judgementHeading = new Label("Professional judgement");
        judgementHeading.getStyleClass().add("form-heading");
        Label judgementHelp = new Label("You may raise the grading on your own concern or the victim's perception of risk, "
                + "with written reasons. You cannot lower it.");
        judgementHelp.setWrapText(true);
        // One control: "agree" or one of the levels above the computed one, as radio buttons (Tab, arrows, Space).
        ToggleGroup levelGroup = new ToggleGroup();
        // One option per line: long labels stay readable at large text sizes.
        VBox raise = new VBox(6);
        raise.setId("judgement-level");
        Label highest = new Label();
        highest.setId("judgement-highest");
        highest.setWrapText(true);
        // True while the view itself moves the selection to match the view model: that must never
        // write back (selecting "agree" to match would clear the officer's judgement and reasons).
        boolean[] syncing = {false};
        Runnable showJudgement = () -> {
            RiskLevel current = vm.judgementLevelProperty().get();
            Toggle match = levelGroup.getToggles().stream().filter(t -> java.util.Objects.equals(t.getUserData(), current))
                    .findFirst().orElse(null);
            syncing[0] = true;
            try {
                // No match (a judgement the computed level has caught up with): nothing is selected
                // and the judgement error says what to do; the view does not pick an answer for the officer.
                levelGroup.selectToggle(match);
            } finally {
                syncing[0] = false;
            }
        };
        Runnable buildLevels = () -> {
            syncing[0] = true;
            try {
                // The old buttons leave the group with the page: a detached button left in the group
                // could be the one selected while the visible ones all look unselected.
                for (Toggle t : List.copyOf(levelGroup.getToggles())) {
                    t.setToggleGroup(null);
                }
            } finally {
                syncing[0] = false;
            }
            RadioButton agree = new RadioButton("Agree with the computed level");
            agree.setWrapText(true);
            agree.setId("judgement-agree");
            agree.setAccessibleText("Professional judgement: agree with the computed level");
            agree.setToggleGroup(levelGroup);
            agree.setUserData(null);
            raise.getChildren().setAll(agree);
            for (RiskLevel level : vm.raiseOptions()) {
                // With questions not asked, the computed level itself is offered: Standard then needs
                // the officer's judgement to stand (decision 0153), and this is how it is given.
                boolean keep = vm.gradingProperty().get() != null && level == vm.gradingProperty().get().computedLevel();
                RadioButton r = new RadioButton((keep ? "Keep " : "Raise to ") + level.label()
                        + (keep ? " (questions were not asked: say why it stands)" : ""));
                r.setWrapText(true);
                r.setId("judgement-raise-" + level.name().toLowerCase(java.util.Locale.ROOT));
                r.setAccessibleText("Professional judgement: " + (keep ? "keep the grading at " : "raise the grading to ") + level.label());
                r.setToggleGroup(levelGroup);
                r.setUserData(level);
                raise.getChildren().add(r);
            }
            if (vm.raiseOptions().isEmpty()) {
                highest.setText("Already at the highest level: there is nothing to raise it to.");
                raise.getChildren().add(highest);
            }
            showJudgement.run();
        };
        buildLevels.run();
        vm.raiseOptions().addListener((ListChangeListener<RiskLevel>) c -> buildLevels.run());
        vm.judgementLevelProperty().addListener((o, a, b) -> showJudgement.run());
        levelGroup.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null || syncing[0]) {
                return;
            }
            RiskLevel chosen = (RiskLevel) b.getUserData();
            if (chosen == null) {
                if (vm.judgementLevelProperty().get() != null) {
                    vm.clearJudgement();
                }
            } else if (chosen != vm.judgementLevelProperty().get()) {
                vm.judgementLevelProperty().set(chosen);
            }
        });
        TextArea rationale = new TextArea();
        Controls.tabMovesFocus(rationale);
        rationale.setId("judgement-rationale");
        rationale.setPrefRowCount(3);
        rationale.setWrapText(true);
        rationale.textProperty().bindBidirectional(vm.judgementRationaleProperty());
        Label judgementError = new Label();
        judgementError.getStyleClass().add("field-error");
        judgementError.setWrapText(true);
        judgementError.textProperty().bind(vm.judgementErrorProperty());
        GridPane j = Controls.form();
        Label raiseLabel = new Label("Your judgement");
        raiseLabel.getStyleClass().add("field-label");
        raiseLabel.setWrapText(true);
        raiseLabel.setLabelFor(raise);
        j.addRow(0, raiseLabel, raise);
        var rationaleBox = Controls.countedArea(rationale, vm.textLimits().text());
        j.addRow(1, Controls.labelFor("Reasons", rationale), rationaleBox);
        GridPane.setHgrow(rationaleBox, Priority.ALWAYS);

        Label referralHeading = new Label("Referrals");
        referralHeading.getStyleClass().add("form-heading");
        VBox referrals = new VBox(10);
        referrals.setId("referrals");
        Runnable buildReferrals = () -> {
            referrals.getChildren().clear();
            for (ReferralPromptViewModel r : vm.referralPrompts()) {
                referrals.getChildren().add(referralRow(r, vm.textLimits().text()));
            }
        };
        vm.referralPrompts().addListener((ListChangeListener<ReferralPromptViewModel>) c -> buildReferrals.run());
        buildReferrals.run();
        box.getChildren().addAll(summary, reasons, new Separator(), judgementHeading, judgementHelp, j, judgementError,
                new Separator(), referralHeading, referrals);
        return box;
    }

    private static Node referralRow(ReferralPromptViewModel r, int textLimit) {
        String id = "referral-" + r.referral().name().toLowerCase(java.util.Locale.ROOT);
        Label label = new Label(r.label());
        label.setWrapText(true);
        label.getStyleClass().add("referral-label");
        Label prompt = new Label(r.prompt());
        prompt.setWrapText(true);
        ToggleButton made = new ToggleButton("Made");
        ToggleButton notMade = new ToggleButton("Not made");
        made.setId(id + "-made");
        notMade.setId(id + "-not-made");
        made.setAccessibleText(r.label() + ": made");
        notMade.setAccessibleText(r.label() + ": not made");
        Controls.bindToggles(r.chosenProperty(), new ToggleButton[] {made, notMade}, Boolean.TRUE, Boolean.FALSE);
        TextField reason = Controls.countedField(textLimit);
        reason.setId(id + "-reason");
        reason.setPromptText("Reason (required if not made)");
        reason.setAccessibleText(r.label() + ": reason");
        reason.textProperty().bindBidirectional(r.reasonProperty());
        made.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        notMade.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox controls = new HBox(6, made, notMade, reason);
        HBox.setHgrow(reason, Priority.ALWAYS);
        Label problem = new Label();
        problem.setWrapText(true);
        problem.getStyleClass().add("field-hint");
        problem.textProperty().bind(r.problemProperty());
        return new VBox(4, label, prompt, controls, problem);
    }
}
