package org.dashdesk.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.dashdesk.assessment.AssessmentJson;
import org.dashdesk.outbox.Outbox;
import org.dashdesk.outbox.OutboxRecord;
import org.dashdesk.outbox.OutboxState;
import org.dashdesk.protocol.Change;
import org.dashdesk.review.ReturnNotesRepository;
import org.dashdesk.protocol.Receipt;

/**
 * The outbox table (written by the store in the same transaction as each submitted revision).
 * Delivery state changes are committed at once; receipts are also forced to disk before they
 * count, because a synced row is never sent again. A request in flight is not written down (that
 * would cost a commit per record): a crash mid-request leaves the row waiting, and the resend is
 * answered with the original receipt. {@code attempts} counts the failed attempts.
 */
public final class OutboxStore implements Outbox {

    private static final String COLUMNS = "revision_id, assessment_id, device_seq, priority, state, attempts, next_attempt_at,"
            + " last_error, server_seq, received_at, queued_at";
    private static final int MAX_ERROR = 2000;

    private final Database database;
    private final LocalReturnNotes returnNotes;
    private final LocalHistoryFlags historyFlags;

    public OutboxStore(Database database) {
        this.database = database;
        this.returnNotes = new LocalReturnNotes(database);
        this.historyFlags = new LocalHistoryFlags(database);
    }

    @Override
    public boolean storeReturnNotes(Change change) {
        return returnNotes.store(change);
    }

    @Override
    public ReturnNotesRepository returnNotes() {
        return returnNotes;
    }

    @Override
    public boolean storeHistoryFlag(Change change) {
        return historyFlags.store(change);
    }

    @Override
    public org.dashdesk.review.HistoryFlagRepository historyFlags() {
        return historyFlags;
    }

    @Override
    public UUID deviceId() {
        return database.deviceId();
    }

    /** Every row not yet synced (including quarantined ones), in device order. */
    @Override
    public List<OutboxRecord> unsynced() {
        return database.inTransaction(c -> query(c, "SELECT " + COLUMNS + " FROM outbox WHERE state <> 'synced' ORDER BY device_seq"));
    }

