package org.dashdesk.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

import org.dashdesk.assessment.AssessmentContent;
import org.dashdesk.assessment.AssessmentJson;
import org.dashdesk.assessment.AssessmentState;
import org.dashdesk.grading.RiskLevel;

/**
 * A laptop that forgets what it no longer needs (issue 14). A case's personal content — names,
 * answers, comments, free text, people's details — is removed from this laptop once all of these
 * hold: every revision of it has a receipt from the central server (verified against the pinned
 * key before it was stored), the case has left the officer's hands (signed off, or referred and
 * so received by CRU), and {@code retention.days} have passed since. Ids, level, hashes, receipts
 * and the audit chain stay, so the list still shows "INC-… High, held centrally". Drafts and
 * anything unsent are never touched. The bytes leave the file when the store is next compacted,
 * which it is every time it closes (sign-out, lock, quit).
 */
public final class RetentionSweep {

    /** A case whose personal content leaves this laptop on {@code purgeOn}. */
    public record Due(UUID assessmentId, String incidentReference, RiskLevel level, AssessmentState state, Instant purgeOn) {
    }

    private static final Logger LOG = Logger.getLogger(RetentionSweep.class.getName());

    private final Database database;
    private final Clock clock;

    /**
     * Puts a case (parameters 1 and 2: its id) among those retention may purge when it is finished
     * and the server holds its head revision: run when a receipt is stored and when a case is
     * signed off or referred, whichever comes last (issue 17).
     */
    static final String MARK_IF_DUE = "MERGE INTO retention_due (assessment_id) KEY (assessment_id) SELECT a.id FROM assessment a"
            + " JOIN outbox o ON o.revision_id = a.head_revision_id WHERE a.id = ? AND a.state IN ('SIGNED_OFF', 'REFERRED')"
            + " AND o.state = 'synced' AND a.purged_at IS NULL AND NOT EXISTS (SELECT 1 FROM outbox u WHERE u.assessment_id = ?"
            + " AND u.state <> 'synced')";

