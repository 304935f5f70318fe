package org.dashdesk.ui.review;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableStringValue;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import org.dashdesk.grading.RiskLevel;
import org.dashdesk.review.CentralAuditEntry;
import org.dashdesk.review.QuestionComment;
import org.dashdesk.ui.common.Controls;

/**
 * The review screen: the revision read-only and its audit trail in tabs, and on the right the
 * decisions the mode offers. Each decision opens its own small form in the side panel (the
 * approval asks for the password again); nothing is sent until its button is pressed, and every
 * button also works with Enter.
 */
public final class ReviewView extends BorderPane {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss");

    private final ReviewViewModel vm;
    private final TabPane tabs = new TabPane();
    private final StackPane decisionForm = new StackPane();
    private final Button approveButton = new Button("Approve…");
    /** The decision buttons in the order the keyboard is offered them. */
    private final List<Button> decisionButtons = new ArrayList<>();

    public ReviewView(ReviewViewModel vm, Runnable onBack) {
        this.vm = vm;
        setId("review");
        setTop(header(onBack));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("review-tabs");
        tabs.getTabs().addAll(assessmentTab(), auditTab());
        setCenter(tabs);
        setRight(decisions());
        vm.revisionProperty().addListener((o, a, b) -> focusFirstDecisionAfterLayout());
    }

    /** Adds a tab after the assessment and audit tabs (the CRU's safety plan). */
    public void addTab(Tab tab) {
        tabs.getTabs().add(1, tab);
    }

    public TabPane tabs() {
        return tabs;
    }

    private Node header(Runnable onBack) {
        Button back = new Button("← Queue");
        back.setId("review-back");
        back.setAccessibleText("Back to the queue without deciding");
        back.setOnAction(e -> onBack.run());
        enterFires(back);
        Label title = new Label("Review " + (vm.item().incidentReference() == null ? "" : vm.item().incidentReference()));
        title.getStyleClass().add("page-title");
        Label level = new Label(vm.item().level() == null ? "" : vm.item().level().label());
        // The header flows onto a second line at large text; its words and the grade are never cut.
        for (javafx.scene.control.Labeled l : List.of(back, title, level)) {
            l.setMinWidth(Region.USE_PREF_SIZE);
        }
        if (vm.item().level() != null) {
            level.getStyleClass().addAll("badge", "level-" + vm.item().level().jsonName());
        }
        Label meta = new Label("Revision " + vm.item().revisionNumber() + " · officer " + vm.item().officerCollar() + " · "
                + (vm.item().district() == null ? "" : vm.item().district()) + " · waiting " + QueueViewModel.ageText(vm.item()));
        meta.getStyleClass().add("step");
        meta.setWrapText(true);
        meta.setMinHeight(Region.USE_PREF_SIZE);
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(20, 20);
        spinner.visibleProperty().bind(vm.busyProperty());
        Label progress = new Label();
        progress.setId("review-progress");
        progress.getStyleClass().add("save-status");
        progress.textProperty().bind(vm.progressProperty());
        FlowPane bar = new FlowPane(12, 6, back, title, level, meta, spinner, progress);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("header");
        return new VBox(bar, banner("review-error", vm.errorProperty()));
    }

    private Tab assessmentTab() {
        ScrollPane scroll = new ScrollPane();
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("page-scroll");
        Label loading = new Label("Opening the assessment…");
        loading.setPadding(new Insets(16));
        scroll.setContent(loading);
        Runnable show = () -> {
            if (vm.revisionProperty().get() != null) {
                scroll.setContent(new RevisionView(vm.revisionProperty().get(), vm.packs()));
            }
        };
        vm.revisionProperty().addListener((o, a, b) -> show.run());
        show.run();
        Tab tab = new Tab("Assessment", scroll);
        tab.setId("tab-assessment");
        return tab;
    }

