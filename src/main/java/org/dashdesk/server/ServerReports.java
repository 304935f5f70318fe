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
import java.util.Map;
import java.util.UUID;

import org.dashdesk.assessment.Referral;
import org.dashdesk.report.CountTable;
import org.dashdesk.report.PublishedTable;
import org.dashdesk.report.Report;
import org.dashdesk.report.ReportKind;
import org.dashdesk.report.ReportRequest;
import org.dashdesk.report.Suppression;
import org.dashdesk.security.Role;

/**
 * The reports of issue 13, counted in the database from the report columns and facts kept beside
 * each assessment ({@link ReportFacts}, decision 0191): one GROUP BY per report on indexed
 * columns, never a revision's JSON. Supervisors, CRU and analysts may run them; a supervisor's
 * reports cover their own team only. Every run is audited with who asked what and how many rows
 * came back.
 */
final class ServerReports {

    /** The audit trail's "assessment" for actions about no one assessment (report runs). */
    static final UUID FORCE_WIDE = new UUID(0, 0);
    static final String NOT_RECORDED = "(not recorded)";
    private static final List<String> LEVELS = List.of("STANDARD", "MEDIUM", "HIGH");
    private static final Map<String, String> COLUMN = Map.of("month", "a.assessed_month", "district", "a.district", "team", "a.team",
            "channel", "a.channel", "level", "a.risk_level", "policy", "a.policy_version");
    static final long DAY_MINUTES = 24 * 60;

    private final ServerStore store;

    ServerReports(ServerStore store) {
        this.store = store;
    }

    /** Supervisors, CRU and analysts run reports; anyone else gets a 403. */
    static void requireReportRole(Principal who) {
        if (!(who.has(Role.CRU) || who.has(Role.ANALYST) || who.has(Role.SUPERVISOR))) {
            throw Refusal.forbidden("reports are for supervisors, the central referral unit and analysts");
        }
    }

    /** Who may run reports, and for which team: null for the whole force. */
    static String scope(Principal who, ReportRequest request) {
        requireReportRole(who);
        if (who.has(Role.CRU) || who.has(Role.ANALYST)) {
            return null;
        }
        String asked = request.filters().get("team");
        if (asked != null && !asked.equalsIgnoreCase(who.team())) {
            throw Refusal.forbidden("a supervisor's reports cover their own team (" + who.team() + ") only");
        }
        return who.team();
    }

    Report run(Principal who, ReportRequest request, Instant now) {
        String team = scope(who, request);
        return store.transaction(c -> {
            Report report = switch (request.kind()) {
                case LEVELS -> levels(c, request, team, now);
                case SIGN_OFF -> signOff(c, request, team, now);
                case REFERRALS -> referrals(c, request, team, now);
                case JUDGEMENT -> judgement(c, request, team, now);
                case COMPLETENESS -> completeness(c, request, team, now);
                case ACTIONS -> actions(c, request, team, now);
                case REPEAT_VICTIMS -> repeatVictims(c, request, team, now);
            };
            ServerStore.audit(c, FORCE_WIDE, now, who.actor(), who.auditRole(), ServerStore.clip("report run: " + request.describe()
                    + (team == null ? "" : " (team " + team + ")") + "; " + report.table().rows().size() + " rows", 500));
            return report;
        });
    }

    // ---- the reports ----------------------------------------------------------------------------

    private Report levels(Connection c, ReportRequest q, String team, Instant now) throws SQLException {
        CountTable t = new CountTable(q.by(), LEVELS, true, true);
        Where w = assessments(q, team);
        String dims = String.join(", ", q.by().stream().map(COLUMN::get).toList());
        String sql = "SELECT " + dims + ", a.risk_level, COUNT(*) FROM srv_assessment a WHERE " + w.sql + " GROUP BY " + dims
                + ", a.risk_level";
        query(c, sql, w.args, rs -> {
            List<String> key = new ArrayList<>();
            for (int i = 1; i <= q.by().size(); i++) {
                key.add(shown(rs.getString(i)));
            }
            String level = rs.getString(q.by().size() + 1);
            if (LEVELS.contains(level)) {
                t.add(key, level, rs.getLong(q.by().size() + 2));
            }
        });
        return report(q, t.sortedRows(), now, List.of(), List.of("Each assessment is counted once, at the level it holds now"
                + " (after any professional judgement or supervisor's raise), in the month it was taken (UK time)."));
    }

