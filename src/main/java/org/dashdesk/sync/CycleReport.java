package org.dashdesk.sync;

import java.util.List;

/**
 * What one push/pull cycle did.
 *
 * @param sent        revisions the server confirmed and whose receipts are now on disk
 * @param quarantined revisions the server refused in this cycle
 * @param retrying    revisions that failed and will be tried again later
 * @param applied     central changes applied to local assessments
 * @param problems    the distinct problems met, in words
 */
public record CycleReport(int sent, int quarantined, int retrying, int heldBack, int applied, boolean reachable,
        List<String> problems) {

    public CycleReport {
        problems = List.copyOf(problems);
    }
}