    private Tab auditTab() {
        TableView<CentralAuditEntry> table = new TableView<>(vm.audit());
        table.setId("audit-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(Controls.textColumn("When", e -> e.at() == null ? "" : WHEN.format(e.at().atZone(ZoneId.systemDefault())), 160));
        table.getColumns().add(Controls.textColumn("Who", CentralAuditEntry::actor, 100));
        table.getColumns().add(Controls.textColumn("Role", CentralAuditEntry::role, 120));
        table.getColumns().add(Controls.textColumn("What", CentralAuditEntry::what, 360));
        table.setPlaceholder(new Label("No audit entries yet."));
        Controls.columnsGrowWithText(table);
        table.setAccessibleText("Audit trail: every view and change of this assessment");
        Tab tab = new Tab("Audit", table);
        tab.setId("tab-audit");
        return tab;
    }


    private Node decisions() {
        Label heading = new Label("Decision");
        heading.getStyleClass().add("side-heading");
        VBox side = new VBox(8, heading);
        // Widths in em (base.css): the panel widens with the text, and its buttons wrap.
        side.getStyleClass().addAll("side-panel", "review-decisions");
        side.setId("decisions");
        if (vm.item().historyFlag() != null) {
            // Issue 12: what the server's history check found after submission, beside the decision it bears on.
            Label flag = new Label(vm.item().historyFlag() + ". The officer's grading is unchanged: "
                    + (vm.mode() == ReviewViewModel.Mode.SIGN_OFF ? "raise it, or return it to the officer, if the history is hers."
                    : "act on it, then mark the case reviewed saying what was done."));
            flag.setId("review-history-flag");
            flag.setWrapText(true);
            flag.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            flag.getStyleClass().add("error-banner");
            side.getChildren().add(flag);
        }
        boolean signOff = vm.mode() == ReviewViewModel.Mode.SIGN_OFF;
        if (signOff) {
            approveButton.setId("approve");
            approveButton.getStyleClass().add("primary");
            approveButton.setMaxWidth(Double.MAX_VALUE);
            approveButton.disableProperty().bind(vm.decisionsDisabled().or(Bindings.createBooleanBinding(() -> !vm.canApprove())));
            approveButton.setOnAction(e -> show(approveForm()));
            enterFires(approveButton);
            Button ret = new Button("Return to officer…");
            ret.setId("return");
            ret.setMaxWidth(Double.MAX_VALUE);
            ret.disableProperty().bind(vm.decisionsDisabled());
            ret.setOnAction(e -> show(returnForm()));
            enterFires(ret);
            side.getChildren().addAll(approveButton, ret);
            decisionButtons.addAll(List.of(approveButton, ret));
            if (vm.isOwnAssessment()) {
                side.getChildren().add(Controls.hint("This is your own assessment: another supervisor must approve it."));
            }
        }
        if (vm.canMarkReviewed()) {
            Button reviewed = new Button("Mark reviewed…");
            reviewed.setId("mark-reviewed");
            reviewed.getStyleClass().add("primary");
            reviewed.setMaxWidth(Double.MAX_VALUE);
            reviewed.disableProperty().bind(vm.decisionsDisabled());
            reviewed.setOnAction(e -> show(reviewedForm()));
            enterFires(reviewed);
            side.getChildren().add(reviewed);
            decisionButtons.add(reviewed);
        }
        Button raise = new Button("Raise the grading…");
        raise.setId("raise");
        raise.setMaxWidth(Double.MAX_VALUE);
        raise.disableProperty().bind(vm.decisionsDisabled().or(Bindings.isEmpty(vm.raiseOptions())));
        raise.setOnAction(e -> show(raiseForm()));
        enterFires(raise);
        side.getChildren().addAll(raise, new Separator(), decisionForm);
        decisionButtons.add(raise);
        if (!signOff) {
            side.getChildren().add(Controls.hint("Raising routes the case on like any medium or high referral."));
        }
        VBox.setVgrow(decisionForm, Priority.ALWAYS);
        for (Node n : side.getChildren()) {
            wrapWhole(n);
        }
        ScrollPane scroll = new ScrollPane(side);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.getStyleClass().add("page-scroll");
        return scroll;
    }

    /**
     * The decisions sit in a scroll pane, whose content joins the scene only when its skin is
     * made in a layout pulse; a revision that loads before that pulse would find no button to
     * focus. So focus moves after the next layout (or once the view is shown at all).
     */
    private void focusFirstDecisionAfterLayout() {
        javafx.scene.Scene scene = getScene();
        if (scene == null) {
            sceneProperty().addListener(new javafx.beans.value.ChangeListener<>() {
                @Override
                public void changed(javafx.beans.value.ObservableValue<? extends javafx.scene.Scene> o, javafx.scene.Scene a,
                                    javafx.scene.Scene b) {
                    if (b != null) {
                        sceneProperty().removeListener(this);
                        focusFirstDecisionAfterLayout();
                    }
                }
            });
            return;
        }
        scene.addPostLayoutPulseListener(new Runnable() {
            @Override
            public void run() {
                scene.removePostLayoutPulseListener(this);
                focusFirstDecision();
            }
        });
        Platform.requestNextPulse();
    }

    /**
     * Gives the keyboard to the first decision on offer. The side panel sits in a scroll pane,
     * which attaches its content only when its skin is made on a later pulse; until then the
     * button has no scene and a focus request is lost (the scene then focuses its first control,
     * the back button). So when the button is not attached yet, focus follows once it is.
     */
    private void focusFirstDecision() {
        Button first = decisionButtons.stream().filter(b -> !b.isDisabled()).findFirst().orElse(null);
        if (first == null) {
            return;
        }
        if (first.getScene() == null) {
            first.sceneProperty().addListener(new ChangeListener<Scene>() {
                @Override
                public void changed(ObservableValue<? extends Scene> o, Scene before, Scene now) {
                    if (now != null) {
                        first.sceneProperty().removeListener(this);
                        Platform.runLater(ReviewView.this::focusFirstDecision);
                    }
                }
            });
            return;
        }
        first.requestFocus();
    }

    /** The central server keeps a reviewer's comment, note or reason up to this many characters. */
    public static final int TEXT_LIMIT = 2000;

    private void show(Node form) {
        decisionForm.getChildren().setAll(form);
        Node first = firstInput(form);
        if (first != null) {
            Platform.runLater(first::requestFocus);
        }
    }

    /** The first text field, text area or drop-down in {@code node}, in layout order (a counted area sits in a box). */
    private static Node firstInput(Node node) {
        if (node instanceof javafx.scene.control.TextInputControl || node instanceof ComboBox) {
            return node;
        }
        if (node instanceof javafx.scene.Parent p && !(node instanceof javafx.scene.control.Control)) {
            for (Node child : p.getChildrenUnmodifiable()) {
                Node found = firstInput(child);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private Node approveForm() {
        Label title = Controls.heading("Approve and sign");
        Label explain = new Label("Re-enter your password. It is your electronic signature: the revision is then locked, "
                + "and a later revision voids the approval.");
        explain.setWrapText(true);
        PasswordField password = new PasswordField();
        password.setId("signature-password");
        Label label = Controls.labelFor("Your password", password);
        Button sign = new Button("Sign and approve");
        sign.setId("sign-approve");
        sign.getStyleClass().add("primary");
        sign.disableProperty().bind(vm.busyProperty());
        Runnable go = () -> {
            // The field's text cannot be wiped in place; it is cleared at once and the array
            // handed over is zeroed by the view model after the call.
            char[] pw = password.getText().toCharArray();
            password.clear();
            vm.approve(pw);
        };
        sign.setOnAction(e -> go.run());
        enterFires(sign);
        password.setOnAction(e -> go.run());
        Button cancel = cancel();
        return form(title, explain, label, password, buttons(sign, cancel), Controls.fieldError(vm.approveErrorProperty()));
    }

    private Node returnForm() {
        Label title = Controls.heading("Return to the officer");
        Label explain = new Label("Attach comments to the questions the officer should look at again. At least one comment.");
        explain.setWrapText(true);
        ComboBox<QuestionRef> question = new ComboBox<>(vm.questions());
        question.setId("comment-question");
        question.setMaxWidth(Double.MAX_VALUE);
        // The drop-down is as wide as the box and its questions wrap: a long question no longer
        // runs the list past the window's edge (issue 11).
        question.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(QuestionRef q, boolean empty) {
                super.updateItem(q, empty);
                setText(empty || q == null ? null : q.label());
                setWrapText(true);
                setPrefWidth(0);
            }
        });
        question.valueProperty().bindBidirectional(vm.returnQuestionProperty());
        TextArea comment = Controls.tabMovesFocus(new TextArea());
        comment.setId("comment-text");
        comment.setPrefRowCount(3);
        comment.setWrapText(true);
        comment.textProperty().bindBidirectional(vm.returnCommentProperty());
        Button add = new Button("Add comment");
        add.setId("add-comment");
        add.setOnAction(e -> {
            vm.addComment();
            comment.requestFocus();
        });
        enterFires(add);
        ListView<QuestionComment> list = new ListView<>(vm.comments());
        list.setId("comments");
        list.setPrefHeight(130);
        list.setAccessibleText("Comments to send. Delete removes the selected one.");
        list.setPlaceholder(new Label("No comments yet."));
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(QuestionComment c, boolean empty) {
                super.updateItem(c, empty);
                setText(empty || c == null ? null : vm.describe(c));
                setWrapText(true);
                setPrefWidth(0);
            }
        });
        list.setOnKeyPressed(e -> {
            QuestionComment c = list.getSelectionModel().getSelectedItem();
            if ((e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.BACK_SPACE) && c != null) {
                vm.removeComment(c);
                e.consume();
            }
        });
        Button send = new Button("Return to officer");
        send.setId("send-return");
        send.getStyleClass().add("primary");
        send.disableProperty().bind(vm.busyProperty());
        send.setOnAction(e -> vm.returnToOfficer());
        enterFires(send);
        return form(title, explain, Controls.labelFor("Question", question), question, Controls.labelFor("Comment", comment), Controls.countedArea(comment, TEXT_LIMIT),
                add, list, buttons(send, cancel()), Controls.fieldError(vm.returnErrorProperty()));
    }

