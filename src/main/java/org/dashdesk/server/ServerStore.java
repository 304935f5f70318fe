package org.dashdesk.server;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.dashdesk.assessment.AssessmentJson;
import org.dashdesk.assessment.AssessmentState;
import org.dashdesk.assessment.Revision;
import org.dashdesk.assessment.StoreException;
import org.dashdesk.protocol.Change;
import org.dashdesk.protocol.ChangesPage;
import org.dashdesk.protocol.Head;
import org.dashdesk.protocol.Receipt;
import org.dashdesk.protocol.RevisionUpload;
import org.flywaydb.core.Flyway;

/**
 * The server's database. Only portable SQL (H2 and PostgreSQL): a revision is stored exactly once
 * because the unique keys say so, inside one transaction with the head check, so two racing
 * requests cannot both win — on one node or on several sharing the database. The schema is
 * Flyway's ({@code db/migration}); the pool is HikariCP's.
 */
final class ServerStore implements AutoCloseable {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HikariDataSource pool;
    private final String where;
    /** The audit rows of the transaction running on this thread, appended to the chain just before it commits. */
    private static final ThreadLocal<List<AuditLedger.Pending>> PENDING_AUDIT = new ThreadLocal<>();
    private volatile AuditLedger.Notary notary;

    private ServerStore(HikariDataSource pool, String where) {
        this.pool = pool;
        this.where = where;
    }

    /**
     * The default embedded store: {@code DIR/dashdesk-server.mv.db}, every commit written at once,
     * no trace file (it would hold SQL with answer text, decision 0121), lock waits long enough
     * for the change clock's queue (decision 0123).
     */
    static String defaultJdbcUrl(Path dataDir) {
        // MAX_COMPACT_TIME: see the client store (decision 0012); space is given back at shutdown.
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve(FILE_NAME)
                + ";WRITE_DELAY=0;MAX_COMPACT_TIME=3000;TRACE_LEVEL_FILE=0;LOCK_TIMEOUT=10000";
    }

    static final String FILE_NAME = "dashdesk-server";

    /**
     * Where the Flyway scripts are: the shared ones, then the few that differ by database, in a
     * folder named after the JDBC sub-protocol ({@code h2}, {@code postgresql}).
     */
    static String[] migrations(String jdbcUrl) {
        String vendor = jdbcUrl.startsWith("jdbc:postgresql:") ? "postgresql" : "h2";
        return new String[] {"classpath:org/dashdesk/server/db/migration/common", "classpath:org/dashdesk/server/db/migration/" + vendor};
    }

