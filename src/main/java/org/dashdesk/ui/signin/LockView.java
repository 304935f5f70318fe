package org.dashdesk.ui.signin;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The lock screen: like the privacy curtain it shows nothing of the work underneath, and only
 * the signed-in user's password continues. Signing out from here is the way to hand over.
 */
public final class LockView extends VBox {

    public LockView(UnlockViewModel vm, Runnable onSignOut) {
        setId("lock");
        getStyleClass().add("curtain");
        setSpacing(14);
        getStyleClass().add("lock-panel");
        setAlignment(Pos.CENTER);
        Label title = new Label("DASH Desk is locked");
        title.getStyleClass().add("curtain-title");
        Label who = new Label("Signed in as " + vm.username() + ". Enter your password to continue where you were.");
        who.setWrapText(true);
        PasswordField password = new PasswordField();
        password.setId("unlock-password");
        password.setAccessibleText("Password");
        password.getStyleClass().add("lock-password");
        password.textProperty().bindBidirectional(vm.passwordProperty());
        Button unlock = new Button("Unlock");
        unlock.setId("unlock");
        unlock.setDefaultButton(true);
        unlock.disableProperty().bind(vm.busyProperty());
        unlock.setOnAction(e -> vm.unlock());
        Button signOut = new Button("Sign out");
        signOut.setId("lock-sign-out");
        signOut.setOnAction(e -> onSignOut.run());
        Label message = new Label();
        message.setId("unlock-message");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        message.accessibleTextProperty().bind(vm.messageProperty());
        HBox buttons = new HBox(10, unlock, signOut);
        buttons.setAlignment(Pos.CENTER);
        getChildren().addAll(title, who, password, buttons, message);
    }
}
