package org.dashdesk.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link CountTable} as it is shown or released: each cell, total and grand total is a number,
 * or, under small-number suppression, the marker {@value #SMALL} (a count from 1 to 4) or
 * {@value #WITHHELD} (a larger count withheld so that a total cannot give a small one away).
 * A withheld value is never present in this object: only its marker is, so nothing that
 * serialises it can leak it. Totals that are not published (rows or columns that overlap) are
 * null.
 *
 * @param columnTotals one per column, or null when the rows overlap
 * @param total        the grand total, or null when rows or columns overlap
 * @param suppressed   true when small-number suppression was applied
 */
public record PublishedTable(List<String> rowDimensions, List<String> columns, List<Row> rows, List<Object> columnTotals,
        Object total, boolean suppressed) {

    /** Shown in place of a count from 1 to {@code threshold - 1}. */
    public static final String SMALL = "<5";
    /** Shown in place of a count withheld by secondary suppression (the ONS convention "[c]", confidential). */
    public static final String WITHHELD = "[c]";

    /**
     * @param keys  the row's keys, one per row dimension
     * @param cells one per column: a number or a marker
     * @param total the row's total, or null when its cells overlap
     */
    public record Row(List<String> keys, List<Object> cells, Object total) {
    }

    /** Every number as it is, no suppression (for use inside the force). */
    public static PublishedTable plain(CountTable t) {
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < t.rowCount(); r++) {
            List<Object> cells = new ArrayList<>();
            for (int c = 0; c < t.columns().size(); c++) {
                cells.add(t.cell(r, c));
            }
            rows.add(new Row(t.rowKeys().get(r), cells, t.hasRowTotals() ? t.rowTotal(r) : null));
        }
        List<Object> columnTotals = null;
        if (t.hasColumnTotals()) {
            columnTotals = new ArrayList<>();
            for (int c = 0; c < t.columns().size(); c++) {
                columnTotals.add(t.columnTotal(c));
            }
        }
        return new PublishedTable(t.rowDimensions(), t.columns(), rows, columnTotals,
                t.hasRowTotals() && t.hasColumnTotals() ? t.grandTotal() : null, false);
    }

    /** True when any cell or total is shown as a marker. */
    public boolean anyWithheld() {
        return rows.stream().anyMatch(r -> r.cells().stream().anyMatch(String.class::isInstance) || r.total() instanceof String)
                || (columnTotals != null && columnTotals.stream().anyMatch(String.class::isInstance)) || total instanceof String;
    }
}
