package org.dashdesk.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import javafx.collections.ListChangeListener;

import org.dashdesk.assessment.AssessmentState;
import org.dashdesk.assessment.AssessmentSummary;
import org.dashdesk.assessment.Channel;
import org.dashdesk.assessment.ListQuery;
import org.dashdesk.assessment.SummaryPage;
import org.dashdesk.ui.common.CurrentThreadTaskExecutor;
import org.junit.jupiter.api.Test;

/** The changes a home list tells its table about when a search replaces everything it shows (issue 17). */
class PagedSummaryListTest {

    /** What one listener saw of one change: each sub-change as (from, to, removed size, added size, replaced). */
    private record Seen(int from, int to, int removed, int added, boolean replaced, boolean removedAreEmptyLines) {
    }

    private final List<ListQuery> read = new ArrayList<>();
    private final PagedSummaryList list = new PagedSummaryList(new CurrentThreadTaskExecutor(), q -> {
        read.add(q);
        return new SummaryPage(rows(q.offset(), q.limit()), q.offset(), 100_000);
    }, e -> {
        throw new AssertionError(e);
    });

    @Test
    void aSearchThatNarrowsTheWholeListIsOneReplacementSeenAlikeByEveryListener() {
        List<List<Seen>> first = listen();
        List<List<Seen>> second = listen();
        list.reset(ListQuery.all(false, 40), page(100_000));
        list.reset(new ListQuery(false, "smith", null, null, null, null, null, null, 0, 40), page(3));

        for (List<List<Seen>> seen : List.of(first, second)) {
            assertEquals(List.of(List.of(new Seen(0, 100_000, 0, 100_000, false, true)),
                    List.of(new Seen(0, 3, 100_000, 3, true, true))), seen);
        }
        assertEquals(3, list.size());
        assertEquals("INC-000000", list.get(0).incidentReference());
    }

    @Test
    void signingOutRemovesEveryRowAndAnEmptyListStaysQuiet() {
        List<List<Seen>> seen = listen();
        list.reset(ListQuery.all(false, 40), page(0));
        assertTrue(seen.isEmpty(), "nothing went and nothing came: " + seen);

        list.reset(ListQuery.all(false, 40), page(250));
        list.forget();
        assertEquals(List.of(new Seen(0, 0, 250, 0, false, true)), seen.get(1));
        assertEquals(0, list.size());
        assertNull(list.query());
        list.forget();
        assertEquals(2, seen.size(), "forgetting an empty list tells nobody");
    }

    @Test
    void aRowBeyondTheFirstPageIsReadWhenAskedForAndShownAsAnUpdate() {
        list.reset(ListQuery.all(false, 40), page(100_000));
        List<List<Seen>> seen = listen();

        assertNull(list.get(99_990), "its page is not here yet: an empty line");
        assertEquals(List.of(ListQuery.all(false, 40).page(99_960, PagedSummaryList.PAGE)), read);
        assertEquals(1, seen.size());
        assertEquals("INC-099990", list.get(99_990).incidentReference());
        assertFalse(seen.get(0).isEmpty());
    }

    private List<List<Seen>> listen() {
        List<List<Seen>> seen = new ArrayList<>();
        list.addListener((ListChangeListener<AssessmentSummary>) c -> {
            List<Seen> subChanges = new ArrayList<>();
            while (c.next()) {
                boolean emptyLines = c.getRemoved().stream().allMatch(r -> r == null);
                subChanges.add(new Seen(c.getFrom(), c.getTo(), c.getRemovedSize(), c.getAddedSize(), c.wasReplaced(), emptyLines));
            }
            seen.add(subChanges);
        });
        return seen;
    }

    private static SummaryPage page(int matching) {
        return new SummaryPage(rows(0, Math.min(matching, PagedSummaryList.PAGE)), 0, matching);
    }

    private static List<AssessmentSummary> rows(int offset, int count) {
        return IntStream.range(offset, offset + count).mapToObj(i -> new AssessmentSummary(new UUID(0, i), AssessmentState.SUBMITTED, Channel.AT_SCENE,
                String.format("INC-%06d", i), "North", Instant.EPOCH, 100, null, "Waiting to send", "")).toList();
    }
}
