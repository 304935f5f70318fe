package org.dashdesk.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import org.dashdesk.protocol.Change;
import org.dashdesk.review.HistoryFlag;
import org.dashdesk.review.HistoryFlagRepository;

/**
 * History flags kept in the local encrypted store (table {@code history_flags}), written by the
 * sync pull. Keyed by the central change's number, so a page pulled twice stores nothing the
 * second time. The purge of an assessment removes its flags with it.
 */
final class LocalHistoryFlags implements HistoryFlagRepository {

    static final int MAX_MESSAGE = 500;

    private final Database database;

    LocalHistoryFlags(Database database) {
        this.database = database;
    }

    /** Stores the flag a HISTORY_FLAG change carries; true when it was new. */
    boolean store(Change change) {
        if (change.assessmentId() == null || change.at() == null || change.note() == null || change.note().isBlank()) {
            return false;
        }
        String message = change.note().length() > MAX_MESSAGE ? change.note().substring(0, MAX_MESSAGE) : change.note();
        return database.inTransaction(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM history_flags WHERE change_seq = ?")) {
                q.setLong(1, change.seq());
                try (ResultSet rs = q.executeQuery()) {
                    if (rs.next()) {
                        return false;
                    }
                }
            }
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO history_flags (change_seq, assessment_id, revision_id, raised_at,"
                    + " message) VALUES (?, ?, ?, ?, ?)")) {
                ins.setLong(1, change.seq());
                ins.setObject(2, change.assessmentId());
                ins.setObject(3, change.revisionId());
                ins.setObject(4, change.at().atOffset(ZoneOffset.UTC));
                ins.setString(5, message);
                ins.executeUpdate();
            }
            return true;
        });
    }

    @Override
    public Optional<HistoryFlag> latest(UUID assessmentId) {
        return database.inTransaction(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT revision_id, raised_at, message FROM history_flags"
                    + " WHERE assessment_id = ? ORDER BY change_seq DESC FETCH FIRST 1 ROWS ONLY")) {
                q.setObject(1, assessmentId);
                try (ResultSet rs = q.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<HistoryFlag>empty();
                    }
                    return Optional.of(new HistoryFlag(assessmentId, rs.getObject(1, UUID.class),
                            rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3)));
                }
            }
        });
    }
}