    @Override
    public List<OutboxRecord> unsyncedLatest(int limit) {
        return database.inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM outbox WHERE state <> 'synced'"
                    + " ORDER BY device_seq DESC LIMIT ?")) {
                p.setInt(1, limit);
                List<OutboxRecord> rows = read(p);
                java.util.Collections.reverse(rows);
                return rows;
            }
        });
    }

    @Override
    public org.dashdesk.outbox.UnsentAssessments unsentAssessments() {
        return database.inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT COUNT(DISTINCT assessment_id),"
                    + " COUNT(DISTINCT CASE WHEN state = 'quarantined' THEN assessment_id END) FROM outbox WHERE state <> 'synced'");
                    ResultSet r = p.executeQuery()) {
                r.next();
                return new org.dashdesk.outbox.UnsentAssessments(r.getInt(1), r.getInt(2));
            }
        });
    }

    @Override
    public Optional<OutboxRecord> find(UUID revisionId) {
        return database.inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM outbox WHERE revision_id = ?")) {
                p.setObject(1, revisionId);
                List<OutboxRecord> rows = read(p);
                return rows.isEmpty() ? Optional.<OutboxRecord>empty() : Optional.of(rows.get(0));
            }
        });
    }

    @Override
    public Map<OutboxState, Integer> counts() {
        return database.inTransaction(c -> {
            Map<OutboxState, Integer> counts = new EnumMap<>(OutboxState.class);
            for (OutboxState s : OutboxState.values()) {
                counts.put(s, 0);
            }
            try (PreparedStatement p = c.prepareStatement("SELECT state, COUNT(*) FROM outbox GROUP BY state");
                    ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    counts.put(OutboxState.fromDb(r.getString(1)), r.getInt(2));
                }
            }
            return counts;
        });
    }

    /** Back to waiting after a failure, not before {@code nextAttemptAt}. */
    @Override
    public void markRetry(UUID revisionId, String error, Instant nextAttemptAt) {
        database.inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE outbox SET state = 'waiting', attempts = attempts + 1, last_error = ?,"
                    + " next_attempt_at = ? WHERE revision_id = ? AND state <> 'synced'")) {
                p.setString(1, clip(error));
                p.setObject(2, offset(nextAttemptAt));
                p.setObject(3, revisionId);
                return p.executeUpdate();
            }
        });
    }

    /** Notes why a waiting row was not sent this time, without counting an attempt. */
    @Override
    public void noteHeldBack(UUID revisionId, String why) {
        database.inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE outbox SET last_error = ? WHERE revision_id = ?"
                    + " AND state IN ('waiting', 'waiting_for_sign_in') AND (last_error IS NULL OR last_error <> ?)")) {
                p.setString(1, clip(why));
                p.setObject(2, revisionId);
                p.setString(3, clip(why));
                return p.executeUpdate();
            }
        });
    }

    /** The server refused the revision itself; it is not retried until someone deals with it. */
    @Override
    public void markQuarantined(UUID revisionId, String reason) {
        setState(revisionId, "quarantined", reason);
    }

    @Override
    public void markWaitingForSignIn(UUID revisionId, String reason) {
        setState(revisionId, "waiting_for_sign_in", reason);
    }

    /** Puts every row held for sign-in back in the queue (after the user signed in again). */
    @Override
    public int releaseSignInHolds() {
        return database.inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "UPDATE outbox SET state = 'waiting', next_attempt_at = NULL WHERE state = 'waiting_for_sign_in'")) {
                return p.executeUpdate();
            }
        });
    }

    /**
     * Puts records the server refused for the signed-in user (403) back in the queue: after a
     * sign-in it may be someone the server lets send them — their own officer, or IMU staff. Other
     * refusals (422, 409) stay quarantined: who signs in does not change them.
     */
    @Override
    public int releaseForbiddenHolds() {
        return database.inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE outbox SET state = 'waiting', next_attempt_at = NULL"
                    + " WHERE state = 'quarantined' AND last_error LIKE ?")) {
                p.setString(1, FORBIDDEN_PREFIX + "%");
                return p.executeUpdate();
            }
        });
    }


    /** Makes every waiting row due now (the endpoint is reachable again, or the user asked). */
    @Override
    public int clearBackoff() {
        return database.inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "UPDATE outbox SET next_attempt_at = NULL WHERE state = 'waiting' AND next_attempt_at IS NOT NULL")) {
                return p.executeUpdate();
            }
        });
    }

    /**
     * Stores receipts and forces them to disk; only when this returns do the rows count as synced.
     * A receipt that does not match its row's assessment is ignored (the row stays unsynced).
     */
    @Override
    public int recordReceipts(List<Receipt> receipts) {
        if (receipts.isEmpty()) {
            return 0;
        }
        int stored = database.inTransaction(c -> {
            int n = 0;
            java.util.Set<java.util.UUID> due = new java.util.LinkedHashSet<>();
            try (PreparedStatement p = c.prepareStatement("UPDATE outbox SET state = 'synced', receipt_json = ?, server_seq = ?,"
                    + " received_at = ?, last_error = NULL, next_attempt_at = NULL WHERE revision_id = ? AND assessment_id = ?")) {
                for (Receipt r : receipts) {
                    p.setString(1, AssessmentJson.canonical(r));
                    p.setLong(2, r.serverSeq());
                    p.setObject(3, offset(r.receivedAt()));
                    p.setObject(4, r.revisionId());
                    p.setObject(5, r.assessmentId());
                    if (p.executeUpdate() > 0) {
                        n++;
                        due.add(r.assessmentId());
                    }
                }
            }
            // A finished case whose head revision the server now holds is one retention may purge
            // (issue 17: what is due is read from these).
            try (PreparedStatement p = c.prepareStatement(RetentionSweep.MARK_IF_DUE)) {
                for (java.util.UUID id : due) {
                    p.setObject(1, id);
                    p.setObject(2, id);
                    p.addBatch();
                }
                if (!due.isEmpty()) {
                    p.executeBatch();
                }
            }
            return n;
        });
        database.checkpointSync();
        return stored;
    }

    private void setState(UUID revisionId, String state, String reason) {
        database.inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE outbox SET state = ?, attempts = attempts + 1, last_error = ?,"
                    + " next_attempt_at = NULL WHERE revision_id = ? AND state <> 'synced'")) {
                p.setString(1, state);
                p.setString(2, clip(reason));
                p.setObject(3, revisionId);
                return p.executeUpdate();
            }
        });
    }

    private static List<OutboxRecord> query(Connection c, String sql) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            return read(p);
        }
    }

    private static List<OutboxRecord> read(PreparedStatement p) throws SQLException {
        List<OutboxRecord> out = new ArrayList<>();
        try (ResultSet r = p.executeQuery()) {
            while (r.next()) {
                long serverSeq = r.getLong(9);
                boolean noReceipt = r.wasNull();
                out.add(new OutboxRecord(r.getObject(1, UUID.class), r.getObject(2, UUID.class), r.getLong(3), r.getInt(4),
                        OutboxState.fromDb(r.getString(5)), r.getInt(6), instant(r, 7), r.getString(8),
                        noReceipt ? null : serverSeq, instant(r, 10), instant(r, 11)));
            }
        }
        return out;
    }

    private static String clip(String s) {
        return s == null || s.length() <= MAX_ERROR ? s : s.substring(0, MAX_ERROR - 1) + "…";
    }

    private static OffsetDateTime offset(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet r, int column) throws SQLException {
        OffsetDateTime t = r.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
