package org.dashdesk.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One report as the server answers it: what was asked, the table, figures that are not counts
 * (a median), and notes a reader needs (what a marker means, what an empty range means). Under
 * suppression a measure over fewer than 5 cases is withheld like a cell.
 *
 * @param report      the report's path name, e.g. "levels"
 * @param empty       true when nothing in the range matched: the table is then all zeros or has no rows
 */
public record Report(String report, String title, LocalDate from, LocalDate to, Map<String, String> filters, List<String> by,
        boolean suppressed, Instant generatedAt, PublishedTable table, List<Measure> measures, List<String> notes, boolean empty) {

    public Report {
        filters = filters == null ? Map.of() : Map.copyOf(filters);
        by = by == null ? List.of() : List.copyOf(by);
        measures = measures == null ? List.of() : List.copyOf(measures);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /**
     * A figure beside the table, e.g. the median hours to sign-off for one team.
     *
     * @param keys  the row it belongs to (empty for the whole report)
     * @param value a number, or a marker under suppression
     */
    public record Measure(String name, List<String> keys, Object value) {
    }
}
