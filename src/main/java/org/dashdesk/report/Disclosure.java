package org.dashdesk.report;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

import org.apache.commons.math3.exception.TooManyIterationsException;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NoFeasibleSolutionException;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.linear.UnboundedSolutionException;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;

/**
 * The audit behind {@link Suppression}: could a reader of the published table work out a
 * withheld small count exactly? The reader knows every published total equals the sum of what it
 * totals, that a "&lt;5" is 1 to 4 and a "[c]" at least 5 (and no more than the grand total).
 * For each small count two linear programs (Commons Math's simplex solver) find the least and the
 * most it can be under all of that at once; if no two whole numbers fit between them, it is
 * disclosed. This catches what combining the equations gives away (the margins of a two-way
 * table, a "[c]" known to be at least 5), which the one-equation rule alone misses
 * (decision 0191). The linear relaxation can only understate what a reader learns about whole
 * numbers in rare tables; the tests attack the result by brute force over whole numbers.
 */
final class Disclosure {

    private static final double EPS = 1e-6;

    private Disclosure() {
    }

    /** The hidden entries as variables, and the published equations over them. */
    private record Program(List<Integer> vars, int[] column, List<LinearConstraint> constraints) {
    }

    /**
     * @param hidden per entry: 0 shown, 1 small (primary), 2 withheld (secondary)
     * @param upper  an upper bound every entry respects (the grand total when published)
     * @return the small counts (entry indexes, ascending) a reader could work out; empty when none
     */
    static SortedSet<Integer> disclosed(List<int[]> equations, int[] hidden, long[] value, int threshold, long upper) {
        SortedSet<Integer> out = new TreeSet<>();
        Program p = program(equations, hidden, value, threshold, upper);
        for (int entry : p.vars()) {
            if (hidden[entry] == 1 && pinned(p, entry)) {
                out.add(entry);
            }
        }
        return out;
    }

    /** Whether this one small count could be worked out. */
    static boolean disclosed(List<int[]> equations, int[] hidden, long[] value, int threshold, long upper, int entry) {
        return pinned(program(equations, hidden, value, threshold, upper), entry);
    }

    private static Program program(List<int[]> equations, int[] hidden, long[] value, int threshold, long upper) {
        List<Integer> vars = new ArrayList<>();
        int[] column = new int[hidden.length];
        java.util.Arrays.fill(column, -1);
        for (int i = 0; i < hidden.length; i++) {
            if (hidden[i] != 0) {
                column[i] = vars.size();
                vars.add(i);
            }
        }
        int k = vars.size();
        List<LinearConstraint> constraints = new ArrayList<>();
        for (int[] e : equations) {
            double[] a = new double[k];
            long known = 0;
            boolean any = false;
            // The last entry of an equation is its total: cells - total = 0.
            for (int j = 0; j < e.length; j++) {
                int sign = j == e.length - 1 ? -1 : 1;
                int i = e[j];
                if (hidden[i] != 0) {
                    a[column[i]] += sign;
                    any = true;
                } else {
                    known += sign * value[i];
                }
            }
            if (any) {
                constraints.add(new LinearConstraint(a, Relationship.EQ, -known));
            }
        }
        for (int j = 0; j < k; j++) {
            double[] unit = new double[k];
            unit[j] = 1;
            boolean small = hidden[vars.get(j)] == 1;
            constraints.add(new LinearConstraint(unit, Relationship.GEQ, small ? 1 : threshold));
            if (small) {
                constraints.add(new LinearConstraint(unit, Relationship.LEQ, threshold - 1));
            } else if (upper != Long.MAX_VALUE) {
                constraints.add(new LinearConstraint(unit, Relationship.LEQ, upper));
            }
        }
        return new Program(vars, column, constraints);
    }

    private static boolean pinned(Program p, int entry) {
        int k = p.vars().size();
        double[] objective = new double[k];
        objective[p.column()[entry]] = 1;
        Double least = optimum(p, objective, GoalType.MINIMIZE);
        Double most = optimum(p, objective, GoalType.MAXIMIZE);
        if (least == null || most == null) {
            // No solution at all cannot happen for a true table; unbounded means not pinned.
            return false;
        }
        return Math.floor(most + EPS) - Math.ceil(least - EPS) < 1;
    }

    private static Double optimum(Program p, double[] objective, GoalType goal) {
        try {
            PointValuePair best = new SimplexSolver().optimize(new MaxIter(10_000), new LinearObjectiveFunction(objective, 0),
                    new LinearConstraintSet(p.constraints()), goal, new NonNegativeConstraint(true));
            return best.getValue();
        } catch (UnboundedSolutionException | NoFeasibleSolutionException | TooManyIterationsException e) {
            return null;
        }
    }
}
