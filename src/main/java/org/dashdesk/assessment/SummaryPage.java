package org.dashdesk.assessment;

import java.util.List;

/**
 * One page of a home list and how many rows match in all.
 *
 * @param rows     the page, newest first
 * @param offset   the first row's position among all that match
 * @param matching how many rows match the query's filters (all pages)
 */
public record SummaryPage(List<AssessmentSummary> rows, int offset, int matching) {

    public SummaryPage {
        rows = List.copyOf(rows);
    }
}
