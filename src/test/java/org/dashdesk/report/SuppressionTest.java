package org.dashdesk.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * Small-number suppression checked the way a reader would attack it: a brute-force search over
 * every value the hidden entries could take ("<5" is 1–4, "[c]" at least 5, totals as published)
 * that fits every published total. A small count is safe only if at least two values fit.
 */
class SuppressionTest {

    private static final List<String> LEVELS = List.of("STANDARD", "MEDIUM", "HIGH");

    static CountTable months(long[][] cells) {
        CountTable t = new CountTable(List.of("month"), LEVELS, true, true);
        for (int r = 0; r < cells.length; r++) {
            for (int c = 0; c < cells[r].length; c++) {
                t.add(List.of("2026-0" + (r + 1)), LEVELS.get(c), cells[r][c]);
            }
        }
        return t;
    }

    @Test
    void smallCountsAreShownAsUnderFiveAndTheOthersAsTheyAre() {
        PublishedTable p = Suppression.apply(months(new long[][] {{12, 5, 6}, {2, 1, 0}, {1, 0, 0}}));
        assertEquals(List.of(PublishedTable.SMALL, PublishedTable.SMALL, 0L), p.rows().get(1).cells());
        assertEquals(PublishedTable.SMALL, p.rows().get(1).total(), "February's total of 3 is itself small");
        assertEquals(List.of(PublishedTable.SMALL, 0L, 0L), p.rows().get(2).cells());
        assertEquals(27L, p.total());
        assertEquals(15L, p.columnTotals().get(0), "STANDARD's total gives nothing away and is shown");
        assertTrue(p.suppressed());
        assertNoSmallCountCanBeWorkedOut(months(new long[][] {{12, 5, 6}, {2, 1, 0}, {1, 0, 0}}), p);
    }

    @Test
    void theOneEquationRuleAloneWouldLeakThisTableThroughTheMargins() {
        // The one-equation rule hides January's MEDIUM and HIGH and their column totals; then the
        // MEDIUM + HIGH totals (27 - 15 = 12) less January's MEDIUM + HIGH (23 - 12 = 11) is
        // February's MEDIUM, 1. The audit must hide more than that: January's STANDARD too.
        CountTable t = months(new long[][] {{12, 5, 6}, {2, 1, 0}, {1, 0, 0}});
        PublishedTable p = Suppression.apply(t);
        long withheld = p.rows().stream().flatMap(r -> r.cells().stream()).filter(PublishedTable.WITHHELD::equals).count()
                + p.columnTotals().stream().filter(PublishedTable.WITHHELD::equals).count();
        assertTrue(withheld >= 5, "secondary suppression hid " + withheld + ": " + p);
        assertEquals(PublishedTable.WITHHELD, p.rows().get(0).cells().get(0), "January's STANDARD (12) is withheld: " + p);
        assertNoSmallCountCanBeWorkedOut(t, p);
    }

    @Test
    void aTableWithNothingSmallIsPublishedWhole() {
        CountTable t = months(new long[][] {{12, 5, 6}, {20, 9, 7}});
        PublishedTable p = Suppression.apply(t);
        assertFalse(p.anyWithheld());
        assertEquals(PublishedTable.plain(t).rows(), p.rows());
        assertEquals(59L, p.total());
    }

    @Test
    void zerosAreShownAndNeverUsedAsCover() {
        CountTable t = months(new long[][] {{0, 0, 3}, {0, 0, 40}});
        PublishedTable p = Suppression.apply(t);
        assertEquals(0L, p.rows().get(0).cells().get(0));
        assertEquals(0L, p.rows().get(1).cells().get(1));
        assertNoSmallCountCanBeWorkedOut(t, p);
    }

    @Test
    void overlappingRowsPublishNoColumnTotalsAndStillProtectTheRowTotals() {
        CountTable t = new CountTable(List.of("reason"), LEVELS, true, false);
        t.add(List.of("victim_declined"), "STANDARD", 7).add(List.of("victim_declined"), "MEDIUM", 2).add(List.of("victim_declined"),
                "HIGH", 9);
        PublishedTable p = Suppression.apply(t);
        assertEquals(null, p.columnTotals());
        assertEquals(null, p.total());
        assertEquals(PublishedTable.SMALL, p.rows().get(0).cells().get(1));
        assertEquals(PublishedTable.WITHHELD, p.rows().get(0).cells().get(0), "the smaller of 7 and 9 covers the 2");
        assertEquals(18L, p.rows().get(0).total());
        assertNoSmallCountCanBeWorkedOut(t, p);
    }

    @Test
    void randomTablesNeverGiveASmallCountAway() {
        Random random = new Random(20261206);
        int checked = 0;
        for (int n = 0; n < 300; n++) {
            int rows = 2 + random.nextInt(3);
            long[][] cells = new long[rows][3];
            for (long[] row : cells) {
                for (int c = 0; c < 3; c++) {
                    int kind = random.nextInt(4);
                    row[c] = kind == 0 ? 0 : kind == 1 ? 1 + random.nextInt(4) : 5 + random.nextInt(8);
                }
            }
            CountTable t = months(cells);
            PublishedTable p = Suppression.apply(t);
            if (p.anyWithheld()) {
                checked++;
            }
            assertNoSmallCountCanBeWorkedOut(t, p);
        }
        assertTrue(checked > 100, "the random tables exercised suppression " + checked + " times");
    }

    // ---- the attacker -------------------------------------------------------------------------

    /** Every hidden entry of the published table, as the reader sees it. */
    private record Unknown(int row, int column, boolean small) {
    }

