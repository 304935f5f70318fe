package org.dashdesk.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.dashdesk.assessment.AssessmentContent;
import org.dashdesk.assessment.AssessmentService;
import org.dashdesk.assessment.AssessmentState;
import org.dashdesk.assessment.LifecycleEvent;
import org.dashdesk.assessment.People;
import org.dashdesk.assessment.Revision;
import org.dashdesk.protocol.Receipt;
import org.dashdesk.security.FileKeyProvider;
import org.dashdesk.ui.common.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Migration 8 (issue 17): what retention may purge is read from {@code retention_due}, filled as
 * receipts arrive and emptied as cases are purged; a store written before it gets it filled from
 * its outbox, so its due cases are still purged. On a real encrypted store.
 */
class RetentionDueMigrationTest {

    private static final Instant T0 = Instant.parse("2026-11-20T02:10:00Z");

    @TempDir
    Path dir;

    private final FileKeyProvider keys = new FileKeyProvider();
    private final MutableClock clock = new MutableClock(T0, ZoneOffset.UTC);
    private Database database;
    private H2AssessmentRepository repo;
    private AssessmentService service;

    @BeforeEach
    void open() {
        database = Database.open(dir, keys);
        repo = new H2AssessmentRepository(database, clock);
        service = StoreFixtures.dash2009(repo, clock);
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    /** A standard case, signed off and received. */
    private Revision heldAndSignedOff(String victim) {
        AssessmentContent c = StoreFixtures.withYes(StoreFixtures.start(), 2).withPeople(new People(victim, List.of(), List.of(), false));
        Revision r = service.submitNew(c, "1234");
        if (repo.find(r.assessmentId()).orElseThrow().state() == AssessmentState.AWAITING_SIGN_OFF) {
            repo.transition(r.assessmentId(), LifecycleEvent.SIGN_OFF, "5678", null);
        }
        new OutboxStore(database).recordReceipts(List.of(new Receipt(r.assessmentId(), r.revisionId(), r.contentHash(), 3, clock.instant())));
        return r;
    }

    private List<UUID> due() {
        return database.inTransaction(c -> {
            List<UUID> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT assessment_id FROM retention_due ORDER BY assessment_id");
                    ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(r.getObject(1, UUID.class));
                }
            }
            return out;
        });
    }

    @Test
    void aReceiptMakesACaseACandidateAndThePurgeTakesItOut() {
        Revision held = heldAndSignedOff("Synthetic Victim One");
        service.submitNew(StoreFixtures.withYes(StoreFixtures.start(), 2), "1234"); // unsent: never a candidate
        assertEquals(List.of(held.assessmentId()), due());
        clock.advance(Duration.ofDays(8));
        assertEquals(1, new RetentionSweep(database, clock).purgeDue(7, "retention"));
        assertEquals(List.of(), due(), "purged: no longer read by the sweep");
    }

    @Test
    void aCaseReceivedWhileWithTheSupervisorBecomesACandidateWhenSignedOff() {
        AssessmentContent c = StoreFixtures.withYes(StoreFixtures.start(), 2).withPeople(new People("Synthetic Victim Five", List.of(),
                List.of(), false));
        Revision r = service.submitNew(c, "1234");
        assertEquals(AssessmentState.AWAITING_SIGN_OFF, repo.find(r.assessmentId()).orElseThrow().state());
        new OutboxStore(database).recordReceipts(List.of(new Receipt(r.assessmentId(), r.revisionId(), r.contentHash(), 4, clock.instant())));
        assertEquals(List.of(), due(), "not finished: not a candidate");
        repo.transition(r.assessmentId(), LifecycleEvent.SIGN_OFF, "5678", null);
        assertEquals(List.of(r.assessmentId()), due(), "signed off, and held centrally");
        clock.advance(Duration.ofDays(8));
        assertEquals(1, new RetentionSweep(database, clock).purgeDue(7, "retention"));
    }

    @Test
    void aStoreWrittenBeforeTheTableGetsItFilledAndItsDueCasesArePurged() {
        Revision held = heldAndSignedOff("Synthetic Victim Two");
        Revision purgedBefore = heldAndSignedOff("Synthetic Victim Three");
        clock.advance(Duration.ofDays(8));
        database.inTransaction(c -> {
            // As a version-7 store: no table, and one case purged already.
            try (PreparedStatement p = c.prepareStatement("UPDATE assessment SET purged_at = ? WHERE id = ?")) {
                p.setObject(1, clock.instant().atOffset(ZoneOffset.UTC));
                p.setObject(2, purgedBefore.assessmentId());
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("DROP TABLE retention_due")) {
                p.execute();
            }
            try (PreparedStatement p = c.prepareStatement("DELETE FROM schema_version WHERE version >= 8")) {
                p.executeUpdate();
            }
            return null;
        });
        database.close();
        open();
        assertEquals(Migrations.latestVersion(), database.schemaVersion());
        assertEquals(List.of(held.assessmentId()), due(), "the held case with its content still here; not the one purged before");
        assertEquals(1, new RetentionSweep(database, clock).purgeDue(7, "retention"));
        assertTrue(repo.find(held.assessmentId()).orElseThrow().content().people().victimName() == null
                || repo.find(held.assessmentId()).orElseThrow().content().people().victimName().isEmpty());
    }

    @Test
    void whatIsDueIsReadFromTheCandidatesNotFromEveryFinishedCase() {
        // Enough finished cases that a plan through the state index would look cheap to H2.
        for (int i = 0; i < 30; i++) {
            Revision r = service.submitNew(StoreFixtures.withYes(StoreFixtures.start(), 2), "1234");
            if (repo.find(r.assessmentId()).orElseThrow().state() == AssessmentState.AWAITING_SIGN_OFF) {
                repo.transition(r.assessmentId(), LifecycleEvent.SIGN_OFF, "5678", null);
            }
        }
        heldAndSignedOff("Synthetic Victim Four");
        UUID anyId = UUID.randomUUID();
        String plan = database.inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement("EXPLAIN " + RetentionSweep.candidatesSql(2))) {
                p.setObject(1, anyId);
                p.setObject(2, anyId);
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    return r.getString(1);
                }
            }
        });
        String firstTable = plan.substring(plan.indexOf("FROM"), plan.indexOf("JOIN"));
        assertTrue(firstTable.contains("ASSESSMENT\" \"A\"") && firstTable.contains("PRIMARY_KEY") && !firstTable.contains("STATE_IDX"),
                "each candidate is found by its key, not through the state index: " + plan);
    }
}
