package org.dashdesk.protocol;

import java.util.List;

/**
 * The reply to {@code GET /api/v1/changes?since=CURSOR}.
 *
 * @param cursor pass it as {@code since} next time; opaque to clients
 * @param more   true when the page was full and more changes are waiting
 */
public record ChangesPage(List<Change> changes, String cursor, boolean more) {

    public ChangesPage {
        changes = List.copyOf(changes);
    }
}
