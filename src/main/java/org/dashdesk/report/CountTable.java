package org.dashdesk.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A table of counts: rows named by one or more keys (month, team …), columns named by one key
 * (level, bucket …), each row's total, each column's total and the grand total. Totals are
 * published only where the rows (or the columns) do not overlap, that is where a total is the sum
 * of what it totals; a report whose rows overlap (one assessment may have several reasons)
 * publishes no column totals. Counts are never negative.
 */
public final class CountTable {

    private final List<String> rowDimensions;
    private final List<String> columns;
    private final List<List<String>> rowKeys = new ArrayList<>();
    private final java.util.Map<List<String>, Integer> rowIndex = new java.util.HashMap<>();
    private final List<long[]> cells = new ArrayList<>();
    private final boolean rowTotals;
    private final boolean columnTotals;

    /**
     * @param rowDimensions names of the keys that name a row, e.g. {@code ["month", "team"]}
     * @param columns       the column labels
     * @param rowTotals     true when a row's cells do not overlap, so their sum is published
     * @param columnTotals  true when the rows do not overlap, so each column's sum is published
     */
    public CountTable(List<String> rowDimensions, List<String> columns, boolean rowTotals, boolean columnTotals) {
        this.rowDimensions = List.copyOf(rowDimensions);
        this.columns = List.copyOf(columns);
        this.rowTotals = rowTotals;
        this.columnTotals = columnTotals;
        if (this.columns.isEmpty()) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
    }

    /** Adds {@code count} to the cell; a row is created on first use, in the order rows are first met. */
    public CountTable add(List<String> rowKey, String column, long count) {
        if (count < 0) {
            throw new IllegalArgumentException("counts are never negative");
        }
        if (rowKey.size() != rowDimensions.size()) {
            throw new IllegalArgumentException("row key " + rowKey + " does not match " + rowDimensions);
        }
        int c = columns.indexOf(column);
        if (c < 0) {
            throw new IllegalArgumentException("unknown column " + column);
        }
        Integer r = rowIndex.get(rowKey);
        if (r == null) {
            r = rowKeys.size();
            rowKeys.add(java.util.Collections.unmodifiableList(new ArrayList<>(rowKey)));
            rowIndex.put(rowKeys.get(r), r);
            cells.add(new long[columns.size()]);
        }
        cells.get(r)[c] += count;
        return this;
    }

    /** Ensures a row exists (with zeros) so that it is shown even when nothing was counted in it. */
    public CountTable row(List<String> rowKey) {
        if (!rowIndex.containsKey(rowKey)) {
            add(rowKey, columns.get(0), 0);
        }
        return this;
    }

    public List<String> rowDimensions() {
        return rowDimensions;
    }

    public List<String> columns() {
        return columns;
    }

    public List<List<String>> rowKeys() {
        return List.copyOf(rowKeys);
    }

    public int rowCount() {
        return rowKeys.size();
    }

    public long cell(int row, int column) {
        return cells.get(row)[column];
    }

    public long cell(List<String> rowKey, String column) {
        Integer r = rowIndex.get(rowKey);
        return r == null ? 0 : cells.get(r)[columns.indexOf(column)];
    }

    public boolean hasRowTotals() {
        return rowTotals;
    }

    public boolean hasColumnTotals() {
        return columnTotals;
    }

    public long rowTotal(int row) {
        return Arrays.stream(cells.get(row)).sum();
    }

    public long columnTotal(int column) {
        return cells.stream().mapToLong(r -> r[column]).sum();
    }

    public long grandTotal() {
        return cells.stream().flatMapToLong(Arrays::stream).sum();
    }

    /** True when nothing at all was counted. */
    public boolean isEmpty() {
        return grandTotal() == 0;
    }

    /** Rows sorted by their keys (month order for "YYYY-MM" keys), for a stable presentation. */
    public CountTable sortedRows() {
        CountTable sorted = new CountTable(rowDimensions, columns, rowTotals, columnTotals);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < rowKeys.size(); i++) {
            order.add(i);
        }
        order.sort((a, b) -> compareKeys(rowKeys.get(a), rowKeys.get(b)));
        for (int i : order) {
            sorted.rowIndex.put(rowKeys.get(i), sorted.rowKeys.size());
            sorted.rowKeys.add(rowKeys.get(i));
            sorted.cells.add(cells.get(i).clone());
        }
        return sorted;
    }

    private static int compareKeys(List<String> a, List<String> b) {
        for (int i = 0; i < a.size(); i++) {
            int c = Objects.compare(a.get(i), b.get(i), java.util.Comparator.nullsLast(String::compareTo));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
