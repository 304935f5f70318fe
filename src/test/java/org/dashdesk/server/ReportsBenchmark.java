package org.dashdesk.server;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import org.dashdesk.protocol.Protocol;
import org.dashdesk.security.Role;
import org.dashdesk.security.UserAccount;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13's figure: each report over {@code bench.reportRows} (default 1,000,000) assessments on
 * PostgreSQL, p50 and p99 over repeated runs through HTTP (JSON), beside a {@code count(*)} of
 * the same rows in the same run. Target: the level × month × district report within 1 s. The
 * rows are made in the database with {@code generate_series} (three years, 12 teams, 8
 * districts, 70/20/10 % standard/medium/high, a fifth phoned in, a third signed off), with facts
 * for referrals and questions not asked, and 100,000 safety-plan actions.
 * Run: {@code mvn -B -Pbench test -Dtest=ReportsBenchmark [-Dbench.reportRows=1000000] [-Dbench.runs=15]}.
 */
@Tag("benchmark")
class ReportsBenchmark {

    static final int ROWS = Integer.getInteger("bench.reportRows", 1_000_000);
    static final int RUNS = Integer.getInteger("bench.runs", 15);
    static final String RANGE = "from=2023-01-01&to=2025-12-31";

    @TempDir
    Path dir;

    @Test
    void everyReportAgainstACountOfTheSameRows() throws Exception {
        ServerConfig config = TestDatabases.onUrl(TestDatabases.freshPostgresUrl());
        try (ReferenceServer server = ReferenceServer.start(config, ServerPolicy.defaults().withIterations(10_000), Clock.systemUTC())) {
            server.addUser(new UserAccount("analyst1", "Synthetic Analyst", "", Set.of(Role.ANALYST), "Performance"),
                    "synthetic analyst phrase".toCharArray());
            long t0 = System.nanoTime();
            try (ServerStore store = ServerStore.open(config.effectiveJdbcUrl(), config.jdbcUser(), config.jdbcPassword(), 1);
                    Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
                load(s);
            }
            System.out.printf("ReportsBenchmark: %,d assessments made on PostgreSQL in %.0f s; %d runs each, %d cores%n", ROWS,
                    (System.nanoTime() - t0) / 1e9, RUNS, Runtime.getRuntime().availableProcessors());
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String token = ReportsBenchmarkSignIn.signIn(http, server, "analyst1", "synthetic analyst phrase");

            double[] count;
            try (ServerStore store = ServerStore.open(config.effectiveJdbcUrl(), config.jdbcUser(), config.jdbcPassword(), 1);
                    Connection c = store.dataSource().getConnection()) {
                count = time(() -> {
                    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM srv_assessment"
                            + " WHERE assessed_at >= TIMESTAMP WITH TIME ZONE '2023-01-01 00:00:00+00'"
                            + " AND assessed_at < TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'")) {
                        rs.next();
                        if (rs.getLong(1) < ROWS * 0.99) {
                            throw new AssertionError("count " + rs.getLong(1));
                        }
                    }
                });
            }
            System.out.printf("  %-40s p50 %6.0f ms  p99 %6.0f ms%n", "count(*) of the same rows (baseline)", count[0], count[1]);
            for (String report : List.of("levels?by=month,district", "levels?by=month", "levels?by=team,channel,policy", "sign-off",
                    "referrals", "judgement", "completeness", "actions", "levels?by=month&suppress=true", "repeat-victims")) {
                String path = Protocol.REPORTS + "/" + report + (report.contains("?") ? "&" : "?") + RANGE;
                double[] t = time(() -> {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.uri().resolve(path))
                            .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 200) {
                        throw new AssertionError(report + ": " + r.statusCode() + " " + r.body());
                    }
                });
                System.out.printf("  %-40s p50 %6.0f ms  p99 %6.0f ms  (%.1f× / %.1f× the count)%s%n", report, t[0], t[1], t[0] / count[0],
                        t[1] / count[1], report.equals("levels?by=month,district") ? (t[0] <= 1000 ? "  target ≤ 1 s: met" : "  target ≤ 1 s: NOT met") : "");
            }
        }
    }

    interface Work {
        void run() throws Exception;
    }

    /** p50 and p99 in ms over RUNS runs after one warm-up. */
    static double[] time(Work w) throws Exception {
        w.run();
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            long t = System.nanoTime();
            w.run();
            ms.add((System.nanoTime() - t) / 1e6);
        }
        Collections.sort(ms);
        return new double[] {ms.get(ms.size() / 2), ms.get(Math.min(ms.size() - 1, (int) Math.ceil(ms.size() * 0.99) - 1))};
    }

    static void load(Statement s) throws Exception {
        s.execute("INSERT INTO srv_assessment (assessment_id, head_revision_id, head_number, head_hash, state, owner_collar, updated_at,"
                + " team, risk_level, children, incident_ref, district, queued_at, assessed_at, assessed_month, first_received_at, channel,"
                + " policy_version, computed_level, signed_off_at, signoff_minutes)"
                + " SELECT md5('a' || i)::uuid, md5('r' || i)::uuid, 1, 'h', 'AWAITING_SIGN_OFF', '1234', ts, 'Team ' || (i % 12),"
                + " CASE WHEN i % 10 < 7 THEN 'STANDARD' WHEN i % 10 < 9 THEN 'MEDIUM' ELSE 'HIGH' END, false, 'INC-' || i,"
                + " 'District ' || (i % 8), ts, ts, to_char(ts AT TIME ZONE 'Europe/London', 'YYYY-MM'), ts,"
                + " CASE WHEN i % 5 = 0 THEN 'PHONE_IN' ELSE 'AT_SCENE' END, 'dash-2009-default 1.0',"
                + " CASE WHEN i % 10 < 8 THEN 'STANDARD' WHEN i % 10 < 9 THEN 'MEDIUM' ELSE 'HIGH' END,"
                + " CASE WHEN i % 3 = 0 THEN ts + (i % 100) * interval '1 hour' END, CASE WHEN i % 3 = 0 THEN (i % 100) * 60 END"
                + " FROM (SELECT i, TIMESTAMP WITH TIME ZONE '2023-01-01 00:00:00+00' + (i % 1095) * interval '1 day'"
                + " + (i % 24) * interval '1 hour' AS ts FROM generate_series(1, " + ROWS + ") i) g");
        s.execute("INSERT INTO srv_assessment_fact (assessment_id, kind, item) SELECT assessment_id, 'REFERRAL_PROMPTED', 'MARAC'"
                + " FROM srv_assessment WHERE risk_level = 'HIGH'");
        s.execute("INSERT INTO srv_assessment_fact (assessment_id, kind, item) SELECT assessment_id, 'REFERRAL_MADE', 'MARAC'"
                + " FROM srv_assessment WHERE risk_level = 'HIGH'");
        s.execute("INSERT INTO srv_assessment_fact (assessment_id, kind, item) SELECT assessment_id, 'REFERRAL_PROMPTED', 'IDVA'"
                + " FROM srv_assessment WHERE risk_level <> 'STANDARD'");
        s.execute("INSERT INTO srv_assessment_fact (assessment_id, kind, item) SELECT assessment_id, 'NOT_ASKED', 'victim_declined'"
                + " FROM srv_assessment WHERE incident_ref LIKE '%7'");
        s.execute("INSERT INTO srv_action (action_id, assessment_id, description, owner_collar, due, state, updated_at, updated_by)"
                + " SELECT md5('x' || i)::uuid, md5('a' || i)::uuid, 'Synthetic action', '1234', DATE '2023-01-01' + (i % 1095),"
                + " CASE WHEN i % 3 = 0 THEN 'DONE' ELSE 'OPEN' END, now(), 'cru' FROM generate_series(1, " + ROWS / 10 + ") i");
        s.execute("ANALYZE");
    }
}
