package org.dashdesk.server;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.dashdesk.assessment.AssessmentContent;
import org.dashdesk.assessment.AssessmentJson;
import org.dashdesk.assessment.People;
import org.dashdesk.assessment.PersonDetails;
import org.dashdesk.assessment.Revision;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 12's figure: how long {@link PersonIndex#rebuildAll} takes to build the person index from
 * stored revisions (parse each head, fold and code every name, insert), for {@code bench.revisions}
 * (default 100,000) on PostgreSQL, with the rate and the time it implies for 1,000,000; beside
 * reading the same revisions' JSON alone in the same run.
 * Run: {@code mvn -B -Pbench test -Dtest=PersonIndexBuildBenchmark [-Dbench.revisions=100000]}.
 */
@Tag("benchmark")
class PersonIndexBuildBenchmark {

    static final int N = Integer.getInteger("bench.revisions", 100_000);

    @Test
    void rebuildFromRevisions() throws Exception {
        ServerConfig config = TestDatabases.onUrl(TestDatabases.freshPostgresUrl());
        try (ServerStore store = ServerStore.open(config.effectiveJdbcUrl(), config.jdbcUser(), config.jdbcPassword(), 1);
                Connection c = store.dataSource().getConnection()) {
            c.setAutoCommit(false);
            String[] forenames = {"Katherine", "Mohammed", "Zoë", "Siân", "Jonathan", "Aisha", "Sarah", "Wojciech"};
            String[] surnames = {"Smith", "O'Neill", "Brown-Jones", "Khan", "Nowak", "Ahmed", "Davies", "Fitzgerald"};
            AssessmentContent base = TestRevisions.content(2);
            long l0 = System.nanoTime();
            try (PreparedStatement rev = c.prepareStatement("INSERT INTO srv_revision (assessment_id, revision_id, revision_number,"
                    + " content_hash, device_id, device_seq, submitted_by, received_at, revision_json) VALUES (?, ?, 1, ?, 'd', ?, '1234', now(), ?)");
                    PreparedStatement head = c.prepareStatement("INSERT INTO srv_assessment (assessment_id, head_revision_id, head_number,"
                            + " head_hash, state, owner_collar, updated_at, assessed_at) VALUES (?, ?, 1, 'h', 'SUBMITTED', '1234', now(), now())")) {
                for (int i = 0; i < N; i++) {
                    People p = new People(forenames[i % 8] + " " + surnames[(i / 8) % 8] + i, List.of("Abuser " + surnames[i % 8]), List.of(),
                            false).withVictimDetails(new PersonDetails(List.of(), LocalDate.of(1950, 1, 1).plusDays(i % 20000), null, null,
                            null, i % 3 == 0 ? "ME14 1XX" : null, null, null, i % 4 == 0 ? "PNC-" + i : null));
                    AssessmentContent content = base.withPeople(p);
                    Revision r = new Revision(UUID.randomUUID(), UUID.randomUUID(), null, 1, null, Instant.parse("2026-01-01T00:00:00Z"),
                            "1234", content, null, "h");
                    rev.setObject(1, r.assessmentId());
                    rev.setObject(2, r.revisionId());
                    rev.setString(3, "h");
                    rev.setLong(4, i + 1);
                    rev.setString(5, AssessmentJson.canonical(r));
                    rev.addBatch();
                    head.setObject(1, r.assessmentId());
                    head.setObject(2, r.revisionId());
                    head.addBatch();
                    if (i % 1000 == 999) {
                        rev.executeBatch();
                        head.executeBatch();
                        c.commit();
                    }
                }
                rev.executeBatch();
                head.executeBatch();
                c.commit();
            }
            System.out.printf("PersonIndexBuildBenchmark: %,d revisions stored in %.0f s%n", N, (System.nanoTime() - l0) / 1e9);
            long r0 = System.nanoTime();
            long chars = 0;
            try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT r.revision_json FROM srv_assessment a JOIN srv_revision r"
                    + " ON r.revision_id = a.head_revision_id")) {
                while (rs.next()) {
                    chars += AssessmentJson.read(rs.getString(1), Revision.class).content().people().victimName().length();
                }
            }
            double read = (System.nanoTime() - r0) / 1e9;
            long b0 = System.nanoTime();
            int n = PersonIndex.rebuildAll(c);
            c.commit();
            double build = (System.nanoTime() - b0) / 1e9;
            System.out.printf("  read and parse the heads alone: %.1f s; rebuildAll: %.1f s for %,d (%.0f/s, %.1f× the read);"
                    + " 1,000,000 would take about %.0f min (%d)%n", read, build, n, n / build, build / read, 1_000_000 / (n / build) / 60,
                    chars % 10);
        }
    }
}
