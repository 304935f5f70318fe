package org.dashdesk.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.dashdesk.assessment.AssessmentContent;
import org.dashdesk.assessment.AssessmentJson;
import org.dashdesk.assessment.SearchText;

/**
 * The columns the home lists read and search instead of each case's content (issue 17): incident
 * reference, district, channel, whether children are asked about, and the folded search words. Written in the same transaction as
 * every change of an assessment's content, so they never disagree with it.
 */
final class ListColumns {

    private ListColumns() {
    }

    /** The columns, for a statement that writes the content itself ("..., incident_ref = ?, ..." or an INSERT's list). */
    static final String COLUMNS = "incident_ref, district, channel, search_words, children_or_dependants";
    static final String ASSIGNMENTS = "incident_ref = ?, district = ?, channel = ?, search_words = ?, children_or_dependants = ?";
    static final int COUNT = 5;

    static void write(Connection c, UUID id, AssessmentContent content) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE assessment SET " + ASSIGNMENTS + " WHERE id = ?")) {
            bind(p, 1, content);
            p.setObject(COUNT + 1, id);
            p.executeUpdate();
        }
    }

    /** Sets the {@link #COUNT} values from parameter {@code first} on, in the order of {@link #COLUMNS}. */
    static void bind(PreparedStatement p, int first, AssessmentContent content) throws SQLException {
        p.setString(first, clip(content.incident().incidentReference()));
        p.setString(first + 1, clip(content.incident().district()));
        p.setString(first + 2, content.channel() == null ? null : content.channel().name());
        p.setString(first + 3, SearchText.of(content));
        p.setObject(first + 4, content.people().childrenOrDependants());
    }

    /** Migration 6: fills the columns of rows written before they existed, a batch at a time. */
    static void fillExisting(Connection c) throws SQLException {
        while (true) {
            List<UUID> ids = new ArrayList<>();
            List<String> contents = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT id, content FROM assessment WHERE search_words IS NULL LIMIT 500");
                    ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    ids.add(r.getObject(1, UUID.class));
                    contents.add(r.getString(2));
                }
            }
            if (ids.isEmpty()) {
                return;
            }
            for (int i = 0; i < ids.size(); i++) {
                write(c, ids.get(i), AssessmentJson.read(contents.get(i), AssessmentContent.class));
            }
        }
    }

    private static String clip(String s) {
        return s == null || s.length() <= 200 ? s : s.substring(0, 200);
    }
}
