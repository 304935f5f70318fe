package org.dashdesk.server;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.dashdesk.assessment.PersonDetails;
import org.dashdesk.history.NameKey;
import org.dashdesk.history.HistoryRequests;
import org.dashdesk.protocol.Problem;
import org.dashdesk.security.Role;

/**
 * The history search of issue 12 (decision 0192): the earlier assessments the force holds about a
 * person, strongest match first (force id, then name and date of birth, then a name that sounds
 * the same with the birth year within one or the same postcode). For officers, IMU, supervisors
 * and CRU; each user may search {@value #SEARCHES} times in {@link #WINDOW}, counted in the
 * database so every node agrees. Every search is audited: who, why and how many matched on the
 * force-wide trail, and on each assessment returned that it was returned, to whom and why.
 * Answers, comments and other people are never part of a result.
 */
final class ServerHistory {

    static final int SEARCHES = 30;
    static final Duration WINDOW = Duration.ofMinutes(5);
    /** Issue 12: a match list never exceeds 20 rows. */
    static final int MAX_MATCHES = 20;
    static final int MAX_REASON = 200;

    private final ServerStore store;

    ServerHistory(ServerStore store) {
        this.store = store;
    }

    HistoryRequests.Result search(Principal who, HistoryRequests.Search request, Instant now) {
        if (!(who.has(Role.OFFICER) || who.has(Role.IMU) || who.has(Role.SUPERVISOR) || who.has(Role.CRU))) {
            throw Refusal.forbidden("history searches are for officers, IMU staff, supervisors and the central referral unit");
        }
        Checked q = check(request, now);
        return store.transactionRetryingUnique(c -> {
            long wait = admit(c, who.actor(), now);
            if (wait > 0) {
                throw new Refusal(429, Problem.of("too_many_requests", "too many history searches; try again in " + wait + " s"), wait);
            }
            List<HistoryRequests.Match> matches = new ArrayList<>();
            boolean more = find(c, q, matches);
            String why = ServerStore.clip(q.reason(), MAX_REASON);
            ServerStore.audit(c, ServerReports.FORCE_WIDE, now, who.actor(), who.auditRole(), ServerStore.clip("history search ("
                    + q.role() + ", on " + q.basis() + "), reason: " + why + "; " + matches.size() + (more ? "+" : "") + " matched", 500));
            for (HistoryRequests.Match m : matches) {
                ServerStore.audit(c, m.assessmentId(), now, who.actor(), who.auditRole(), ServerStore.clip("returned by a history search ("
                        + m.matchedOn().replace('_', ' ') + "), reason: " + why, 500));
            }
            return new HistoryRequests.Result(matches, more);
        });
    }

    /** A request that can be answered, with its keys. */
    record Checked(String reason, String role, NameKey name, LocalDate dateOfBirth, Integer birthYear, String postcode,
            String forceId, String basis) {
    }

    static Checked check(HistoryRequests.Search r, Instant now) {
        if (r == null || r.person() == null) {
            throw Refusal.invalid("person", "say who is being looked for");
        }
        if (r.reason() == null || r.reason().isBlank()) {
            throw Refusal.invalid("reason", "say why the search is made (it is audited)");
        }
        if (r.reason().length() > MAX_REASON) {
            throw Refusal.invalid("reason", "longer than " + MAX_REASON + " characters");
        }
        String role = r.role() == null ? "any" : r.role().strip().toLowerCase(Locale.ROOT);
        if (!List.of("victim", "abuser", "any").contains(role)) {
            throw Refusal.invalid("role", "must be victim, abuser or any");
        }
        HistoryRequests.Person p = r.person();
        LocalDate today = LocalDate.ofInstant(now, ReportFacts.FORCE_ZONE);
        PersonDetails details = new PersonDetails(List.of(), p.dateOfBirth(), p.approximateAge(), null, null, p.postcode(), null, null,
                p.forceId());
        for (PersonDetails.Problem problem : details.problems(today.plusDays(1))) {
            throw Refusal.invalid("person." + problem.field(), problem.message());
        }
        NameKey name = NameKey.of(p.name());
        String forceId = p.forceId() == null || p.forceId().isBlank() ? null : p.forceId().strip().toUpperCase(Locale.ROOT);
        Integer year = p.dateOfBirth() != null ? Integer.valueOf(p.dateOfBirth().getYear())
                : p.approximateAge() != null ? Integer.valueOf(today.getYear() - p.approximateAge()) : null;
        String postcode = details.postcodeKey();
        boolean enough = forceId != null || name.usable() && (p.dateOfBirth() != null || year != null || postcode != null);
        if (!enough) {
            throw Refusal.invalid("person", "too little to match on: give a force id, or a full name (forename and surname) with a date"
                    + " of birth, an age or a postcode");
        }
        List<String> basis = new ArrayList<>();
        if (forceId != null) {
            basis.add("force id");
        }
        if (name.usable()) {
            basis.add("name");
        }
        if (p.dateOfBirth() != null) {
            basis.add("date of birth");
        } else if (year != null) {
            basis.add("age");
        }
        if (postcode != null) {
            basis.add("postcode");
        }
        return new Checked(r.reason().strip(), role, name, p.dateOfBirth(), year, postcode, forceId, String.join(", ", basis));
    }

