package org.dashdesk.server;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Bulk-loads a server database for benchmarks, generated inside the database (H2's
 * {@code SYSTEM_RANGE}, PostgreSQL's {@code generate_series}): {@code n} assessments, each with one
 * revision and one change; every tenth is team North's. Revision bodies are a short placeholder
 * (the benchmark measures indexes and queries, not 3 KB of JSON per row times a million).
 */
public final class BenchData {

    private BenchData() {
    }

    /** Creates (migrates) the database of this configuration and loads {@code n} assessments into it. */
    public static void preload(ServerConfig config, int n) {
        try (ServerStore store = ServerStore.open(config.effectiveJdbcUrl(), config.jdbcUser(), config.jdbcPassword(), 2)) {
            preload(store, config.effectiveJdbcUrl().startsWith("jdbc:postgresql:"), n);
        }
    }

    static void preload(ServerStore store, boolean postgres, int n) {
        String range = postgres ? "generate_series(1, " + n + ") AS g(x)" : "SYSTEM_RANGE(1, " + n + ") AS g(x)";
        String uuid = postgres ? "gen_random_uuid()" : "RANDOM_UUID()";
        String mod = postgres ? "(x % 10)" : "MOD(x, 10)";
        String collar = postgres ? "CAST(100000 + x % 500 AS VARCHAR)" : "CAST(100000 + MOD(x, 500) AS VARCHAR)";
        String team = "CASE WHEN " + mod + " = 0 THEN 'North' ELSE 'Team ' || CAST(" + mod + " AS VARCHAR) END";
        store.transaction(c -> {
            run(c, "INSERT INTO srv_assessment (assessment_id, head_revision_id, head_number, head_hash, state, owner_collar,"
                    + " updated_at, team, risk_level, children, queued_at) SELECT " + uuid + ", " + uuid + ", 1, 'bench', 'RETURNED', "
                    + collar + ", CURRENT_TIMESTAMP, " + team + ", 'STANDARD', FALSE, CURRENT_TIMESTAMP FROM " + range);
            return null;
        });
        store.transaction(c -> {
            run(c, "INSERT INTO srv_revision (assessment_id, revision_id, revision_number, content_hash, device_id, device_seq,"
                    + " submitted_by, received_at, revision_json) SELECT assessment_id, head_revision_id, 1, 'bench', 'bench', 1,"
                    + " owner_collar, CURRENT_TIMESTAMP, '{}' FROM srv_assessment WHERE head_hash = 'bench'");
            return null;
        });
        store.transaction(c -> {
            run(c, "INSERT INTO srv_change (seq, assessment_id, owner_collar, event, state, actor, note, at, revision_id, team)"
                    + " SELECT (SELECT last_seq FROM srv_change_clock) + ROW_NUMBER() OVER (ORDER BY assessment_id), assessment_id,"
                    + " owner_collar, 'RETURN', 'RETURNED', '9999', 'bench', CURRENT_TIMESTAMP, head_revision_id, team FROM srv_assessment"
                    + " WHERE head_hash = 'bench'");
            run(c, "UPDATE srv_change_clock SET last_seq = (SELECT MAX(seq) FROM srv_change)");
            return null;
        });
        store.transaction(c -> {
            run(c, "ANALYZE");
            return null;
        });
    }

    private static void run(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

}
