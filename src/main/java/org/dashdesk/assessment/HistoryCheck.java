package org.dashdesk.assessment;

import java.time.Instant;
import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Whether the force's central history was checked for the victim while the assessment was taken
 * (issue 12, decision 0193), and what it gave. Kept on the incident, so a revision says for ever
 * whether its officer saw the history: the server checks again, after submission, only the ones
 * that did not.
 *
 * @param outcome      checked, or why not
 * @param checkedAt    when the answer came (checked only)
 * @param records      earlier assessments found for the victim (checked only)
 * @param callouts     how many of those fall in the 12 months before the incident: the call-outs the history shows
 * @param lastMarac    the latest MARAC referral the history shows
 * @param lowerReason  why the officer recorded fewer call-outs, or an older MARAC referral, than the history shows
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HistoryCheck(Outcome outcome, Instant checkedAt, Integer records, Integer callouts, LocalDate lastMarac,
        String lowerReason) {

    /** Why the history was or was not checked. */
    public enum Outcome {
        /** The central server answered. */
        CHECKED,
        /** No connection to the central server (offline, or not signed in to it). */
        NOT_CHECKED_OFFLINE,
        /** The server was reached but did not answer the search (refused, failed, too many searches). */
        NOT_CHECKED_FAILED,
        /** The search had not answered when the assessment was saved. */
        NOT_CHECKED_PENDING,
        /** Too little was known of the victim to search (no full name with a date of birth, age or postcode, nor a force id). */
        NOT_CHECKED_TOO_LITTLE
    }

    public static HistoryCheck offline() {
        return new HistoryCheck(Outcome.NOT_CHECKED_OFFLINE, null, null, null, null, null);
    }

    public boolean checked() {
        return outcome == Outcome.CHECKED;
    }

    public HistoryCheck withLowerReason(String reason) {
        return new HistoryCheck(outcome, checkedAt, records, callouts, lastMarac, reason);
    }

    /** The officer's figures are below what the history showed: fewer call-outs, or an older (or no) MARAC referral. */
    public boolean below(Integer officerCallouts, LocalDate officerMarac) {
        if (!checked()) {
            return false;
        }
        boolean fewer = callouts != null && callouts > 0 && (officerCallouts == null || officerCallouts < callouts);
        boolean older = lastMarac != null && (officerMarac == null || officerMarac.isBefore(lastMarac));
        return fewer || older;
    }

    /** The problem with an incident whose figures are below the history without a reason; null when there is none. */
    public static String problem(Incident incident) {
        HistoryCheck h = incident.history();
        if (h != null && h.below(incident.policeCalloutsLast12Months(), incident.lastMaracReferral())
                && (h.lowerReason() == null || h.lowerReason().isBlank())) {
            return "the call-outs or last MARAC referral are below what the central history shows; say why";
        }
        return null;
    }

    /** "central history, 3 records" — where a call-out count or MARAC date came from. */
    public String source() {
        return "central history, " + (records == null ? 0 : records) + (records != null && records == 1 ? " record" : " records");
    }
}
