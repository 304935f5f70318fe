package org.dashdesk.ui.signin;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import org.dashdesk.security.SignInException;

/** Refusals in words. Never says whether the username or the password was wrong. */
public final class SignInMessages {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

    private SignInMessages() {
    }

    public static String describe(SignInException e, ZoneId zone, Instant now) {
        return switch (e.reason()) {
            case WRONG_CREDENTIALS -> "Unknown username or wrong password. Check both and try again.";
            case LOCKED_OUT -> e.lockedUntil().map(until -> "Too many wrong passwords: this account is locked until "
                    + when(until, zone, now) + ". Try again then, or ask a supervisor.")
                    .orElse("Too many wrong passwords: this account is locked for now. Try again later, or ask a supervisor.");
            case DAMAGED_ENTRY -> e.getMessage();
        };
    }

    /** "14:32" today, else "25/11/2026 09:10", in the laptop's time zone. */
    static String when(Instant at, ZoneId zone, Instant now) {
        ZonedDateTime t = at.atZone(zone);
        LocalDate today = now.atZone(zone).toLocalDate();
        return t.toLocalDate().equals(today) ? TIME.format(t) : DAY_TIME.format(t);
    }
}
