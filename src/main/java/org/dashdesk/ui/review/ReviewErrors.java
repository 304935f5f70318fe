package org.dashdesk.ui.review;

import org.dashdesk.review.ReviewException;

/**
 * Turns a failed gateway call into words a supervisor can act on: what happened and what to do.
 * The server's own reason is kept (it is written for users); the advice depends on the status.
 */
public final class ReviewErrors {

    private ReviewErrors() {
    }

    /** {@code attempt} is what was being done, e.g. "The approval". */
    public static String describe(String attempt, Exception e) {
        if (e instanceof ReviewException r) {
            String reason = sentence(r.getMessage());
            return switch (r.status()) {
                case 0 -> attempt + " did not reach the central server: " + reason
                        + " Check the network (or VPN) connection and try again; nothing was changed.";
                case 401 -> attempt + " was not accepted: " + reason + " Re-enter your password and try again.";
                case 403 -> attempt + " was refused: " + reason
                        + " Your account's role does not allow this. If it should, ask an administrator to check your role.";
                case 409 -> attempt + " was refused: " + reason
                        + " Go back to the queue and refresh it to see where the assessment stands now.";
                default -> attempt + " failed at the central server (status " + r.status() + "): " + reason
                        + " Try again; if it keeps happening, tell IT support.";
            };
        }
        return attempt + " failed (" + e.getClass().getSimpleName() + "). Try again; if it keeps happening, tell IT support.";
    }

    private static String sentence(String s) {
        if (s == null || s.isBlank()) {
            return "no reason was given.";
        }
        String t = s.strip();
        return t.endsWith(".") || t.endsWith("!") || t.endsWith("?") ? t : t + ".";
    }
}
