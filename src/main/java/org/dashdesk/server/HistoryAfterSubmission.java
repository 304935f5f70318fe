package org.dashdesk.server;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import org.dashdesk.assessment.HistoryCheck;
import org.dashdesk.assessment.Incident;
import org.dashdesk.assessment.People;
import org.dashdesk.assessment.PersonDetails;
import org.dashdesk.assessment.Revision;
import org.dashdesk.grading.GradingEngine;
import org.dashdesk.grading.GradingException;
import org.dashdesk.grading.GradingInput;
import org.dashdesk.grading.GradingResult;
import org.dashdesk.history.HistoryRequests;

/**
 * The history check the server makes when an assessment taken without one arrives (issue 12,
 * decision 0193): offline at the scene, the search failed, or a desk older than the check. It is
 * the same search the desk makes for the victim, counting only strong matches (force id, name and
 * date of birth, initial and similar surname with the date of birth). When the call-outs or the
 * MARAC referral it finds would meet a criterion the assessment did not apply, it raises a flag,
 * in the upload's transaction: a row CRU and the supervisor see in their queues, a change on the
 * officer's feed ("History found after submission: repeat MARAC criterion met — level would be
 * High"), and audit rows on the assessment and on each one it matched. It never changes the
 * officer's grading: a person acts on the flag.
 */
final class HistoryAfterSubmission {

    static final String EVENT = "HISTORY_FLAG";
    static final String ACTOR = "central history check";
    private static final String ROLE = "server";

    private final Function<GradingResult, Optional<GradingEngine>> engines;

    /** @param engines the engine of the policy a revision was graded under (the validator's) */
    HistoryAfterSubmission(Function<GradingResult, Optional<GradingEngine>> engines) {
        this.engines = engines;
    }

    /** Called in the upload's transaction after {@code r} became the head of its assessment. */
    void check(Connection c, Revision r, String ownerCollar, String state, Instant at) throws SQLException {
        Incident incident = r.content().incident();
        if (incident.history() != null && incident.history().checked()) {
            // The officer saw the history at the scene (and gave a reason for any figure below it).
            return;
        }
        People people = r.content().people();
        PersonDetails d = people.victimDetails();
        HistoryRequests.Person victim = new HistoryRequests.Person(people.victimName(), d == null ? null : d.dateOfBirth(),
                d == null ? null : d.approximateAge(), d == null ? null : d.postcode(), d == null ? null : d.forceId());
        ServerHistory.Checked keys;
        try {
            keys = ServerHistory.check(new HistoryRequests.Search("after submission", "victim", victim), at);
        } catch (Refusal tooLittle) {
            return;
        }
        List<HistoryRequests.Match> found = new ArrayList<>();
        ServerHistory.find(c, keys, found);
        LocalDate day = incident.occurredAt() != null ? incident.occurredAt().toLocalDate()
                : LocalDate.ofInstant(r.createdAt(), ReportFacts.FORCE_ZONE);
        List<HistoryRequests.Match> strong = found.stream().filter(m -> !m.assessmentId().equals(r.assessmentId()))
                .filter(m -> org.dashdesk.history.HistoryRequests.STRONG.contains(m.matchedOn()))
                .filter(m -> m.date() != null && !m.date().isAfter(day)).toList();
        if (strong.isEmpty()) {
            return;
        }
        int callouts = (int) strong.stream().filter(m -> m.date().isAfter(day.minusMonths(12))).count();
        LocalDate marac = strong.stream().filter(HistoryRequests.Match::maracReferral).map(HistoryRequests.Match::maracReferredOn)
                .filter(x -> x != null && !x.isAfter(day)).max(LocalDate::compareTo).orElse(null);
        GradingInput given = r.content().gradingInput();
        Integer officerCallouts = given.policeCalloutsLast12Months();
        LocalDate officerMarac = given.lastMaracReferral();
        GradingInput withHistory = new GradingInput(given.packId(), given.incidentDate(), given.answers(), given.childrenOrDependants(),
                officerCallouts == null || officerCallouts < callouts ? Integer.valueOf(callouts) : officerCallouts,
                marac != null && (officerMarac == null || officerMarac.isBefore(marac)) ? marac : officerMarac, given.judgement());
        Optional<GradingEngine> engine = engines.apply(r.grading());
        if (engine.isEmpty()) {
            return;
        }
        GradingResult again;
        try {
            again = engine.get().grade(withHistory);
        } catch (GradingException e) {
            return;
        }
        List<String> added = again.criteria().stream().filter(x -> !r.grading().criteria().contains(x)).toList();
        if (added.isEmpty() || flagged(c, r)) {
            return;
        }
        String levelWords = again.level().compareTo(r.grading().level()) > 0 ? "level would be " + again.level().label()
                : "level stays " + r.grading().level().label();
        String message = "History found after submission: " + criteriaWords(added) + " met — " + levelWords;
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO srv_history_flag (revision_id, assessment_id, raised_at, criteria,"
                + " level_given, level_would_be, matched, message, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'OPEN')")) {
            ins.setObject(1, r.revisionId());
            ins.setObject(2, r.assessmentId());
            ins.setObject(3, ServerStore.offset(at));
            ins.setString(4, ServerStore.clip(String.join(",", added), 300));
            ins.setString(5, r.grading().level().name());
            ins.setString(6, again.level().name());
            ins.setInt(7, strong.size());
            ins.setString(8, ServerStore.clip(message, 500));
            ins.executeUpdate();
        }
        ServerStore.audit(c, r.assessmentId(), at, ACTOR, ROLE, ServerStore.clip(message + " (revision " + r.revisionNumber() + ", "
                + strong.size() + " earlier assessment" + (strong.size() == 1 ? "" : "s") + " matched; the officer's grading is"
                + " unchanged; flagged to CRU and the supervisor)", 500));
        for (HistoryRequests.Match m : strong) {
            ServerStore.audit(c, m.assessmentId(), at, ACTOR, ROLE, "matched (" + m.matchedOn().replace('_', ' ')
                    + ") by the history check after submission of another assessment");
        }
        ChangeLog.append(c, r.assessmentId(), ownerCollar, EVENT, state, ACTOR, message, at, r.revisionId(), null);
    }

    private static boolean flagged(Connection c, Revision r) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM srv_history_flag WHERE revision_id = ?")) {
            q.setObject(1, r.revisionId());
            try (ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** "repeat MARAC criterion", "escalation criterion (call-outs in 12 months)". */
    static String criteriaWords(List<String> codes) {
        List<String> words = new ArrayList<>();
        for (String code : codes) {
            words.add(switch (code) {
                case org.dashdesk.grading.Criterion.REPEAT_MARAC -> "repeat MARAC criterion";
                case org.dashdesk.grading.Criterion.ESCALATION -> "escalation criterion (police call-outs in 12 months)";
                default -> code.toLowerCase(Locale.ROOT).replace('_', ' ') + " criterion";
            });
        }
        return String.join(" and ", words);
    }
}
