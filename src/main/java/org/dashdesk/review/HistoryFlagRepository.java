package org.dashdesk.review;

import java.util.Optional;
import java.util.UUID;

/** History flags pulled from the central server and kept locally, so the record shows them offline. */
public interface HistoryFlagRepository {

    /** The latest flag about this assessment, if any. */
    Optional<HistoryFlag> latest(UUID assessmentId);
}
