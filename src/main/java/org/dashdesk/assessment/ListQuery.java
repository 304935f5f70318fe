package org.dashdesk.assessment;

import java.time.LocalDate;

import org.dashdesk.grading.RiskLevel;

/**
 * What one of the home lists shows: drafts or submitted, narrowed by the search box and the
 * filters, one page at a time (issue 17). Every filter is optional (null = any).
 *
 * @param drafts  the drafts list (true) or the submitted list (false)
 * @param text    words that must each appear in the incident reference or a victim's or abuser's
 *                name, matched as typed (case, accents and punctuation ignored); blank = any
 * @param from    last changed on or after this day (the laptop's time zone)
 * @param to      last changed on or before this day
 * @param level   the head revision's final level
 * @param state   where the case stands
 * @param sync    where its head revision stands with the central server
 * @param channel taken at the scene or phoned in
 * @param offset  rows to skip, newest first
 * @param limit   rows to return at most
 */
public record ListQuery(boolean drafts, String text, LocalDate from, LocalDate to, RiskLevel level, AssessmentState state,
                        SyncFilter sync, Channel channel, int offset, int limit) {

    /** Rows a page holds at most: a screenful at any size, and a bound on what one read can cost. */
    public static final int MAX_LIMIT = 500;

    /** Where a case's latest revision stands with the central server, as the list filters it. */
    public enum SyncFilter {
        /** Queued and not yet held by the server (waiting, sending, or waiting for a sign-in). */
        NOT_YET_SENT("Not yet sent"),
        /** The server holds it and its receipt is stored here. */
        HELD_CENTRALLY("Held centrally"),
        /** The server refused it; someone must look. */
        REFUSED("Refused by the server");

        private final String label;

        SyncFilter(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public ListQuery {
        text = text == null ? "" : text.strip();
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT);
        }
        if (from != null && to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("the date range ends before it starts");
        }
    }

    /** Everything in one list, first page. */
    public static ListQuery all(boolean drafts, int limit) {
        return new ListQuery(drafts, "", null, null, null, null, null, null, 0, limit);
    }

    public ListQuery page(int newOffset, int newLimit) {
        return new ListQuery(drafts, text, from, to, level, state, sync, channel, newOffset, newLimit);
    }

    public ListQuery forList(boolean draftsList) {
        return new ListQuery(draftsList, text, from, to, level, state, sync, channel, offset, limit);
    }

    /** True when nothing narrows the list. */
    public boolean unfiltered() {
        return text.isEmpty() && from == null && to == null && level == null && state == null && sync == null && channel == null;
    }
}