    static void assertNoSmallCountCanBeWorkedOut(CountTable t, PublishedTable p) {
        int rows = p.rows().size();
        int cols = p.columns().size();
        // Grid (rows+1) × (cols+1): the last row and column are the totals.
        Object[][] grid = new Object[rows + 1][cols + 1];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                grid[r][c] = p.rows().get(r).cells().get(c);
            }
            grid[r][cols] = p.rows().get(r).total();
        }
        for (int c = 0; c < cols; c++) {
            grid[rows][c] = p.columnTotals() == null ? null : p.columnTotals().get(c);
        }
        grid[rows][cols] = p.total();
        // Published values must be the true ones.
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if (grid[r][c] instanceof Long v) {
                    assertEquals(t.cell(r, c), v);
                }
                if (PublishedTable.SMALL.equals(grid[r][c])) {
                    assertTrue(t.cell(r, c) >= 1 && t.cell(r, c) <= 4);
                }
            }
        }
        long upper = t.grandTotal();
        List<Unknown> unknowns = new ArrayList<>();
        for (int r = 0; r <= rows; r++) {
            for (int c = 0; c <= cols; c++) {
                if (grid[r][c] instanceof String s) {
                    unknowns.add(new Unknown(r, c, s.equals(PublishedTable.SMALL)));
                }
            }
        }
        List<Set<Long>> seen = new ArrayList<>();
        unknowns.forEach(u -> seen.add(new HashSet<>()));
        long[][] v = new long[rows + 1][cols + 1];
        for (int r = 0; r <= rows; r++) {
            for (int c = 0; c <= cols; c++) {
                v[r][c] = grid[r][c] instanceof Long l ? l : -1;
            }
        }
        search(0, unknowns, v, grid, rows, cols, upper, seen);
        for (int i = 0; i < unknowns.size(); i++) {
            if (unknowns.get(i).small()) {
                assertTrue(seen.get(i).size() >= 2, "the small count at " + unknowns.get(i) + " can be worked out: only "
                        + seen.get(i) + " fits; published " + p);
            }
        }
    }

    private static void search(int at, List<Unknown> unknowns, long[][] v, Object[][] grid, int rows, int cols, long upper,
            List<Set<Long>> seen) {
        if (at == unknowns.size()) {
            if (consistent(v, grid, rows, cols, true)) {
                for (int i = 0; i < unknowns.size(); i++) {
                    seen.get(i).add(v[unknowns.get(i).row()][unknowns.get(i).column()]);
                }
            }
            return;
        }
        Unknown u = unknowns.get(at);
        long lo = u.small() ? 1 : 5;
        long hi = u.small() ? 4 : upper;
        Long forced = forced(u, v, grid, rows, cols);
        if (forced != null) {
            lo = Math.max(lo, forced);
            hi = Math.min(hi, forced);
        }
        for (long x = lo; x <= hi; x++) {
            v[u.row()][u.column()] = x;
            if (consistent(v, grid, rows, cols, false)) {
                search(at + 1, unknowns, v, grid, rows, cols, upper, seen);
            }
        }
        v[u.row()][u.column()] = -1;
    }

    /** The value an equation leaves {@code u} when it is that equation's last unknown, or null. */
    private static Long forced(Unknown u, long[][] v, Object[][] grid, int rows, int cols) {
        // Its row: cells 0..cols-1 and the total at cols, when the row total is published.
        if (u.row() < rows && grid[u.row()][cols] != null || u.row() == rows && grid[rows][cols] != null) {
            Long x = lastOf(v[u.row()], u.column(), cols);
            if (x != null) {
                return x;
            }
        }
        if (grid[rows][u.column()] != null) {
            long[] column = new long[rows + 1];
            for (int r = 0; r <= rows; r++) {
                column[r] = v[r][u.column()];
            }
            return lastOf(column, u.row(), rows);
        }
        return null;
    }

    /** entries[0..n-1] sum to entries[n]; if only entries[at] is unknown, its value. */
    private static Long lastOf(long[] entries, int at, int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            if (i == at) {
                continue;
            }
            if (entries[i] < 0) {
                return null;
            }
            sum += entries[i];
        }
        if (at == n) {
            return sum;
        }
        return entries[n] < 0 ? null : entries[n] - sum;
    }

    /** Every published equation whose entries are all known holds (and, when {@code all}, every one). */
    private static boolean consistent(long[][] v, Object[][] grid, int rows, int cols, boolean all) {
        for (int r = 0; r < rows; r++) {
            if (grid[r][cols] == null) {
                continue;
            }
            long sum = 0;
            boolean complete = v[r][cols] >= 0;
            for (int c = 0; c < cols && complete; c++) {
                complete = v[r][c] >= 0;
                sum += v[r][c];
            }
            if (complete && sum != v[r][cols]) {
                return false;
            }
        }
        for (int c = 0; c <= cols; c++) {
            if (grid[rows][c] == null) {
                continue;
            }
            long sum = 0;
            boolean complete = v[rows][c] >= 0;
            for (int r = 0; r < rows && complete; r++) {
                complete = v[r][c] >= 0;
                sum += v[r][c];
            }
            if (complete && sum != v[rows][c]) {
                return false;
            }
        }
        if (grid[rows][cols] != null) {
            long sum = 0;
            boolean complete = v[rows][cols] >= 0;
            for (int c = 0; c < cols && complete; c++) {
                complete = v[rows][c] >= 0;
                sum += v[rows][c];
            }
            if (complete && sum != v[rows][cols]) {
                return false;
            }
        }
        return true;
    }
}