    private Report signOff(Connection c, ReportRequest q, String team, Instant now) throws SQLException {
        List<String> buckets = List.of("within_24h", "within_72h", "after_72h", "overdue", "awaiting");
        CountTable t = new CountTable(q.by(), buckets, true, true);
        Where w = assessments(q, team).and("a.risk_level = 'STANDARD'");
        String dims = String.join(", ", q.by().stream().map(COLUMN::get).toList());
        List<String> aliases = new ArrayList<>();
        StringBuilder inner = new StringBuilder("SELECT ");
        for (int i = 0; i < q.by().size(); i++) {
            aliases.add("d" + i);
            inner.append(COLUMN.get(q.by().get(i))).append(" AS d").append(i).append(", ");
        }
        // In a subquery, so the bucket's parameter is not repeated in a GROUP BY (PostgreSQL would not match them).
        inner.append("CASE WHEN a.signoff_minutes IS NOT NULL AND a.signoff_minutes <= ").append(DAY_MINUTES).append(" THEN 'within_24h'")
                .append(" WHEN a.signoff_minutes IS NOT NULL AND a.signoff_minutes <= ").append(3 * DAY_MINUTES).append(" THEN 'within_72h'")
                .append(" WHEN a.signed_off_at IS NOT NULL THEN 'after_72h'")
                .append(" WHEN a.first_received_at < ? THEN 'overdue' ELSE 'awaiting' END AS bucket FROM srv_assessment a WHERE ")
                .append(w.sql);
        List<Object> args = new ArrayList<>();
        args.add(ServerStore.offset(now.minus(java.time.Duration.ofDays(3))));
        args.addAll(w.args);
        String groups = String.join(", ", aliases);
        query(c, "SELECT " + groups + ", bucket, COUNT(*) FROM (" + inner + ") s GROUP BY " + groups + ", bucket", args, rs -> {
            List<String> key = new ArrayList<>();
            for (int i = 1; i <= q.by().size(); i++) {
                key.add(shown(rs.getString(i)));
            }
            t.add(key, rs.getString(q.by().size() + 1), rs.getLong(q.by().size() + 2));
        });
        CountTable sorted = t.sortedRows();
        List<Report.Measure> measures = new ArrayList<>();
        query(c, "SELECT " + dims + ", PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY a.signoff_minutes), COUNT(a.signoff_minutes)"
                + " FROM srv_assessment a WHERE " + w.sql + " AND a.signoff_minutes IS NOT NULL GROUP BY " + dims, w.args, rs -> {
                    List<String> key = new ArrayList<>();
                    for (int i = 1; i <= q.by().size(); i++) {
                        key.add(shown(rs.getString(i)));
                    }
                    double minutes = rs.getDouble(q.by().size() + 1);
                    long n = rs.getLong(q.by().size() + 2);
                    Object hours = q.suppress() && n < Suppression.THRESHOLD ? PublishedTable.SMALL
                            : Math.round(minutes / 6.0) / 10.0;
                    measures.add(new Report.Measure("median_hours_to_sign_off", key, hours));
                });
        measures.sort(java.util.Comparator.comparing(m -> String.join("\u0000", m.keys())));
        return report(q, sorted, now, measures, List.of("Standard-risk assessments taken in the range. The clock runs from the"
                + " server's first receipt to the supervisor's signed approval; a new revision starts the wait again.",
                "Overdue: not signed off and first received more than 72 hours before the report was run. Awaiting: not signed"
                        + " off, received within the last 72 hours."));
    }

