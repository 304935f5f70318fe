package org.dashdesk.ui.signin;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import org.dashdesk.security.Role;
import org.dashdesk.security.Session;
import org.dashdesk.security.SessionManager;
import org.dashdesk.security.UserAccount;
import org.dashdesk.ui.common.BackgroundTask;
import org.dashdesk.ui.common.TaskExecutor;
import org.dashdesk.ui.common.UserProfile;

/**
 * "Set up this laptop": enrols the first user (name, username, collar number, roles, team and a
 * password typed twice) and signs them in. An older store's key file is migrated by
 * {@link SessionManager#enrolFirstUser}, so nothing already saved is lost; that store's one-time
 * profile gives the defaults.
 */
public final class EnrolViewModel {

    private final SessionManager sessions;
    private final TaskExecutor executor;
    private final Consumer<Session> onEnrolled;
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty username = new SimpleStringProperty("");
    private final StringProperty collar = new SimpleStringProperty("");
    private final StringProperty team = new SimpleStringProperty("");
    private final Map<Role, BooleanProperty> roles = new EnumMap<>(Role.class);
    private final StringProperty password = new SimpleStringProperty("");
    private final StringProperty confirm = new SimpleStringProperty("");
    private final StringBinding problem;
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final boolean migrating;
    private final int minLength;

    public EnrolViewModel(SessionManager sessions, Optional<UserProfile> earlier, boolean migrating, TaskExecutor executor,
                          Consumer<Session> onEnrolled) {
        this.sessions = sessions;
        this.executor = executor;
        this.onEnrolled = onEnrolled;
        this.migrating = migrating;
        this.minLength = sessions.policy().minPasswordLength();
        for (Role r : Role.values()) {
            roles.put(r, new SimpleBooleanProperty());
        }
        earlier.ifPresent(p -> {
            name.set(p.name());
            collar.set(p.collarNumber());
            roles.get(switch (p.role()) {
                case RESPONSE_OFFICER -> Role.OFFICER;
                case IMU_STAFF -> Role.IMU;
                case SUPERVISOR -> Role.SUPERVISOR;
                case CRU -> Role.CRU;
            }).set(true);
        });
        Observable[] deps = new Observable[5 + roles.size() + 1];
        deps[0] = name;
        deps[1] = username;
        deps[2] = collar;
        deps[3] = password;
        deps[4] = confirm;
        int i = 5;
        for (BooleanProperty b : roles.values()) {
            deps[i++] = b;
        }
        deps[i] = team;
        problem = Bindings.createStringBinding(this::findProblem, deps);
    }

    private String findProblem() {
        if (name.get().isBlank()) {
            return "Enter your name.";
        }
        try {
            UserAccount.normaliseUsername(username.get());
        } catch (IllegalArgumentException e) {
            return "Username: 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit.";
        }
        if (!collar.get().strip().matches("[A-Za-z0-9]{0,12}")) {
            return "Collar number: letters and digits only.";
        }
        if (chosenRoles().isEmpty()) {
            return "Choose at least one role.";
        }
        if (password.get().length() < minLength) {
            return "Password: at least " + minLength + " characters.";
        }
        if (!password.get().equals(confirm.get())) {
            return "The two passwords are not the same.";
        }
        return null;
    }

    private Set<Role> chosenRoles() {
        Set<Role> chosen = EnumSet.noneOf(Role.class);
        roles.forEach((r, b) -> {
            if (b.get()) {
                chosen.add(r);
            }
        });
        return chosen;
    }

    public void enrol() {
        if (busy.get() || problem.get() != null) {
            message.set(problem.get());
            return;
        }
        UserAccount account = new UserAccount(username.get(), name.get(), collar.get(), chosenRoles(), team.get());
        char[] typed = password.get().toCharArray();
        password.set("");
        confirm.set("");
        busy.set(true);
        message.set(migrating ? "Setting up, and moving the existing data's key into your account…" : "Setting up…");
        executor.execute(BackgroundTask.of(() -> {
            try {
                return sessions.enrolFirstUser(account, typed);
            } finally {
                Arrays.fill(typed, '\0');
            }
        }).onSuccess(s -> {
            busy.set(false);
            message.set(null);
            onEnrolled.accept(s);
        }).onFailure(e -> {
            busy.set(false);
            message.set("Not set up: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }));
    }

    public boolean migrating() {
        return migrating;
    }

    public int minPasswordLength() {
        return minLength;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty usernameProperty() {
        return username;
    }

    public StringProperty collarProperty() {
        return collar;
    }

    public StringProperty teamProperty() {
        return team;
    }

    public BooleanProperty roleProperty(Role role) {
        return roles.get(role);
    }

    public StringProperty passwordProperty() {
        return password;
    }

    public StringProperty confirmProperty() {
        return confirm;
    }

    /** What is still needed, or null when the form is complete. */
    public StringBinding problemProperty() {
        return problem;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public BooleanProperty busyProperty() {
        return busy;
    }
}
