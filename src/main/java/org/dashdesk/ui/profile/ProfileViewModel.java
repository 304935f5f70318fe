package org.dashdesk.ui.profile;

import java.util.function.Consumer;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import org.dashdesk.ui.common.UserProfile;

/** The profile form: all three fields are required; the collar number is letters and digits. */
public final class ProfileViewModel {

    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty collar = new SimpleStringProperty("");
    private final ObjectProperty<UserProfile.Role> role = new SimpleObjectProperty<>();
    private final StringBinding problem;
    private final Consumer<UserProfile> onSave;

    public ProfileViewModel(UserProfile current, Consumer<UserProfile> onSave) {
        this.onSave = onSave;
        if (current != null) {
            name.set(current.name());
            collar.set(current.collarNumber());
            role.set(current.role());
        }
        problem = Bindings.createStringBinding(() -> {
            if (name.get().isBlank()) {
                return "Enter your name.";
            }
            if (!collar.get().strip().matches("[A-Za-z0-9]{1,12}")) {
                return "Enter your collar number (letters and digits only).";
            }
            if (role.get() == null) {
                return "Choose your role.";
            }
            return null;
        }, name, collar, role);
    }

    public boolean save() {
        if (problem.get() != null) {
            return false;
        }
        onSave.accept(new UserProfile(name.get().strip(), collar.get().strip(), role.get()));
        return true;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty collarProperty() {
        return collar;
    }

    public ObjectProperty<UserProfile.Role> roleProperty() {
        return role;
    }

    /** What is still needed, or null when the profile can be saved. */
    public StringBinding problemProperty() {
        return problem;
    }
}
