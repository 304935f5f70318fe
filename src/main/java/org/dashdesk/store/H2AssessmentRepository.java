package org.dashdesk.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.IntStream;

import org.dashdesk.assessment.Answer;
import org.dashdesk.assessment.Assessment;
import org.dashdesk.assessment.AssessmentContent;
import org.dashdesk.assessment.AssessmentJson;
import org.dashdesk.grading.Choice;
import org.dashdesk.assessment.AssessmentRepository;
import org.dashdesk.assessment.AssessmentState;
import org.dashdesk.assessment.AssessmentSummary;
import org.dashdesk.assessment.ListQuery;
import org.dashdesk.assessment.SearchText;
import org.dashdesk.assessment.SummaryPage;
import org.dashdesk.assessment.AuditEntry;
import org.dashdesk.assessment.Channel;
import org.dashdesk.assessment.Lifecycle;
import org.dashdesk.assessment.LifecycleEvent;
import org.dashdesk.assessment.Revision;
import org.dashdesk.grading.RiskLevel;
import org.dashdesk.security.KeyProvider;

/**
 * The assessment repository on the encrypted H2 store. Answers live one row per question so an
 * autosave is one MERGE; the rest of a draft's content is one JSON column. Every change and its
 * audit row commit together before the method returns; a submission is also forced to disk.
 */
public final class H2AssessmentRepository implements AssessmentRepository {

    /** The police checklist questions that completeness is measured over. */
    static final List<String> CHECKLIST = IntStream.rangeClosed(1, 27).mapToObj(i -> "Q" + i).toList();
    /** The children/dependants section, skipped when there are none. */
    static final Set<String> CHILDREN_SECTION = Set.of("Q9", "Q10", "Q11", "Q12");

    private static final int MAX_QUESTION_ID = 32;
    private static final int MAX_ACTOR = 200;
    private static final int MAX_WHAT = 1000;

    private final Database database;
    private final Clock clock;
    private final boolean ownsDatabase;

    /** A repository over a database that the caller opened and will close. */
    public H2AssessmentRepository(Database database) {
        this(database, Clock.systemUTC(), false);
    }

    /** As {@link #H2AssessmentRepository(Database)}, with the clock that stamps changes. */
    public H2AssessmentRepository(Database database, Clock clock) {
        this(database, clock, false);
    }

