package org.dashdesk.server;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.dashdesk.assessment.AssessmentJson;
import org.dashdesk.assessment.AssessmentState;
import org.dashdesk.assessment.Lifecycle;
import org.dashdesk.assessment.LifecycleEvent;
import org.dashdesk.assessment.Revision;
import org.dashdesk.grading.RiskLevel;
import org.dashdesk.protocol.Change;
import org.dashdesk.protocol.ReviewRequests;
import org.dashdesk.review.ActionState;
import org.dashdesk.review.CentralAuditEntry;
import org.dashdesk.review.MaracState;
import org.dashdesk.review.QuestionComment;
import org.dashdesk.review.QueueItem;
import org.dashdesk.review.SafetyAction;
import org.dashdesk.security.Role;

/**
 * Supervisor sign-off and CRU review on the server: who may see and decide what, checked here for
 * every request whatever the client's screens allow. Every view of an assessment and every change
 * writes a row to {@code srv_audit} in the same transaction (who, role, when, what — never answer
 * text, comments or names). Refusals are {@link Refusal}s carrying the reason.
 */
final class ServerReview {

    private static final int MAX_TEXT = ReviewRules.MAX_TEXT;

    private final ServerStore store;
    private final ServerPolicy policy;

    ServerReview(ServerStore store, ServerPolicy policy) {
        this.store = store;
        this.policy = policy;
    }

    /** The server's row for one assessment. */
    record Row(UUID id, UUID head, int headNumber, AssessmentState state, String owner, String team, RiskLevel level,
            boolean children, String incidentRef, String district, Instant queuedAt, UUID approved) {
    }

    private static final String ROW_COLUMNS = "assessment_id, head_revision_id, head_number, state, owner_collar, team, risk_level,"
            + " children, incident_ref, district, queued_at, approved_revision_id";

