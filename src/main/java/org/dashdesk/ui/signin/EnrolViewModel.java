package org.dashdesk.ui.signin;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import org.dashdesk.security.Role;
import org.dashdesk.security.Session;
import org.dashdesk.security.SessionManager;
import org.dashdesk.security.UserAccount;
import org.dashdesk.ui.common.BackgroundTask;
import org.dashdesk.ui.common.OnlineSignIn;
import org.dashdesk.ui.common.TaskExecutor;
import org.dashdesk.ui.common.UserProfile;

/**
 * "Set up this laptop": enrols the first user (name, username, collar number, roles, team and a
 * password typed twice) and signs them in. An older store's key file is migrated by
 * {@link SessionManager#enrolFirstUser}, so nothing already saved is lost; that store's one-time
 * profile gives the defaults.
 *
 * <p>With a central server set up, the username and password are checked there first and the
 * account (name, collar number, roles, team) is taken from the server, the source of truth for
 * roles (decision 0101); the details on the form are then not needed. A server that cannot be
 * reached falls back to the form, so a laptop sets up offline too; a server that answers and
 * refuses the password stops the setup.
 *
 * <p>The same form adds another person to a laptop already set up ({@link #anotherPerson}): the
 * signed-in user seals the database key under the password the new person types, so a pooled
 * laptop serves a whole shift. Details come from the server as above (the new person's own
 * server session is ended at once: they are not being signed in); offline, the roles on offer are
 * those the signed-in user may grant.
 */
public final class EnrolViewModel extends PasswordForm {

    private final SessionManager sessions;
    private final TaskExecutor executor;
    private final BiConsumer<Session, OnlineSignIn.Outcome> onEnrolled;
    private final OnlineSignIn online;
    /** True while the details are expected from the server (a server is set up and was not found unreachable). */
    private final BooleanProperty fromServer = new SimpleBooleanProperty();
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty username = new SimpleStringProperty("");
    private final StringProperty collar = new SimpleStringProperty("");
    private final StringProperty team = new SimpleStringProperty("");
    private final Map<Role, BooleanProperty> roles = new EnumMap<>(Role.class);
    private final StringProperty confirm = new SimpleStringProperty("");
    private final StringBinding problem;
    private final boolean migrating;
    private final int minLength;
    private final boolean anotherPerson;
    private Consumer<UserAccount> onAdded = a -> { };
    private Consumer<String> endServerSession = t -> { };
    private Runnable onCancel = () -> { };

    /** Offline only: every detail comes from the form. */
    public EnrolViewModel(SessionManager sessions, Optional<UserProfile> earlier, boolean migrating, TaskExecutor executor,
                          java.util.function.Consumer<Session> onEnrolled) {
        this(sessions, earlier, migrating, executor, OnlineSignIn.OFFLINE, false, (s, o) -> onEnrolled.accept(s));
    }

    /**
     * @param serverSetUp a central server is configured: try it first for the account
     */
    public EnrolViewModel(SessionManager sessions, Optional<UserProfile> earlier, boolean migrating, TaskExecutor executor,
                          OnlineSignIn online, boolean serverSetUp, BiConsumer<Session, OnlineSignIn.Outcome> onEnrolled) {
        this(sessions, earlier, migrating, executor, online, serverSetUp, onEnrolled, false);
    }

    /**
     * "Add a person to this laptop", for the signed-in user.
     *
     * @param endServerSession revokes a token the server issued while checking the new person's password
     * @param onAdded          called on the FX thread with the account now enrolled
     * @param onCancel         leaves the form without adding anyone
     */
    private org.dashdesk.assessment.CollarNumbers collarNumbers = org.dashdesk.assessment.CollarNumbers.DEFAULT;

    /** The force's collar-number format (IT setting {@code collar.pattern}); the default takes 1 to 10 letters and digits. */
    public EnrolViewModel useCollarNumbers(org.dashdesk.assessment.CollarNumbers collars) {
        this.collarNumbers = java.util.Objects.requireNonNull(collars);
        return this;
    }

    public static EnrolViewModel anotherPerson(SessionManager sessions, TaskExecutor executor, OnlineSignIn online, boolean serverSetUp,
                                               Consumer<String> endServerSession, Consumer<UserAccount> onAdded, Runnable onCancel) {
        EnrolViewModel vm = new EnrolViewModel(sessions, Optional.empty(), false, executor, online, serverSetUp, (s, o) -> { }, true);
        vm.endServerSession = endServerSession;
        vm.onAdded = onAdded;
        vm.onCancel = onCancel;
        return vm;
    }

    private EnrolViewModel(SessionManager sessions, Optional<UserProfile> earlier, boolean migrating, TaskExecutor executor,
                           OnlineSignIn online, boolean serverSetUp, BiConsumer<Session, OnlineSignIn.Outcome> onEnrolled,
                           boolean anotherPerson) {
        this.anotherPerson = anotherPerson;
        this.sessions = sessions;
        this.online = online;
        this.fromServer.set(serverSetUp);
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
        Observable[] deps = new Observable[5 + roles.size() + 2];
        deps[0] = name;
        deps[1] = username;
        deps[2] = collar;
        deps[3] = password;
        deps[4] = confirm;
        int i = 5;
        for (BooleanProperty b : roles.values()) {
            deps[i++] = b;
        }
        deps[i++] = team;
        deps[i] = fromServer;
        problem = Bindings.createStringBinding(this::findProblem, deps);
    }

