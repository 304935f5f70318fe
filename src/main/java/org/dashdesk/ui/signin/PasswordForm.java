package org.dashdesk.ui.signin;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * What every password screen (sign in, unlock, enrol) has: the typed password, one message line
 * and a busy flag while the slow key derivation runs in the background.
 */
abstract class PasswordForm {

    protected final StringProperty password = new SimpleStringProperty("");
    protected final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper();
    protected final BooleanProperty busy = new SimpleBooleanProperty();

    public StringProperty passwordProperty() {
        return password;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    /**
     * The typed password as characters, the field cleared and the form busy; or null, with the
     * message asking for it, when nothing was typed. The caller wipes the array after use.
     */
    protected char[] takePassword() {
        if (password.get() == null || password.get().isEmpty()) {
            message.set("Enter your password.");
            return null;
        }
        char[] typed = password.get().toCharArray();
        password.set("");
        busy.set(true);
        return typed;
    }
}
