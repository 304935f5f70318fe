package org.dashdesk.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.dashdesk.outbox.OutboxRecord;
import org.dashdesk.outbox.OutboxState;
import org.dashdesk.security.FileKeyProvider;
import org.dashdesk.store.Database;
import org.dashdesk.store.H2AssessmentRepository;
import org.dashdesk.store.LocalSettings;
import org.dashdesk.store.OutboxStore;
import org.dashdesk.store.SyntheticStore;
import org.dashdesk.ui.shell.SyncStatusText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A laptop offline for weeks (issue 17): the snapshot the window holds carries only the newest
 * unsynced records, yet the exit warning still counts every unsent assessment, refused ones apart,
 * from the store. A real H2 store seeded with 1,200 synthetic assessments.
 */
class SyncSnapshotAtScaleTest {

    @TempDir
    Path dir;

    @Test
    void theSnapshotHoldsTheNewestRecordsAndCountsEveryUnsentAssessmentInTheStore() {
        FileKeyProvider keys = new FileKeyProvider();
        SyntheticStore.seed(dir, keys, 1200, Instant.parse("2026-11-23T10:00:00Z"));
        try (Database database = Database.open(dir, keys)) {
            OutboxStore outbox = new OutboxStore(database);
            List<OutboxRecord> all = outbox.unsynced();
            assertTrue(all.size() > SyncService.SNAPSHOT_RECORDS + 100, "more unsent than a snapshot carries: " + all.size());
            // The oldest one refused: far outside the newest records the snapshot carries.
            outbox.markQuarantined(all.get(0).revisionId(), "synthetic refusal");

            SyncService sync = new SyncService(outbox, new H2AssessmentRepository(database, Clock.systemUTC()), new LocalSettings(database),
                    null, Clock.systemUTC(), new Random(1), 2);
            SyncSnapshot s = sync.snapshot();

            assertEquals(SyncService.SNAPSHOT_RECORDS, s.unsynced().size(), "bounded, whatever the store holds");
            assertEquals(all.subList(all.size() - SyncService.SNAPSHOT_RECORDS, all.size()).stream().map(OutboxRecord::revisionId).toList(),
                    s.unsynced().stream().map(OutboxRecord::revisionId).toList(), "the newest, in device order");
            long assessments = all.stream().map(OutboxRecord::assessmentId).distinct().count();
            assertEquals(assessments, s.unsent().assessments(), "every unsent assessment counted");
            assertEquals(1, s.unsent().refused());
            assertTrue(s.unsynced().stream().noneMatch(r -> r.state() == OutboxState.QUARANTINED), "the refused one is not among them");
            assertEquals(SyncStatusText.exitWarning(new SyncSnapshot(s.waiting(), s.synced(), s.quarantined(), s.waitingForSignIn(), null,
                    null, false, outbox.unsynced())), SyncStatusText.exitWarning(s),
                    "the same warning as from every record: " + SyncStatusText.exitWarning(s).orElse(""));
            assertTrue(SyncStatusText.exitWarning(s).orElseThrow().contains(String.format(Locale.UK, "%,d assessments", assessments - 1)),
                    SyncStatusText.exitWarning(s).orElseThrow());
        }
    }

    @Test
    void theCommandLineSummaryWritesLargeCountsAsTheDeskDoes() {
        assertEquals("64,000 waiting to send · 1,200 refused by the server · 2,500 waiting for sign-in · last successful sync: never",
                new SyncSnapshot(64_000, 0, 1_200, 2_500, null, null, false, List.of()).summary());
        assertEquals("12,345 waiting to send · last successful sync: 2026-11-23T10:00:00Z (12,345 still waiting)",
                new SyncSnapshot(12_345, 9, 0, 0, Instant.parse("2026-11-23T10:00:00Z"), null, false, List.of()).summary());
    }
}