    /** @return true when there were more than {@link #MAX_MATCHES} */
    static boolean find(Connection c, Checked q, List<HistoryRequests.Match> out) throws SQLException {
        StringBuilder strength = new StringBuilder("CASE");
        List<Object> args = new ArrayList<>();
        StringBuilder any = new StringBuilder();
        if (q.forceId() != null) {
            strength.append(" WHEN p.force_id = ? THEN 5");
            args.add(q.forceId());
            any.append(" OR p.force_id = ?");
        }
        if (q.name().usable() && q.dateOfBirth() != null) {
            strength.append(" WHEN p.name_key = ? AND p.date_of_birth = ? THEN 4");
            args.add(q.name().exact());
            args.add(q.dateOfBirth());
            any.append(" OR (p.name_key = ? AND p.date_of_birth = ?)");
            strength.append(" WHEN p.initial_key = ? AND p.date_of_birth = ? THEN 3");
            args.add(q.name().initial());
            args.add(q.dateOfBirth());
            any.append(" OR (p.initial_key = ? AND p.date_of_birth = ?)");
        }
        if (q.name().usable() && q.birthYear() != null) {
            strength.append(" WHEN p.phonetic_key = ? AND p.birth_year BETWEEN ? AND ? THEN 2");
            args.add(q.name().phonetic());
            args.add(q.birthYear() - 1);
            args.add(q.birthYear() + 1);
            any.append(" OR (p.phonetic_key = ? AND p.birth_year BETWEEN ? AND ?)");
        }
        if (q.name().usable() && q.postcode() != null) {
            strength.append(" WHEN p.phonetic_key = ? AND p.postcode_key = ? THEN 1");
            args.add(q.name().phonetic());
            args.add(q.postcode());
            any.append(" OR (p.phonetic_key = ? AND p.postcode_key = ?)");
        }
        strength.append(" ELSE 0 END");
        List<Object> all = new ArrayList<>(args);
        all.addAll(args);
        String roles = switch (q.role()) {
            case "victim" -> "p.role = 'VICTIM'";
            case "abuser" -> "p.role = 'ABUSER'";
            default -> "p.role IN ('VICTIM', 'ABUSER')";
        };
        Map<UUID, HistoryRequests.Match> byAssessment = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT p.assessment_id, p.role, " + strength + " AS strength, a.assessed_at,"
                + " a.risk_level, a.district, m.state, m.updated_at FROM srv_person p JOIN srv_assessment a ON a.assessment_id = p.assessment_id"
                + " LEFT JOIN srv_marac m ON m.assessment_id = p.assessment_id WHERE " + roles + " AND (" + any.substring(4) + ")"
                + " ORDER BY strength DESC, a.assessed_at DESC FETCH FIRST " + (MAX_MATCHES * 3 + 1) + " ROWS ONLY")) {
            for (int i = 0; i < all.size(); i++) {
                ps.setObject(i + 1, all.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    UUID id = rs.getObject(1, UUID.class);
                    if (byAssessment.containsKey(id)) {
                        continue;
                    }
                    Instant assessed = ServerStore.instant(rs, 4);
                    String marac = rs.getString(7);
                    Instant maracAt = ServerStore.instant(rs, 8);
                    boolean referred = marac != null && !marac.equals("NOT_REFERRED");
                    byAssessment.put(id, new HistoryRequests.Match(id, assessed == null ? null : LocalDate.ofInstant(assessed,
                            ReportFacts.FORCE_ZONE), rs.getString(5), List.of(), referred, referred && maracAt != null
                            ? LocalDate.ofInstant(maracAt, ReportFacts.FORCE_ZONE) : null, rs.getString(2).toLowerCase(Locale.ROOT),
                            rs.getString(6), matchedOn(rs.getInt(3))));
                }
            }
        }
        List<HistoryRequests.Match> found = ServerLinks.apply(c, new ArrayList<>(byAssessment.values()));
        boolean more = found.size() > MAX_MATCHES;
        for (HistoryRequests.Match m : found.subList(0, Math.min(MAX_MATCHES, found.size()))) {
            out.add(withFacts(c, m));
        }
        return more;
    }

    /** One assessment as a match of the victim, read by id (a confirmed link the keys did not find). */
    static HistoryRequests.Match facts(Connection c, UUID id, String matchedOn) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT a.assessed_at, a.risk_level, a.district, m.state, m.updated_at"
                + " FROM srv_assessment a LEFT JOIN srv_marac m ON m.assessment_id = a.assessment_id WHERE a.assessment_id = ?")) {
            q.setObject(1, id);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    return new HistoryRequests.Match(id, null, null, List.of(), false, null, "victim", null, matchedOn);
                }
                Instant assessed = ServerStore.instant(rs, 1);
                String marac = rs.getString(4);
                Instant maracAt = ServerStore.instant(rs, 5);
                boolean referred = marac != null && !marac.equals("NOT_REFERRED");
                return withFacts(c, new HistoryRequests.Match(id, assessed == null ? null : LocalDate.ofInstant(assessed,
                        ReportFacts.FORCE_ZONE), rs.getString(2), List.of(), referred, referred && maracAt != null
                        ? LocalDate.ofInstant(maracAt, ReportFacts.FORCE_ZONE) : null, "victim", rs.getString(3), matchedOn));
            }
        }
    }

    /** The criteria met and whether the officer recorded a MARAC referral as made, from the facts kept with the head. */
    private static HistoryRequests.Match withFacts(Connection c, HistoryRequests.Match m) throws SQLException {
        List<String> criteria = new ArrayList<>();
        boolean made = false;
        try (PreparedStatement q = c.prepareStatement("SELECT kind, item FROM srv_assessment_fact WHERE assessment_id = ?"
                + " AND (kind = ? OR (kind = ? AND item = 'MARAC')) ORDER BY kind, item")) {
            q.setObject(1, m.assessmentId());
            q.setString(2, ReportFacts.CRITERION);
            q.setString(3, ReportFacts.MADE);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    if (rs.getString(1).equals(ReportFacts.CRITERION)) {
                        criteria.add(rs.getString(2));
                    } else {
                        made = true;
                    }
                }
            }
        }
        boolean referral = m.maracReferral() || made;
        // Referred at the scene: the assessment's own date, unless CRU recorded the referral's date.
        LocalDate on = m.maracReferredOn() != null ? m.maracReferredOn() : referral ? m.date() : null;
        return new HistoryRequests.Match(m.assessmentId(), m.date(), m.level(), criteria, referral, on, m.personRole(), m.district(),
                m.matchedOn());
    }

    static String matchedOn(int strength) {
        return switch (strength) {
            case 5 -> "force_id";
            case 4 -> "name_and_date_of_birth";
            case 3 -> "initial_similar_surname_and_date_of_birth";
            case 2 -> "similar_name_and_birth_year";
            default -> "similar_name_and_postcode";
        };
    }

    /** @return 0 when admitted, else the seconds to wait */
    private static long admit(Connection c, String actor, Instant now) throws SQLException {
        Instant start = null;
        int searches = 0;
        try (PreparedStatement q = c.prepareStatement("SELECT window_start, searches FROM srv_search_limit WHERE actor = ? FOR UPDATE")) {
            q.setString(1, actor);
            try (ResultSet rs = q.executeQuery()) {
                if (rs.next()) {
                    start = ServerStore.instant(rs, 1);
                    searches = rs.getInt(2);
                }
            }
        }
        if (start == null) {
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO srv_search_limit (actor, window_start, searches) VALUES (?, ?, 1)")) {
                ins.setString(1, actor);
                ins.setObject(2, ServerStore.offset(now));
                ins.executeUpdate();
            }
            return 0;
        }
        boolean newWindow = !now.isBefore(start.plus(WINDOW));
        if (!newWindow && searches >= SEARCHES) {
            return Math.max(1, Duration.between(now, start.plus(WINDOW)).toSeconds());
        }
        try (PreparedStatement up = c.prepareStatement("UPDATE srv_search_limit SET window_start = ?, searches = ? WHERE actor = ?")) {
            up.setObject(1, ServerStore.offset(newWindow ? now : start));
            up.setInt(2, newWindow ? 1 : searches + 1);
            up.setString(3, actor);
            up.executeUpdate();
        }
        return 0;
    }
}
