package org.dashdesk.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
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
            assertTrue(SyncStatusText.exitWarning(s).orElseThrow().contains((assessments - 1) + " assessments"),
                    SyncStatusText.exitWarning(s).orElseThrow());
        }
    }
}
