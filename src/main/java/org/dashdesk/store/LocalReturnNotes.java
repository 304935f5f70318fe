package org.dashdesk.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.dashdesk.assessment.AssessmentJson;
import org.dashdesk.protocol.Change;
import org.dashdesk.review.QuestionComment;
import org.dashdesk.review.ReturnNotes;
import org.dashdesk.review.ReturnNotesRepository;

/**
 * Return comments kept in the local encrypted store (table {@code return_notes}), written by the
 * sync pull. Keyed by the central change's sequence number, so a page pulled twice stores nothing
 * the second time.
 */
final class LocalReturnNotes implements ReturnNotesRepository {

    private final Database database;

    LocalReturnNotes(Database database) {
        this.database = database;
    }

    /** Stores the comments a RETURN change carries; true when they were new. */
    boolean store(Change change) {
        if (change.comments() == null || change.assessmentId() == null || change.at() == null) {
            return false;
        }
        return database.inTransaction(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM return_notes WHERE change_seq = ?")) {
                q.setLong(1, change.seq());
                try (ResultSet rs = q.executeQuery()) {
                    if (rs.next()) {
                        return false;
                    }
                }
            }
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO return_notes (change_seq, assessment_id, revision_id,"
                    + " returned_by, returned_at, comments_json) VALUES (?, ?, ?, ?, ?, ?)")) {
                ins.setLong(1, change.seq());
                ins.setObject(2, change.assessmentId());
                ins.setObject(3, change.revisionId());
                ins.setString(4, change.actor() == null ? "central" : change.actor());
                ins.setObject(5, change.at().atOffset(ZoneOffset.UTC));
                ins.setString(6, AssessmentJson.canonical(change.comments()));
                ins.executeUpdate();
            }
            return true;
        });
    }

    @Override
    public Optional<ReturnNotes> latest(UUID assessmentId) {
        return database.inTransaction(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT revision_id, returned_by, returned_at, comments_json FROM return_notes"
                    + " WHERE assessment_id = ? ORDER BY change_seq DESC FETCH FIRST 1 ROWS ONLY")) {
                q.setObject(1, assessmentId);
                try (ResultSet rs = q.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<ReturnNotes>empty();
                    }
                    List<QuestionComment> comments = List.of(AssessmentJson.read(rs.getString(4), QuestionComment[].class));
                    return Optional.of(new ReturnNotes(assessmentId, rs.getObject(1, UUID.class), rs.getString(2),
                            rs.getObject(3, OffsetDateTime.class).toInstant(), comments));
                }
            }
        });
    }
}