    private Node reviewedForm() {
        Label title = Controls.heading("Mark reviewed by CRU");
        Label explain = new Label("Say what you reviewed and decided. The case leaves the CRU queue until a new revision is "
                + "submitted; open safety-plan actions stay tracked and still show when overdue.");
        explain.setWrapText(true);
        TextArea note = Controls.tabMovesFocus(new TextArea());
        note.setId("review-note");
        note.setPrefRowCount(4);
        note.setWrapText(true);
        note.textProperty().bindBidirectional(vm.reviewNoteProperty());
        Button send = new Button("Mark reviewed");
        send.setId("send-reviewed");
        send.getStyleClass().add("primary");
        send.disableProperty().bind(vm.busyProperty());
        send.setOnAction(e -> vm.markReviewed());
        enterFires(send);
        return form(title, explain, Controls.labelFor("Review note", note), Controls.countedArea(note, TEXT_LIMIT), buttons(send, cancel()),
                Controls.fieldError(vm.reviewErrorProperty()));
    }

    private Node raiseForm() {
        Label title = Controls.heading("Raise the grading");
        Label explain = new Label("Choose a higher level and give your reasons. The case is then routed on as a referral.");
        explain.setWrapText(true);
        ComboBox<RiskLevel> level = new ComboBox<>(vm.raiseOptions());
        level.setId("raise-level");
        level.valueProperty().bindBidirectional(vm.raiseLevelProperty());
        level.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(RiskLevel l) {
                return l == null ? "" : l.label();
            }

            @Override
            public RiskLevel fromString(String s) {
                return s == null || s.isBlank() ? null : RiskLevel.fromJson(s);
            }
        });
        TextArea why = Controls.tabMovesFocus(new TextArea());
        why.setId("raise-rationale");
        why.setPrefRowCount(4);
        why.setWrapText(true);
        why.textProperty().bindBidirectional(vm.raiseRationaleProperty());
        Button send = new Button("Raise grading");
        send.setId("send-raise");
        send.getStyleClass().add("primary");
        send.disableProperty().bind(vm.busyProperty());
        send.setOnAction(e -> vm.raise());
        enterFires(send);
        return form(title, explain, Controls.labelFor("Raise to", level), level, Controls.labelFor("Reasons", why), Controls.countedArea(why, TEXT_LIMIT),
                buttons(send, cancel()), Controls.fieldError(vm.raiseErrorProperty()));
    }

    private Button cancel() {
        Button cancel = new Button("Cancel");
        cancel.setOnAction(e -> {
            decisionForm.getChildren().clear();
            focusFirstDecision();
        });
        enterFires(cancel);
        return cancel;
    }

    /** A label or button that wraps and keeps the height of all its lines, so a squeezed panel never cuts it. */
    private static void wrapWhole(Node n) {
        if (n instanceof javafx.scene.control.Labeled l) {
            l.setWrapText(true);
            l.setMinHeight(Region.USE_PREF_SIZE);
        }
    }

    /** The decision's own buttons, flowing onto a second line when the panel is narrow for the text. */
    private static FlowPane buttons(Button... buttons) {
        FlowPane row = new FlowPane(8, 6, buttons);
        for (Button b : buttons) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        return row;
    }

    private static VBox form(Node... nodes) {
        for (Node n : nodes) {
            if (!(n instanceof Button)) {
                wrapWhole(n);
            }
        }
        VBox box = new VBox(6, nodes);
        box.getStyleClass().add("decision-form");
        return box;
    }




    static Label banner(String id, ObservableStringValue text) {
        Label error = new Label();
        error.setId(id);
        error.setWrapText(true);
        error.setMaxWidth(Double.MAX_VALUE);
        error.getStyleClass().add("error-banner");
        error.textProperty().bind(text);
        error.visibleProperty().bind(Bindings.isNotNull(text));
        error.managedProperty().bind(error.visibleProperty());
        return error;
    }

    /** Buttons fire on Space by default; Enter does too here, as keyboard users expect. */
    public static void enterFires(Button b) {
        b.addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER && !b.isDisabled()) {
                b.fire();
                e.consume();
            }
        });
    }
}
