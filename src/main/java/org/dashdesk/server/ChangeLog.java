package org.dashdesk.server;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.dashdesk.assessment.AssessmentJson;
import org.dashdesk.review.QuestionComment;

/**
 * Appends to the change feed in commit order (decision 0123). A plain sequence numbers changes
 * when they are inserted, but transactions commit in any order: a puller that read change 8 (and
 * moved its cursor to 8) never sees change 7 committed a moment later. Here every writer takes
 * the next number by updating the single {@code srv_change_clock} row, which it then holds locked
 * until it commits; the next writer waits on that row, so numbers become visible strictly in
 * order, with no gaps, on one node or many, on H2 and PostgreSQL alike. Decisions are rare (a
 * supervisor's clicks), so the queue costs nothing measurable; the clock is taken after the
 * assessment's row lock (one lock order everywhere) and late in the transaction, so it is held
 * only for the decision's last few statements and the commit.
 */
final class ChangeLog {

    private ChangeLog() {
    }

    /** The next change number, locking the clock until this transaction ends. */
    static long nextSeq(Connection c) throws SQLException {
        try (PreparedStatement up = c.prepareStatement("UPDATE srv_change_clock SET last_seq = last_seq + 1 WHERE id = 1")) {
            if (up.executeUpdate() != 1) {
                throw new SQLException("the change clock row is missing", "55000");
            }
        }
        try (PreparedStatement q = c.prepareStatement("SELECT last_seq FROM srv_change_clock WHERE id = 1");
                ResultSet rs = q.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Appends one change; returns its number. Call it late in the transaction: the clock stays locked until commit. */
    static long append(Connection c, UUID assessmentId, String ownerCollar, String event, String state, String actor, String note,
            Instant at, UUID revisionId, List<QuestionComment> comments) throws SQLException {
        long seq = nextSeq(c);
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO srv_change (seq, assessment_id, owner_collar, event, state, actor,"
                + " note, at, revision_id, comments_json, team) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                // The assessment's team as of this change (decision 0127): a supervisor's pull is then one
                // index range of (team, seq); the assessment row is already written in this transaction.
                + " (SELECT a.team FROM srv_assessment a WHERE a.assessment_id = ?))")) {
            ins.setLong(1, seq);
            ins.setObject(2, assessmentId);
            ins.setString(3, ownerCollar);
            ins.setString(4, event);
            ins.setString(5, state);
            ins.setString(6, actor);
            ins.setString(7, note);
            ins.setObject(8, ServerStore.offset(at));
            ins.setObject(9, revisionId);
            ins.setString(10, comments == null ? null : AssessmentJson.canonical(comments));
            ins.setObject(11, assessmentId);
            ins.executeUpdate();
        }
        return seq;
    }
}