    /** After a case moved: among the candidates exactly when {@link #MARK_IF_DUE} says so. */
    static void markIfDue(Connection c, UUID id) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM retention_due WHERE assessment_id = ?")) {
            p.setObject(1, id);
            p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement(MARK_IF_DUE)) {
            p.setObject(1, id);
            p.setObject(2, id);
            p.executeUpdate();
        }
    }

    public RetentionSweep(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** When a held, finished case's content goes: the later of its receipt and its last move, plus the days. */
    static Optional<Instant> purgeOn(AssessmentState state, Instant lastMove, String outboxState, Long serverSeq, Instant receivedAt,
            int days) {
        if (!(state == AssessmentState.SIGNED_OFF || state == AssessmentState.REFERRED) || !"synced".equals(outboxState)
                || serverSeq == null || receivedAt == null) {
            return Optional.empty();
        }
        Instant left = lastMove == null || receivedAt.isAfter(lastMove) ? receivedAt : lastMove;
        return Optional.of(left.plus(Duration.ofDays(Math.max(0, days))));
    }

    /** Every case not yet purged that will be, soonest first (what the desk shows). */
    public List<Due> schedule(int days) {
        return candidates(days, null, Integer.MAX_VALUE);
    }

    /**
     * The candidates whose ids fill the {@code IN} list, each case and its head revision's outbox
     * row found by their keys, without a revision still unsynced.
     */
    static String candidatesSql(int ids) {
        // Only the key narrows the assessment in SQL: with the state or time there too, H2's planner
        // chose the state index even for a handful of ids. The rest is checked on what is read.
        return "SELECT a.id, a.incident_ref, a.head_level, a.state, a.updated_at, o.state, o.server_seq, o.received_at, a.purged_at"
                + " FROM assessment a JOIN outbox o ON o.revision_id = a.head_revision_id"
                + " WHERE a.id IN (" + String.join(", ", java.util.Collections.nCopies(ids, "?")) + ")"
                + " AND NOT EXISTS (SELECT 1 FROM outbox u WHERE u.assessment_id = a.id AND u.state <> 'synced')";
    }

    /**
     * Cases not yet purged that will be, soonest first; with {@code dueBy}, only those due by then
     * (the first {@code atMost} by receipt). Read from {@code retention_due}, the cases with a
     * receipt and their content still here, a chunk of ids at a time: this costs what may be
     * purged, not every signed-off or referred case the laptop holds (issue 17; joined in SQL,
     * H2's planner went through the state index and read all of those). The list columns give the
     * reference: no content is read here.
     */
    private List<Due> candidates(int days, Instant dueBy, int atMost) {
        return database.inTransaction(c -> {
            List<UUID> ids = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT assessment_id FROM retention_due"); ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    ids.add(r.getObject(1, UUID.class));
                }
            }
            record Row(Due due, Instant receivedAt) {
            }
            List<Row> rows = new ArrayList<>();
            Instant last = dueBy == null ? null : dueBy.minus(Duration.ofDays(Math.max(0, days)));
            for (int from = 0; from < ids.size(); from += 500) {
                List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
                try (PreparedStatement p = c.prepareStatement(candidatesSql(chunk.size()))) {
                    int i = 1;
                    for (UUID id : chunk) {
                        p.setObject(i++, id);
                    }
                    try (ResultSet r = p.executeQuery()) {
                        while (r.next()) {
                            AssessmentState state = AssessmentState.valueOf(r.getString(4));
                            Instant updated = instant(r, 5);
                            Instant received = instant(r, 8);
                            if (instant(r, 9) != null || (last != null && (received == null || received.isAfter(last) || updated.isAfter(last)))) {
                                continue;
                            }
                            Optional<Instant> on = purgeOn(state, updated, r.getString(6), r.getObject(7, Long.class), received, days);
                            if (on.isPresent()) {
                                rows.add(new Row(new Due(r.getObject(1, UUID.class), r.getString(2),
                                        r.getString(3) == null ? null : RiskLevel.valueOf(r.getString(3)), state, on.get()), received));
                            }
                        }
                    }
                }
            }
            rows.sort(java.util.Comparator.comparing(Row::receivedAt).thenComparing(row -> row.due().assessmentId()));
            List<Due> out = new ArrayList<>();
            for (Row row : rows.subList(0, Math.min(rows.size(), atMost))) {
                out.add(row.due());
            }
            out.sort(java.util.Comparator.comparing(Due::purgeOn));
            return out;
        });
    }

    /**
     * Purges every case that is due, each with its audit row, in one transaction.
     *
     * @return how many were purged
     */
    public int purgeDue(int days, String actor) {
        return purgeDue(days, actor, Integer.MAX_VALUE);
    }

    /**
     * Purges at most {@code atMost} of the cases that are due (a backlog is worked through a piece
     * at a time, so the store is not held for minutes by it, issue 17). What is due is read once
     * for up to {@link #READ_AHEAD} cases and then taken from that list piece by piece: reading it
     * is the costly part on a large store (every signed-off or referred row), purging ten is not.
     * Each case is checked again as it is purged, so one that moved on since is kept.
     *
     * @return how many were purged; {@link #moreDue()} says whether to call again
     */
    public int purgeDue(int days, String actor, int atMost) {
        Instant now = clock.instant();
        if (atMost == Integer.MAX_VALUE) {
            readAhead.clear();
        } else if (readAhead.isEmpty()) {
            readAheadFull = false;
            List<Due> due = candidates(days, now, READ_AHEAD);
            readAhead.addAll(due);
            readAheadFull = due.size() == READ_AHEAD;
        }
        List<Due> piece = new ArrayList<>();
        if (atMost == Integer.MAX_VALUE) {
            piece.addAll(candidates(days, now, atMost));
        } else {
            while (piece.size() < atMost && !readAhead.isEmpty()) {
                piece.add(readAhead.removeFirst());
            }
        }
        // One transaction (one forced write) for the piece: purging is redone after a crash, and a
        // commit per case made a backlog cost a disk flush per case while the user waited behind it.
        int purged = database.inTransaction(c -> {
            int n = 0;
            for (Due due : piece) {
                if (due.purgeOn().isAfter(now)) {
                    continue;
                }
                if (purge(due, days, actor, now)) {
                    n++;
                }
            }
            return n;
        });
        if (purged > 0) {
            LOG.info("retention: personal content of " + purged + " held case(s) removed from this laptop");
        }
        return purged;
    }

    /** After a limited {@link #purgeDue(int, String, int)}: true while the backlog read so far is not finished. */
    public boolean moreDue() {
        return !readAhead.isEmpty() || readAheadFull;
    }

    /** Due cases read at once for the pieces that follow. */
    static final int READ_AHEAD = 1000;
    private final java.util.ArrayDeque<Due> readAhead = new java.util.ArrayDeque<>();
    private boolean readAheadFull;

    private boolean purge(Due due, int days, String actor, Instant now) {
        return database.inTransaction(c -> {
            AssessmentContent content;
            // Still finished, still unchanged since it became due: a case reopened or moved since the
            // list of due cases was read is kept.
            try (PreparedStatement p = c.prepareStatement("SELECT content FROM assessment WHERE id = ? AND purged_at IS NULL"
                    + " AND state IN ('SIGNED_OFF', 'REFERRED') AND updated_at <= ? FOR UPDATE")) {
                p.setObject(1, due.assessmentId());
                p.setObject(2, now.minus(Duration.ofDays(Math.max(0, days))).atOffset(ZoneOffset.UTC));
                try (ResultSet r = p.executeQuery()) {
                    if (!r.next()) {
                        return false;
                    }
                    content = AssessmentJson.read(r.getString(1), AssessmentContent.class);
                }
            }
            // Checked again inside the transaction: a revision queued since the schedule was read keeps the case.
            try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM outbox WHERE assessment_id = ? AND state <> 'synced'")) {
                p.setObject(1, due.assessmentId());
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    if (r.getInt(1) > 0) {
                        return false;
                    }
                }
            }
            OffsetDateTime at = now.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
            AssessmentContent kept = content.withoutPersonalContent();
            update(c, "UPDATE assessment SET content = ?, resume_question_id = NULL, purged_at = ? WHERE id = ?",
                    AssessmentJson.canonical(kept), at, due.assessmentId());
            // The search words go with the names they were made from; the incident reference stays findable.
            ListColumns.write(c, due.assessmentId(), kept);
            database.listIndex().touched(due.assessmentId());
            update(c, "DELETE FROM answer WHERE assessment_id = ?", due.assessmentId());
            update(c, "UPDATE revision SET canonical_json = NULL WHERE assessment_id = ?", due.assessmentId());
            update(c, "DELETE FROM return_notes WHERE assessment_id = ?", due.assessmentId());
            update(c, "DELETE FROM history_flags WHERE assessment_id = ?", due.assessmentId());
            update(c, "DELETE FROM retention_due WHERE assessment_id = ?", due.assessmentId());
            AuditChain.append(c, due.assessmentId(), at, actor, "personal content removed from this laptop: held centrally and "
                    + (due.state() == AssessmentState.SIGNED_OFF ? "signed off" : "referred") + ", kept " + days + (days == 1 ? " day" : " days"));
            return true;
        });
    }

    private static void update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                p.setObject(i + 1, args[i]);
            }
            p.executeUpdate();
        }
    }

    private static Instant instant(ResultSet r, int column) throws SQLException {
        OffsetDateTime t = r.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
