package org.dashdesk.ui.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.dashdesk.report.CountTable;
import org.dashdesk.report.PublishedTable;
import org.dashdesk.report.Report;
import org.dashdesk.report.ReportKind;
import org.dashdesk.report.ReportRequest;
import org.dashdesk.review.ReviewException;
import org.dashdesk.ui.common.QueuedTaskExecutor;
import org.junit.jupiter.api.Test;

/** The Reports screen's view model without a window: what is asked, cancelling, refusals in words. */
class ReportsViewModelTest {

    static final LocalDate TODAY = LocalDate.of(2026, 12, 6);
    final List<ReportRequest> asked = new ArrayList<>();
    final QueuedTaskExecutor executor = new QueuedTaskExecutor();

    Report answer(ReportRequest q) {
        asked.add(q);
        CountTable t = new CountTable(List.of("month"), List.of("STANDARD", "MEDIUM", "HIGH"), true, true);
        t.add(List.of("2026-11"), "STANDARD", 2).add(List.of("2026-11"), "HIGH", 7);
        return new Report(q.kind().path(), q.kind().title(), q.from(), q.to(), q.filters(), q.by(), false, Instant.EPOCH,
                PublishedTable.plain(t), List.of(), List.of(), false);
    }

    @Test
    void theDefaultIsTheLevelsReportOverTheLastTwelveMonthsByMonth() {
        ReportsViewModel vm = new ReportsViewModel(this::answer, executor, TODAY, null);
        vm.run();
        assertTrue(vm.busyProperty().get());
        executor.runAll();
        ReportRequest q = asked.get(0);
        assertEquals(ReportKind.LEVELS, q.kind());
        assertEquals(LocalDate.of(2025, 12, 7), q.from());
        assertEquals(TODAY, q.to());
        assertEquals(List.of("month"), q.by());
        assertEquals(Map.of(), q.filters());
        assertFalse(vm.busyProperty().get());
        assertEquals("1 row", vm.statusProperty().get());
        assertEquals(List.of(2L, 0L, 7L), vm.chart().stream().map(s -> s.values().get(0)).toList());
        assertEquals(List.of("Standard", "Medium", "High"), vm.chart().stream().map(ReportsViewModel.Series::name).toList());
    }

    @Test
    void filtersTheReportDoesNotTakeAreNotSentAndAnyMeansNoFilter() {
        ReportsViewModel vm = new ReportsViewModel(this::answer, executor, TODAY, null);
        vm.teamProperty().set("North");
        vm.levelProperty().set("HIGH");
        vm.channelProperty().set(ReportsViewModel.ANY);
        vm.kindProperty().set(ReportKind.ACTIONS);
        assertNull(vm.byProperty().get(), "actions' rows are fixed");
        vm.run();
        executor.runAll();
        assertEquals(Map.of("team", "North"), asked.get(0).filters(), "the actions report takes a team, not a level");
    }

    @Test
    void aSupervisorsTeamIsAlwaysSentWhateverIsTyped() {
        ReportsViewModel vm = new ReportsViewModel(this::answer, executor, TODAY, "North");
        assertTrue(vm.teamLocked());
        vm.teamProperty().set("South");
        vm.run();
        executor.runAll();
        assertEquals("North", asked.get(0).filters().get("team"));
    }

    @Test
    void aReversedRangeIsNamedAndNothingIsSent() {
        ReportsViewModel vm = new ReportsViewModel(this::answer, executor, TODAY, null);
        vm.fromProperty().set(LocalDate.of(2026, 12, 1));
        vm.toProperty().set(LocalDate.of(2026, 1, 1));
        vm.run();
        assertEquals(0, executor.pending());
        assertTrue(vm.errorProperty().get().startsWith("The range is the wrong way round"), vm.errorProperty().get());
        vm.fromProperty().set(null);
        vm.run();
        assertEquals("Enter both dates of the range.", vm.errorProperty().get());
    }

    @Test
    void cancellingDropsTheAnswerWhenItComesAndKeepsTheLastReport() {
        ReportsViewModel vm = new ReportsViewModel(this::answer, executor, TODAY, null);
        vm.run();
        executor.runAll();
        Report first = vm.reportProperty().get();
        vm.kindProperty().set(ReportKind.JUDGEMENT);
        vm.run();
        vm.cancel();
        assertFalse(vm.busyProperty().get());
        assertTrue(vm.statusProperty().get().startsWith("Cancelled"));
        executor.runAll();
        assertEquals(first, vm.reportProperty().get(), "the cancelled run's answer is dropped");
    }

    @Test
    void refusalsAreWorded() {
        ReportsViewModel vm = new ReportsViewModel(q -> {
            throw new ReviewException(403, "a supervisor's reports cover their own team (North) only");
        }, executor, TODAY, null);
        vm.run();
        executor.runAll();
        assertEquals("The server does not allow this report for you: a supervisor's reports cover their own team (North) only",
                vm.errorProperty().get());
        ReportsViewModel offline = new ReportsViewModel(q -> {
            throw new ReviewException(0, "connection refused");
        }, executor, TODAY, null);
        offline.run();
        executor.runAll();
        assertEquals("Could not reach the central server: connection refused", offline.errorProperty().get());
    }
}