    private Report referrals(Connection c, ReportRequest q, String team, Instant now) throws SQLException {
        CountTable t = new CountTable(List.of("referral", "decision"), LEVELS, true, false);
        for (Referral r : Referral.values()) {
            t.row(List.of(r.name(), "prompted"));
            t.row(List.of(r.name(), "made"));
        }
        Where w = assessments(q, team).and("f.kind IN ('" + ReportFacts.PROMPTED + "', '" + ReportFacts.MADE + "')");
        query(c, "SELECT f.item, f.kind, a.risk_level, COUNT(*) FROM srv_assessment_fact f JOIN srv_assessment a"
                + " ON a.assessment_id = f.assessment_id WHERE " + w.sql + " GROUP BY f.item, f.kind, a.risk_level", w.args, rs -> {
                    String level = rs.getString(3);
                    if (LEVELS.contains(level)) {
                        t.add(List.of(rs.getString(1), ReportFacts.MADE.equals(rs.getString(2)) ? "made" : "prompted"), level,
                                rs.getLong(4));
                    }
                });
        return report(q, t, now, List.of(), List.of("Prompted: the grading page put the referral to the officer. Made: the officer"
                + " recorded it as made. An assessment may be counted under several referrals, so the columns have no totals."));
    }

    private Report judgement(Connection c, ReportRequest q, String team, Instant now) throws SQLException {
        CountTable t = new CountTable(List.of("level_from_answers"), LEVELS, true, true);
        LEVELS.forEach(l -> t.row(List.of(l)));
        Where w = assessments(q, team);
        query(c, "SELECT a.computed_level, a.risk_level, COUNT(*) FROM srv_assessment a WHERE " + w.sql
                + " GROUP BY a.computed_level, a.risk_level", w.args, rs -> {
                    String from = rs.getString(1);
                    String to = rs.getString(2);
                    if (LEVELS.contains(from) && LEVELS.contains(to)) {
                        t.add(List.of(from), to, rs.getLong(3));
                    }
                });
        long raised = 0;
        for (int f = 0; f < LEVELS.size(); f++) {
            for (int to = f + 1; to < LEVELS.size(); to++) {
                raised += t.cell(f, to);
            }
        }
        List<Report.Measure> measures = List.of(new Report.Measure("raised", List.of(),
                q.suppress() && raised > 0 && raised < Suppression.THRESHOLD ? PublishedTable.SMALL : raised));
        return report(q, t, now, measures, List.of("Rows: the level the answers gave. Columns: the level recorded now, after the"
                + " officer's professional judgement and any supervisor's raise. Cells right of the diagonal were raised."));
    }

    private Report completeness(Connection c, ReportRequest q, String team, Instant now) throws SQLException {
        CountTable t = new CountTable(List.of("reason"), LEVELS, true, false);
        Where w = assessments(q, team).and("f.kind = '" + ReportFacts.NOT_ASKED + "'");
        query(c, "SELECT f.item, a.risk_level, COUNT(*) FROM srv_assessment_fact f JOIN srv_assessment a"
                + " ON a.assessment_id = f.assessment_id WHERE " + w.sql + " GROUP BY f.item, a.risk_level", w.args, rs -> {
                    if (LEVELS.contains(rs.getString(2))) {
                        t.add(List.of(rs.getString(1)), rs.getString(2), rs.getLong(3));
                    }
                });
        CountTable sorted = t.sortedRows();
        Where any = assessments(q, team);
        long[] totals = new long[2];
        query(c, "SELECT COUNT(*) FROM srv_assessment a WHERE " + any.sql, any.args, rs -> totals[0] = rs.getLong(1));
        // A join counted once per assessment: a correlated EXISTS per row took 3.7 s over a million (ReportsBenchmark).
        Where notAsked = assessments(q, team).and("f.kind = '" + ReportFacts.NOT_ASKED + "'");
        query(c, "SELECT COUNT(DISTINCT f.assessment_id) FROM srv_assessment_fact f JOIN srv_assessment a"
                + " ON a.assessment_id = f.assessment_id WHERE " + notAsked.sql, notAsked.args, rs -> totals[1] = rs.getLong(1));
        List<Report.Measure> measures = List.of(new Report.Measure("assessments", List.of(), small(q, totals[0])),
                new Report.Measure("assessments_with_a_question_not_asked", List.of(), small(q, totals[1])));
        return report(q, sorted, now, measures, List.of("One assessment may have questions not asked for several reasons, so the"
                + " columns have no totals; the measures give the number of assessments."));
    }

