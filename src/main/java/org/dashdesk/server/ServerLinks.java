package org.dashdesk.server;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.dashdesk.history.HistoryRequests;
import org.dashdesk.security.Role;

/**
 * The links between a victim's assessments (issue 12, decision 0193): which other assessments
 * the person index suggests are about the same victim, and CRU's decisions on them. A confirmed
 * link is used first by later searches (an assessment confirmed as the same victim is returned
 * with any strong match of it, even when her name or address has since changed); a rejected one
 * is not suggested again, and a later search drops it when it was only a similar name. Each
 * decision is audited on both assessments. Only codes, dates and levels are returned: never a name.
 */
final class ServerLinks {

    static final String CONFIRMED = "CONFIRMED";
    static final String REJECTED = "REJECTED";
    static final int MAX_LINKS = 40;
    static final int MAX_NOTE = 500;

    private final ServerStore store;

    ServerLinks(ServerStore store) {
        this.store = store;
    }

    HistoryRequests.Links links(Principal who, UUID assessmentId, Instant now) {
        ReviewRules.requireRole(who, Role.CRU, "see the links between a victim's assessments");
        return store.transaction(c -> {
            requireExists(c, assessmentId);
            Map<UUID, Decided> decided = decisions(c, assessmentId);
            Map<UUID, HistoryRequests.Link> out = new LinkedHashMap<>();
            try (PreparedStatement q = c.prepareStatement("SELECT o.assessment_id, CASE WHEN o.force_id = v.force_id THEN 5"
                    + " WHEN o.name_key = v.name_key AND o.date_of_birth = v.date_of_birth THEN 4"
                    + " WHEN o.initial_key = v.initial_key AND o.date_of_birth = v.date_of_birth THEN 3"
                    + " WHEN o.phonetic_key = v.phonetic_key AND o.birth_year BETWEEN v.birth_year - 1 AND v.birth_year + 1 THEN 2"
                    + " ELSE 1 END AS strength FROM srv_person v JOIN srv_person o ON o.role = 'VICTIM'"
                    + " AND o.assessment_id <> v.assessment_id AND (o.force_id = v.force_id"
                    + " OR (o.name_key = v.name_key AND o.date_of_birth = v.date_of_birth)"
                    + " OR (o.initial_key = v.initial_key AND o.date_of_birth = v.date_of_birth)"
                    + " OR (o.phonetic_key = v.phonetic_key AND o.birth_year BETWEEN v.birth_year - 1 AND v.birth_year + 1)"
                    + " OR (o.phonetic_key = v.phonetic_key AND o.postcode_key = v.postcode_key))"
                    + " JOIN srv_assessment a ON a.assessment_id = o.assessment_id"
                    + " WHERE v.assessment_id = ? AND v.role = 'VICTIM' ORDER BY strength DESC, a.assessed_at DESC"
                    + " FETCH FIRST " + MAX_LINKS + " ROWS ONLY")) {
                q.setObject(1, assessmentId);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        UUID other = rs.getObject(1, UUID.class);
                        out.putIfAbsent(other, link(c, other, ServerHistory.matchedOn(rs.getInt(2)), decided.get(other)));
                    }
                }
            }
            for (Map.Entry<UUID, Decided> d : decided.entrySet()) {
                if (!out.containsKey(d.getKey()) && d.getValue().confirmed()) {
                    out.put(d.getKey(), link(c, d.getKey(), "confirmed_link", d.getValue()));
                }
            }
            List<HistoryRequests.Link> links = new ArrayList<>(out.values());
            // Confirmed first, then suggestions, rejected last; within each, as matched.
            links.sort(java.util.Comparator.comparingInt(l -> switch (l.state()) {
                case "confirmed" -> 0;
                case "suggested" -> 1;
                default -> 2;
            }));
            ServerStore.audit(c, assessmentId, now, who.actor(), who.auditRole(), "viewed the victim's links (" + links.size() + ")");
            return new HistoryRequests.Links(links);
        });
    }

    void decide(Principal who, UUID assessmentId, UUID other, HistoryRequests.LinkDecision d, Instant now) {
        ReviewRules.requireRole(who, Role.CRU, "confirm or reject a link between a victim's assessments");
        if (d == null || d.decision() == null) {
            throw Refusal.invalid("decision", "must be confirmed or rejected");
        }
        String state = switch (d.decision().strip().toLowerCase(Locale.ROOT)) {
            case "confirmed" -> CONFIRMED;
            case "rejected" -> REJECTED;
            default -> throw Refusal.invalid("decision", "must be confirmed or rejected");
        };
        if (d.note() == null || d.note().isBlank()) {
            throw Refusal.invalid("note", "say why (it is audited), e.g. the date of birth and address agree");
        }
        if (d.note().length() > MAX_NOTE) {
            throw Refusal.invalid("note", "longer than " + MAX_NOTE + " characters");
        }
        if (assessmentId.equals(other)) {
            throw Refusal.invalid("other", "an assessment cannot be linked to itself");
        }
        store.transactionRetryingUnique(c -> {
            requireExists(c, assessmentId);
            requireExists(c, other);
            UUID a = first(assessmentId, other);
            UUID b = a.equals(assessmentId) ? other : assessmentId;
            try (PreparedStatement del = c.prepareStatement("DELETE FROM srv_person_link WHERE assessment_a = ? AND assessment_b = ?")) {
                del.setObject(1, a);
                del.setObject(2, b);
                del.executeUpdate();
            }
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO srv_person_link (assessment_a, assessment_b, state, decided_by,"
                    + " decided_at, note) VALUES (?, ?, ?, ?, ?, ?)")) {
                ins.setObject(1, a);
                ins.setObject(2, b);
                ins.setString(3, state);
                ins.setString(4, who.actor());
                ins.setObject(5, ServerStore.offset(now));
                ins.setString(6, d.note().strip());
                ins.executeUpdate();
            }
            String what = state.equals(CONFIRMED) ? "confirmed" : "rejected";
            ServerStore.audit(c, assessmentId, now, who.actor(), who.auditRole(), "link to assessment " + other + " " + what
                    + " as the same victim" + (state.equals(REJECTED) ? ": not the same" : ""));
            ServerStore.audit(c, other, now, who.actor(), who.auditRole(), "link to assessment " + assessmentId + " " + what
                    + " as the same victim" + (state.equals(REJECTED) ? ": not the same" : ""));
            return null;
        });
    }

    /** The smaller id (by its text, the same on every database) is stored first. */
    static UUID first(UUID x, UUID y) {
        return x.toString().compareTo(y.toString()) <= 0 ? x : y;
    }

    private static void requireExists(Connection c, UUID id) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM srv_assessment WHERE assessment_id = ?")) {
            q.setObject(1, id);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    throw Refusal.notFound("no assessment " + id + " on this server");
                }
            }
        }
    }

    /** A person's decision on a pair: the same victim or not, and who decided. */
    private record Decided(boolean confirmed, String by) {
    }

    /** Decisions involving this assessment, by the other assessment's id. */
    private static Map<UUID, Decided> decisions(Connection c, UUID id) throws SQLException {
        Map<UUID, Decided> out = new LinkedHashMap<>();
        try (PreparedStatement q = c.prepareStatement("SELECT assessment_a, assessment_b, state, decided_by FROM srv_person_link"
                + " WHERE assessment_a = ? OR assessment_b = ? ORDER BY decided_at")) {
            q.setObject(1, id);
            q.setObject(2, id);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    UUID a = rs.getObject(1, UUID.class);
                    out.put(a.equals(id) ? rs.getObject(2, UUID.class) : a, new Decided(CONFIRMED.equals(rs.getString(3)), rs.getString(4)));
                }
            }
        }
        return out;
    }

    private static HistoryRequests.Link link(Connection c, UUID id, String matchedOn, Decided decision) throws SQLException {
        HistoryRequests.Match m = ServerHistory.facts(c, id, matchedOn);
        String state = decision == null ? "suggested" : decision.confirmed() ? "confirmed" : "rejected";
        return new HistoryRequests.Link(id, m.date(), m.level(), m.district(), m.maracReferral(), matchedOn, state,
                decision == null ? null : decision.by());
    }

    /**
     * Applies CRU's decisions to a search's matches (in strength order): assessments confirmed as
     * the same victim as a strong match are added, first; a similar-name match rejected against a
     * strong match is dropped.
     */
    static List<HistoryRequests.Match> apply(Connection c, List<HistoryRequests.Match> matches) throws SQLException {
        List<UUID> strong = matches.stream().filter(m -> HistoryRequests.STRONG.contains(m.matchedOn()))
                .map(HistoryRequests.Match::assessmentId).toList();
        if (strong.isEmpty()) {
            return matches;
        }
        Set<UUID> confirmed = new java.util.LinkedHashSet<>();
        Set<UUID> rejected = new java.util.HashSet<>();
        // One query for all the strong matches' decisions (a search has at most 20 of them).
        String in = String.join(", ", java.util.Collections.nCopies(strong.size(), "?"));
        try (PreparedStatement q = c.prepareStatement("SELECT assessment_a, assessment_b, state FROM srv_person_link"
                + " WHERE assessment_a IN (" + in + ") OR assessment_b IN (" + in + ") ORDER BY decided_at")) {
            for (int i = 0; i < strong.size(); i++) {
                q.setObject(i + 1, strong.get(i));
                q.setObject(strong.size() + i + 1, strong.get(i));
            }
            Set<UUID> strongSet = new java.util.HashSet<>(strong);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    UUID a = rs.getObject(1, UUID.class);
                    UUID b = rs.getObject(2, UUID.class);
                    Set<UUID> into = CONFIRMED.equals(rs.getString(3)) ? confirmed : rejected;
                    if (strongSet.contains(a)) {
                        into.add(b);
                    }
                    if (strongSet.contains(b)) {
                        into.add(a);
                    }
                }
            }
        }

        Map<UUID, HistoryRequests.Match> present = new LinkedHashMap<>();
        matches.forEach(m -> present.put(m.assessmentId(), m));
        List<HistoryRequests.Match> out = new ArrayList<>();
        for (UUID id : confirmed) {
            HistoryRequests.Match m = present.remove(id);
            out.add(m != null && HistoryRequests.STRONG.contains(m.matchedOn()) ? m : ServerHistory.facts(c, id, "confirmed_link"));
        }
        for (HistoryRequests.Match m : present.values()) {
            if (!(rejected.contains(m.assessmentId()) && !HistoryRequests.STRONG.contains(m.matchedOn()))) {
                out.add(m);
            }
        }
        return out;
    }
}
