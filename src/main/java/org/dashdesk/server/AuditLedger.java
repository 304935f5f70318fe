package org.dashdesk.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.dashdesk.evidence.AuditCheckpoint;
import org.dashdesk.evidence.AuditRow;
import org.dashdesk.evidence.ChainVerifier;
import org.dashdesk.json.JsonMappers;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * The central audit log as a hash chain (issue 14, decision 0170). Rows a transaction audits are
 * held until just before it commits, then appended in one go under the lock of the single
 * {@code srv_audit_head} row: each gets the next number, the hash of the log's previous row and
 * of its assessment's previous row, and its own hash. That lock is the last one any transaction
 * takes (after assessment rows and the change clock), so it cannot deadlock, and it is held only
 * for the inserts and the commit; two nodes queue on it like on the change clock. Every
 * {@value #CHECKPOINT_EVERY} rows, and hourly, a checkpoint signed with the receipt key is stored
 * in {@code srv_audit_checkpoint} and written as a file to the evidence folder.
 */
final class AuditLedger {

    static final int CHECKPOINT_EVERY = 1000;
    static final String CHECKPOINT_FOLDER = "audit-checkpoints";
    private static final Logger LOG = Logger.getLogger(AuditLedger.class.getName());

    /** One audited action waiting for its transaction's commit. */
    record Pending(UUID assessmentId, Instant at, String actor, String role, String what) {
    }

    /** Signs and files checkpoints; absent for command-line tools that only manage accounts. */
    record Notary(ReceiptKeys keys, Path folder) {
    }

    private AuditLedger() {
    }

    /**
     * Appends the pending rows, chained; returns a checkpoint to file after the commit when one
     * was made. Call it as the transaction's last statement.
     */
    static Optional<AuditCheckpoint> seal(Connection c, List<Pending> pending, Notary notary, Instant now) throws SQLException {
        if (pending.isEmpty()) {
            return Optional.empty();
        }
        Head head = lockHead(c).orElseThrow(() -> new SQLException("the audit head row is missing", "55000"));
        long lastSeq = head.lastSeq();
        String lastHash = head.lastHash();
        long count = head.count();
        Map<UUID, String> assessmentHeads = new HashMap<>();
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO srv_audit (seq, assessment_id, at, actor, role, what,"
                + " assessment_prev, log_prev, row_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Pending p : pending) {
                String assessmentPrev = assessmentHeads.get(p.assessmentId());
                if (assessmentPrev == null) {
                    assessmentPrev = lastHashOf(c, p.assessmentId());
                }
                AuditRow row = AuditRow.link(++lastSeq, p.assessmentId(), p.at(), p.actor(), p.role(), p.what(), assessmentPrev, lastHash);
                ins.setLong(1, row.seq());
                ins.setObject(2, row.assessmentId());
                ins.setObject(3, ServerStore.offset(row.at()));
                ins.setString(4, row.actor());
                ins.setString(5, row.role());
                ins.setString(6, row.what());
                ins.setString(7, row.assessmentPrev());
                ins.setString(8, row.logPrev());
                ins.setString(9, row.rowHash());
                ins.addBatch();
                lastHash = row.rowHash();
                assessmentHeads.put(p.assessmentId(), lastHash);
                count++;
            }
            ins.executeBatch();
        }
        try (PreparedStatement up = c.prepareStatement("UPDATE srv_audit_head SET last_seq = ?, last_hash = ?, row_count = ? WHERE id = 1")) {
            up.setLong(1, lastSeq);
            up.setString(2, lastHash);
            up.setLong(3, count);
            up.executeUpdate();
        }
        if (notary != null && (count / CHECKPOINT_EVERY) != ((count - pending.size()) / CHECKPOINT_EVERY)) {
            return Optional.of(checkpoint(c, notary, lastSeq, lastHash, count, now));
        }
        return Optional.empty();
    }

    private record Head(long lastSeq, String lastHash, long count) {
    }

    /** The end of the log, locked until this transaction ends: every appender queues here. */
    private static Optional<Head> lockHead(Connection c) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT last_seq, last_hash, row_count FROM srv_audit_head WHERE id = 1 FOR UPDATE");
                ResultSet rs = q.executeQuery()) {
            return rs.next() ? Optional.of(new Head(rs.getLong(1), rs.getString(2), rs.getLong(3))) : Optional.empty();
        }
    }

    private static String lastHashOf(Connection c, UUID assessmentId) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(
                "SELECT row_hash FROM srv_audit WHERE assessment_id = ? ORDER BY assessment_id DESC, seq DESC FETCH FIRST 1 ROWS ONLY")) {
            q.setObject(1, assessmentId);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getString(1) : "";
            }
        }
    }

    private static AuditCheckpoint checkpoint(Connection c, Notary notary, long seq, String head, long count, Instant now)
            throws SQLException {
        AuditCheckpoint cp = notary.keys().signCheckpoint(seq, head, count, now);
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO srv_audit_checkpoint (seq, head, row_count, at, key_id, signature)"
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
            ins.setLong(1, cp.seq());
            ins.setString(2, cp.head());
            ins.setLong(3, cp.rows());
            ins.setObject(4, ServerStore.offset(cp.at()));
            ins.setString(5, cp.keyId());
            ins.setString(6, cp.signature());
            ins.executeUpdate();
        }
        return cp;
    }

    /**
     * A checkpoint when the log has grown since the last one and that one is older than
     * {@code maxAge} (the hourly checkpoint); empty otherwise. Takes the head lock like a writer.
     */
    static Optional<AuditCheckpoint> checkpointIfStale(Connection c, Notary notary, Instant now, Duration maxAge) throws SQLException {
        Optional<Head> locked = lockHead(c);
        if (locked.isEmpty()) {
            return Optional.empty();
        }
        long lastSeq = locked.get().lastSeq();
        String lastHash = locked.get().lastHash();
        long count = locked.get().count();
        Optional<AuditCheckpoint> latest = latestCheckpoint(c);
        if (count == 0 || latest.isPresent() && (latest.get().seq() == lastSeq || latest.get().at().plus(maxAge).isAfter(now))) {
            return Optional.empty();
        }
        return Optional.of(checkpoint(c, notary, lastSeq, lastHash, count, now));
    }

    /** Writes a checkpoint file; a failure is logged (the database copy stands), never thrown. */
    static void file(AuditCheckpoint cp, Path folder) {
        if (folder == null) {
            return;
        }
        try {
            ServerFiles.makePrivateFolder(folder);
            Path target = folder.resolve(String.format("checkpoint-%012d.json", cp.seq()));
            Path tmp = folder.resolve(target.getFileName() + ".tmp");
            Files.write(tmp, JsonMappers.pretty().writeValueAsBytes(cp));
            Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            LOG.warning("audit checkpoint at row " + cp.seq() + " could not be written to " + folder + ": " + e.getClass().getSimpleName());
        }
    }

    static Optional<AuditCheckpoint> latestCheckpoint(Connection c) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT seq, head, row_count, at, key_id, signature FROM srv_audit_checkpoint"
                + " ORDER BY seq DESC FETCH FIRST 1 ROWS ONLY"); ResultSet rs = q.executeQuery()) {
            return rs.next() ? Optional.of(new AuditCheckpoint(rs.getLong(1), rs.getString(2), rs.getLong(3), ServerStore.instant(rs, 4),
                    rs.getString(5), rs.getString(6))) : Optional.empty();
        }
    }

    /** The head record the database keeps (where the last append ended), as an anchor. */
    static Optional<ChainVerifier.Anchor> headAnchor(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT last_seq, last_hash FROM srv_audit_head WHERE id = 1")) {
            if (!rs.next() || rs.getLong(1) == 0) {
                return Optional.empty();
            }
            return Optional.of(new ChainVerifier.Anchor(rs.getLong(1), rs.getString(2), "the audit head record"));
        }
    }

    /** Streams every row through a verifier holding these anchors. */
    static ChainVerifier.Result verify(DataSource source, List<ChainVerifier.Anchor> anchors) throws SQLException {
        ChainVerifier verifier = new ChainVerifier(anchors);
        try (Connection c = source.getConnection()) {
            c.setAutoCommit(false);
            // Read-only and streamed: PostgreSQL keeps a cursor only inside a transaction with a fetch size.
            try (PreparedStatement q = c.prepareStatement("SELECT seq, assessment_id, at, actor, role, what, assessment_prev, log_prev,"
                    + " row_hash FROM srv_audit ORDER BY seq")) {
                q.setFetchSize(5000);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        verifier.accept(new AuditRow(rs.getLong(1), rs.getObject(2, UUID.class), ServerStore.instant(rs, 3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9)));
                    }
                }
            } finally {
                c.rollback();
            }
        }
        return verifier.finish();
    }

    /**
     * Flyway V6: chains the rows written before the chain existed, in their order, and starts the
     * head record. Runs once, inside Flyway's transaction; a row added later without a hash stays
     * without one and {@code audit verify} reports it.
     */
    static final class ChainExistingRows implements JavaMigration {
        @Override
        public MigrationVersion getVersion() {
            return MigrationVersion.fromVersion("6");
        }

        @Override
        public String getDescription() {
            return "chain existing audit rows";
        }

        @Override
        public Integer getChecksum() {
            return 6_001;
        }

        @Override
        public boolean canExecuteInTransaction() {
            return true;
        }

        @Override
        public void migrate(Context context) throws Exception {
            Connection c = context.getConnection();
            List<AuditRow> rows = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT seq, assessment_id, at, actor, role, what FROM srv_audit ORDER BY seq")) {
                while (rs.next()) {
                    rows.add(new AuditRow(rs.getLong(1), rs.getObject(2, UUID.class), ServerStore.instant(rs, 3), rs.getString(4),
                            rs.getString(5), rs.getString(6), null, null, null));
                }
            }
            List<AuditRow> linked = AuditRow.chainInOrder(rows);
            try (PreparedStatement up = c.prepareStatement(
                    "UPDATE srv_audit SET at = ?, assessment_prev = ?, log_prev = ?, row_hash = ? WHERE seq = ?")) {
                for (AuditRow r : linked) {
                    up.setObject(1, ServerStore.offset(r.at()));
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
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO srv_audit_head (id, last_seq, last_hash, row_count) VALUES (1, ?, ?, ?)")) {
                ins.setLong(1, lastSeq);
                ins.setString(2, last);
                ins.setLong(3, rows.size());
                ins.executeUpdate();
            }
        }
    }
}
