package org.dashdesk.ui.signin;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

import org.dashdesk.security.Role;
import org.dashdesk.ui.common.Controls;
import org.dashdesk.ui.common.CurrentUser;

/**
 * "Set up this laptop" for its first user, and "Add a person to this laptop" for the signed-in
 * user. Roles are tick boxes: Tab and Space, no drop-down.
 */
public final class EnrolView extends VBox {

    public EnrolView(EnrolViewModel vm) {
        setId("enrol");
        setSpacing(12);
        // Width and padding in em (base.css), so the panel grows with the text instead of cutting it.
        getStyleClass().add("enrol-panel");
        setAlignment(Pos.TOP_CENTER);
        boolean another = vm.anotherPerson();
        Label title = new Label(another ? "Add a person to this laptop" : "Set up this laptop");
        title.getStyleClass().add("page-title");
        title.setWrapText(true);
        title.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        Label help = new Label(another
                ? "The person being added types their own password here, twice; they then sign in with it. Nobody else needs"
                        + " to know it. Like everyone who signs in here, they will see the assessments saved on this laptop."
                : "You are the first person to use DASH Desk on this laptop. Your password protects the data on it: "
                + "nobody can open it without signing in." + (vm.migrating()
                ? " The assessments already saved here are kept: their key moves into your account." : ""));
        help.setWrapText(true);
        help.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        GridPane grid = Controls.form();
        TextField name = text("enrol-name", vm.nameProperty());
        TextField username = text("enrol-username", vm.usernameProperty());
        TextField collar = text("enrol-collar", vm.collarProperty());
        FlowPane roles = new FlowPane(14, 6);
        roles.setId("enrol-roles");
        CheckBox first = null;
        for (Role r : Role.values()) {
            CheckBox box = new CheckBox(CurrentUser.words(r));
            box.setId("enrol-role-" + r.name().toLowerCase(java.util.Locale.ROOT));
            box.selectedProperty().bindBidirectional(vm.roleProperty(r));
            if (!vm.mayGrant(r)) {
                // Offline, only roles the signed-in user holds can be given (an administrator gives any).
                box.setDisable(true);
                box.setAccessibleHelp("Only an administrator, or someone who holds this role, can give it");
            }
            roles.getChildren().add(box);
            first = first == null ? box : first;
        }
        TextField team = text("enrol-team", vm.teamProperty());
        PasswordField password = new PasswordField();
        password.setId("enrol-password");
        password.textProperty().bindBidirectional(vm.passwordProperty());
        PasswordField confirm = new PasswordField();
        confirm.setId("enrol-confirm");
        confirm.textProperty().bindBidirectional(vm.confirmProperty());
        // With a central server, the details are the server's: shown greyed until it proves unreachable.
        for (javafx.scene.Node details : new javafx.scene.Node[] {name, collar, roles, team}) {
            details.disableProperty().bind(vm.fromServerProperty());
        }
        Label fromServer = new Label(another
                ? "Their name, collar number, roles and team come from the central server: enter their username, and let them"
                        + " type their password for it."
                : "Your name, collar number, roles and team come from the central server when you set up:"
                + " enter your username and password for it.");
        fromServer.setId("enrol-from-server");
        fromServer.setWrapText(true);
        fromServer.getStyleClass().add("field-hint");
        fromServer.visibleProperty().bind(vm.fromServerProperty());
        fromServer.managedProperty().bind(vm.fromServerProperty());
        int row = 0;
        grid.addRow(row++, Controls.labelFor(another ? "Name" : "Your name", name), name);
        grid.addRow(row++, Controls.labelFor("Username", username), username);
        grid.addRow(row++, Controls.labelFor("Collar number", collar), collar);
        Label rolesLabel = new Label("Role(s)");
        rolesLabel.getStyleClass().add("field-label");
        rolesLabel.setLabelFor(first);
        grid.addRow(row++, rolesLabel, roles);
        grid.addRow(row++, Controls.labelFor("Team", team), team);
        grid.addRow(row++, Controls.labelFor("Password (at least " + vm.minPasswordLength() + " characters)", password), password);
        grid.addRow(row, Controls.labelFor("Password again", confirm), confirm);
        Label problem = new Label();
        problem.setId("enrol-problem");
        problem.getStyleClass().add("field-hint");
        problem.textProperty().bind(vm.problemProperty());
        Label message = new Label();
        message.setId("enrol-message");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        message.accessibleTextProperty().bind(vm.messageProperty());
        Button save = new Button(another ? "Add to this laptop" : "Set up and sign in");
        save.setId("enrol-save");
        save.getStyleClass().add("primary");
        save.setDefaultButton(true);
        save.disableProperty().bind(vm.problemProperty().isNotNull().or(vm.busyProperty()));
        save.setOnAction(e -> vm.enrol());
        if (another) {
            Button cancel = new Button("Cancel");
            cancel.setId("enrol-cancel");
            cancel.setCancelButton(true);
            cancel.setOnAction(e -> vm.cancel());
            getChildren().addAll(title, help, fromServer, grid, problem, new javafx.scene.layout.HBox(8, save, cancel), message);
        } else {
            getChildren().addAll(title, help, fromServer, grid, problem, save, message);
        }
    }

    private static TextField text(String id, javafx.beans.property.StringProperty value) {
        TextField f = new TextField();
        f.setId(id);
        f.textProperty().bindBidirectional(value);
        return f;
    }
}
