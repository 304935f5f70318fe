package org.dashdesk.ui.signin;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

import org.dashdesk.ui.common.Controls;

/** Username and password. Enter signs in. */
public final class SignInView extends VBox {

    public SignInView(SignInViewModel vm) {
        setId("sign-in");
        setSpacing(12);
        // Width and padding in em (base.css), so the panel grows with the text instead of cutting it.
        getStyleClass().add("sign-in-panel");
        setAlignment(Pos.TOP_CENTER);
        Label title = new Label("Sign in to DASH Desk");
        title.getStyleClass().add("page-title");
        title.setWrapText(true);
        title.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        TextField username = new TextField();
        username.setId("sign-in-username");
        username.textProperty().bindBidirectional(vm.usernameProperty());
        PasswordField password = new PasswordField();
        password.setId("sign-in-password");
        password.textProperty().bindBidirectional(vm.passwordProperty());
        GridPane grid = Controls.form();
        grid.addRow(0, Controls.labelFor("Username", username), username);
        grid.addRow(1, Controls.labelFor("Password", password), password);
        Button signIn = new Button("Sign in");
        signIn.setId("sign-in-button");
        signIn.getStyleClass().add("primary");
        signIn.setDefaultButton(true);
        signIn.disableProperty().bind(vm.busyProperty());
        signIn.setOnAction(e -> vm.signIn());
        Label message = new Label();
        message.setId("sign-in-message");
        message.setWrapText(true);
        message.getStyleClass().add("field-error");
        message.textProperty().bind(vm.messageProperty());
        message.accessibleTextProperty().bind(vm.messageProperty());
        Label newHere = new Label("New to this laptop? Someone who already signs in here can add you: Settings, then"
                + " \u201cAdd a person to this laptop\u201d.");
        newHere.setId("signin-new-here");
        newHere.setWrapText(true);
        newHere.getStyleClass().add("field-hint");
        Label keys = org.dashdesk.ui.common.Controls.hint("Night or light: Ctrl+Shift+N. Larger or smaller text: Ctrl+plus, Ctrl+minus.");
        keys.setId("signin-keys");
        getChildren().addAll(title, grid, signIn, message, newHere, keys);
    }
}
