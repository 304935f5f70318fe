package org.dashdesk.ui.signin;

import java.time.Clock;
import java.util.Arrays;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;


import org.dashdesk.security.SessionManager;
import org.dashdesk.security.SignInException;
import org.dashdesk.ui.common.BackgroundTask;
import org.dashdesk.ui.common.OnlineSignIn;
import org.dashdesk.ui.common.TaskExecutor;

/**
 * The lock screen: the signed-in user's password continues the session. Wrong passwords count
 * toward the lockout; locking out ends the session, and {@code onEnded} gets the reason.
 *
 * <p>When the shell asks for it ({@link #renewingOnline}), the same password also renews the
 * server session after the laptop has unlocked — the screen does not wait for the network — so a
 * token that expired while the laptop sat locked does not leave records waiting until sign-out.
 */
public final class UnlockViewModel extends PasswordForm {

    private final SessionManager sessions;
    private final TaskExecutor executor;
    private final Clock clock;
    private final Runnable onUnlocked;
    private final Consumer<String> onEnded;
    private final String username;
    private OnlineSignIn online;
    private BooleanSupplier renewWanted = () -> false;
    private Consumer<OnlineSignIn.Outcome> onRenewed = o -> { };

    public UnlockViewModel(SessionManager sessions, String username, TaskExecutor executor, Clock clock, Runnable onUnlocked,
                           Consumer<String> onEnded) {
        this.sessions = sessions;
        this.username = username;
        this.executor = executor;
        this.clock = clock;
        this.onUnlocked = onUnlocked;
        this.onEnded = onEnded;
    }

    /**
     * After each successful unlock for which {@code wanted} says so, signs in at the server with the
     * same password in the background and hands the outcome to {@code onRenewed} (FX thread).
     */
    public UnlockViewModel renewingOnline(OnlineSignIn online, BooleanSupplier wanted, Consumer<OnlineSignIn.Outcome> onRenewed) {
        this.online = online;
        this.renewWanted = wanted;
        this.onRenewed = onRenewed;
        return this;
    }

    public void unlock() {
        if (busy.get()) {
            return;
        }
        char[] typed = takePassword();
        if (typed == null) {
            return;
        }
        boolean renew = online != null && renewWanted.getAsBoolean();
        executor.execute(BackgroundTask.of(() -> {
            try {
                return sessions.unlock(typed);
            } finally {
                if (!renew) {
                    Arrays.fill(typed, '\0');
                }
            }
        }).onSuccess(s -> {
            busy.set(false);
            message.set(null);
            onUnlocked.run();
            if (renew) {
                renew(typed);
            }
        }).onFailure(e -> {
            Arrays.fill(typed, '\0');
            busy.set(false);
            if (e instanceof SignInException refused && refused.reason() == SignInException.Reason.WRONG_CREDENTIALS) {
                message.set("Wrong password. Too many wrong passwords lock the account.");
            } else if (e instanceof SignInException refused) {
                onEnded.accept(SignInMessages.describe(refused, clock.getZone(), clock.instant()));
            } else {
                message.set("Unlocking failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            }
        }));
    }

    private void renew(char[] typed) {
        executor.execute(BackgroundTask.of(() -> {
            try {
                return OnlineSignIn.Outcome.of(online, username, typed);
            } finally {
                Arrays.fill(typed, '\0');
            }
        }).onSuccess(onRenewed::accept));
    }

    /** Whose session is locked: shown as the username only. */
    public String username() {
        return username;
    }



}
