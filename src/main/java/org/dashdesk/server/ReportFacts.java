package org.dashdesk.server;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.dashdesk.assessment.Answer;
import org.dashdesk.assessment.AssessmentJson;
import org.dashdesk.assessment.ReferralDecision;
import org.dashdesk.assessment.Revision;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * What the reports count, written beside the assessment in the same transaction as its head
 * revision (decision 0191): when it was taken and in which month, the channel, the policy, the
 * level the answers gave, the sign-off time, and the referrals and not-asked reasons as rows of
 * {@code srv_assessment_fact}. Only codes and times: never a name, an answer or a comment.
 */
final class ReportFacts {

    /** Months are the force's: an assessment at 00:30 on 1 August BST is August's. */
    static final ZoneId FORCE_ZONE = ZoneId.of("Europe/London");
    static final String PROMPTED = "REFERRAL_PROMPTED";
    static final String MADE = "REFERRAL_MADE";
    static final String NOT_ASKED = "NOT_ASKED";
    /** A grading criterion the head met (e.g. the repeat-MARAC or escalation criterion), for the history search. */
    static final String CRITERION = "CRITERION";
    private static final int BATCH = 500;
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM").withZone(FORCE_ZONE);

    private ReportFacts() {
    }

    static String month(Instant at) {
        return MONTH.format(at);
    }

    static String policy(Revision r) {
        return r.grading() == null ? null : ServerStore.clip(r.grading().policyId() + " " + r.grading().policyVersion(), 100);
    }

    /**
     * Called after the assessment row took revision {@code r} as its head.
     *
     * @param first true for revision 1: the assessment's time and month are set once, from it
     */
    static void headStored(Connection c, Revision r, boolean first, Instant received) throws SQLException {
        headFacts(c, r, first, received);
        PersonIndex.index(c, r);
    }

    /** The report columns and facts only (V8 runs before the person index exists; V10 builds it). */
    private static void headFacts(Connection c, Revision r, boolean first, Instant received) throws SQLException {
        if (first) {
            Instant taken = r.createdAt() == null ? received : r.createdAt();
            try (PreparedStatement up = c.prepareStatement("UPDATE srv_assessment SET assessed_at = ?, assessed_month = ?,"
                    + " first_received_at = ? WHERE assessment_id = ?")) {
                up.setObject(1, ServerStore.offset(taken));
                up.setString(2, month(taken));
                up.setObject(3, ServerStore.offset(received));
                up.setObject(4, r.assessmentId());
                up.executeUpdate();
            }
        }
        // A new head has not been signed by anyone: the sign-off clock runs again from the first receipt.
        try (PreparedStatement up = c.prepareStatement("UPDATE srv_assessment SET channel = ?, policy_version = ?, computed_level = ?,"
                + " signed_off_at = NULL, signoff_minutes = NULL WHERE assessment_id = ?")) {
            up.setString(1, r.content().channel() == null ? null : r.content().channel().name());
            up.setString(2, policy(r));
            up.setString(3, r.grading() == null || r.grading().computedLevel() == null ? null : r.grading().computedLevel().name());
            up.setObject(4, r.assessmentId());
            up.executeUpdate();
        }
        writeFacts(c, r);
    }

