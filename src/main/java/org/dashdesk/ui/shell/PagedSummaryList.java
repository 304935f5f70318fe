package org.dashdesk.ui.shell;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

import javafx.collections.ListChangeListener;
import javafx.collections.ObservableListBase;

import org.dashdesk.assessment.AssessmentSummary;
import org.dashdesk.assessment.ListQuery;
import org.dashdesk.assessment.SummaryPage;
import org.dashdesk.ui.common.BackgroundTask;
import org.dashdesk.ui.common.TaskExecutor;

/**
 * A home list as long as everything that matches, holding only the pages the table has asked
 * for (issue 17). The table sees every row (its scroll bar and keys reach the last one); a row
 * whose page is not here yet reads as null (an empty line) while that page is read off the FX
 * thread, and appears when it arrives. At most {@link #PAGES_KEPT} pages are kept, so memory is
 * bounded whatever the store holds.
 *
 * <p>Each {@link #reset} starts a new generation: pages and counts that arrive for an older query
 * (the search text has moved on) are dropped, never shown.
 */
final class PagedSummaryList extends ObservableListBase<AssessmentSummary> {

    /**
     * Rows read at a time. A list shows about a dozen rows at 1366×768; a page of 100 rows read a
     * hundred cold places of the encrypted file for each search typed on a large store (issue 17).
     */
    static final int PAGE = 40;
    /** At most 800 rows held, whatever the store holds. */
    static final int PAGES_KEPT = 20;

    private final TaskExecutor executor;
    private final Function<ListQuery, SummaryPage> reader;
    private final Consumer<Exception> onFailure;
    private final Map<Integer, List<AssessmentSummary>> pages = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, List<AssessmentSummary>> eldest) {
            return size() > PAGES_KEPT;
        }
    };
    private final Set<Integer> reading = new HashSet<>();
    private ListQuery query;
    private int size;
    private long generation;

    PagedSummaryList(TaskExecutor executor, Function<ListQuery, SummaryPage> reader, Consumer<Exception> onFailure) {
        this.executor = executor;
        this.reader = reader;
        this.onFailure = onFailure;
    }

    /** The query now shown (null before the first). */
    ListQuery query() {
        return query;
    }

    /**
     * Shows {@code first}, the first page of {@code newQuery}, and its count; later pages are read
     * when the table reaches them. On the FX thread.
     */
    void reset(ListQuery newQuery, SummaryPage first) {
        generation++;
        reading.clear();
        pages.clear();
        query = newQuery.page(0, PAGE);
        pages.put(0, first.rows());
        int old = size;
        size = first.matching();
        replacedAll(old);
    }

    /** Empty, with no query (signed out). */
    void forget() {
        generation++;
        reading.clear();
        pages.clear();
        query = null;
        int old = size;
        size = 0;
        replacedAll(old);
    }

    /**
     * Tells the table every row changed: {@code old} rows went, {@link #size} came. One change
     * whose removed rows are a view, never a list built row by row: ObservableListBase's
     * {@code nextRemove} copies each removed row, 100,000 of them for every keystroke that
     * narrowed the whole list (a fifth of what a search allocated at 100,000 cases, issue 17).
     */
    private void replacedAll(int old) {
        int added = size;
        if (old == 0 && added == 0) {
            return;
        }
        fireChange(new ListChangeListener.Change<>(this) {
            private boolean visited;

            @Override
            public boolean next() {
                if (visited) {
                    return false;
                }
                visited = true;
                return true;
            }

            @Override
            public void reset() {
                visited = false;
            }

            @Override
            public int getFrom() {
                return 0;
            }

            @Override
            public int getTo() {
                return added;
            }

            @Override
            public List<AssessmentSummary> getRemoved() {
                // The rows that went are not held (only their pages were): empty lines, as get() shows them.
                return Collections.nCopies(old, null);
            }

            @Override
            protected int[] getPermutation() {
                return new int[0];
            }
        });
    }

    /** The generation a reset started, for callers that read the first page themselves. */
    long generation() {
        return generation;
    }

    @Override
    public AssessmentSummary get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index + " of " + size);
        }
        int page = index / PAGE;
        List<AssessmentSummary> rows = pages.get(page);
        if (rows == null) {
            read(page);
            return null;
        }
        int at = index % PAGE;
        // A page shorter than expected (rows deleted since the count): the rest read as empty lines.
        return at < rows.size() ? rows.get(at) : null;
    }

    @Override
    public int size() {
        return size;
    }

    /** The row for this case if its page is here (no read is started). */
    java.util.Optional<AssessmentSummary> loaded(java.util.UUID id) {
        return pages.values().stream().flatMap(List::stream).filter(s -> s != null && s.id().equals(id)).findFirst();
    }

    private void read(int page) {
        if (query == null || !reading.add(page)) {
            return;
        }
        long asked = generation;
        ListQuery q = query.page(page * PAGE, PAGE);
        executor.execute(BackgroundTask.of(() -> reader.apply(q)).onSuccess(result -> {
            if (asked != generation) {
                return;
            }
            reading.remove(page);
            pages.put(page, result.rows());
            int from = page * PAGE;
            int to = Math.min(size, from + PAGE);
            if (from < to) {
                beginChange();
                for (int i = from; i < to; i++) {
                    nextSet(i, null);
                }
                endChange();
            }
        }).onFailure(e -> {
            // The page stays marked as being read, so the table's next layout does not ask again in
            // a loop; the next reset (a refresh, a new search) tries afresh.
            if (asked == generation) {
                onFailure.accept(e);
            }
        }));
    }
}