    private static Row row(ResultSet rs) throws SQLException {
        String level = rs.getString(7);
        return new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getInt(3), AssessmentState.valueOf(rs.getString(4)),
                rs.getString(5), rs.getString(6) == null ? "" : rs.getString(6), level == null ? null : RiskLevel.valueOf(level),
                rs.getBoolean(8), rs.getString(9), rs.getString(10), ServerStore.instant(rs, 11), rs.getObject(12, UUID.class));
    }

    private static Row find(Connection c, UUID assessmentId, boolean forUpdate) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT " + ROW_COLUMNS + " FROM srv_assessment WHERE assessment_id = ?"
                + (forUpdate ? " FOR UPDATE" : ""))) {
            q.setObject(1, assessmentId);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    throw Refusal.notFound("no assessment " + assessmentId + " on this server");
                }
                return row(rs);
            }
        }
    }

    private QueueItem item(Row r, Instant now) {
        Instant since = r.queuedAt() == null ? now : r.queuedAt();
        Duration age = Duration.between(since, now);
        return new QueueItem(r.id(), r.head(), r.headNumber(), r.incidentRef(), r.district(), r.owner(), r.team(), r.level(),
                r.children(), r.state(), since, age.isNegative() ? Duration.ZERO : age, age.compareTo(policy.signOffLimit()) > 0);
    }

    // ---- who may do what: the rules are ReviewRules'; here only the facts they need -------------

    static void requireRole(Principal who, Role role, String what) {
        ReviewRules.requireRole(who, role, what);
    }

    /** Whether this case needs cover, asked only when it can matter: a supervisor of another team. */
    private static boolean cover(Connection c, Principal who, Row r) throws SQLException {
        return who.supervisor() && !who.team().equals(r.team()) && coverNeeded(c, r);
    }

    private static void requireTeam(Connection c, Principal who, Row r) throws SQLException {
        ReviewRules.requireTeam(who, r, cover(c, who, r));
    }

    private static Role reader(Connection c, Principal who, Row r) throws SQLException {
        return ReviewRules.reader(who, r, !who.has(Role.CRU) && cover(c, who, r));
    }

    private static void requireReaderRole(Principal who) {
        ReviewRules.requireReaderRole(who);
    }

    /** The collar numbers that uploaded any revision of this assessment. */
    private static java.util.Set<String> submitters(Connection c, UUID assessmentId) throws SQLException {
        java.util.Set<String> out = new java.util.HashSet<>();
        try (PreparedStatement q = c.prepareStatement("SELECT DISTINCT submitted_by FROM srv_revision WHERE assessment_id = ?")) {
            q.setObject(1, assessmentId);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static void requireNotOwn(Connection c, Principal who, Row r, String what) throws SQLException {
        ReviewRules.requireNotOwn(who, r, submitters(c, r.id()), what);
    }

    private static void requireHead(Row r, UUID revisionId) {
        ReviewRules.requireHead(r, revisionId);
    }

    private static void requireUserAccount(Principal who, String what) {
        ReviewRules.requireUserAccount(who, what);
    }

    private static String role(Role r) {
        return Principal.roleName(r);
    }

    // ---- queues ----------------------------------------------------------------------------

    /**
     * Standard assessments awaiting sign-off in the supervisor's team, oldest first — except the
     * supervisor's own, which they may never approve; another supervisor of the team sees those.
     * When there is no other (the owner is their team's only supervisor), the case is
     * {@linkplain #COVER_NEEDED covered} by every supervisor of any team, or it would sit in no queue.
     */
    List<QueueItem> signOffQueue(Principal who, Instant now) {
        requireRole(who, Role.SUPERVISOR, "see the sign-off queue");
        return queue("state = 'AWAITING_SIGN_OFF' AND owner_collar <> ? AND (team = ? OR " + COVER_NEEDED + ")", now,
                who.collar() == null ? "" : who.collar(), who.team());
    }

    /**
     * SQL on {@code srv_assessment}: its officer is a supervisor account and no other enabled
     * supervisor account shares its team. Accounts are the server's users; with only IT-issued
     * tokens (no accounts) nothing needs cover and queues stay by team.
     */
    static final String COVER_NEEDED = "(EXISTS (SELECT 1 FROM srv_user o WHERE o.collar = srv_assessment.owner_collar"
            + " AND (',' || o.roles || ',') LIKE '%,supervisor,%')"
            + " AND NOT EXISTS (SELECT 1 FROM srv_user u WHERE u.team = srv_assessment.team AND u.disabled = FALSE"
            + " AND COALESCE(u.collar, '') <> srv_assessment.owner_collar AND (',' || u.roles || ',') LIKE '%,supervisor,%'))";

    private static boolean coverNeeded(Connection c, Row r) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM srv_assessment WHERE assessment_id = ? AND " + COVER_NEEDED)) {
            q.setObject(1, r.id());
            try (ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * The assessments CRU looks after, whatever their state: the levels and children of
     * {@link #CRU_CASE}, without its state test, so CRU's change feed also carries the decision that
     * took a case out of the queue (signed off, returned) — SQL on {@code srv_assessment}.
     */
    static final String CRU_REMIT = "(risk_level IN ('MEDIUM', 'HIGH') OR (risk_level = 'STANDARD' AND children = TRUE)"
            + " OR EXISTS (SELECT 1 FROM srv_history_flag f WHERE f.assessment_id = srv_assessment.assessment_id))";

    /** The head revision carries a history flag no one has acted on yet (issue 12): CRU's business whatever its level. */
    static final String OPEN_FLAG = "EXISTS (SELECT 1 FROM srv_history_flag f WHERE f.assessment_id = srv_assessment.assessment_id"
            + " AND f.revision_id = srv_assessment.head_revision_id AND f.state = 'OPEN')";

    /** Which assessments are CRU business at all: referred medium and high, and standard ones with children. */
    private static final String CRU_CASE = "(" + OPEN_FLAG + " OR (state = 'REFERRED' AND risk_level IN ('MEDIUM', 'HIGH')) OR (risk_level = 'STANDARD'"
            + " AND children = TRUE AND state IN ('AWAITING_SIGN_OFF', 'SIGNED_OFF', 'REFERRED')))";

    /** A CRU review of the head revision at its current level; a new revision or a raise is unreviewed again. */
    private static final String HEAD_REVIEWED = "EXISTS (SELECT 1 FROM srv_cru_review v WHERE v.assessment_id = srv_assessment.assessment_id"
            + " AND v.revision_id = srv_assessment.head_revision_id AND v.risk_level = srv_assessment.risk_level)";

    /** CRU cases whose head revision no CRU user has marked reviewed yet, oldest first. */
    List<QueueItem> cruQueue(Principal who, Instant now) {
        requireRole(who, Role.CRU, "see the CRU queue");
        return queue(CRU_CASE + " AND NOT " + HEAD_REVIEWED, now);
    }

    private List<QueueItem> queue(String where, Instant now, String... params) {
        return store.transaction(c -> {
            List<QueueItem> out = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("SELECT " + ROW_COLUMNS + " FROM srv_assessment WHERE " + where
                    + " ORDER BY queued_at, assessment_id")) {
                for (int i = 0; i < params.length; i++) {
                    q.setString(i + 1, params[i]);
                }
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        out.add(item(row(rs), now));
                    }
                }
            }
            return withHistory(c, out);
        });
    }

    /**
     * Each queue line with its open history flag and how many other assessments the force holds
     * about the same victim (issue 12): a force id, or the same folded name and date of birth.
     */
    private static List<QueueItem> withHistory(Connection c, List<QueueItem> items) throws SQLException {
        java.util.Map<UUID, String> flags = new java.util.HashMap<>();
        java.util.Map<UUID, Integer> others = new java.util.HashMap<>();
        // Two queries per 500 lines, not two per line: a CRU queue can be long.
        for (int from = 0; from < items.size(); from += 500) {
            List<QueueItem> chunk = items.subList(from, Math.min(items.size(), from + 500));
            String in = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement flag = c.prepareStatement("SELECT assessment_id, message FROM srv_history_flag WHERE state = 'OPEN'"
                    + " AND revision_id IN (" + in + ")");
                    PreparedStatement earlier = c.prepareStatement("SELECT v.assessment_id, COUNT(DISTINCT o.assessment_id) FROM srv_person v"
                            + " JOIN srv_person o ON o.role = 'VICTIM' AND o.assessment_id <> v.assessment_id AND (o.force_id = v.force_id"
                            + " OR (o.name_key = v.name_key AND o.date_of_birth = v.date_of_birth)) WHERE v.role = 'VICTIM'"
                            + " AND v.assessment_id IN (" + in + ") GROUP BY v.assessment_id")) {
                for (int i = 0; i < chunk.size(); i++) {
                    flag.setObject(i + 1, chunk.get(i).revisionId());
                    earlier.setObject(i + 1, chunk.get(i).assessmentId());
                }
                try (ResultSet rs = flag.executeQuery()) {
                    while (rs.next()) {
                        flags.put(rs.getObject(1, UUID.class), rs.getString(2));
                    }
                }
                try (ResultSet rs = earlier.executeQuery()) {
                    while (rs.next()) {
                        others.put(rs.getObject(1, UUID.class), rs.getInt(2));
                    }
                }
            }
        }
        List<QueueItem> out = new ArrayList<>(items.size());
        for (QueueItem i : items) {
            out.add(new QueueItem(i.assessmentId(), i.revisionId(), i.revisionNumber(), i.incidentReference(), i.district(),
                    i.officerCollar(), i.team(), i.level(), i.childrenInvolved(), i.state(), i.receivedAt(), i.age(), i.overdue(),
                    flags.get(i.assessmentId()), others.getOrDefault(i.assessmentId(), 0)));
        }
        return out;
    }

    // ---- reading ---------------------------------------------------------------------------

    /** One stored revision, for review; the view is audited. */
    Revision revision(Principal who, UUID assessmentId, UUID revisionId, Instant now) {
        return revision(who, assessmentId, revisionId, now, number -> "viewed revision " + number);
    }

    /**
     * One stored revision for whoever may read it, with the audit row {@code what} gives for its
     * number (a document made from it says so).
     */
    Revision revision(Principal who, UUID assessmentId, UUID revisionId, Instant now, java.util.function.IntFunction<String> what) {
        requireReaderRole(who);
        return store.transaction(c -> {
            Row r = find(c, assessmentId, false);
            Role as = reader(c, who, r);
            String json;
            int number;
            try (PreparedStatement q = c.prepareStatement(
                    "SELECT revision_json, revision_number FROM srv_revision WHERE assessment_id = ? AND revision_id = ?")) {
                q.setObject(1, assessmentId);
                q.setObject(2, revisionId);
                try (ResultSet rs = q.executeQuery()) {
                    if (!rs.next()) {
                        throw Refusal.notFound("no revision " + revisionId + " of assessment " + assessmentId);
                    }
                    json = rs.getString(1);
                    number = rs.getInt(2);
                }
            }
            ServerStore.audit(c, assessmentId, now, who.actor(), role(as), what.apply(number));
            return AssessmentJson.read(json, Revision.class);
        });
    }

    /** One audit row for something a reader did with the assessment outside a decision (a document produced). */
    void audited(Principal who, UUID assessmentId, Instant now, String what) {
        store.transaction(c -> {
            ServerStore.audit(c, assessmentId, now, who.actor(), who.auditRole(), what);
            return null;
        });
    }

    List<CentralAuditEntry> audit(Principal who, UUID assessmentId) {
        requireReaderRole(who);
        return store.transaction(c -> {
            reader(c, who, find(c, assessmentId, false));
            List<CentralAuditEntry> out = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement(
                    "SELECT seq, at, actor, role, what FROM srv_audit WHERE assessment_id = ? ORDER BY seq")) {
                q.setObject(1, assessmentId);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        out.add(new CentralAuditEntry(rs.getLong(1), ServerStore.instant(rs, 2), rs.getString(3), rs.getString(4),
                                rs.getString(5)));
                    }
                }
            }
            return out;
        });
    }

    // ---- supervisor decisions -----------------------------------------------------------------

    /**
     * Checks, before the password is even looked at, that this supervisor could approve this
     * revision now: their team, not their own, the head, awaiting sign-off.
     */
    void checkMayApprove(Principal who, UUID assessmentId, UUID revisionId) {
        requireRole(who, Role.SUPERVISOR, "approve an assessment");
        store.transaction(c -> {
            mayApprove(c, who, find(c, assessmentId, false), revisionId);
            return null;
        });
    }

    private static void mayApprove(Connection c, Principal who, Row r, UUID revisionId) throws SQLException {
        ReviewRules.mayApprove(who, r, revisionId, cover(c, who, r), submitters(c, r.id()));
    }

    /** Approves (signs off) the head revision; the caller has checked the signer's password. */
    Change approve(Principal who, UUID assessmentId, UUID revisionId, Instant now) {
        return store.transaction(c -> {
            Row r = find(c, assessmentId, true);
            mayApprove(c, who, r, revisionId);
            Change change = decide(c, who, r, LifecycleEvent.SIGN_OFF, "signed off revision " + r.headNumber(), null, now);
            try (PreparedStatement up = c.prepareStatement(
                    "UPDATE srv_assessment SET approved_revision_id = ? WHERE assessment_id = ?")) {
                up.setObject(1, revisionId);
                up.setObject(2, assessmentId);
                up.executeUpdate();
            }
            ReportFacts.signedOff(c, assessmentId, change.at());
            ServerStore.audit(c, assessmentId, now, who.actor(), role(Role.SUPERVISOR),
                    "approved revision " + r.headNumber() + " (password re-entered)");
            return change;
        });
    }

    Change returnToOfficer(Principal who, UUID assessmentId, UUID revisionId, List<QuestionComment> comments, Instant now) {
        requireRole(who, Role.SUPERVISOR, "return an assessment");
        requireUserAccount(who, "return an assessment");
        ReviewRules.checkReturnComments(comments);
        return store.transaction(c -> {
            Row r = find(c, assessmentId, true);
            requireTeam(c, who, r);
            requireNotOwn(c, who, r, "return");
            requireHead(r, revisionId);
            requireMove(r, LifecycleEvent.RETURN);
            Change change = decide(c, who, r, LifecycleEvent.RETURN, "returned with " + comments.size() + " comment"
                    + (comments.size() == 1 ? "" : "s"), comments, now);
            ServerStore.audit(c, assessmentId, now, who.actor(), role(Role.SUPERVISOR),
                    "returned revision " + r.headNumber() + " to the officer with " + comments.size() + " comment(s)");
            return change;
        });
    }

    Change raise(Principal who, UUID assessmentId, UUID revisionId, String levelName, String rationale, Instant now) {
        requireRole(who, Role.SUPERVISOR, "raise a grading");
        requireUserAccount(who, "raise a grading");
        RiskLevel level;
        try {
            level = RiskLevel.valueOf(levelName == null ? "" : levelName.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid("level", "must be MEDIUM or HIGH");
        }
        if (rationale == null || rationale.isBlank()) {
            throw Refusal.invalid("rationale", "a rationale is required to raise a grading");
        }
        if (rationale.length() > MAX_TEXT) {
            throw Refusal.invalid("rationale", "longer than " + MAX_TEXT + " characters");
        }
        return store.transaction(c -> {
            Row r = find(c, assessmentId, true);
            requireTeam(c, who, r);
            requireNotOwn(c, who, r, "raise the grading of");
            requireHead(r, revisionId);
            if (r.level() != null && level.compareTo(r.level()) <= 0) {
                throw Refusal.invalid("level", "a raise must be above the current level " + r.level());
            }
            requireMove(r, LifecycleEvent.RAISE);
            Change change = decide(c, who, r, LifecycleEvent.RAISE, "raised to " + level.name().toLowerCase(Locale.ROOT),
                    List.of(new QuestionComment(null, rationale.strip())), now);
            try (PreparedStatement up = c.prepareStatement("UPDATE srv_assessment SET risk_level = ? WHERE assessment_id = ?")) {
                up.setString(1, level.name());
                up.setObject(2, assessmentId);
                up.executeUpdate();
            }
            ServerStore.audit(c, assessmentId, now, who.actor(), role(Role.SUPERVISOR),
                    "raised revision " + r.headNumber() + " from " + r.level() + " to " + level + " (referred onward)");
            return change;
        });
    }

    private static void requireMove(Row r, LifecycleEvent event) {
        ReviewRules.requireMove(r, event);
    }

    /** Moves the assessment and appends the decision to the change log its officer pulls. */
    private static Change decide(Connection c, Principal who, Row r, LifecycleEvent event, String note, List<QuestionComment> comments,
            Instant now) throws SQLException {
        AssessmentState next = Lifecycle.next(r.state(), event);
        Instant at = now.truncatedTo(ChronoUnit.MILLIS);
        try (PreparedStatement up = c.prepareStatement("UPDATE srv_assessment SET state = ?, updated_at = ? WHERE assessment_id = ?")) {
            up.setString(1, next.name());
            up.setObject(2, ServerStore.offset(at));
            up.setObject(3, r.id());
            up.executeUpdate();
        }
        long seq = ChangeLog.append(c, r.id(), r.owner(), event.name(), next.name(), who.actor(), note, at, r.head(), comments);
        return new Change(seq, r.id(), event.name(), next.name(), who.actor(), note, at, r.head(), comments);
    }

    // ---- CRU review ---------------------------------------------------------------------------

    /**
     * Marks the head revision reviewed by CRU, which takes it off the CRU queue until a new
     * revision (or a raised grading) arrives. The note is kept with the review, never in the audit.
     */
    void markReviewed(Principal who, UUID assessmentId, UUID revisionId, String note, Instant now) {
        requireRole(who, Role.CRU, "mark an assessment reviewed by CRU");
        if (note == null || note.isBlank()) {
            throw Refusal.invalid("note", "a note is required: say what CRU reviewed and decided");
        }
        if (note.length() > MAX_TEXT) {
            throw Refusal.invalid("note", "longer than " + MAX_TEXT + " characters");
        }
        store.transaction(c -> {
            Row r = find(c, assessmentId, true);
            requireHead(r, revisionId);
            if (!isCruCase(c, assessmentId)) {
                throw Refusal.conflict("assessment " + assessmentId + " is not in the CRU queue (" + (r.level() == null ? "ungraded"
                        : r.level().name().toLowerCase(Locale.ROOT)) + ", " + r.state().label().toLowerCase(Locale.ROOT) + ")");
            }
            if (headReviewed(c, assessmentId)) {
                throw Refusal.conflict("revision " + r.headNumber() + " of assessment " + assessmentId
                        + " has already been reviewed by CRU");
            }
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO srv_cru_review (assessment_id, revision_id, risk_level, note,"
                    + " reviewed_at, reviewed_by) VALUES (?, ?, ?, ?, ?, ?)")) {
                ins.setObject(1, assessmentId);
                ins.setObject(2, revisionId);
                ins.setString(3, r.level().name());
                ins.setString(4, note.strip());
                ins.setObject(5, ServerStore.offset(now.truncatedTo(ChronoUnit.MILLIS)));
                ins.setString(6, who.actor());
                ins.executeUpdate();
            }
            ServerStore.audit(c, assessmentId, now, who.actor(), role(Role.CRU), "CRU reviewed revision " + r.headNumber() + " ("
                    + r.level().name().toLowerCase(Locale.ROOT) + ")");
            try (PreparedStatement up = c.prepareStatement("UPDATE srv_history_flag SET state = 'REVIEWED', acted_by = ?, acted_at = ?,"
                    + " note = ? WHERE revision_id = ? AND state = 'OPEN'")) {
                up.setString(1, who.actor());
                up.setObject(2, ServerStore.offset(now.truncatedTo(ChronoUnit.MILLIS)));
                up.setString(3, note.strip());
                up.setObject(4, revisionId);
                if (up.executeUpdate() > 0) {
                    ServerStore.audit(c, assessmentId, now, who.actor(), role(Role.CRU), "history flag on revision " + r.headNumber()
                            + " acted on by CRU");
                }
            }
            return null;
        });
    }

    private static boolean isCruCase(Connection c, UUID assessmentId) throws SQLException {
        return exists(c, "SELECT 1 FROM srv_assessment WHERE assessment_id = ? AND " + CRU_CASE, assessmentId);
    }

    private static boolean headReviewed(Connection c, UUID assessmentId) throws SQLException {
        return exists(c, "SELECT 1 FROM srv_assessment WHERE assessment_id = ? AND " + HEAD_REVIEWED, assessmentId);
    }

    private static boolean exists(Connection c, String sql, UUID assessmentId) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(sql)) {
            q.setObject(1, assessmentId);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        }
    }

    // ---- safety-plan actions ------------------------------------------------------------------

    private static final String ACTION_COLUMNS = "action_id, assessment_id, description, owner_collar, due, state, note, updated_at,"
            + " updated_by";

    private static SafetyAction action(ResultSet rs, LocalDate today) throws SQLException {
        LocalDate due = rs.getObject(5, LocalDate.class);
        ActionState state = ActionState.valueOf(rs.getString(6));
        return new SafetyAction(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4), due, state,
                rs.getString(7), ServerStore.instant(rs, 8), rs.getString(9), state == ActionState.OPEN && due.isBefore(today));
    }

    static LocalDate today(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC);
    }

    List<SafetyAction> actions(Principal who, UUID assessmentId, Instant now) {
        requireReaderRole(who);
        return store.transaction(c -> {
            Row r = find(c, assessmentId, false);
            Role as = reader(c, who, r);
            List<SafetyAction> out = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("SELECT " + ACTION_COLUMNS
                    + " FROM srv_action WHERE assessment_id = ? ORDER BY due, action_id")) {
                q.setObject(1, assessmentId);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        out.add(action(rs, today(now)));
                    }
                }
            }
            ServerStore.audit(c, assessmentId, now, who.actor(), role(as), "viewed safety-plan actions");
            return out;
        });
    }

    SafetyAction addAction(Principal who, UUID assessmentId, ReviewRequests.NewAction body, Instant now) {
        requireRole(who, Role.CRU, "add safety-plan actions");
        if (body == null || body.description() == null || body.description().isBlank()) {
            throw Refusal.invalid("description", "must not be empty");
        }
        if (body.description().length() > MAX_TEXT) {
            throw Refusal.invalid("description", "longer than " + MAX_TEXT + " characters");
        }
        if (body.ownerCollar() == null || body.ownerCollar().isBlank() || body.ownerCollar().length() > 50) {
            throw Refusal.invalid("ownerCollar", "the owner's collar number is required");
        }
        if (body.due() == null) {
            throw Refusal.invalid("due", "a due date (YYYY-MM-DD) is required");
        }
        UUID id = UUID.randomUUID();
        return store.transaction(c -> {
            find(c, assessmentId, false);
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO srv_action (" + ACTION_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ins.setObject(1, id);
                ins.setObject(2, assessmentId);
                ins.setString(3, body.description().strip());
                ins.setString(4, body.ownerCollar().strip());
                ins.setObject(5, body.due());
                ins.setString(6, ActionState.OPEN.name());
                ins.setString(7, null);
                ins.setObject(8, ServerStore.offset(now.truncatedTo(ChronoUnit.MILLIS)));
                ins.setString(9, who.actor());
                ins.executeUpdate();
            }
            ServerStore.audit(c, assessmentId, now, who.actor(), role(Role.CRU), "safety-plan action added for "
                    + ServerStore.clip(body.ownerCollar().strip(), 50) + ", due " + body.due());
            return loadAction(c, id, now);
        });
    }

    private static SafetyAction loadAction(Connection c, UUID actionId, Instant now) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT " + ACTION_COLUMNS + " FROM srv_action WHERE action_id = ?")) {
            q.setObject(1, actionId);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    throw Refusal.notFound("no safety-plan action " + actionId);
                }
                return action(rs, today(now));
            }
        }
    }

    /** CRU, or the action's own owner (who reports it done). */
    SafetyAction updateAction(Principal who, UUID actionId, ReviewRequests.ActionUpdate body, Instant now) {
        ActionState state;
        try {
            state = ActionState.valueOf(body == null || body.state() == null ? "" : body.state().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid("state", "must be OPEN, DONE or CANCELLED");
        }
        if (body.note() != null && body.note().length() > MAX_TEXT) {
            throw Refusal.invalid("note", "longer than " + MAX_TEXT + " characters");
        }
        if (!who.has(Role.CRU) && !(who.has(Role.OFFICER) || who.has(Role.IMU) || who.supervisor())) {
            throw Refusal.forbidden("only CRU or the action's owner may update a safety-plan action");
        }
        return store.transaction(c -> {
            SafetyAction before = loadAction(c, actionId, now);
            if (!who.has(Role.CRU) && !before.ownerCollar().equals(who.collar())) {
                throw Refusal.forbidden("only CRU or the action's owner may update a safety-plan action");
            }
            try (PreparedStatement up = c.prepareStatement(
                    "UPDATE srv_action SET state = ?, note = ?, updated_at = ?, updated_by = ? WHERE action_id = ?")) {
                up.setString(1, state.name());
                up.setString(2, body.note() == null ? null : body.note().strip());
                up.setObject(3, ServerStore.offset(now.truncatedTo(ChronoUnit.MILLIS)));
                up.setString(4, who.actor());
                up.setObject(5, actionId);
                up.executeUpdate();
            }
            ServerStore.audit(c, before.assessmentId(), now, who.actor(), who.has(Role.CRU) ? role(Role.CRU) : "owner",
                    "safety-plan action " + before.state() + " -> " + state);
            return loadAction(c, actionId, now);
        });
    }

    /** Open actions past due: every one for CRU, one's own for anyone else. */
    List<SafetyAction> overdueActions(Principal who, Instant now) {
        boolean all = who.has(Role.CRU);
        return store.transaction(c -> {
            List<SafetyAction> out = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("SELECT " + ACTION_COLUMNS + " FROM srv_action WHERE state = 'OPEN'"
                    + " AND due < ?" + (all ? "" : " AND owner_collar = ?") + " ORDER BY due, action_id")) {
                q.setObject(1, today(now));
                if (!all) {
                    q.setString(2, who.collar() == null ? "" : who.collar());
                }
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        out.add(action(rs, today(now)));
                    }
                }
            }
            return out;
        });
    }

    // ---- MARAC --------------------------------------------------------------------------------

    ReviewRequests.MaracStatus marac(Principal who, UUID assessmentId, Instant now) {
        requireRole(who, Role.CRU, "see MARAC referral state");
        return store.transaction(c -> {
            find(c, assessmentId, false);
            ServerStore.audit(c, assessmentId, now, who.actor(), role(Role.CRU), "viewed MARAC state");
            return loadMarac(c, assessmentId);
        });
    }

    private static ReviewRequests.MaracStatus loadMarac(Connection c, UUID assessmentId) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT state, note, updated_at, updated_by FROM srv_marac WHERE assessment_id = ?")) {
            q.setObject(1, assessmentId);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? new ReviewRequests.MaracStatus(rs.getString(1), rs.getString(2), ServerStore.instant(rs, 3),
                        rs.getString(4)) : new ReviewRequests.MaracStatus(MaracState.NOT_REFERRED.name(), null, null, null);
            }
        }
    }

    ReviewRequests.MaracStatus setMarac(Principal who, UUID assessmentId, ReviewRequests.MaracUpdate body, Instant now) {
        requireRole(who, Role.CRU, "change MARAC referral state");
        MaracState state;
        try {
            state = MaracState.valueOf(body == null || body.state() == null ? "" : body.state().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid("state", "must be one of NOT_REFERRED, REFERRED, LISTED, HEARD, CLOSED");
        }
        if (body.note() != null && body.note().length() > MAX_TEXT) {
            throw Refusal.invalid("note", "longer than " + MAX_TEXT + " characters");
        }
        return store.transaction(c -> {
            Row r = find(c, assessmentId, true);
            if (r.level() != RiskLevel.HIGH) {
                throw Refusal.conflict("MARAC referral state is kept for high-risk cases; assessment " + assessmentId + " is "
                        + (r.level() == null ? "ungraded" : r.level().name().toLowerCase(Locale.ROOT)));
            }
            ReviewRequests.MaracStatus before = loadMarac(c, assessmentId);
            try (PreparedStatement del = c.prepareStatement("DELETE FROM srv_marac WHERE assessment_id = ?")) {
                del.setObject(1, assessmentId);
                del.executeUpdate();
            }
            try (PreparedStatement ins = c.prepareStatement(
                    "INSERT INTO srv_marac (assessment_id, state, note, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)")) {
                ins.setObject(1, assessmentId);
                ins.setString(2, state.name());
                ins.setString(3, body.note() == null ? null : body.note().strip());
                ins.setObject(4, ServerStore.offset(now.truncatedTo(ChronoUnit.MILLIS)));
                ins.setString(5, who.actor());
                ins.executeUpdate();
            }
            ServerStore.audit(c, assessmentId, now, who.actor(), role(Role.CRU), "MARAC state " + before.state() + " -> " + state);
            return loadMarac(c, assessmentId);
        });
    }

    Optional<Row> row(UUID assessmentId) {
        return store.transaction(c -> {
            try {
                return Optional.of(find(c, assessmentId, false));
            } catch (Refusal e) {
                return Optional.<Row>empty();
            }
        });
    }
}
