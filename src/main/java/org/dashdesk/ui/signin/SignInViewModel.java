package org.dashdesk.ui.signin;

import java.time.Clock;
import java.util.Arrays;
import java.util.function.BiConsumer;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import org.dashdesk.security.Session;
import org.dashdesk.security.SessionManager;
import org.dashdesk.security.SignInException;
import org.dashdesk.ui.common.BackgroundTask;
import org.dashdesk.ui.common.OnlineSignIn;
import org.dashdesk.ui.common.TaskExecutor;

/**
 * Username and password against the laptop's keyring (offline), then the server's sign-in
 * through {@link OnlineSignIn} for a sync token. The slow key derivation runs in the background.
 */
public final class SignInViewModel extends PasswordForm {

    private final SessionManager sessions;
    private final OnlineSignIn online;
    private final TaskExecutor executor;
    private final Clock clock;
    private final BiConsumer<Session, OnlineSignIn.Outcome> onSignedIn;
    private final StringProperty username = new SimpleStringProperty("");

    public SignInViewModel(SessionManager sessions, OnlineSignIn online, TaskExecutor executor, Clock clock, String notice,
                           BiConsumer<Session, OnlineSignIn.Outcome> onSignedIn) {
        this.sessions = sessions;
        this.online = online;
        this.executor = executor;
        this.clock = clock;
        this.onSignedIn = onSignedIn;
        message.set(notice);
    }

    private record Outcome(Session session, OnlineSignIn.Outcome online) {
    }

    public void signIn() {
        if (busy.get()) {
            return;
        }
        String user = username.get() == null ? "" : username.get().strip();
        if (user.isEmpty()) {
            message.set("Enter your username.");
            return;
        }
        char[] typed = takePassword();
        if (typed == null) {
            return;
        }
        message.set(busyWords.get());
        executor.execute(BackgroundTask.of(() -> {
            try {
                Session s = sessions.signIn(user, typed);
                // The laptop's keyring decided; the server's answer only brings a sync token and its
                // copy of the account. Refused or unreachable, the person works offline.
                return new Outcome(s, OnlineSignIn.Outcome.of(online, s.username(), typed));
            } finally {
                Arrays.fill(typed, '\0');
            }
        }).onSuccess(o -> {
            busy.set(false);
            message.set(null);
            onSignedIn.accept(o.session(), o.online());
        }).onFailure(e -> {
            busy.set(false);
            if (e instanceof SignInException refused) {
                message.set(SignInMessages.describe(refused, clock.getZone(), clock.instant()));
            } else {
                message.set("Sign-in failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            }
        }));
    }

    private java.util.function.Supplier<String> busyWords = () -> "Signing in…";

    /**
     * What the form says while it works, when there is more to say than "Signing in…" (the last
     * sign-out's data still closing ahead of this sign-in, issue 17).
     */
    public void whileBusySay(java.util.function.Supplier<String> words) {
        this.busyWords = java.util.Objects.requireNonNull(words);
    }

    public StringProperty usernameProperty() {
        return username;
    }



}