    private String findProblem() {
        if (!fromServer.get() && name.get().isBlank()) {
            return anotherPerson ? "Enter their name." : "Enter your name.";
        }
        try {
            UserAccount.normaliseUsername(username.get());
        } catch (IllegalArgumentException e) {
            return "Username: 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit.";
        }
        if (fromServer.get()) {
            return passwordProblem();
        }
        if (collarNumbers.check(collar.get()) != null) {
            return "Collar number: " + collarNumbers.check(collar.get());
        }
        if (chosenRoles().isEmpty()) {
            return "Choose at least one role.";
        }
        for (Role r : chosenRoles()) {
            if (!mayGrant(r)) {
                return "Only an administrator, or someone who holds it, can give the role " + org.dashdesk.ui.common.CurrentUser.words(r) + ".";
            }
        }
        return passwordProblem();
    }

    private String passwordProblem() {
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

    /** The result: a signed-in session (first user), or only the account added (another person). */
    private record Enrolled(Session session, OnlineSignIn.Outcome online, UserAccount account) {
    }

    /** Set up failed before anything was written: the reason, and whether the form must now hold the details. */
    private static final class NotSetUp extends RuntimeException {
        final boolean serverUnreachable;

        NotSetUp(String message, boolean serverUnreachable) {
            super(message);
            this.serverUnreachable = serverUnreachable;
        }
    }

    public void enrol() {
        if (busy.get() || problem.get() != null) {
            message.set(problem.get());
            return;
        }
        boolean askServer = fromServer.get();
        UserAccount typedAccount = askServer ? null : new UserAccount(username.get(), name.get(), collar.get(), chosenRoles(), team.get());
        String user = username.get().strip();
        char[] typed = password.get().toCharArray();
        password.set("");
        confirm.set("");
        busy.set(true);
        message.set(askServer ? "Checking " + (anotherPerson ? "their" : "your") + " username and password with the central server…"
                : anotherPerson ? "Adding…"
                : migrating ? "Setting up, and moving the existing data's key into your account…" : "Setting up…");
        executor.execute(BackgroundTask.of(() -> {
            try {
                if (anotherPerson) {
                    return addAnotherPerson(askServer, typedAccount, user, typed);
                }
                if (!askServer) {
                    return new Enrolled(sessions.enrolFirstUser(typedAccount, typed), OnlineSignIn.Outcome.offline(), typedAccount);
                }
                OnlineSignIn.Outcome outcome = OnlineSignIn.Outcome.of(online, user, typed);
                if (outcome.refusal() != null) {
                    throw new NotSetUp(outcome.refusal() + ".", false);
                }
                OnlineSignIn.Grant grant = outcome.grant().orElseThrow(() -> new NotSetUp(
                        "The central server cannot be reached, so your details cannot come from it. Fill in your name, collar"
                                + " number and roles to set up this laptop offline, or try again when connected.", true));
                if (grant.account() == null) {
                    throw new NotSetUp("The central server did not send your account details; fill them in to set up offline.", true);
                }
                return new Enrolled(sessions.enrolFirstUser(grant.account(), typed), outcome, grant.account());
            } finally {
                Arrays.fill(typed, '\0');
            }
        }).onSuccess(e -> {
            busy.set(false);
            message.set(null);
            if (anotherPerson) {
                onAdded.accept(e.account());
            } else {
                onEnrolled.accept(e.session(), e.online());
            }
        }).onFailure(e -> {
            busy.set(false);
            if (e instanceof NotSetUp n && n.serverUnreachable) {
                fromServer.set(false);
            }
            String prefix = anotherPerson ? "Not added: " : "Not set up: ";
            message.set(prefix + (e instanceof NotSetUp || e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()));
        }));
    }

    private Enrolled addAnotherPerson(boolean askServer, UserAccount typedAccount, String user, char[] typed) {
        if (!askServer) {
            sessions.enrol(typedAccount, typed);
            return new Enrolled(null, OnlineSignIn.Outcome.offline(), typedAccount);
        }
        OnlineSignIn.Outcome outcome = OnlineSignIn.Outcome.of(online, user, typed);
        if (outcome.refusal() != null) {
            throw new NotSetUp(outcome.refusal() + ".", false);
        }
        OnlineSignIn.Grant grant = outcome.grant().orElseThrow(() -> new NotSetUp(
                "The central server cannot be reached, so their details cannot come from it. Fill in their name, collar number"
                        + " and roles to add them offline, or try again when connected.", true));
        try {
            if (grant.account() == null) {
                throw new NotSetUp("The central server did not send their account details; fill them in to add them offline.", true);
            }
            sessions.enrolFromServer(grant.account(), typed);
            return new Enrolled(null, outcome, grant.account());
        } finally {
            // They are being added, not signed in: the session the check opened is not needed.
            endServerSession.accept(grant.token());
        }
    }

    /** Whether the signed-in user may give {@code role} to someone they add (first user: any). */
    public boolean mayGrant(Role role) {
        if (!anotherPerson) {
            return true;
        }
        return sessions.current().map(s -> s.hasRole(Role.ADMINISTRATOR) || s.hasRole(role)).orElse(false);
    }

    /** True for "add a person to this laptop", false for the first user setting it up. */
    public boolean anotherPerson() {
        return anotherPerson;
    }

    /** Leaves "add a person" without adding anyone. */
    public void cancel() {
        password.set("");
        confirm.set("");
        onCancel.run();
    }

    /** True while the name, collar number, roles and team are to come from the central server. */
    public BooleanProperty fromServerProperty() {
        return fromServer;
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


    public StringProperty confirmProperty() {
        return confirm;
    }

    /** What is still needed, or null when the form is complete. */
    public StringBinding problemProperty() {
        return problem;
    }


}
