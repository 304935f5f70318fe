package org.dashdesk.ui.common;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

import org.dashdesk.assessment.AssessmentService;
import org.dashdesk.instrument.PackRegistry;
import org.dashdesk.sync.SyncService;

/**
 * What the screens need once storage is open. Built off the FX thread after sign-in.
 *
 * @param closer       releases the store (and stops sync) at sign-out or exit
 * @param sync         the outbox's sync service, not yet started; null only in tests without a store
 * @param syncScheduler the thread sync cycles run on (never the FX thread); shut down by {@code closer}
 * @param packProblems pack files in the force's folder that were refused, each naming its file
 * @param evidence     what this laptop keeps and trusts, in words for Settings (the pinned receipt
 *                     key, what retention will remove when); read off the FX thread
 * @param afterOpen    work the store owes once the lists are showing (retention's sweep of what
 *                     became due while the laptop was closed), a piece per call: true while more
 *                     remains; run off the FX thread, one piece per background task
 */
public record AppServices(AssessmentService service, PackRegistry packs, SettingsStore settings, AutoCloseable closer,
                          SyncService sync, ScheduledExecutorService syncScheduler, List<String> packProblems,
                          Supplier<List<String>> evidence, java.util.function.BooleanSupplier afterOpen) {

    public AppServices {
        packProblems = packProblems == null ? List.of() : List.copyOf(packProblems);
        evidence = evidence == null ? List::of : evidence;
        afterOpen = afterOpen == null ? () -> false : afterOpen;
    }

    public AppServices(AssessmentService service, PackRegistry packs, SettingsStore settings, AutoCloseable closer, SyncService sync,
            ScheduledExecutorService syncScheduler, List<String> packProblems) {
        this(service, packs, settings, closer, sync, syncScheduler, packProblems, null, null);
    }

    public AppServices(AssessmentService service, PackRegistry packs, SettingsStore settings, AutoCloseable closer) {
        this(service, packs, settings, closer, null, null, List.of());
    }
}
