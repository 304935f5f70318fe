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

    static void write(Connection c, UUID id, AssessmentContent content) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE assessment SET incident_ref = ?, district = ?, channel = ?, search_words = ?,"
                + " children_or_dependants = ? WHERE id = ?")) {
            p.setString(1, clip(content.incident().incidentReference()));
            p.setString(2, clip(content.incident().district()));
            p.setString(3, content.channel() == null ? null : content.channel().name());
            p.setString(4, SearchText.of(content));
            p.setObject(5, content.people().childrenOrDependants());
            p.setObject(6, id);
            p.executeUpdate();
        }
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