    private H2AssessmentRepository(Database database, Clock clock, boolean ownsDatabase) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ownsDatabase = ownsDatabase;
    }

    /** Opens the database in {@code directory}; closing the repository closes it. */
    public static H2AssessmentRepository open(Path directory, KeyProvider keys) {
        return new H2AssessmentRepository(Database.open(directory, keys), Clock.systemUTC(), true);
    }

    public Database database() {
        return database;
    }

    /**
     * Runs {@code work} (calls on this repository) as ONE commit, forced to disk once at the end:
     * for bulk loading. All or nothing: a failure rolls back everything the work did.
     */
    public void inOneCommit(Runnable work) {
        database.inBatch(c -> {
            work.run();
            return null;
        });
    }

    @Override
    public Assessment createDraft(AssessmentContent content, String actor) {
        Objects.requireNonNull(content, "content");
        requireActor(actor);
        UUID id = org.dashdesk.assessment.TimeOrderedIds.next();
        OffsetDateTime now = now();
        String json = contentJson(content);
        return database.inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO assessment (id, state, content, revision_count, created_at, updated_at, "
                    + ListColumns.COLUMNS + ") VALUES (?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?)")) {
                p.setObject(1, id);
                p.setString(2, AssessmentState.DRAFT.name());
                p.setString(3, json);
                p.setObject(4, now);
                p.setObject(5, now);
                ListColumns.bind(p, 6, content);
                p.executeUpdate();
            }
            database.listIndex().touched(id);
            Map<String, Answer> answers = insertAnswers(c, id, content.answers(), now);
            audit(c, id, now, actor, "created draft (" + channelWords(content.channel()) + ")");
            // What a read would return, built from what was written rather than read back (import's hot path).
            return new Assessment(id, AssessmentState.DRAFT, withAnswers(AssessmentJson.read(json, AssessmentContent.class), answers), null, 0,
                    now.toInstant(), now.toInstant(), null);
        });
    }

    @Override
    public void createSubmitted(Revision first, AssessmentState routedState, String actor) {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(routedState, "routedState");
        requireActor(actor);
        if (first.revisionNumber() != 1 || first.baseRevisionId() != null) {
            throw new IllegalArgumentException("revision " + first.revisionId() + " is not a first revision");
        }
        if (first.grading() == null) {
            throw new IllegalArgumentException("revision " + first.revisionId() + " has no grading");
        }
        if (!first.verify()) {
            throw new IllegalArgumentException("revision " + first.revisionId() + " does not match its content hash");
        }
        RiskLevel level = first.grading().level();
        AssessmentState submitted = Lifecycle.next(AssessmentState.DRAFT, LifecycleEvent.SUBMIT);
        AssessmentState expected = Lifecycle.next(submitted, Lifecycle.routeFor(level));
        if (expected != routedState) {
            throw new IllegalArgumentException("a " + level.jsonName() + " grading routes to " + expected.label().toLowerCase(Locale.ROOT)
                    + ", not " + routedState.label().toLowerCase(Locale.ROOT));
        }
        UUID id = first.assessmentId();
        AssessmentContent content = first.content();
        String canonical = AssessmentJson.canonical(first);
        OffsetDateTime now = now();
        database.inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO assessment (id, state, content, head_revision_id, head_level,"
                    + " revision_count, created_at, updated_at, " + ListColumns.COLUMNS + ") VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?)")) {
                p.setObject(1, id);
                p.setString(2, routedState.name());
                p.setString(3, contentJson(content));
                p.setObject(4, first.revisionId());
                p.setString(5, level.name());
                p.setObject(6, now);
                p.setObject(7, now);
                ListColumns.bind(p, 8, content);
                p.executeUpdate();
            }
            database.listIndex().touched(id);
            // No answer rows: they are a draft's; a submitted assessment's answers are its head revision's (decision 0163).
            audit(c, id, now, actor, "created draft (" + channelWords(content.channel()) + ")");
            insertRevision(c, first, canonical);
            queue(c, first.revisionId(), id, level, now);
            audit(c, id, now, actor, "submitted revision 1, graded " + level.jsonName() + ", "
                    + AssessmentState.DRAFT.label().toLowerCase(Locale.ROOT) + " → " + routedState.label().toLowerCase(Locale.ROOT));
            return null;
        });
        database.checkpointSync();
    }

    @Override
    public void saveAnswer(UUID assessmentId, Answer answer, String resumeQuestionId, String actor) {
        Objects.requireNonNull(assessmentId, "assessmentId");
        Objects.requireNonNull(answer, "answer");
        requireQuestionId(answer.questionId(), "answer.questionId");
        if (resumeQuestionId != null) {
            requireQuestionId(resumeQuestionId, "resumeQuestionId");
        }
        requireActor(actor);
        String json = answer.isEmpty() ? null : AssessmentJson.canonical(answer);
        OffsetDateTime now = now();
        database.inTransaction(c -> {
            // The state check rides on the update of updated_at; with the read of the answer it replaces, the
            // autosave path is four short statements.
            try (PreparedStatement p = c.prepareStatement("UPDATE assessment SET updated_at = ?, resume_question_id = COALESCE(?, resume_question_id)"
                    + " WHERE id = ? AND state = 'DRAFT'")) {
                p.setObject(1, now);
                p.setString(2, resumeQuestionId);
                p.setObject(3, assessmentId);
                if (p.executeUpdate() == 0) {
                    throw notADraft(c, assessmentId, "answered");
                }
            }
            database.listIndex().touched(assessmentId);
            if (json == null) {
                try (PreparedStatement p = c.prepareStatement("DELETE FROM answer WHERE assessment_id = ? AND question_id = ?")) {
                    p.setObject(1, assessmentId);
                    p.setString(2, answer.questionId());
                    p.executeUpdate();
                }
                audit(c, assessmentId, now, actor, "cleared " + answer.questionId());
            } else {
                Choice before = storedChoice(c, assessmentId, answer.questionId());
                try (PreparedStatement p = c.prepareStatement("MERGE INTO answer (assessment_id, question_id, answer, updated_at)"
                        + " KEY (assessment_id, question_id) VALUES (?, ?, ?, ?)")) {
                    p.setObject(1, assessmentId);
                    p.setString(2, answer.questionId());
                    p.setString(3, json);
                    p.setObject(4, now);
                    p.executeUpdate();
                }
                // A changed answer is audited as a change, from and to (issue 11): a first answer and a
                // changed one must not look alike in the record.
                audit(c, assessmentId, now, actor, before != null && answer.choice() != null && before != answer.choice()
                        ? "changed " + answer.questionId() + ": " + before.label() + " → " + answer.choice().label()
                        : "answered " + answer.questionId());
            }
            return null;
        });
    }

    @Override
    public void saveDetails(UUID assessmentId, AssessmentContent content, String actor, String what) {
        Objects.requireNonNull(assessmentId, "assessmentId");
        Objects.requireNonNull(content, "content");
        requireActor(actor);
        String description = what == null || what.isBlank() ? "changed details" : what.strip();
        OffsetDateTime now = now();
        database.inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE assessment SET content = ?, updated_at = ? WHERE id = ? AND state = 'DRAFT'")) {
                p.setString(1, contentJson(content));
                p.setObject(2, now);
                p.setObject(3, assessmentId);
                if (p.executeUpdate() == 0) {
                    throw notADraft(c, assessmentId, "changed");
                }
            }
            ListColumns.write(c, assessmentId, content);
            database.listIndex().touched(assessmentId);
            audit(c, assessmentId, now, actor, description);
            return null;
        });
    }

    /** Navigation only: not a change to the record, so no audit row and no new updated_at. */
    @Override
    public void saveResumePoint(UUID assessmentId, String resumeQuestionId) {
        Objects.requireNonNull(assessmentId, "assessmentId");
        if (resumeQuestionId != null) {
            requireQuestionId(resumeQuestionId, "resumeQuestionId");
        }
        database.inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE assessment SET resume_question_id = ? WHERE id = ?")) {
                p.setString(1, resumeQuestionId);
                p.setObject(2, assessmentId);
                if (p.executeUpdate() == 0) {
                    throw new IllegalArgumentException("no assessment " + assessmentId);
                }
            }
            return null;
        });
    }

    @Override
    public Optional<Assessment> find(UUID assessmentId) {
        Objects.requireNonNull(assessmentId, "assessmentId");
        return database.inTransaction(c -> load(c, assessmentId));
    }

    @Override
    public List<AssessmentSummary> drafts() {
        return summaries(true);
    }

    @Override
    public List<AssessmentSummary> submitted() {
        return summaries(false);
    }

    @Override
    public void recordSubmission(Revision revision, AssessmentState routedState, String actor) {
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(routedState, "routedState");
        requireActor(actor);
        if (revision.grading() == null) {
            throw new IllegalArgumentException("revision " + revision.revisionId() + " has no grading");
        }
        if (!revision.verify()) {
            throw new IllegalArgumentException("revision " + revision.revisionId() + " does not match its content hash");
        }
        RiskLevel level = revision.grading().level();
        LifecycleEvent route = Lifecycle.routeFor(level);
        String canonical = AssessmentJson.canonical(revision);
        UUID id = revision.assessmentId();
        OffsetDateTime now = now();
        database.inTransaction(c -> {
            Head head = head(c, id).orElseThrow(() -> new IllegalArgumentException("no assessment " + id));
            AssessmentState submitted = Lifecycle.next(head.state(), LifecycleEvent.SUBMIT);
            AssessmentState expected = Lifecycle.next(submitted, route);
            if (expected != routedState) {
                throw new IllegalArgumentException("a " + level.jsonName() + " grading routes to " + expected.label().toLowerCase(Locale.ROOT)
                        + ", not " + routedState.label().toLowerCase(Locale.ROOT));
            }
            if (revision.revisionNumber() != head.revisionCount() + 1 || !Objects.equals(revision.baseRevisionId(), head.headRevisionId())) {
                throw new IllegalStateException("revision " + revision.revisionNumber() + " of assessment " + id
                        + " is stale: the store is at revision " + head.revisionCount());
            }
            insertRevision(c, revision, canonical);
            try (PreparedStatement p = c.prepareStatement("UPDATE assessment SET state = ?, content = ?, head_revision_id = ?, head_level = ?,"
                    + " revision_count = ?, updated_at = ?, " + ListColumns.ASSIGNMENTS + " WHERE id = ?")) {
                p.setString(1, routedState.name());
                p.setString(2, contentJson(revision.content()));
                p.setObject(3, revision.revisionId());
                p.setString(4, level.name());
                p.setInt(5, revision.revisionNumber());
                p.setObject(6, now);
                ListColumns.bind(p, 7, revision.content());
                p.setObject(7 + ListColumns.COUNT, id);
                p.executeUpdate();
            }
            database.listIndex().touched(id);
            // A new revision, not yet held centrally: not a case retention may purge until its receipt.
            RetentionSweep.markIfDue(c, id);
            // The frozen answers are the record from now on: the draft's rows go (decision 0163).
            try (PreparedStatement p = c.prepareStatement("DELETE FROM answer WHERE assessment_id = ?")) {
                p.setObject(1, id);
                p.executeUpdate();
            }
            queue(c, revision.revisionId(), id, level, now);
            audit(c, id, now, actor, "submitted revision " + revision.revisionNumber() + ", graded " + level.jsonName() + ", "
                    + head.state().label().toLowerCase(Locale.ROOT) + " → " + routedState.label().toLowerCase(Locale.ROOT));
            return null;
        });
        database.checkpointSync();
    }

    @Override
    public Optional<Revision> revision(UUID revisionId) {
        Objects.requireNonNull(revisionId, "revisionId");
        return database.inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT canonical_json FROM revision WHERE revision_id = ?")) {
                p.setObject(1, revisionId);
                try (ResultSet r = p.executeQuery()) {
                    // A purged revision (issue 14) keeps its row and hash but no content.
                    return r.next() && r.getString(1) != null ? Optional.of(AssessmentJson.read(r.getString(1), Revision.class))
                            : Optional.<Revision>empty();
                }
            }
        });
    }

    @Override
    public List<Revision> revisions(UUID assessmentId) {
        Objects.requireNonNull(assessmentId, "assessmentId");
        return database.inTransaction(c -> {
            List<Revision> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT canonical_json FROM revision WHERE assessment_id = ? ORDER BY revision_number")) {
                p.setObject(1, assessmentId);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        if (r.getString(1) != null) {
                            out.add(AssessmentJson.read(r.getString(1), Revision.class));
                        }
                    }
                }
            }
            return out;
        });
    }

    @Override
    public Assessment transition(UUID assessmentId, LifecycleEvent event, String actor, String note) {
        Objects.requireNonNull(assessmentId, "assessmentId");
        Objects.requireNonNull(event, "event");
        requireActor(actor);
        if (event == LifecycleEvent.SUBMIT) {
            throw new IllegalArgumentException("submitting needs a revision: use AssessmentService.submit");
        }
        OffsetDateTime now = now();
        return database.inTransaction(c -> {
            Head head = head(c, assessmentId).orElseThrow(() -> new IllegalArgumentException("no assessment " + assessmentId));
            AssessmentState to = Lifecycle.next(head.state(), event);
            if (event == LifecycleEvent.REOPEN) {
                reopenFromHead(c, assessmentId, head, now);
            }
            try (PreparedStatement p = c.prepareStatement("UPDATE assessment SET state = ?, updated_at = ? WHERE id = ?")) {
                p.setString(1, to.name());
                p.setObject(2, now);
                p.setObject(3, assessmentId);
                p.executeUpdate();
            }
            database.listIndex().touched(assessmentId);
            RetentionSweep.markIfDue(c, assessmentId);
            String what = eventWords(event) + " (" + head.state().label().toLowerCase(Locale.ROOT) + " → " + to.label().toLowerCase(Locale.ROOT) + ")";
            audit(c, assessmentId, now, actor, note == null || note.isBlank() ? what : what + ": " + note.strip());
            return load(c, assessmentId).orElseThrow();
        });
    }

    @Override
    public List<AuditEntry> audit(UUID assessmentId) {
        Objects.requireNonNull(assessmentId, "assessmentId");
        return database.inTransaction(c -> {
            List<AuditEntry> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT seq, at, actor, what FROM audit WHERE assessment_id = ? ORDER BY seq")) {
                p.setObject(1, assessmentId);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.add(new AuditEntry(r.getLong(1), assessmentId, instant(r, 2), r.getString(3), r.getString(4)));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public void close() {
        if (ownsDatabase) {
            database.close();
        }
    }

    // ---- internals ----

    private record Head(AssessmentState state, int revisionCount, UUID headRevisionId) {
    }

    private OffsetDateTime now() {
        // H2 keeps microseconds; truncating here makes what we return equal what we read back.
        return clock.instant().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    private static Optional<Head> head(Connection c, UUID id) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT state, revision_count, head_revision_id FROM assessment WHERE id = ? FOR UPDATE")) {
            p.setObject(1, id);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Head(AssessmentState.valueOf(r.getString(1)), r.getInt(2), r.getObject(3, UUID.class)));
            }
        }
    }

    private void reopenFromHead(Connection c, UUID id, Head head, OffsetDateTime now) throws SQLException {
        if (head.headRevisionId() == null) {
            throw new IllegalStateException("assessment " + id + " has no submitted revision to reopen");
        }
        String json;
        try (PreparedStatement p = c.prepareStatement("SELECT canonical_json FROM revision WHERE revision_id = ?")) {
            p.setObject(1, head.headRevisionId());
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    throw new IllegalStateException("head revision " + head.headRevisionId() + " of assessment " + id + " is missing");
                }
                json = r.getString(1);
            }
        }
        if (json == null) {
            throw new IllegalStateException("the content of assessment " + id + " was removed from this laptop once the force held it;"
                    + " amend it from the central copy");
        }
        AssessmentContent content = AssessmentJson.read(json, Revision.class).content();
        try (PreparedStatement p = c.prepareStatement("UPDATE assessment SET content = ? WHERE id = ?")) {
            p.setString(1, contentJson(content));
            p.setObject(2, id);
            p.executeUpdate();
        }
        ListColumns.write(c, id, content);
        replaceAnswers(c, id, content.answers(), now);
    }

    /** The yes / no / don't-know already stored for this question, or null. */
    private static Choice storedChoice(Connection c, UUID id, String questionId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT answer FROM answer WHERE assessment_id = ? AND question_id = ?")) {
            p.setObject(1, id);
            p.setString(2, questionId);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? AssessmentJson.read(r.getString(1), Answer.class).choice() : null;
            }
        }
    }

    /**
     * Makes the answer rows of {@code id} exactly {@code answers}, writing only the rows that differ:
     * on submit the frozen answers are almost always the draft's own, and every row written costs
     * a page rewrite in the store (decision 0162: rewriting all of them each time was most of what
     * submitting and importing cost).
     */
    /** A new draft's answers: nothing is stored yet, so plain inserts; returns them as a read would. */
    private static Map<String, Answer> insertAnswers(Connection c, UUID id, Map<String, Answer> answers, OffsetDateTime now) throws SQLException {
        Map<String, Answer> stored = new TreeMap<>();
        writeAnswers(c, id, answers, now).forEach((question, json) -> stored.put(question, AssessmentJson.read(json, Answer.class)));
        return stored;
    }

    /** Inserts the answers given; returns each question's stored JSON. */
    private static Map<String, String> writeAnswers(Connection c, UUID id, Map<String, Answer> answers, OffsetDateTime now) throws SQLException {
        Map<String, String> written = new TreeMap<>();
        try (PreparedStatement p = c.prepareStatement("INSERT INTO answer (assessment_id, question_id, answer, updated_at) VALUES (?, ?, ?, ?)")) {
            for (Answer a : answers.values()) {
                if (a == null || a.isEmpty()) {
                    continue;
                }
                requireQuestionId(a.questionId(), "answers");
                String json = AssessmentJson.canonical(a);
                p.setObject(1, id);
                p.setString(2, a.questionId());
                p.setString(3, json);
                p.setObject(4, now);
                p.addBatch();
                written.put(a.questionId(), json);
            }
            if (!written.isEmpty()) {
                p.executeBatch();
            }
        }
        return written;
    }

    private static void replaceAnswers(Connection c, UUID id, Map<String, Answer> answers, OffsetDateTime now) throws SQLException {
        Map<String, String> wanted = new TreeMap<>();
        for (Answer a : answers.values()) {
            if (a == null || a.isEmpty()) {
                continue;
            }
            requireQuestionId(a.questionId(), "answers");
            wanted.put(a.questionId(), AssessmentJson.canonical(a));
        }
        Map<String, String> stored = new TreeMap<>();
        try (PreparedStatement p = c.prepareStatement("SELECT question_id, answer FROM answer WHERE assessment_id = ?")) {
            p.setObject(1, id);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    stored.put(r.getString(1), r.getString(2));
                }
            }
        }
        try (PreparedStatement p = c.prepareStatement("DELETE FROM answer WHERE assessment_id = ? AND question_id = ?")) {
            boolean any = false;
            for (String question : stored.keySet()) {
                if (!wanted.containsKey(question)) {
                    p.setObject(1, id);
                    p.setString(2, question);
                    p.addBatch();
                    any = true;
                }
            }
            if (any) {
                p.executeBatch();
            }
        }
        try (PreparedStatement p = c.prepareStatement("MERGE INTO answer (assessment_id, question_id, answer, updated_at)"
                + " KEY (assessment_id, question_id) VALUES (?, ?, ?, ?)")) {
            boolean any = false;
            for (Map.Entry<String, String> e : wanted.entrySet()) {
                if (!e.getValue().equals(stored.get(e.getKey()))) {
                    p.setObject(1, id);
                    p.setString(2, e.getKey());
                    p.setString(3, e.getValue());
                    p.setObject(4, now);
                    p.addBatch();
                    any = true;
                }
            }
            if (any) {
                p.executeBatch();
            }
        }
    }

    private static Optional<Assessment> load(Connection c, UUID id) throws SQLException {
        AssessmentState state;
        AssessmentContent content;
        String resume;
        UUID headRevision;
        int count;
        Instant created;
        Instant updated;
        try (PreparedStatement p = c.prepareStatement("SELECT state, content, resume_question_id, head_revision_id, revision_count,"
                + " created_at, updated_at FROM assessment WHERE id = ?")) {
            p.setObject(1, id);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                state = AssessmentState.valueOf(r.getString(1));
                content = AssessmentJson.read(r.getString(2), AssessmentContent.class);
                resume = r.getString(3);
                headRevision = r.getObject(4, UUID.class);
                count = r.getInt(5);
                created = instant(r, 6);
                updated = instant(r, 7);
            }
        }
        Map<String, Answer> answers = new TreeMap<>();
        if (state != AssessmentState.DRAFT && headRevision != null) {
            // Answer rows are a draft's; once submitted, the answers are the head revision's, frozen
            // and hashed (decision 0163). Removed with the rest once the force holds the case (retention).
            try (PreparedStatement p = c.prepareStatement("SELECT canonical_json FROM revision WHERE revision_id = ?")) {
                p.setObject(1, headRevision);
                try (ResultSet r = p.executeQuery()) {
                    if (r.next() && r.getString(1) != null) {
                        answers.putAll(AssessmentJson.read(r.getString(1), Revision.class).content().answers());
                    }
                }
            }
        } else {
            try (PreparedStatement p = c.prepareStatement("SELECT answer FROM answer WHERE assessment_id = ?")) {
                p.setObject(1, id);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        Answer a = AssessmentJson.read(r.getString(1), Answer.class);
                        answers.put(a.questionId(), a);
                    }
                }
            }
        }
        return Optional.of(new Assessment(id, state, withAnswers(content, answers), headRevision, count, created, updated, resume));
    }

    private List<AssessmentSummary> summaries(boolean drafts) {
        List<AssessmentSummary> out = new ArrayList<>();
        for (int offset = 0;; offset += ListQuery.MAX_LIMIT) {
            SummaryPage page = summaries(ListQuery.all(drafts, ListQuery.MAX_LIMIT).page(offset, ListQuery.MAX_LIMIT));
            out.addAll(page.rows());
            if (page.rows().size() < ListQuery.MAX_LIMIT) {
                return List.copyOf(out);
            }
        }
    }

    /**
     * One page of a list through the list index (is_draft, updated_at, id) and the list columns:
     * the page's rows are read and parsed, nothing else (issue 17). The count reads the index
     * entries that match, not the content.
     */
    @Override
    public SummaryPage summaries(ListQuery q) {
        Objects.requireNonNull(q, "query");
        java.time.ZoneId zone = java.time.ZoneId.systemDefault();
        StringBuilder where = new StringBuilder(" WHERE a.is_draft = ?");
        List<Object> args = new ArrayList<>();
        args.add(q.drafts());
        if (q.from() != null) {
            where.append(" AND a.updated_at >= ?");
            args.add(q.from().atStartOfDay(zone).toOffsetDateTime());
        }
        if (q.to() != null) {
            where.append(" AND a.updated_at < ?");
            args.add(q.to().plusDays(1).atStartOfDay(zone).toOffsetDateTime());
        }
        if (q.level() != null) {
            where.append(" AND a.head_level = ?");
            args.add(q.level().name());
        }
        if (q.state() != null) {
            where.append(" AND a.state = ?");
            args.add(q.state().name());
        }
        if (q.channel() != null) {
            where.append(" AND a.channel = ?");
            args.add(q.channel().name());
        }
        if (q.sync() != null) {
            where.append(switch (q.sync()) {
                case NOT_YET_SENT -> " AND o.state IN ('waiting', 'sending', 'waiting_for_sign_in')";
                case HELD_CENTRALLY -> " AND o.state = 'synced'";
                case REFUSED -> " AND o.state = 'quarantined'";
            });
        }
        for (String word : SearchText.words(q.text())) {
            // Folded words hold only letters, digits and spaces, so nothing in them is a LIKE wildcard.
            where.append(" AND a.search_words LIKE ?");
            args.add("%" + word + "%");
        }
        String join = " FROM assessment a LEFT JOIN outbox o ON o.revision_id = a.head_revision_id";
        List<String> typed = SearchText.words(q.text());
        if (!typed.isEmpty() && q.sync() == null) {
            // Search as typed: matched in memory against the list columns read once (ListIndex), so
            // a keystroke costs a scan of strings, not a read of every row of the list through the file.
            OffsetDateTime fromIncl = q.from() == null ? null : q.from().atStartOfDay(zone).toOffsetDateTime();
            OffsetDateTime toExcl = q.to() == null ? null : q.to().plusDays(1).atStartOfDay(zone).toOffsetDateTime();
            return database.inTransaction(c -> {
                ListIndex index = database.listIndex();
                index.catchUp(c);
                ListIndex.Found found = index.search(q.drafts(), typed, fromIncl, toExcl, q.state() == null ? null : q.state().name(),
                        q.level() == null ? null : q.level().name(), q.channel() == null ? null : q.channel().name(), q.offset(), q.limit());
                return new SummaryPage(pageOf(c, found.page(), zone), q.offset(), found.matching());
            });
        }
        return database.inTransaction(c -> {
            int matching;
            if (q.unfiltered()) {
                matching = listCount(c, q.drafts());
            } else {
                try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*)" + (q.sync() == null ? " FROM assessment a" : join) + where)) {
                    bind(p, args);
                    try (ResultSet r = p.executeQuery()) {
                        r.next();
                        matching = r.getInt(1);
                    }
                }
            }
            List<UUID> ids = new ArrayList<>();
            if (q.offset() < matching) {
                // The page's ids first, sorted through the list index on narrow rows; then only those
                // rows in full. Sorting full rows (content and the outbox join) for every match cost
                // 250 ms for a word that matched 9,600 of 10,000.
                try (PreparedStatement p = c.prepareStatement("SELECT a.id" + (q.sync() == null ? " FROM assessment a" : join) + where
                        // is_draft leads, though fixed by the WHERE: H2 reads a page straight off an index only
                        // when the ORDER BY is the index's columns from its first (V9); else it sorts every match.
                        + " ORDER BY a.is_draft, a.updated_at DESC, a.id DESC LIMIT ? OFFSET ?")) {
                    bind(p, args);
                    p.setInt(args.size() + 1, q.limit());
                    p.setInt(args.size() + 2, q.offset());
                    try (ResultSet r = p.executeQuery()) {
                        while (r.next()) {
                            ids.add(r.getObject(1, UUID.class));
                        }
                    }
                }
            }
            return new SummaryPage(pageOf(c, ids, zone), q.offset(), matching);
        });
    }

    /**
     * How many cases a whole list holds. The drafts are counted through the list index (they are
     * few); the submitted list is every case but those, and H2 knows a table's row count without
     * reading it: counting 100,000 index entries at each sign-in was most of what a large store
     * added to it (issue 17).
     */
    private static int listCount(Connection c, boolean drafts) throws SQLException {
        int draftCount;
        try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM assessment WHERE is_draft = TRUE"); ResultSet r = p.executeQuery()) {
            r.next();
            draftCount = r.getInt(1);
        }
        if (drafts) {
            return draftCount;
        }
        try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM assessment"); ResultSet r = p.executeQuery()) {
            r.next();
            return r.getInt(1) - draftCount;
        }
    }

    /** The summaries of these cases, in this order: the list columns and the outbox, never the content. */
    private List<AssessmentSummary> pageOf(Connection c, List<UUID> ids, java.time.ZoneId zone) throws SQLException {
        String join = " FROM assessment a LEFT JOIN outbox o ON o.revision_id = a.head_revision_id";
        List<Object[]> rows = new ArrayList<>();
        Map<UUID, Object[]> byId = new HashMap<>();
        if (!ids.isEmpty()) {
            // The list columns, never the content: reading 100 contents cost more than the search.
            try (PreparedStatement p = c.prepareStatement("SELECT a.id, a.state, a.channel, a.updated_at, a.head_level, o.state,"
                    + " o.server_seq, o.received_at, a.purged_at, a.incident_ref, a.district, a.children_or_dependants, o.last_error" + join
                    + " WHERE a.id IN (" + placeholders(ids.size()) + ")")) {
                for (int i = 0; i < ids.size(); i++) {
                    p.setObject(i + 1, ids.get(i));
                }
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        byId.put(r.getObject(1, UUID.class), new Object[] {r.getObject(1, UUID.class), r.getString(2), r.getString(3),
                                instant(r, 4), r.getString(5), r.getString(6), r.getObject(7, Long.class), instant(r, 8), instant(r, 9),
                                r.getString(10), r.getString(11), r.getObject(12, Boolean.class), r.getString(13)});
                    }
                }
            }
        }
        for (UUID id : ids) {
            Object[] row = byId.get(id);
            if (row != null) {
                rows.add(row);
            }
        }
        // Only drafts have answer rows (migration 7): a page of the submitted list looks nothing up there.
        Map<UUID, List<String>> answered = answeredQuestions(c, rows.stream()
                .filter(row -> AssessmentState.DRAFT.name().equals(row[1])).map(row -> (UUID) row[0]).toList());
        List<AssessmentSummary> out = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            UUID id = (UUID) row[0];
            AssessmentState state = AssessmentState.valueOf((String) row[1]);
            Channel channel = row[2] == null ? null : Channel.valueOf((String) row[2]);
            Instant updated = (Instant) row[3];
            String level = (String) row[4];
            String outbox = (String) row[5];
            Long serverSeq = (Long) row[6];
            Instant received = (Instant) row[7];
            out.add(new AssessmentSummary(id, state, channel, (String) row[9], (String) row[10], updated,
                    completenessPercent(answered.getOrDefault(id, List.of()), (Boolean) row[11]),
                    level == null ? null : RiskLevel.valueOf(level), syncWords(outbox, serverSeq, received, (String) row[12], zone),
                    retentionWords(state, updated, outbox, serverSeq, received, (Instant) row[8])));
        }
        return out;
    }

    /**
     * Reads the lists' search into memory now if it is not there yet (a background task after
     * sign-in, so the first search as typed does not pay for it).
     *
     * @return true when this call read it
     */
    public boolean prepareSearch() {
        return database.inTransaction(c -> {
            ListIndex index = database.listIndex();
            boolean first = !index.built();
            index.catchUp(c);
            return first;
        });
    }

    private static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    private static void bind(PreparedStatement p, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            p.setObject(i + 1, args.get(i));
        }
    }

    /** The answered question ids of the given assessments (one page's worth). */
    private static Map<UUID, List<String>> answeredQuestions(Connection c, List<UUID> ids) throws SQLException {
        Map<UUID, List<String>> answered = new HashMap<>();
        if (ids.isEmpty()) {
            return answered;
        }
        // An IN list, not "= ANY(array)": H2 looks each one up in the key; with an array it read the whole table.
        try (PreparedStatement p = c.prepareStatement("SELECT assessment_id, question_id FROM answer WHERE assessment_id IN ("
                + placeholders(ids.size()) + ")")) {
            for (int i = 0; i < ids.size(); i++) {
                p.setObject(i + 1, ids.get(i));
            }
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    answered.computeIfAbsent(r.getObject(1, UUID.class), k -> new ArrayList<>()).add(r.getString(2));
                }
            }
        }
        return answered;
    }

    /** Answered checklist questions as a whole percentage, rounded down so 100 means every one. */
    static int completenessPercent(java.util.Collection<String> answeredQuestionIds, Boolean childrenOrDependants) {
        boolean skipChildren = Boolean.FALSE.equals(childrenOrDependants);
        List<String> counted = CHECKLIST.stream().filter(q -> !(skipChildren && CHILDREN_SECTION.contains(q))).toList();
        Set<String> answered = Set.copyOf(answeredQuestionIds);
        long done = counted.stream().filter(answered::contains).count();
        return (int) (done * 100 / counted.size());
    }

    /**
     * Days a held, finished case keeps its personal content here (the IT setting {@code retention.days});
     * the lists say when it goes.
     */
    private volatile int retentionDays = 7;

    public void useRetentionDays(int days) {
        this.retentionDays = days;
    }

    public int retentionDays() {
        return retentionDays;
    }

    /** What retention has done or will do to this case's personal content on this laptop (issue 14); empty while it stays. */
    private String retentionWords(AssessmentState state, Instant updated, String outboxState, Long serverSeq, Instant receivedAt,
            Instant purgedAt) {
        java.time.ZoneId zone = java.time.ZoneId.systemDefault();
        if (purgedAt != null) {
            return "Removed " + shortDay(purgedAt, zone);
        }
        return RetentionSweep.purgeOn(state, updated, outboxState, serverSeq, receivedAt, retentionDays)
                .map(on -> "Until " + shortDay(on, zone)).orElse("");
    }

    /** "12 Dec" in this year, "12 Dec 2027" otherwise: short enough for a list column at 1366×768. */
    private String shortDay(Instant at, java.time.ZoneId zone) {
        java.time.ZonedDateTime t = at.atZone(zone);
        String pattern = t.getYear() == clock.instant().atZone(zone).getYear() ? "d MMM" : "d MMM yyyy";
        return java.time.format.DateTimeFormatter.ofPattern(pattern, Locale.UK).format(t);
    }

    /**
     * The head revision's delivery in the outbox's one set of words, as the status bar says them for
     * the same row, with the last attempt's problem (null before it is queued).
     */
    static String syncWords(String outboxState, Long serverSeq, Instant receivedAt, String lastError, java.time.ZoneId zone) {
        return outboxState == null ? null
                : org.dashdesk.outbox.OutboxRecord.describe(org.dashdesk.outbox.OutboxState.fromDb(outboxState), lastError, serverSeq, receivedAt,
                        zone);
    }

    static int priority(RiskLevel level) {
        return switch (level) {
            case HIGH -> 0;
            case MEDIUM -> 1;
            case STANDARD -> 2;
        };
    }

    private static RuntimeException notADraft(Connection c, UUID id, String verb) throws SQLException {
        Optional<Head> head = head(c, id);
        if (head.isEmpty()) {
            return new IllegalArgumentException("no assessment " + id);
        }
        return new IllegalStateException("assessment " + id + " is " + head.get().state().label().toLowerCase(Locale.ROOT)
                + ": only a draft can be " + verb + " (reopen it first if it was returned)");
    }

    @Override
    public void recordView(UUID assessmentId, String actor) {
        recordAccess(assessmentId, actor, "viewed");
    }

    @Override
    public void recordDocument(UUID assessmentId, String actor, String what) {
        if (what == null || what.isBlank() || what.length() > 200) {
            throw new IllegalArgumentException("what: 1 to 200 characters");
        }
        recordAccess(assessmentId, actor, what);
    }

    private void recordAccess(UUID assessmentId, String actor, String what) {
        Objects.requireNonNull(assessmentId, "assessmentId");
        requireActor(actor);
        OffsetDateTime now = now();
        database.inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM assessment WHERE id = ?")) {
                p.setObject(1, assessmentId);
                try (ResultSet r = p.executeQuery()) {
                    if (!r.next()) {
                        throw new IllegalArgumentException("no assessment " + assessmentId);
                    }
                }
            }
            audit(c, assessmentId, now, actor, what);
            return null;
        });
    }

    private static void insertRevision(Connection c, Revision revision, String canonical) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO revision (revision_id, assessment_id, revision_number, canonical_json,"
                + " content_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            p.setObject(1, revision.revisionId());
            p.setObject(2, revision.assessmentId());
            p.setInt(3, revision.revisionNumber());
            p.setString(4, canonical);
            p.setString(5, revision.contentHash());
            p.setObject(6, revision.createdAt().atOffset(ZoneOffset.UTC));
            p.executeUpdate();
        }
    }

    /** Puts a frozen revision in the sync outbox, in the laptop's order, ahead of lower levels. */
    private static void queue(Connection c, UUID revisionId, UUID assessmentId, RiskLevel level, OffsetDateTime now) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO outbox (revision_id, assessment_id, device_seq, priority, state,"
                + " attempts, queued_at) VALUES (?, ?, ?, ?, 'waiting', 0, ?)")) {
            p.setObject(1, revisionId);
            p.setObject(2, assessmentId);
            p.setLong(3, Database.nextDeviceSeq(c));
            p.setInt(4, priority(level));
            p.setObject(5, now);
            p.executeUpdate();
        }
    }

    private static void audit(Connection c, UUID id, OffsetDateTime at, String actor, String what) throws SQLException {
        // Chained in this same transaction (issue 14): the row and the change it records commit together.
        AuditChain.append(c, id, at, actor.strip(), what.length() > MAX_WHAT ? what.substring(0, MAX_WHAT - 1) + "…" : what);
    }

    /** Walks the audit trail's hash chain: "N rows, intact" or the first break (issue 14). */
    public org.dashdesk.evidence.ChainVerifier.Result verifyAudit() {
        return database.inTransaction(AuditChain::verify);
    }

    private static String contentJson(AssessmentContent content) {
        return AssessmentJson.canonical(withAnswers(content, Map.of()));
    }

    private static AssessmentContent withAnswers(AssessmentContent c, Map<String, Answer> answers) {
        return new AssessmentContent(c.packId(), c.packVersion(), c.channel(), c.officer(), c.phoneIn(), c.people(), c.incident(), answers,
                c.judgement(), c.referrals());
    }

    private static Instant instant(ResultSet r, int column) throws SQLException {
        OffsetDateTime t = r.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static void requireActor(String actor) {
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("actor is missing: every change records who made it");
        }
        if (actor.strip().length() > MAX_ACTOR) {
            throw new IllegalArgumentException("actor is longer than " + MAX_ACTOR + " characters");
        }
    }

    private static void requireQuestionId(String id, String field) {
        if (id == null || id.isBlank() || id.length() > MAX_QUESTION_ID) {
            throw new IllegalArgumentException(field + ": question id must be 1–" + MAX_QUESTION_ID + " characters");
        }
    }

    private static String channelWords(Channel channel) {
        return channel == null ? "channel not set" : channel == Channel.PHONE_IN ? "phone-in" : "at scene";
    }

    private static String eventWords(LifecycleEvent event) {
        return switch (event) {
            case SUBMIT -> "submitted";
            case ROUTE_FOR_SIGN_OFF -> "routed for sign-off";
            case ROUTE_REFERRED -> "routed as a referral";
            case SIGN_OFF -> "signed off";
            case RETURN -> "returned";
            case RAISE -> "raised to a referral";
            case REOPEN -> "reopened as a new draft";
        };
    }
}
