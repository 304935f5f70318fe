package org.dashdesk.ui.setup;

import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import org.dashdesk.config.ConfigKey;
import org.dashdesk.ui.common.Controls;

/** The first-run setup form. Locked fields are disabled and say that IT set them. */
public final class SetupView extends VBox {

    public SetupView(SetupViewModel model, Runnable onDone) {
        setId("first-run-setup");
        setSpacing(12);
        setPadding(new Insets(24));
        Label title = new Label("Set up DASH Desk");
        title.getStyleClass().add("page-title");
        Label intro = new Label("Where is your force's central server, and where should this computer keep its data?");
        intro.setWrapText(true);

        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(10);
        row(grid, 0, model, ConfigKey.CENTRAL_ENDPOINT, "Central server address", "setup-endpoint",
                "https://dash.example.police.uk:8443");
        row(grid, 1, model, ConfigKey.CENTRAL_CERTIFICATE, "Server certificate file", "setup-certificate",
                "Full path of the .pem or .cer file from IT (empty: the system's trusted authorities)");
        row(grid, 2, model, ConfigKey.PACK_DIRECTORY, "Force question packs folder", "setup-packs", "Optional: full path");
        row(grid, 3, model, ConfigKey.DATA_DIRECTORY, "Data folder", "setup-data", "Full path");

        Button check = new Button("Check connection");
        check.setId("setup-check");
        ProgressIndicator progress = new ProgressIndicator();
        progress.setId("setup-progress");
        progress.setPrefSize(18, 18);
        progress.visibleProperty().bind(model.checkStateProperty().isEqualTo(SetupViewModel.CheckState.CHECKING));
        progress.managedProperty().bind(progress.visibleProperty());
        check.disableProperty().bind(progress.visibleProperty());
        check.setOnAction(e -> model.checkEndpoint());
        Label checkResult = new Label();
        checkResult.setId("setup-check-result");
        checkResult.setWrapText(true);
        checkResult.textProperty().bind(model.checkMessageProperty());
        // Screen readers announce the result when it changes.
        checkResult.accessibleTextProperty().bind(model.checkMessageProperty());
        HBox checkRow = new HBox(8, check, progress, checkResult);
        HBox.setHgrow(checkResult, Priority.ALWAYS);

        Label problems = new Label(model.fileProblems().isEmpty() ? "" : "Problems in the settings files (ignored):\n" + model.fileProblems());
        problems.setId("setup-file-problems");
        problems.setWrapText(true);
        problems.setVisible(!model.fileProblems().isEmpty());
        problems.setManaged(problems.isVisible());

        Button save = new Button("Save and continue");
        save.setId("setup-save");
        save.setDefaultButton(true);
        Label saveResult = new Label();
        saveResult.setId("setup-save-result");
        saveResult.setWrapText(true);
        saveResult.textProperty().bind(model.saveMessageProperty());
        save.setOnAction(e -> {
            if (model.save()) {
                onDone.run();
            }
        });
        getChildren().addAll(title, intro, problems, grid, checkRow, new HBox(8, save, saveResult));
    }

    private static void row(GridPane grid, int row, SetupViewModel model, ConfigKey key, String label, String id, String prompt) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.setPrefColumnCount(40);
        field.textProperty().bindBidirectional(model.field(key));
        Label name = Controls.labelFor(label, field);
        if (model.isLocked(key)) {
            field.setDisable(true);
            Label note = new Label("Set by your IT department");
            note.setId(id + "-locked");
            grid.addRow(row, name, field, note);
        } else {
            grid.addRow(row, name, field);
        }
    }
}