    private Report actions(Connection c, ReportRequest q, String team, Instant now) throws SQLException {
        CountTable t = new CountTable(List.of("owner_team"), List.of("open", "overdue", "done", "cancelled"), true, true);
        StringBuilder sql = new StringBuilder("SELECT COALESCE(u.team, '" + NOT_RECORDED + "') AS owner_team, CASE WHEN"
                + " x.state = 'OPEN' AND x.due < ? THEN 'overdue' WHEN x.state = 'OPEN' THEN 'open' WHEN x.state = 'DONE' THEN 'done'"
                + " ELSE 'cancelled' END AS bucket FROM srv_action x LEFT JOIN srv_user u ON u.collar = x.owner_collar"
                + " WHERE x.due >= ? AND x.due <= ?");
        List<Object> args = new ArrayList<>(List.of(ServerReview.today(now), q.from(), q.to()));
        String teamFilter = team != null ? team : q.filters().get("team");
        if (teamFilter != null) {
            sql.append(" AND u.team = ?");
            args.add(teamFilter);
        }
        sql.insert(0, "SELECT owner_team, bucket, COUNT(*) FROM (").append(") s GROUP BY owner_team, bucket");
        query(c, sql.toString(), args, rs -> t.add(List.of(rs.getString(1)), rs.getString(2), rs.getLong(3)));
        return report(q, t.sortedRows(), now, List.of(), List.of("Actions whose due date is in the range, by the team of the"
                + " person who owns them. Overdue: still open after its due date."));
    }

    /**
     * The same person as victim: force id; or name and date of birth; or the forename's initial and
     * a surname that sounds the same with the date of birth; or a name that sounds the same with
     * the birth year ±1 or the postcode.
     */
    static final String SAME_VICTIM = "((v.force_id IS NOT NULL AND e.force_id = v.force_id)"
            + " OR (v.name_key IS NOT NULL AND v.date_of_birth IS NOT NULL AND e.name_key = v.name_key AND e.date_of_birth = v.date_of_birth)"
            + " OR (v.initial_key IS NOT NULL AND v.date_of_birth IS NOT NULL AND e.initial_key = v.initial_key"
            + " AND e.date_of_birth = v.date_of_birth)"
            + " OR (v.phonetic_key IS NOT NULL AND v.birth_year IS NOT NULL AND e.phonetic_key = v.phonetic_key"
            + " AND e.birth_year BETWEEN v.birth_year - 1 AND v.birth_year + 1)"
            + " OR (v.phonetic_key IS NOT NULL AND v.postcode_key IS NOT NULL AND e.phonetic_key = v.phonetic_key"
            + " AND e.postcode_key = v.postcode_key))";

