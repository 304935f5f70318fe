package org.dashdesk.ui.common;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

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
 */
public record AppServices(AssessmentService service, PackRegistry packs, SettingsStore settings, AutoCloseable closer,
                          SyncService sync, ScheduledExecutorService syncScheduler, List<String> packProblems) {

    public AppServices {
        packProblems = packProblems == null ? List.of() : List.copyOf(packProblems);
    }

    public AppServices(AssessmentService service, PackRegistry packs, SettingsStore settings, AutoCloseable closer) {
        this(service, packs, settings, closer, null, null, List.of());
    }
}
