package org.dashdesk.server;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Locale;

import org.dashdesk.assessment.Dependant;
import org.dashdesk.assessment.People;
import org.dashdesk.assessment.PersonDetails;
import org.dashdesk.assessment.Revision;
import org.dashdesk.history.NameKey;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * The person index (issue 12, decision 0192): for each assessment's head revision, a row per
 * person with the keys a later assessment is matched on: folded name, phonetic name, date of
 * birth (or the year an approximate age gives), postcode and force id. Rebuilt for the assessment
 * whenever its head changes, in the same transaction; {@link #rebuildAll} after a change of rules.
 */
final class PersonIndex {

    static final String VICTIM = "VICTIM";
    static final String ABUSER = "ABUSER";
    static final String CHILD = "CHILD";

    private PersonIndex() {
    }

    static void index(Connection c, Revision r) throws SQLException {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM srv_person WHERE assessment_id = ?")) {
            del.setObject(1, r.assessmentId());
            del.executeUpdate();
        }
        OffsetDateTime assessed = null;
        try (PreparedStatement q = c.prepareStatement("SELECT assessed_at FROM srv_assessment WHERE assessment_id = ?")) {
            q.setObject(1, r.assessmentId());
            try (ResultSet rs = q.executeQuery()) {
                if (rs.next()) {
                    assessed = rs.getObject(1, OffsetDateTime.class);
                }
            }
        }
        People p = r.content().people();
        int year = assessed == null ? r.createdAt().atOffset(java.time.ZoneOffset.UTC).getYear() : assessed.getYear();
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO srv_person (assessment_id, role, person_no, name_key, phonetic_key,"
                + " date_of_birth, birth_year, postcode_key, force_id, assessed_at, initial_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            add(ins, r, VICTIM, 0, p.victimName(), p.victimDetails(), year, assessed);
            for (int i = 0; i < p.abuserNames().size(); i++) {
                String name = p.abuserNames().get(i);
                add(ins, r, ABUSER, i, name, p.abuserDetails().get(name), year, assessed);
            }
            for (int i = 0; i < p.dependants().size(); i++) {
                Dependant d = p.dependants().get(i);
                // A child's date of birth, when one was written, is matched on like an adult's.
                PersonDetails child = d.dateOfBirth().map(dob -> new PersonDetails(java.util.List.of(), dob, null, null, null, null, null,
                        null, null)).orElse(null);
                add(ins, r, CHILD, i, d.name(), child, year, assessed);
            }
            ins.executeBatch();
        }
    }

    private static void add(PreparedStatement ins, Revision r, String role, int no, String name, PersonDetails d, int year,
            OffsetDateTime assessed) throws SQLException {
        NameKey key = NameKey.of(name);
        String forceId = d == null || d.forceId() == null || d.forceId().isBlank() ? null
                : ServerStore.clip(d.forceId().strip().toUpperCase(Locale.ROOT), 40);
        if (!key.usable() && forceId == null) {
            // Nothing a later assessment could be matched on.
            return;
        }
        Integer birthYear = d == null ? null : d.dateOfBirth() != null ? Integer.valueOf(d.dateOfBirth().getYear())
                : d.approximateAge() != null ? Integer.valueOf(year - d.approximateAge()) : null;
        ins.setObject(1, r.assessmentId());
        ins.setString(2, role);
        ins.setInt(3, no);
        ins.setString(4, key.exact() == null ? null : ServerStore.clip(key.exact(), 200));
        ins.setString(5, key.phonetic());
        ins.setObject(6, d == null ? null : d.dateOfBirth());
        ins.setObject(7, birthYear);
        ins.setString(8, d == null ? null : d.postcodeKey());
        ins.setString(9, forceId);
        ins.setObject(10, assessed);
        ins.setString(11, key.initial());
        ins.addBatch();
    }

    /** Rebuilds the index for every assessment from its head revision (after a change of matching rules). */
    static int rebuildAll(Connection c) throws SQLException {
        int n = 0;
        java.util.UUID after = null;
        while (true) {
            java.util.List<String> heads = new java.util.ArrayList<>();
            java.util.List<java.util.UUID> ids = new java.util.ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("SELECT a.assessment_id, r.revision_json FROM srv_assessment a JOIN srv_revision r"
                    + " ON r.revision_id = a.head_revision_id" + (after == null ? "" : " WHERE a.assessment_id > ?")
                    + " ORDER BY a.assessment_id FETCH FIRST 500 ROWS ONLY")) {
                if (after != null) {
                    q.setObject(1, after);
                }
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getObject(1, java.util.UUID.class));
                        heads.add(rs.getString(2));
                    }
                }
            }
            if (ids.isEmpty()) {
                return n;
            }
            for (String json : heads) {
                index(c, org.dashdesk.assessment.AssessmentJson.read(json, Revision.class));
                n++;
            }
            after = ids.get(ids.size() - 1);
        }
    }

    /** Flyway V13 builds the index for the assessments held before it (V10 is kept, empty, for the numbering). */
    static final class FillExisting implements JavaMigration {
        private final String version;

        FillExisting(String version) {
            this.version = version;
        }

        @Override
        public MigrationVersion getVersion() {
            return MigrationVersion.fromVersion(version);
        }

        @Override
        public String getDescription() {
            return "build the person index of existing assessments";
        }

        @Override
        public Integer getChecksum() {
            return Integer.parseInt(version) * 1000 + 1;
        }

        @Override
        public boolean canExecuteInTransaction() {
            return true;
        }

        @Override
        public void migrate(Context context) throws Exception {
            if (version.equals("10")) {
                // The index gained its initial key in V12, before any release: V13 builds it whole.
                return;
            }
            rebuildAll(context.getConnection());
        }
    }
}
