package org.dashdesk.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.Arrays;
import java.util.UUID;

import org.dashdesk.assessment.Answer;
import org.dashdesk.grading.Choice;
import org.dashdesk.security.FileKeyProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Answer autosave latency through the real repository on the encrypted store, against the floor:
 * a raw single-row committed INSERT on a plain H2 file with the same durability setting.
 * Run: {@code mvn -B -Pbench test -Dtest=AutosaveBenchmark}.
 */
@Tag("benchmark")
class AutosaveBenchmark {

    private static final int WARM_UP = 1_000;
    private static final int OPS = 2_000;

    @TempDir
    Path dir;

    @Test
    void autosaveAgainstRawInsert() throws Exception {
        long[] autosave;
        try (H2AssessmentRepository repo = H2AssessmentRepository.open(dir.resolve("encrypted"), new FileKeyProvider())) {
            UUID id = repo.createDraft(StoreFixtures.fullDetails(), "1234").id();
            autosave = measure(i -> {
                String q = "Q" + (i % 27 + 1);
                repo.saveAnswer(id, Answer.choice(q, i % 2 == 0 ? Choice.YES : Choice.NO).withComment("benchmark note " + i), q, "1234");
            });
        }

        // What the chain adds (issue 14), measured on one encrypted store: the chained audit append
        // (head row, the assessment's last hash, SHA-256, insert, head update) against the plain
        // audit INSERT every autosave made before, each in its own committed transaction.
        long[] chained;
        long[] plainAudit;
        try (H2AssessmentRepository repo = H2AssessmentRepository.open(dir.resolve("chain"), new FileKeyProvider())) {
            UUID id = repo.createDraft(StoreFixtures.fullDetails(), "1234").id();
            Database db = repo.database();
            chained = measure(i -> db.inTransaction(c -> {
                AuditChain.append(c, id, java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC), "1234", "answered Q" + (i % 27 + 1));
                return null;
            }));
            plainAudit = measure(i -> db.inTransaction(c -> {
                try (PreparedStatement p = c.prepareStatement("INSERT INTO audit (seq, assessment_id, at, actor, what) VALUES (?, ?, ?, ?, ?)")) {
                    p.setLong(1, 10_000_000L + i);
                    p.setObject(2, id);
                    p.setObject(3, java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC));
                    p.setString(4, "1234");
                    p.setString(5, "answered Q" + (i % 27 + 1));
                    p.executeUpdate();
                }
                return null;
            }));
        }

        long[] floor;
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("plain").resolve("floor") + ";WRITE_DELAY=0", "sa", "")) {
            c.createStatement().execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(200))");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
                floor = measure(i -> {
                    p.setInt(1, i);
                    p.setString(2, "benchmark note " + i);
                    p.executeUpdate();
                });
            }
        }

        double a50 = percentile(autosave, 50);
        double a99 = percentile(autosave, 99);
        double f50 = percentile(floor, 50);
        double f99 = percentile(floor, 99);
        System.out.printf("AutosaveBenchmark: %d ops each after %d warm-up, %d cores, Java %s, H2 %s%n", OPS, WARM_UP,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), org.h2.engine.Constants.FULL_VERSION);
        System.out.printf("  autosave (H2AssessmentRepository.saveAnswer, CIPHER=AES, WRITE_DELAY=0): p50 %.3f ms  p99 %.3f ms%n", a50, a99);
        System.out.printf("  floor    (raw single-row INSERT, autocommit, plain file, WRITE_DELAY=0):  p50 %.3f ms  p99 %.3f ms%n", f50, f99);
        System.out.printf("  ratio autosave/floor: p50 %.2fx  p99 %.2fx%n", a50 / f50, a99 / f99);
        double c50 = percentile(chained, 50);
        double c99 = percentile(chained, 99);
        double u50 = percentile(plainAudit, 50);
        double u99 = percentile(plainAudit, 99);
        System.out.printf("  audit row, chained (AuditChain.append + commit, encrypted):  p50 %.3f ms  p99 %.3f ms%n", c50, c99);
        System.out.printf("  audit row, plain INSERT as before the chain (+ commit):      p50 %.3f ms  p99 %.3f ms%n", u50, u99);
        System.out.printf("  ratio chained/plain: p50 %.2fx  p99 %.2fx; the chain adds p50 %.3f ms to an autosave%n", c50 / u50, c99 / u99,
                c50 - u50);
    }

    @FunctionalInterface
    interface Op {
        void run(int i) throws Exception;
    }

    private static long[] measure(Op op) throws Exception {
        for (int i = 0; i < WARM_UP; i++) {
            op.run(i);
        }
        long[] nanos = new long[OPS];
        for (int i = 0; i < OPS; i++) {
            long t0 = System.nanoTime();
            op.run(WARM_UP + i);
            nanos[i] = System.nanoTime() - t0;
        }
        return nanos;
    }

    private static double percentile(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1_000_000.0;
    }
}
