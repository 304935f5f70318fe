package org.dashdesk.ui.cru;

import java.time.format.DateTimeFormatter;
import java.time.ZoneId;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

import org.dashdesk.review.ActionState;
import org.dashdesk.review.MaracState;
import org.dashdesk.review.SafetyAction;
import org.dashdesk.ui.common.Controls;
import org.dashdesk.ui.review.ReviewView;

/**
 * The safety-plan tab: the actions (overdue ones tinted and marked OVERDUE in words), closing the
 * selected one with a note, adding one, and the MARAC referral state of a high-risk case.
 */
public final class SafetyPlanView extends ScrollPane {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM HH:mm");

    public SafetyPlanView(SafetyPlanViewModel vm) {
        setId("safety-plan");
        setFitToWidth(true);
        getStyleClass().add("page-scroll");
        VBox box = new VBox(8);
        box.getStyleClass().add("page");
        box.setPadding(new Insets(16));

        Label message = new Label();
        message.setId("plan-message");
        message.getStyleClass().add("message");
        message.setMaxWidth(Double.MAX_VALUE);
        Controls.shownWhenSet(message, vm.messageProperty());
        Label error = new Label();
        error.setId("plan-error");
        error.setWrapText(true);
        error.setMaxWidth(Double.MAX_VALUE);
        error.getStyleClass().add("error-banner");
        Controls.shownWhenSet(error, vm.errorProperty());

        TableView<SafetyAction> table = new TableView<>(vm.actions());
        table.setId("actions-table");
        table.setPrefHeight(220);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(Controls.textColumn("Action", SafetyAction::description, 240));
        table.getColumns().add(Controls.textColumn("Owner", SafetyAction::ownerCollar, 70));
        table.getColumns().add(Controls.textColumn("Due", a -> a.due() == null ? "" : Controls.UK_DATE.format(a.due()), 100));
        table.getColumns().add(Controls.textColumn("State", SafetyPlanViewModel::stateText, 100));
        table.getColumns().add(Controls.textColumn("Note", SafetyAction::note, 160));
        table.getColumns().add(Controls.textColumn("Last change", a -> (a.updatedBy() == null ? "" : a.updatedBy())
                + (a.updatedAt() == null ? "" : " · " + WHEN.format(a.updatedAt().atZone(ZoneId.systemDefault()))), 150));
        table.getColumns().stream().skip(1).forEach(c -> c.setMinWidth(c.getPrefWidth()));
        Controls.columnsGrowWithText(table);
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(SafetyAction a, boolean empty) {
                super.updateItem(a, empty);
                getStyleClass().removeAll("overdue", "closed");
                if (!empty && a != null) {
                    if (a.overdue() && a.state() == ActionState.OPEN) {
                        getStyleClass().add("overdue");
                    } else if (a.state() != ActionState.OPEN) {
                        getStyleClass().add("closed");
                    }
                }
            }
        });
        Label none = new Label("No safety-plan actions yet. Add one below.");
        none.setWrapText(true);
        table.setPlaceholder(none);
        table.setAccessibleText("Safety-plan actions");
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> vm.selectedProperty().set(b));
        vm.selectedProperty().addListener((o, a, b) -> {
            if (b != null && table.getSelectionModel().getSelectedItem() != b) {
                table.getSelectionModel().select(b);
            }
        });

        TextField note = Controls.countedField(org.dashdesk.ui.review.ReviewView.TEXT_LIMIT);
        note.setId("action-note");
        note.setPromptText("What was done, or why it is cancelled");
        note.textProperty().bindBidirectional(vm.noteProperty());
        Button done = new Button("Mark done");
        done.setId("mark-done");
        done.setOnAction(e -> vm.markDone());
        ReviewView.enterFires(done);
        Button cancel = new Button("Cancel action");
        cancel.setId("cancel-action");
        cancel.setOnAction(e -> vm.cancel());
        ReviewView.enterFires(cancel);
        done.disableProperty().bind(vm.busyProperty().or(vm.selectedProperty().isNull()));
        cancel.disableProperty().bind(done.disableProperty());
        // Label, field and buttons one under the other: side by side, a large text left the note no room.
        javafx.scene.layout.FlowPane closeButtons = new javafx.scene.layout.FlowPane(8, 6, done, cancel);
        javafx.scene.layout.VBox closeRow = new javafx.scene.layout.VBox(6, Controls.labelFor("Note for the selected action", note), note,
                closeButtons);
        done.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        cancel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);

        TextField description = Controls.countedField(org.dashdesk.ui.review.ReviewView.TEXT_LIMIT);
        description.setId("action-description");
        description.textProperty().bindBidirectional(vm.descriptionProperty());
        TextField owner = new TextField();
        owner.setId("action-owner");
        owner.setPrefColumnCount(8);
        owner.textProperty().bindBidirectional(vm.ownerProperty());
        DatePicker due = Controls.datePicker(vm.dueProperty());
        due.setId("action-due");
        Button add = new Button("Add action");
        add.setId("add-action");
        add.getStyleClass().add("primary");
        add.disableProperty().bind(vm.busyProperty());
        add.setOnAction(e -> vm.add());
        ReviewView.enterFires(add);
        GridPane addForm = Controls.form();
        addForm.addRow(0, Controls.labelFor("What is to be done", description), description);
        addForm.addRow(1, Controls.labelFor("Owner (collar number)", owner), owner);
        addForm.addRow(2, Controls.labelFor("Due by", due), due);
        addForm.add(add, 1, 3);

        box.getChildren().addAll(message, error, Controls.heading("Safety-plan actions"), table, closeRow, Controls.fieldError(vm.updateErrorProperty()),
                new Separator(), Controls.heading("Add an action"), addForm, Controls.fieldError(vm.addErrorProperty()));

        if (vm.maracApplies()) {
            Label current = new Label();
            current.setId("marac-current");
            current.textProperty().bind(Bindings.createStringBinding(() -> "Now: "
                    + (vm.maracProperty().get() == null ? "not known" : SafetyPlanViewModel.label(vm.maracProperty().get())),
                    vm.maracProperty()));
            ComboBox<MaracState> state = new ComboBox<>(javafx.collections.FXCollections.observableArrayList(MaracState.values()));
            state.setId("marac-state");
            state.valueProperty().bindBidirectional(vm.maracChoiceProperty());
            state.setConverter(new javafx.util.StringConverter<>() {
                @Override
                public String toString(MaracState s) {
                    return SafetyPlanViewModel.label(s);
                }

                @Override
                public MaracState fromString(String s) {
                    return null;
                }
            });
            TextField maracNote = Controls.countedField(org.dashdesk.ui.review.ReviewView.TEXT_LIMIT);
            maracNote.setId("marac-note");
            maracNote.textProperty().bindBidirectional(vm.maracNoteProperty());
            Button save = new Button("Save MARAC state");
            save.setId("save-marac");
            save.disableProperty().bind(vm.busyProperty());
            save.setOnAction(e -> vm.saveMarac());
            ReviewView.enterFires(save);
            GridPane marac = Controls.form();
            marac.addRow(0, new Label("MARAC referral"), current);
            marac.addRow(1, Controls.labelFor("Change to", state), state);
            marac.addRow(2, Controls.labelFor("Note", maracNote), maracNote);
            marac.add(save, 1, 3);
            box.getChildren().addAll(new Separator(), Controls.heading("MARAC referral (high risk)"), marac, Controls.fieldError(vm.maracErrorProperty()));
        }
        setContent(box);
    }



}