    /**
     * Opens (creating or upgrading through Flyway) the server's database behind a HikariCP pool.
     * An H2 file database gets its folder made private (0700) and its files 0600, and never a
     * trace file, whatever the operator's URL says.
     */
    static ServerStore open(String jdbcUrl, String user, String password, int poolSize) {
        String url = hardenH2(jdbcUrl);
        // Only the address part in messages: a URL may carry settings, or (against advice) a password.
        String where = jdbcUrl.replaceAll("[;?].*", "");
        Optional<Path> folder = h2Folder(url);
        folder.ifPresent(ServerFiles::makePrivateFolder);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        // Flyway holds two connections while it migrates (its lock and its work).
        config.setMaximumPoolSize(Math.max(2, poolSize));
        config.setMinimumIdle(1);
        config.setPoolName("dashdesk-server");
        config.setConnectionTimeout(10_000);
        // Fail at start-up, naming the database, rather than at the first request.
        config.setInitializationFailTimeout(1);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("server database " + where + " cannot be opened: " + rootMessage(e), e);
        }
        try {
            flyway(pool, url)
                    // A database made by the hand-written runner has tables but no history: it is
                    // baselined at 0 and V1 (all IF NOT EXISTS) passes over it (decision 0120).
                    .baselineOnMigrate(true).baselineVersion("0").load().migrate();
        } catch (RuntimeException e) {
            pool.close();
            // Flyway's message names the failed script and statement, never row values.
            throw new StoreException("server database " + where + " cannot be migrated: " + rootMessage(e), e);
        }
        folder.ifPresent(ServerFiles::makeFilesPrivate);
        return new ServerStore(pool, where);
    }

    /** The pool, for metrics and for tests that need a connection of their own. */
    DataSource dataSource() {
        return pool;
    }

    /** HikariCP's pool (metrics bind to it). */
    HikariDataSource hikari() {
        return pool;
    }

    /** Whether the database answers and every migration has been applied (for a readiness check). */
    boolean ready() {
        try {
            try (Connection c = pool.getConnection()) {
                if (!c.isValid(2)) {
                    return false;
                }
            }
            // Flyway borrows connections of its own: the one above is given back first.
            return flyway(pool, pool.getJdbcUrl()).load().info().pending().length == 0;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /** The scripts, and the one Java step (V6, chaining the audit rows written before the chain). */
    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(DataSource pool, String url) {
        return Flyway.configure().dataSource(pool).locations(migrations(url)).table("srv_schema_history")
                .javaMigrations(new AuditLedger.ChainExistingRows(), new ReportFacts.FillExisting(), new PersonIndex.FillExisting("10"),
                        new PersonIndex.FillExisting("13"));
    }

    /** Signs and files audit checkpoints from now on (the running server; account tools need none). */
    /** Work done in an upload's transaction after a new head is stored and audited (the history check after submission). */
    @FunctionalInterface
    interface AfterHead {
        void stored(Connection c, Revision r, String ownerCollar, String state, Instant at) throws SQLException;
    }

    private volatile AfterHead afterHead = (c, r, owner, state, at) -> { };

    void afterHead(AfterHead hook) {
        this.afterHead = hook;
    }

    void useNotary(AuditLedger.Notary notary) {
        this.notary = notary;
    }

    AuditLedger.Notary notary() {
        return notary;
    }

    /** The hourly checkpoint, when the log grew since the last one and that is an hour old. */
    void checkpointIfStale(Instant now, java.time.Duration maxAge) {
        AuditLedger.Notary n = notary;
        if (n == null) {
            return;
        }
        transaction(c -> AuditLedger.checkpointIfStale(c, n, now, maxAge)).ifPresent(cp -> AuditLedger.file(cp, n.folder()));
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** An H2 URL without a trace-file setting gets TRACE_LEVEL_FILE=0: H2's trace would copy SQL, values and all, to disk. */
    static String hardenH2(String url) {
        if (!url.startsWith("jdbc:h2:") || url.toUpperCase(java.util.Locale.ROOT).contains("TRACE_LEVEL_FILE")) {
            return url;
        }
        return url + ";TRACE_LEVEL_FILE=0";
    }

    /** The folder of an H2 file database ({@code jdbc:h2:file:/x/y} or {@code jdbc:h2:/x/y}), if this is one. */
    static Optional<Path> h2Folder(String url) {
        if (!url.startsWith("jdbc:h2:") || url.startsWith("jdbc:h2:mem:") || url.startsWith("jdbc:h2:tcp:")
                || url.startsWith("jdbc:h2:ssl:")) {
            return Optional.empty();
        }
        String rest = url.substring("jdbc:h2:".length()).replaceAll(";.*", "");
        if (rest.startsWith("file:")) {
            rest = rest.substring("file:".length());
        }
        if (rest.startsWith("~")) {
            rest = System.getProperty("user.home") + rest.substring(1);
        }
        Path parent = Path.of(rest).toAbsolutePath().getParent();
        return Optional.ofNullable(parent);
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * One transaction; SQL failures become {@link StoreException}s naming the database and the
     * SQL state only: a driver's message can quote the values of the failed row (a victim's name
     * in a comment), and that text must never reach a log line (decision 0121).
     */
    <T> T transaction(Work<T> work) {
        try {
            return inTransaction(work);
        } catch (StoreFailure e) {
            throw e.toStoreException(where);
        }
    }

    private <T> T inTransaction(Work<T> work) {
        Connection c;
        try {
            c = pool.getConnection();
        } catch (SQLException e) {
            throw new StoreException("server database " + where + " unavailable (SQL state " + e.getSQLState() + ")");
        }
        List<AuditLedger.Pending> outer = PENDING_AUDIT.get();
        List<AuditLedger.Pending> pending = new ArrayList<>();
        PENDING_AUDIT.set(pending);
        Optional<org.dashdesk.evidence.AuditCheckpoint> checkpoint;
        T result;
        try (c) {
            c.setAutoCommit(false);
            try {
                result = work.run(c);
                // The chain's head lock is the last lock taken, held only for the appends and the commit.
                checkpoint = AuditLedger.seal(c, pending, notary, Instant.now());
                c.commit();
            } catch (SQLException e) {
                rollback(c);
                throw new StoreFailure(e);
            } catch (RuntimeException e) {
                rollback(c);
                throw e;
            }
        } catch (SQLException e) {
            // setAutoCommit or close failed: the connection is broken (HikariCP evicts it).
            throw new StoreFailure(e);
        } finally {
            PENDING_AUDIT.set(outer);
        }
        AuditLedger.Notary n = notary;
        if (checkpoint.isPresent() && n != null) {
            AuditLedger.file(checkpoint.get(), n.folder());
        }
        return result;
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            // HikariCP discards a connection whose rollback failed
        }
    }

    /** A failed statement, kept apart so a unique-key race can be told from a broken database. */
    static final class StoreFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String sqlState;
        private final int errorCode;

        /** Keeps only the SQL state and vendor code: the driver's message may quote row values. */
        StoreFailure(SQLException cause) {
            super("SQL state " + cause.getSQLState() + ", error " + cause.getErrorCode(), null, false, false);
            this.sqlState = cause.getSQLState();
            this.errorCode = cause.getErrorCode();
        }

        boolean uniqueViolation() {
            return UNIQUE_VIOLATION.equals(sqlState);
        }

        String sqlState() {
            return sqlState;
        }

        StoreException toStoreException(String where) {
            return new StoreException("server database " + where + ": statement failed (SQL state " + sqlState + ", error "
                    + errorCode + ")");
        }
    }

    /** One transaction, run again once if it lost a unique-key race (the retry then sees the winner's row). */
    <T> T transactionRetryingUnique(Work<T> work) {
        try {
            return inTransaction(work);
        } catch (StoreFailure e) {
            if (!e.uniqueViolation()) {
                throw e.toStoreException(where);
            }
            return transaction(work);
        }
    }

    /**
     * Stores the upload unless it is a replay or a conflict. A lost unique-key race is retried once,
     * and the retry then sees the winner (a replay, or a conflict).
     */
    PutOutcome put(RevisionUpload upload, Principal who, String routedState, Instant now) {
        String json = AssessmentJson.canonical(upload.revision());
        Optional<PutOutcome.Invalid> tooBig = UploadRules.check(upload, json);
        if (tooBig.isPresent()) {
            return tooBig.get();
        }
        try {
            return inTransaction(c -> put(c, upload, who, routedState, now, json));
        } catch (StoreFailure e) {
            if (!e.uniqueViolation()) {
                throw e.toStoreException(where);
            }
            try {
                return inTransaction(c -> put(c, upload, who, routedState, now, json));
            } catch (StoreFailure again) {
                throw again.toStoreException(where);
            }
        }
    }

    private PutOutcome put(Connection c, RevisionUpload upload, Principal who, String routedState, Instant now, String json)
            throws SQLException {
        Revision r = upload.revision();
        // The assessment belongs to the officer the revision names; that is the uploader except when IMU
        // staff upload on an officer's behalf (checked by the caller, decision 0033).
        String ownerCollar = r.createdBy() == null || r.createdBy().isBlank() ? who.collar() : r.createdBy();
        boolean onBehalf = !ownerCollar.equals(who.collar());
        Head head = null;
        String storedOwner = null;
        UUID approved = null;
        try (PreparedStatement q = c.prepareStatement("SELECT head_revision_id, head_number, head_hash, owner_collar,"
                + " approved_revision_id FROM srv_assessment WHERE assessment_id = ? FOR UPDATE")) {
            q.setObject(1, r.assessmentId());
            try (ResultSet rs = q.executeQuery()) {
                if (rs.next()) {
                    head = new Head(rs.getObject(1, UUID.class), rs.getInt(2), rs.getString(3));
                    storedOwner = rs.getString(4);
                    approved = rs.getObject(5, UUID.class);
                }
            }
        }
        // Looked up after the head row is locked: a racing identical upload has then committed and is seen as a replay.
        try (PreparedStatement q = c.prepareStatement(
                "SELECT assessment_id, content_hash, server_seq, received_at FROM srv_revision WHERE revision_id = ?")) {
            q.setObject(1, r.revisionId());
            try (ResultSet rs = q.executeQuery()) {
                if (rs.next()) {
                    UUID storedAssessment = rs.getObject(1, UUID.class);
                    String storedHash = rs.getString(2);
                    if (!storedAssessment.equals(r.assessmentId())) {
                        return new PutOutcome.IdTaken("revision id " + r.revisionId() + " is already used by another assessment");
                    }
                    if (!storedHash.equals(r.contentHash())) {
                        return new PutOutcome.IdTaken("revision " + r.revisionId()
                                + " is already stored with different content (hash " + storedHash + ")");
                    }
                    return new PutOutcome.Stored(new Receipt(storedAssessment, r.revisionId(), storedHash, rs.getLong(3),
                            instant(rs, 4)), true);
                }
            }
        }
        if (storedOwner != null && !storedOwner.equals(ownerCollar)) {
            return new PutOutcome.Forbidden("assessment " + r.assessmentId() + " belongs to another officer;"
                    + " only its own officer (or IMU staff on their behalf) may add revisions");
        }
        if (head == null ? r.baseRevisionId() != null : !head.revisionId().equals(r.baseRevisionId())) {
            return new PutOutcome.NotHead(head, head == null
                    ? "the base revision " + r.baseRevisionId() + " is not on the server: the assessment has no revisions yet"
                    : "the base revision " + r.baseRevisionId() + " is not the current head " + head.revisionId()
                            + " (revision " + head.revisionNumber() + ")");
        }
        Optional<String> ownerTeam = onBehalf ? teamOf(c, ownerCollar) : Optional.empty();
        if (onBehalf && ownerTeam.isEmpty()) {
            return UploadRules.unknownOwner(ownerCollar);
        }
        int expectedNumber = head == null ? 1 : head.revisionNumber() + 1;
        if (r.revisionNumber() != expectedNumber) {
            return new PutOutcome.Invalid("revision.revisionNumber", "must be " + expectedNumber + ", is " + r.revisionNumber());
        }
        Instant received = now.truncatedTo(ChronoUnit.MILLIS);
        long seq;
        try (PreparedStatement ins = c.prepareStatement("""
                INSERT INTO srv_revision (assessment_id, revision_id, revision_number, base_revision_id, content_hash,
                  device_id, device_seq, submitted_by, received_at, revision_json)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", Statement.RETURN_GENERATED_KEYS)) {
            ins.setObject(1, r.assessmentId());
            ins.setObject(2, r.revisionId());
            ins.setInt(3, r.revisionNumber());
            ins.setObject(4, r.baseRevisionId());
            ins.setString(5, r.contentHash());
            ins.setString(6, upload.deviceId());
            ins.setLong(7, upload.deviceSeq());
            // Who uploaded it, which differs from the owner when IMU staff upload on an officer's behalf.
            ins.setString(8, who.collar());
            ins.setObject(9, offset(received));
            ins.setString(10, json);
            ins.executeUpdate();
            try (ResultSet keys = ins.getGeneratedKeys()) {
                keys.next();
                seq = keys.getLong(1);
            }
        }
        String sql = head == null
                ? "INSERT INTO srv_assessment (head_revision_id, head_number, head_hash, state, owner_collar, updated_at,"
                        + " team, risk_level, children, incident_ref, district, queued_at, approved_revision_id, assessment_id)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                : "UPDATE srv_assessment SET head_revision_id = ?, head_number = ?, head_hash = ?, state = ?, owner_collar = ?,"
                        + " updated_at = ?, team = ?, risk_level = ?, children = ?, incident_ref = ?, district = ?, queued_at = ?,"
                        + " approved_revision_id = ? WHERE assessment_id = ?";
        try (PreparedStatement up = c.prepareStatement(sql)) {
            up.setObject(1, r.revisionId());
            up.setInt(2, r.revisionNumber());
            up.setString(3, r.contentHash());
            up.setString(4, routedState);
            up.setString(5, ownerCollar);
            up.setObject(6, offset(received));
            up.setString(7, onBehalf ? ownerTeam.get() : who.team());
            up.setString(8, r.grading().level().name());
            up.setBoolean(9, childrenInvolved(r));
            up.setString(10, clip(r.content().incident().incidentReference(), 100));
            up.setString(11, clip(r.content().incident().district(), 100));
            up.setObject(12, offset(received));
            // A new revision voids any approval: the new content has not been signed by anyone.
            up.setObject(13, null);
            up.setObject(14, r.assessmentId());
            up.executeUpdate();
        }
        ReportFacts.headStored(c, r, head == null, received);
        if (approved != null) {
            audit(c, r.assessmentId(), received, who.actor(), Principal.roleName(org.dashdesk.security.Role.OFFICER),
                    "approval of revision " + head.revisionNumber() + " voided by revision " + r.revisionNumber());
        }
        audit(c, r.assessmentId(), received, who.actor(), onBehalf ? Principal.roleName(org.dashdesk.security.Role.IMU)
                : Principal.roleName(org.dashdesk.security.Role.OFFICER),
                "revision " + r.revisionNumber() + " received (" + r.grading().level().name().toLowerCase(java.util.Locale.ROOT)
                        + "), now " + routedState + (onBehalf ? "; uploaded on behalf of collar " + ownerCollar : ""));
        afterHead.stored(c, r, ownerCollar, routedState, received);
        return new PutOutcome.Stored(new Receipt(r.assessmentId(), r.revisionId(), r.contentHash(), seq, received), false);
    }

    /** The team of the server account with this collar, when there is one. */
    private static Optional<String> teamOf(Connection c, String collar) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT team FROM srv_user WHERE collar = ?")) {
            q.setString(1, collar);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /**
     * The original receipt of a revision already stored under these ids with this hash, when the
     * asker uploaded it or owns its assessment; empty otherwise (then the upload is judged afresh,
     * so nobody else learns a receipt).
     */
    Optional<Receipt> replay(UUID assessmentId, UUID revisionId, String contentHash, String collar) {
        if (collar == null || collar.isBlank()) {
            return Optional.empty();
        }
        return transaction(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT r.server_seq, r.received_at FROM srv_revision r"
                    + " JOIN srv_assessment a ON a.assessment_id = r.assessment_id"
                    + " WHERE r.assessment_id = ? AND r.revision_id = ? AND r.content_hash = ?"
                    + " AND (r.submitted_by = ? OR a.owner_collar = ?)")) {
                q.setObject(1, assessmentId);
                q.setObject(2, revisionId);
                q.setString(3, contentHash);
                q.setString(4, collar);
                q.setString(5, collar);
                try (ResultSet rs = q.executeQuery()) {
                    return rs.next() ? Optional.of(new Receipt(assessmentId, revisionId, contentHash, rs.getLong(1), instant(rs, 2)))
                            : Optional.<Receipt>empty();
                }
            }
        });
    }

    /** Standard cases where children or dependants are involved also go to CRU. */
    static boolean childrenInvolved(Revision r) {
        var people = r.content().people();
        return Boolean.TRUE.equals(people.childrenOrDependants()) || !people.dependants().isEmpty();
    }

    static String clip(String s, int max) {
        return s == null ? null : s.length() <= max ? s : s.substring(0, max);
    }

    /** One row of the central audit trail: who, in which role, when, what. Never answer text or names. */
    static void audit(Connection c, UUID assessmentId, Instant at, String actor, String role, String what) throws SQLException {
        List<AuditLedger.Pending> pending = PENDING_AUDIT.get();
        if (pending == null) {
            throw new IllegalStateException("an audit row is written inside ServerStore.transaction only");
        }
        // Written, chained, just before this transaction commits (AuditLedger.seal).
        pending.add(new AuditLedger.Pending(assessmentId, at.truncatedTo(ChronoUnit.MILLIS), actor, role, clip(what, 500)));
    }

    /**
     * Changes after {@code since}, oldest first, of the assessments this user may see: their own;
     * for a supervisor, those of their team and those they cover (decision 0113, the queue's rule);
     * for CRU, those in CRU's remit. Return comments are case detail, so nobody else gets them.
     *
     * <p>Each kind of visibility is its own query that reads one index range in change order
     * (decision 0127: owner and seq, team and seq, the few supervisor-owned cases for cover), each
     * stopping after one page; the pages are merged here by change number. One query with every
     * rule joined by OR made PostgreSQL and H2 read every assessment for each supervisor pull.
     */
    ChangesPage changes(long since, Principal who, int limit) {
        List<String> filters = new ArrayList<>();
        List<List<String>> params = new ArrayList<>();
        filters.add("owner_collar = ?");
        params.add(List.of(who.collar() == null ? "" : who.collar()));
        if (who.supervisor()) {
            filters.add("team = ?");
            params.add(List.of(who.team() == null ? "" : who.team()));
            // Cover (decision 0113) is only ever for cases a supervisor owns: the owner filter narrows the
            // range to those rows before the cover rule is checked against the assessment.
            filters.add("owner_collar IN (SELECT o.collar FROM srv_user o WHERE o.collar IS NOT NULL AND (',' || o.roles || ',')"
                    + " LIKE '%,supervisor,%') AND assessment_id IN (SELECT assessment_id FROM srv_assessment WHERE "
                    + ServerReview.COVER_NEEDED + ")");
            params.add(List.of());
        }
        if (who.has(org.dashdesk.security.Role.CRU)) {
            filters.add("assessment_id IN (SELECT assessment_id FROM srv_assessment WHERE " + ServerReview.CRU_REMIT + ")");
            params.add(List.of());
        }
        return transaction(c -> {
            java.util.TreeMap<Long, Change> merged = new java.util.TreeMap<>();
            for (int f = 0; f < filters.size(); f++) {
                String sql = "SELECT seq, assessment_id, event, state, actor, note, at, revision_id, comments_json FROM srv_change"
                        + " WHERE seq > ? AND " + filters.get(f) + " ORDER BY seq FETCH FIRST " + (limit + 1) + " ROWS ONLY";
                try (PreparedStatement q = c.prepareStatement(sql)) {
                    q.setLong(1, since);
                    List<String> values = params.get(f);
                    for (int i = 0; i < values.size(); i++) {
                        q.setString(i + 2, values.get(i));
                    }
                    try (ResultSet rs = q.executeQuery()) {
                        while (rs.next()) {
                            long seq = rs.getLong(1);
                            if (merged.containsKey(seq)) {
                                continue;
                            }
                            String comments = rs.getString(9);
                            merged.put(seq, new Change(seq, rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                                    rs.getString(5), rs.getString(6), instant(rs, 7), rs.getObject(8, UUID.class),
                                    comments == null ? null : List.of(AssessmentJson.read(comments,
                                            org.dashdesk.review.QuestionComment[].class))));
                        }
                    }
                }
            }
            // Every query returned its first limit + 1 rows after the cursor, so the first limit + 1 of
            // the union are exactly right; anything later waits for the next page.
            List<Change> out = new ArrayList<>(merged.values());
            boolean more = out.size() > limit;
            List<Change> page = more ? out.subList(0, limit) : out;
            long cursor = page.isEmpty() ? since : page.get(page.size() - 1).seq();
            return new ChangesPage(List.copyOf(page), Long.toString(cursor), more);
        });
    }

    /**
     * Whose token this is, now: empty for an unknown, expired or revoked token, or one of a
     * disabled user. A user's roles and team are read from the user table on every request.
     */
    Optional<Principal> principal(String tokenHash, Instant now) {
        return transaction(c -> {
            try (PreparedStatement q = c.prepareStatement("""
                    SELECT t.collar, t.role, t.team, t.expires_at, t.username, u.collar, u.roles, u.team, u.disabled
                    FROM srv_token t LEFT JOIN srv_user u ON u.user_id = t.user_id WHERE t.token_hash = ?""")) {
                q.setString(1, tokenHash);
                try (ResultSet rs = q.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<Principal>empty();
                    }
                    Instant expires = instant(rs, 4);
                    // No expiry: a development token issued before tokens expired (decision 0071). Refused,
                    // so no standing credential survives the upgrade; the operator issues a new one.
                    if (expires == null || !now.isBefore(expires)) {
                        return Optional.<Principal>empty();
                    }
                    String username = rs.getString(5);
                    if (username == null) {
                        return Optional.of(Principal.token(rs.getString(1), rs.getString(2), rs.getString(3)));
                    }
                    if (rs.getString(7) == null || rs.getBoolean(9)) {
                        return Optional.<Principal>empty();
                    }
                    return Optional.of(new Principal(rs.getString(6), ServerAccounts.parseRoles(rs.getString(7)), rs.getString(8),
                            username));
                }
            }
        });
    }

    /**
     * Issues a new random development token and stores only its hash; the token itself is shown
     * once. It expires like a signed-in user's, so a token pasted into a script or a ticket stops
     * working on its own.
     */
    String issueToken(String collar, String role, String team, Instant now, java.time.Duration validity) {
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("a token's validity must be positive");
        }
        // The columns' sizes, checked here so a long value is a clear message, not a database error.
        if (collar == null || collar.length() > AccountRules.MAX_COLLAR) {
            throw new IllegalArgumentException("--collar: 1 to " + AccountRules.MAX_COLLAR + " characters");
        }
        if (team != null && team.length() > AccountRules.MAX_TEAM) {
            throw new IllegalArgumentException("--team: at most " + AccountRules.MAX_TEAM + " characters");
        }
        String token = newToken();
        transaction(c -> {
            try (PreparedStatement ins = c.prepareStatement(
                    "INSERT INTO srv_token (token_hash, collar, role, team, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                ins.setString(1, tokenHash(token));
                ins.setString(2, collar);
                ins.setString(3, role);
                ins.setString(4, team == null ? "" : team);
                ins.setObject(5, offset(now));
                ins.setObject(6, offset(now.plus(validity)));
                return ins.executeUpdate();
            }
        });
        return token;
    }

    static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String tokenHash(String token) {
        return AssessmentJson.sha256Hex(token);
    }

    /** How many copies of a revision the server holds (0 or 1); for operators and tests. */
    int copies(UUID assessmentId, UUID revisionId) {
        return transaction(c -> {
            try (PreparedStatement q = c.prepareStatement(
                    "SELECT COUNT(*) FROM srv_revision WHERE assessment_id = ? AND revision_id = ?")) {
                q.setObject(1, assessmentId);
                q.setObject(2, revisionId);
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    long revisionCount() {
        return transaction(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM srv_revision")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    static OffsetDateTime offset(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    @Override
    public void close() {
        pool.close();
        h2Folder(pool.getJdbcUrl()).ifPresent(ServerFiles::makeFilesPrivate);
    }
}
