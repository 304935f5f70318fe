package org.dashdesk.server;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.dashdesk.evidence.ChainVerifier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: how long {@code server audit verify} takes for a large central audit log, on embedded
 * H2 and on PostgreSQL, against the floor measured in the same run: reading the same rows and
 * columns in the same order without hashing anything. The log is written through the real
 * sealing code ({@link AuditLedger#seal}, 1,000 rows a transaction, 5 rows per assessment).
 * Run: {@code mvn -B -Pbench test -Dtest=AuditVerifyBenchmark [-Dbench.auditRows=1000000]}.
 */
@Tag("benchmark")
class AuditVerifyBenchmark {

    static final int ROWS = Integer.getInteger("bench.auditRows", 1_000_000);

    @TempDir
    Path dir;

    @Test
    void verifyAgainstAPlainScan() throws Exception {
        System.out.printf("AuditVerifyBenchmark: %,d audit rows, %d cores, Java %s%n", ROWS, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        for (TestDatabases.Kind kind : TestDatabases.Kind.values()) {
            ServerConfig config = TestDatabases.devHttp(kind, dir.resolve(kind.name()));
            try (ServerStore store = ServerStore.open(config.effectiveJdbcUrl(), config.jdbcUser(), config.jdbcPassword(), 2)) {
                long t0 = System.nanoTime();
                List<UUID> assessments = new ArrayList<>();
                for (int i = 0; i < ROWS / 5 + 1; i++) {
                    assessments.add(UUID.randomUUID());
                }
                for (int done = 0; done < ROWS; done += 1000) {
                    int start = done;
                    List<AuditLedger.Pending> batch = new ArrayList<>();
                    for (int i = start; i < Math.min(ROWS, start + 1000); i++) {
                        batch.add(new AuditLedger.Pending(assessments.get(i / 5), Instant.now(), "1234", "officer",
                                "revision " + (i % 5 + 1) + " received (standard), now awaiting_sign_off"));
                    }
                    store.transaction(c -> AuditLedger.seal(c, batch, null, Instant.now()));
                }
                double loadS = (System.nanoTime() - t0) / 1e9;

                long f0 = System.nanoTime();
                long scanned = 0;
                try (Connection c = store.dataSource().getConnection()) {
                    c.setAutoCommit(false);
                    try (PreparedStatement q = c.prepareStatement("SELECT seq, assessment_id, at, actor, role, what, assessment_prev, log_prev,"
                            + " row_hash FROM srv_audit ORDER BY seq")) {
                        q.setFetchSize(5000);
                        try (ResultSet rs = q.executeQuery()) {
                            while (rs.next()) {
                                rs.getLong(1);
                                rs.getObject(2, UUID.class);
                                ServerStore.instant(rs, 3);
                                rs.getString(4);
                                rs.getString(5);
                                rs.getString(6);
                                rs.getString(7);
                                rs.getString(8);
                                rs.getString(9);
                                scanned++;
                            }
                        }
                    }
                    c.rollback();
                }
                double floorS = (System.nanoTime() - f0) / 1e9;

                long v0 = System.nanoTime();
                ChainVerifier.Result result;
                try (Connection c = store.dataSource().getConnection()) {
                    result = AuditLedger.verify(store.dataSource(), AuditLedger.headAnchor(c).stream().toList());
                }
                double verifyS = (System.nanoTime() - v0) / 1e9;
                if (!result.intact() || result.rows() != ROWS || scanned != ROWS) {
                    throw new AssertionError(kind + ": " + result.words() + ", scanned " + scanned);
                }
                System.out.printf("  %-8s written in %.1f s (%,.0f rows/s through seal); verify %.2f s (%,.0f rows/s); plain scan %.2f s;"
                        + " verify/scan %.2fx — %s%n", kind, loadS, ROWS / loadS, verifyS, ROWS / verifyS, floorS, verifyS / floorS,
                        result.words());
            }
        }
        // The command itself, end to end (opening, migrations check, anchors), on the H2 log.
        ServerConfig h2 = TestDatabases.devHttp(TestDatabases.Kind.H2, dir.resolve("H2"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long c0 = System.nanoTime();
        int exit = ServerEvidence.verify(h2, new PrintStream(out, true, StandardCharsets.UTF_8));
        System.out.printf("  'server audit verify' on the H2 log: exit %d in %.2f s: %s", exit, (System.nanoTime() - c0) / 1e9,
                out.toString(StandardCharsets.UTF_8));
    }
}