    private Report repeatVictims(Connection c, ReportRequest q, String team, Instant now) throws SQLException {
        CountTable t = new CountTable(q.by(), List.of("repeat", "first_in_12_months"), true, true);
        Where w = assessments(q, team);
        List<String> aliases = new ArrayList<>();
        StringBuilder inner = new StringBuilder("SELECT ");
        for (int i = 0; i < q.by().size(); i++) {
            aliases.add("d" + i);
            inner.append(COLUMN.get(q.by().get(i))).append(" AS d").append(i).append(", ");
        }
        inner.append("CASE WHEN EXISTS (SELECT 1 FROM srv_person v JOIN srv_person e ON e.role = 'VICTIM'"
                + " AND e.assessment_id <> v.assessment_id AND e.assessed_at < a.assessed_at"
                + " AND e.assessed_at >= a.assessed_at - INTERVAL '12' MONTH AND ").append(SAME_VICTIM)
                .append(" WHERE v.assessment_id = a.assessment_id AND v.role = 'VICTIM') THEN 'repeat' ELSE 'first_in_12_months' END"
                        + " AS kind FROM srv_assessment a WHERE ").append(w.sql);
        String groups = String.join(", ", aliases);
        query(c, "SELECT " + groups + ", kind, COUNT(*) FROM (" + inner + ") s GROUP BY " + groups + ", kind", w.args, rs -> {
            List<String> key = new ArrayList<>();
            for (int i = 1; i <= q.by().size(); i++) {
                key.add(shown(rs.getString(i)));
            }
            t.add(key, rs.getString(q.by().size() + 1), rs.getLong(q.by().size() + 2));
        });
        CountTable sorted = t.sortedRows();
        long repeat = sorted.rowCount() == 0 ? 0 : sorted.columnTotal(0);
        long all = sorted.grandTotal();
        Object share = all == 0 ? 0 : q.suppress() && (repeat > 0 && repeat < Suppression.THRESHOLD || all - repeat > 0
                && all - repeat < Suppression.THRESHOLD) ? PublishedTable.WITHHELD : Math.round(1000.0 * repeat / all) / 10.0;
        return report(q, sorted, now, List.of(new Report.Measure("repeat_share_percent", List.of(), share)), List.of("Repeat: the"
                + " victim was the victim of another assessment in the 12 months before, matched by force id, by name and date of birth,"
                + " or by a name that sounds the same with the birth year within a year or the same postcode (the person index)."
                + " Links are suggestions until a person confirms them."));
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static Object small(ReportRequest q, long n) {
        return q.suppress() && n > 0 && n < Suppression.THRESHOLD ? PublishedTable.SMALL : n;
    }

    /**
     * The most rows a suppressed table may have. The disclosure audit solves two linear programs per
     * small count; on 50 rows of three columns that takes about 1.4 s, on 200 rows over a minute.
     * A release is asked at a grain a reader can take in (a year by month, a force by district), so
     * a finer one is refused with a way forward instead of holding a server thread.
     */
    static final int MAX_SUPPRESSED_ROWS = 60;

    static void checkSuppressible(CountTable t) {
        if (t.rowCount() > MAX_SUPPRESSED_ROWS) {
            throw Refusal.badParameter("suppress", "too detailed to release with small-number suppression: " + t.rowCount()
                    + " rows (at most " + MAX_SUPPRESSED_ROWS + "); group the rows by fewer things or ask for a shorter range");
        }
    }

    private static Report report(ReportRequest q, CountTable t, Instant now, List<Report.Measure> measures, List<String> notes) {
        if (q.suppress()) {
            checkSuppressible(t);
        }
        PublishedTable published = q.suppress() ? Suppression.apply(t) : PublishedTable.plain(t);
        List<String> all = new ArrayList<>(notes);
        if (t.isEmpty()) {
            all.add(0, "Nothing matched: no assessments in this range" + (q.filters().isEmpty() ? "" : " with these filters") + ".");
        }
        if (q.suppress()) {
            all.add("Small-number suppression: " + PublishedTable.SMALL + " is a count from 1 to 4; " + PublishedTable.WITHHELD
                    + " is a larger count withheld so that no total gives a small one away.");
        }
        return new Report(q.kind().path(), q.kind().title(), q.from(), q.to(), q.filters(), q.by(), q.suppress(), now, published,
                measures, all, t.isEmpty());
    }

    private static String shown(String value) {
        return value == null || value.isBlank() ? NOT_RECORDED : value;
    }

    /** A WHERE clause over srv_assessment a: the range, the filters, the supervisor's team. */
    private record Where(String sql, List<Object> args) {
        Where and(String condition) {
            return new Where(sql + " AND " + condition, args);
        }
    }

    private static Where assessments(ReportRequest q, String team) {
        StringBuilder sql = new StringBuilder("a.assessed_at >= ? AND a.assessed_at < ?");
        List<Object> args = new ArrayList<>();
        args.add(q.from().atStartOfDay(ReportFacts.FORCE_ZONE).toOffsetDateTime());
        args.add(q.to().plusDays(1).atStartOfDay(ReportFacts.FORCE_ZONE).toOffsetDateTime());
        Map<String, String> filters = new LinkedHashMap<>(q.filters());
        if (team != null) {
            filters.put("team", team);
        }
        filters.forEach((name, value) -> {
            sql.append(" AND ").append(COLUMN.get(name)).append(" = ?");
            args.add(value);
        });
        return new Where(sql.toString(), args);
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private static void query(Connection c, String sql, List<Object> args, RowReader reader) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                Object a = args.get(i);
                if (a instanceof LocalDate d) {
                    ps.setObject(i + 1, d);
                } else {
                    ps.setObject(i + 1, a);
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        }
    }
}
