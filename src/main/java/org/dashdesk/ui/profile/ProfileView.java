package org.dashdesk.ui.profile;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

import org.dashdesk.ui.common.Controls;
import org.dashdesk.ui.common.UserProfile;

/** Asks once who is using this laptop. */
public final class ProfileView extends VBox {

    public ProfileView(ProfileViewModel vm, boolean firstLaunch) {
        setId("profile");
        getStyleClass().add("profile");
        setSpacing(12);
        setPadding(new Insets(32));
        setAlignment(Pos.TOP_CENTER);
        setMaxWidth(560);
        Label title = new Label(firstLaunch ? "Welcome to DASH Desk" : "Your details");
        title.getStyleClass().add("page-title");
        Label help = new Label("Who is using this laptop? Your name and collar number are recorded against every "
                + "assessment you complete or record. They stay on this laptop until accounts arrive.");
        help.setWrapText(true);
        TextField name = new TextField();
        name.setId("profile-name");
        name.textProperty().bindBidirectional(vm.nameProperty());
        TextField collar = new TextField();
        collar.setId("profile-collar");
        collar.textProperty().bindBidirectional(vm.collarProperty());
        ComboBox<UserProfile.Role> role = new ComboBox<>();
        role.setId("profile-role");
        role.getItems().setAll(UserProfile.Role.values());
        role.valueProperty().bindBidirectional(vm.roleProperty());
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(10);
        grid.addRow(0, Controls.labelFor("Your name", name), name);
        grid.addRow(1, Controls.labelFor("Collar number", collar), collar);
        grid.addRow(2, Controls.labelFor("Role", role), role);
        Label problem = new Label();
        problem.getStyleClass().add("field-hint");
        problem.textProperty().bind(vm.problemProperty());
        Button save = new Button(firstLaunch ? "Continue" : "Save my details");
        save.setId("profile-save");
        save.setDefaultButton(firstLaunch);
        save.disableProperty().bind(vm.problemProperty().isNotNull());
        save.setOnAction(e -> vm.save());
        getChildren().addAll(title, help, grid, problem, save);
    }
}
