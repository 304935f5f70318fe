package org.dashdesk.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.dashdesk.evidence.AuditRow;
import org.dashdesk.evidence.ChainVerifier;

/**
 * The laptop's audit trail as a hash chain (issue 14, decision 0170): the only code that writes
 * the {@code audit} table. Every row is written in the transaction of the change it records,
 * linked to the log's previous row and its assessment's previous row; {@code audit_head} records
 * the end. The store has one connection behind one lock, so appends never race.
 */
final class AuditChain {

    private AuditChain() {
    }

    /** Appends one row, chained. */
    static void append(Connection c, UUID assessmentId, OffsetDateTime at, String actor, String what) throws SQLException {
        long lastSeq;
        String lastHash;
        long count;
        try (PreparedStatement q = c.prepareStatement("SELECT last_seq, last_hash, row_count FROM audit_head WHERE id = 1");
                ResultSet rs = q.executeQuery()) {
            if (rs.next()) {
                lastSeq = rs.getLong(1);
                lastHash = rs.getString(2);
                count = rs.getLong(3);
            } else {
                lastSeq = 0;
                lastHash = "";
                count = 0;
            }
        }
        String assessmentPrev;
        // Ordered by the whole index, descending: H2 then reads the index backwards and stops at the
        // first row ("index sorted"); by seq alone it read every row of the assessment (decision 0170).
        try (PreparedStatement q = c.prepareStatement("SELECT row_hash FROM audit WHERE assessment_id = ? ORDER BY assessment_id DESC, seq DESC LIMIT 1")) {
            q.setObject(1, assessmentId);
            try (ResultSet rs = q.executeQuery()) {
                assessmentPrev = rs.next() ? rs.getString(1) : "";
            }
        }
        AuditRow row = AuditRow.link(lastSeq + 1, assessmentId, at.toInstant(), actor, "", what, assessmentPrev, lastHash);
        try (PreparedStatement p = c.prepareStatement("INSERT INTO audit (seq, assessment_id, at, actor, what, assessment_prev, log_prev,"
                + " row_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setLong(1, row.seq());
            p.setObject(2, assessmentId);
            p.setObject(3, OffsetDateTime.ofInstant(row.at(), ZoneOffset.UTC));
            p.setString(4, row.actor());
            p.setString(5, row.what());
            p.setString(6, row.assessmentPrev());
            p.setString(7, row.logPrev());
            p.setString(8, row.rowHash());
            p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement("MERGE INTO audit_head (id, last_seq, last_hash, row_count) KEY (id) VALUES (1, ?, ?, ?)")) {
            p.setLong(1, row.seq());
            p.setString(2, row.rowHash());
            p.setLong(3, count + 1);
            p.executeUpdate();
        }
    }

    /** Walks the whole trail against the head record. */
    static ChainVerifier.Result verify(Connection c) throws SQLException {
        List<ChainVerifier.Anchor> anchors = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT last_seq, last_hash FROM audit_head WHERE id = 1")) {
            if (rs.next() && rs.getLong(1) > 0) {
                anchors.add(new ChainVerifier.Anchor(rs.getLong(1), rs.getString(2), "the store's audit head record"));
            }
        }
        ChainVerifier verifier = new ChainVerifier(anchors);
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT seq, assessment_id, at, actor, what, assessment_prev, log_prev, row_hash FROM audit ORDER BY seq")) {
            while (rs.next()) {
                verifier.accept(new AuditRow(rs.getLong(1), rs.getObject(2, UUID.class), rs.getObject(3, OffsetDateTime.class).toInstant(),
                        rs.getString(4), "", rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)));
            }
        }
        return verifier.finish();
    }

    /** Migration V4: chains the rows written before the chain, in their order, and starts the head record. */
    static void chainExisting(Connection c) throws SQLException {
        List<AuditRow> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT seq, assessment_id, at, actor, what FROM audit ORDER BY seq")) {
            while (rs.next()) {
                rows.add(new AuditRow(rs.getLong(1), rs.getObject(2, UUID.class), rs.getObject(3, OffsetDateTime.class).toInstant(),
                        rs.getString(4), "", rs.getString(5), null, null, null));
            }
        }
        List<AuditRow> linked = AuditRow.chainInOrder(rows);
        try (PreparedStatement up = c.prepareStatement("UPDATE audit SET at = ?, assessment_prev = ?, log_prev = ?, row_hash = ? WHERE seq = ?")) {
            for (AuditRow r : linked) {
                up.setObject(1, OffsetDateTime.ofInstant(r.at(), ZoneOffset.UTC));
                up.setString(2, r.assessmentPrev());
                up.setString(3, r.logPrev());
                up.setString(4, r.rowHash());
                up.setLong(5, r.seq());
                up.addBatch();
            }
            up.executeBatch();
        }
        long lastSeq = linked.isEmpty() ? 0 : linked.get(linked.size() - 1).seq();
        String last = linked.isEmpty() ? "" : linked.get(linked.size() - 1).rowHash();
        try (PreparedStatement p = c.prepareStatement("MERGE INTO audit_head (id, last_seq, last_hash, row_count) KEY (id) VALUES (1, ?, ?, ?)")) {
            p.setLong(1, lastSeq);
            p.setString(2, last);
            p.setLong(3, rows.size());
            p.executeUpdate();
        }
    }

    /** For tests of the figures: when the clock has sub-millisecond digits, the chain keeps milliseconds. */
    static Instant chained(Instant at) {
        return AuditRow.chainTime(at);
    }
}
