package org.dashdesk.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Small-number suppression for statistics released outside the force (an FOI answer, a
 * partnership report): every count from 1 to {@code threshold - 1} is shown as "&lt;5"
 * (primary), and then, so that no published total gives one away by subtraction, more counts
 * are withheld as "[c]" (secondary) until no row, column or margin of totals has exactly one
 * hidden entry. Zeros are shown: a zero names no one.
 *
 * <p>Each published total and the entries it totals form one equation. First the usual quick
 * rule: an equation with exactly one hidden entry can be solved, so another is hidden with it
 * (the smallest non-zero cell of that equation, losing least, else a total). Then the audit a
 * determined reader could make ({@link Disclosure}): all the equations together with the bounds
 * the markers give away ("&lt;5" is 1 to 4, "[c]" is at least 5), as linear programs. While any
 * small count can still be worked out exactly, one more entry near it is hidden. Each step only
 * hides more, so it ends.
 */
public final class Suppression {

    /** The threshold the issue and the usual convention name: counts under 5 are withheld. */
    public static final int THRESHOLD = 5;

    private Suppression() {
    }

    /** The table with suppression applied at {@link #THRESHOLD}. */
    public static PublishedTable apply(CountTable t) {
        return apply(t, THRESHOLD);
    }

    public static PublishedTable apply(CountTable t, int threshold) {
        int rows = t.rowCount();
        int cols = t.columns().size();
        // Entries: cells r*cols+c, then row totals, then column totals, then the grand total.
        int rowTotalBase = rows * cols;
        int colTotalBase = rowTotalBase + rows;
        int grand = colTotalBase + cols;
        long[] value = new long[grand + 1];
        boolean[] published = new boolean[grand + 1];
        boolean[] total = new boolean[grand + 1];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                value[r * cols + c] = t.cell(r, c);
                published[r * cols + c] = true;
            }
            value[rowTotalBase + r] = t.rowTotal(r);
            published[rowTotalBase + r] = t.hasRowTotals();
            total[rowTotalBase + r] = true;
        }
        for (int c = 0; c < cols; c++) {
            value[colTotalBase + c] = t.columnTotal(c);
            published[colTotalBase + c] = t.hasColumnTotals();
            total[colTotalBase + c] = true;
        }
        value[grand] = t.grandTotal();
        published[grand] = t.hasRowTotals() && t.hasColumnTotals();
        total[grand] = true;

        List<int[]> equations = new ArrayList<>();
        if (t.hasRowTotals()) {
            for (int r = 0; r < rows; r++) {
                int[] e = new int[cols + 1];
                for (int c = 0; c < cols; c++) {
                    e[c] = r * cols + c;
                }
                e[cols] = rowTotalBase + r;
                equations.add(e);
            }
        }
        if (t.hasColumnTotals()) {
            for (int c = 0; c < cols; c++) {
                int[] e = new int[rows + 1];
                for (int r = 0; r < rows; r++) {
                    e[r] = r * cols + c;
                }
                e[rows] = colTotalBase + c;
                equations.add(e);
            }
        }
        if (published[grand]) {
            int[] byRows = new int[rows + 1];
            for (int r = 0; r < rows; r++) {
                byRows[r] = rowTotalBase + r;
            }
            byRows[rows] = grand;
            equations.add(byRows);
            int[] byColumns = new int[cols + 1];
            for (int c = 0; c < cols; c++) {
                byColumns[c] = colTotalBase + c;
            }
            byColumns[cols] = grand;
            equations.add(byColumns);
        }

        // 0 shown, 1 primary, 2 secondary
        int[] hidden = new int[grand + 1];
        for (int i = 0; i <= grand; i++) {
            if (published[i] && value[i] > 0 && value[i] < threshold) {
                hidden[i] = 1;
            }
        }
        while (true) {
            // The quick rule first: no equation with exactly one hidden entry.
            boolean changed = true;
            while (changed) {
                changed = false;
                for (int[] e : equations) {
                    int count = 0;
                    for (int i : e) {
                        if (hidden[i] != 0) {
                            count++;
                        }
                    }
                    if (count == 1) {
                        int pick = complement(e, hidden, value, total);
                        if (pick >= 0) {
                            hidden[pick] = 2;
                            changed = true;
                        }
                    }
                }
            }
            // Then the audit a reader could do with all the equations together and the markers' bounds.
            java.util.Set<Integer> open = Disclosure.disclosed(equations, hidden, value, threshold,
                    published[grand] ? value[grand] : Long.MAX_VALUE);
            if (open.isEmpty()) {
                break;
            }
            int disclosed = open.iterator().next();
            int pick = cover(disclosed, equations, hidden, value, total, threshold, published[grand] ? value[grand] : Long.MAX_VALUE);
            if (pick < 0) {
                break;
            }
            hidden[pick] = 2;
        }

        List<PublishedTable.Row> out = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            List<Object> cells = new ArrayList<>();
            for (int c = 0; c < cols; c++) {
                cells.add(shown(r * cols + c, value, hidden));
            }
            out.add(new PublishedTable.Row(t.rowKeys().get(r), cells, t.hasRowTotals() ? shown(rowTotalBase + r, value, hidden) : null));
        }
        List<Object> columnTotals = null;
        if (t.hasColumnTotals()) {
            columnTotals = new ArrayList<>();
            for (int c = 0; c < cols; c++) {
                columnTotals.add(shown(colTotalBase + c, value, hidden));
            }
        }
        return new PublishedTable(t.rowDimensions(), t.columns(), out, columnTotals, published[grand] ? shown(grand, value, hidden) : null,
                true);
    }

    /**
     * The entry to hide with those already hidden in {@code e}: the smallest non-zero cell, else
     * the smallest non-zero total. Never a zero: a reader who knows that "[c]" is at least 5 could
     * otherwise not bound it, and hiding it protects nothing.
     */
    private static int complement(int[] e, int[] hidden, long[] value, boolean[] total) {
        int best = -1;
        for (int pass = 0; pass < 2 && best < 0; pass++) {
            for (int i : e) {
                if (hidden[i] != 0 || value[i] == 0) {
                    continue;
                }
                boolean fits = pass == 0 ? !total[i] : total[i];
                if (fits && (best < 0 || value[i] < value[best])) {
                    best = i;
                }
            }
        }
        return best;
    }

    /**
     * An entry whose hiding leaves {@code disclosed} no longer worked out: searched outward from
     * it (entries of its own equations first, then of equations that share a hidden entry with
     * those), smallest non-zero cells before totals. When no single entry is enough, the best one
     * of the nearest ring is hidden and the caller audits again.
     */
    private static int cover(int disclosed, List<int[]> equations, int[] hidden, long[] value, boolean[] total, int threshold,
            long upper) {
        java.util.Set<Integer> reached = new java.util.HashSet<>(List.of(disclosed));
        java.util.Set<int[]> used = new java.util.HashSet<>();
        int fallback = -1;
        while (true) {
            List<Integer> ring = new ArrayList<>();
            List<int[]> next = new ArrayList<>();
            for (int[] e : equations) {
                if (used.contains(e)) {
                    continue;
                }
                for (int i : e) {
                    if (reached.contains(i)) {
                        next.add(e);
                        break;
                    }
                }
            }
            if (next.isEmpty()) {
                return fallback;
            }
            for (int[] e : next) {
                used.add(e);
                for (int i : e) {
                    if (hidden[i] == 0 && value[i] > 0 && !ring.contains(i)) {
                        ring.add(i);
                    }
                    if (hidden[i] != 0) {
                        reached.add(i);
                    }
                }
            }
            ring.sort((x, y) -> better(x, y, value, total) ? -1 : better(y, x, value, total) ? 1 : Integer.compare(x, y));
            for (int candidate : ring) {
                hidden[candidate] = 2;
                boolean still = Disclosure.disclosed(equations, hidden, value, threshold, upper, disclosed);
                hidden[candidate] = 0;
                if (!still) {
                    return candidate;
                }
            }
            if (fallback < 0 && !ring.isEmpty()) {
                fallback = ring.get(0);
                return fallback;
            }
            // Nothing to hide in this ring: go one further out.
            ring.forEach(reached::add);
        }
    }

    private static boolean better(int a, int b, long[] value, boolean[] total) {
        if (total[a] != total[b]) {
            return !total[a];
        }
        return value[a] < value[b];
    }

    private static boolean contains(int[] e, int i) {
        for (int x : e) {
            if (x == i) {
                return true;
            }
        }
        return false;
    }

    private static Object shown(int i, long[] value, int[] hidden) {
        return switch (hidden[i]) {
            case 1 -> PublishedTable.SMALL;
            case 2 -> PublishedTable.WITHHELD;
            default -> value[i];
        };
    }
}
