package org.dashdesk.review;

import java.util.Optional;
import java.util.UUID;

/**
 * Return comments pulled from the central server and kept locally, so an officer sees them
 * offline while amending. Implemented next to the sync pull.
 */
public interface ReturnNotesRepository {

    Optional<ReturnNotes> latest(UUID assessmentId);
}