    private static void writeFacts(Connection c, Revision r) throws SQLException {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM srv_assessment_fact WHERE assessment_id = ?")) {
            del.setObject(1, r.assessmentId());
            del.executeUpdate();
        }
        Set<List<String>> facts = new LinkedHashSet<>();
        for (ReferralDecision d : r.content().referrals().values()) {
            facts.add(List.of(PROMPTED, d.referral().name()));
            if (d.chosen()) {
                facts.add(List.of(MADE, d.referral().name()));
            }
        }
        if (r.grading() != null) {
            for (String criterion : r.grading().criteria()) {
                facts.add(List.of(CRITERION, ServerStore.clip(criterion, 64)));
            }
        }
        for (Answer a : r.content().answers().values()) {
            if (a.notAsked() != null && !a.notAsked().isBlank()) {
                facts.add(List.of(NOT_ASKED, ServerStore.clip(a.notAsked(), 64)));
            }
        }
        if (facts.isEmpty()) {
            return;
        }
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO srv_assessment_fact (assessment_id, kind, item) VALUES (?, ?, ?)")) {
            for (List<String> f : facts) {
                ins.setObject(1, r.assessmentId());
                ins.setString(2, f.get(0));
                ins.setString(3, f.get(1));
                ins.addBatch();
            }
            ins.executeBatch();
        }
    }

    /** A supervisor signed the head off: the time it took, from the server's first receipt. */
    static void signedOff(Connection c, UUID assessmentId, Instant at) throws SQLException {
        Instant first = null;
        try (PreparedStatement q = c.prepareStatement("SELECT first_received_at FROM srv_assessment WHERE assessment_id = ?")) {
            q.setObject(1, assessmentId);
            try (ResultSet rs = q.executeQuery()) {
                if (rs.next()) {
                    first = ServerStore.instant(rs, 1);
                }
            }
        }
        try (PreparedStatement up = c.prepareStatement(
                "UPDATE srv_assessment SET signed_off_at = ?, signoff_minutes = ? WHERE assessment_id = ?")) {
            up.setObject(1, ServerStore.offset(at));
            if (first == null) {
                up.setNull(2, java.sql.Types.BIGINT);
            } else {
                up.setLong(2, Math.max(0, Duration.between(first, at).toMinutes()));
            }
            up.setObject(3, assessmentId);
            up.executeUpdate();
        }
    }

    /**
     * Flyway V8: fills the report columns and facts of assessments stored before V7, from their
     * revisions (revision 1 for the time taken, the head for the rest) and their last sign-off.
     */
    static final class FillExisting implements JavaMigration {

        @Override
        public MigrationVersion getVersion() {
            return MigrationVersion.fromVersion("8");
        }

        @Override
        public String getDescription() {
            return "fill report facts of existing assessments";
        }

        @Override
        public Integer getChecksum() {
            return 8_001;
        }

        @Override
        public boolean canExecuteInTransaction() {
            return true;
        }

        @Override
        public void migrate(Context context) throws Exception {
            fillAll(context.getConnection());
        }
    }

    /** Fills (again) the report columns and facts of every assessment from its stored revisions. */
    static void fillAll(Connection c) throws SQLException {
        UUID after = null;
        while (true) {
            List<UUID> ids = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement(after == null
                    ? "SELECT assessment_id FROM srv_assessment ORDER BY assessment_id FETCH FIRST " + BATCH + " ROWS ONLY"
                    : "SELECT assessment_id FROM srv_assessment WHERE assessment_id > ? ORDER BY assessment_id FETCH FIRST " + BATCH
                            + " ROWS ONLY")) {
                if (after != null) {
                    q.setObject(1, after);
                }
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getObject(1, UUID.class));
                    }
                }
            }
            if (ids.isEmpty()) {
                return;
            }
            for (UUID id : ids) {
                fill(c, id);
            }
            after = ids.get(ids.size() - 1);
        }
    }

    private static void fill(Connection c, UUID id) throws SQLException {
        Revision first = null;
        Revision head = null;
        Instant firstReceived = null;
        try (PreparedStatement q = c.prepareStatement("SELECT r.revision_json, r.received_at, r.revision_number = 1,"
                + " r.revision_id = a.head_revision_id FROM srv_revision r JOIN srv_assessment a ON a.assessment_id = r.assessment_id"
                + " WHERE r.assessment_id = ? AND (r.revision_number = 1 OR r.revision_id = a.head_revision_id)")) {
            q.setObject(1, id);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    Revision r = AssessmentJson.read(rs.getString(1), Revision.class);
                    if (rs.getBoolean(3)) {
                        first = r;
                        firstReceived = ServerStore.instant(rs, 2);
                    }
                    if (rs.getBoolean(4)) {
                        head = r;
                    }
                }
            }
        }
        if (first == null || head == null) {
            return;
        }
        headFacts(c, first, true, firstReceived);
        if (head != first) {
            headFacts(c, head, false, firstReceived);
        }
        Instant signed = null;
        try (PreparedStatement q = c.prepareStatement("SELECT ch.at FROM srv_change ch JOIN srv_assessment a"
                + " ON a.assessment_id = ch.assessment_id WHERE ch.assessment_id = ? AND ch.event = 'SIGN_OFF'"
                + " AND a.approved_revision_id IS NOT NULL ORDER BY ch.seq DESC FETCH FIRST 1 ROWS ONLY")) {
            q.setObject(1, id);
            try (ResultSet rs = q.executeQuery()) {
                if (rs.next()) {
                    signed = ServerStore.instant(rs, 1);
                }
            }
        }
        if (signed != null) {
            signedOff(c, id, signed);
        }
    }
}
