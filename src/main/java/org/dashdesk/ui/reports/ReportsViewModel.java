package org.dashdesk.ui.reports;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.dashdesk.document.PdfWriter;
import org.dashdesk.document.ReportDocument;
import org.dashdesk.report.PublishedTable;
import org.dashdesk.report.Report;
import org.dashdesk.report.ReportCsv;
import org.dashdesk.report.ReportKind;
import org.dashdesk.report.ReportRequest;
import org.dashdesk.review.ReviewException;
import org.dashdesk.ui.common.BackgroundTask;
import org.dashdesk.ui.common.ServerWorkViewModel;
import org.dashdesk.ui.common.TaskExecutor;

/**
 * The Reports screen's state: what to ask (report, range, filters, grouping, suppression), the
 * last answer, and the work of asking and exporting, always off the FX thread. A request the
 * server would refuse (a reversed range, over ten years) is named here before anything is sent.
 * A run can be cancelled: its answer, when it comes, is dropped. A supervisor's team is fixed.
 */
public final class ReportsViewModel extends ServerWorkViewModel {

    /** "Any" in a choice of level or channel. */
    public static final String ANY = "Any";

    private final Function<ReportRequest, Report> source;
    private final TaskExecutor executor;
    private final String lockedTeam;
    private final ObjectProperty<ReportKind> kind = new SimpleObjectProperty<>(ReportKind.LEVELS);
    private final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> to = new SimpleObjectProperty<>();
    private final StringProperty team = new SimpleStringProperty("");
    private final StringProperty district = new SimpleStringProperty("");
    private final StringProperty level = new SimpleStringProperty(ANY);
    private final StringProperty channel = new SimpleStringProperty(ANY);
    private final StringProperty by = new SimpleStringProperty();
    private final BooleanProperty suppress = new SimpleBooleanProperty();
    private final ObservableList<String> groupings = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Report> report = new ReadOnlyObjectWrapper<>();
    private final StringProperty status = new SimpleStringProperty("Choose a report and a range, then Run.");
    private long generation;

    /**
     * @param source     runs a request at the server (blocking; called off the FX thread)
     * @param today      the force's today, for the default range (the last 12 months)
     * @param lockedTeam a supervisor's team, which their reports always cover; null for CRU and analysts
     */
    public ReportsViewModel(Function<ReportRequest, Report> source, TaskExecutor executor, LocalDate today, String lockedTeam) {
        this.source = source;
        this.executor = executor;
        this.lockedTeam = lockedTeam == null || lockedTeam.isBlank() ? null : lockedTeam;
        to.set(today);
        from.set(today.minusYears(1).plusDays(1));
        if (this.lockedTeam != null) {
            team.set(this.lockedTeam);
        }
        kind.addListener((o, a, b) -> followKind());
        followKind();
    }

    private void followKind() {
        ReportKind k = kind.get();
        groupings.setAll(k == null ? List.of() : k.groupings());
        by.set(k == null ? null : k.defaultGrouping());
    }

    /** Asks the server for the report; the answer replaces the last one. */
    public void run() {
        error.set(null);
        ReportRequest request;
        try {
            request = request();
        } catch (ReportRequest.Invalid e) {
            error.set(sentence(e.getMessage()));
            return;
        }
        long mine = ++generation;
        busy.set(true);
        message.set(null);
        status.set("Running " + request.kind().title().toLowerCase(Locale.ROOT) + "…");
        executor.execute(BackgroundTask.of(() -> source.apply(request)).onSuccess(r -> {
            if (mine != generation) {
                return;
            }
            busy.set(false);
            report.set(r);
            int rows = r.table().rows().size();
            status.set(r.empty() ? "Nothing matched in this range." : rows + (rows == 1 ? " row" : " rows") + (r.suppressed()
                    ? ", small numbers suppressed" : ""));
        }).onFailure(e -> {
            if (mine != generation) {
                return;
            }
            busy.set(false);
            status.set("The report did not run.");
            error.set(words(e));
        }));
    }

    /** Stops waiting for the running report: its answer is dropped when it comes. */
    public void cancel() {
        if (busy.get()) {
            generation++;
            busy.set(false);
            status.set("Cancelled: the last report shown is unchanged.");
        }
    }

    /** The request as the server will see it; {@link ReportRequest.Invalid} names what is wrong. */
    ReportRequest request() {
        ReportKind k = kind.get();
        if (k == null) {
            throw new ReportRequest.Invalid("report", "choose a report");
        }
        if (from.get() == null || to.get() == null) {
            throw new ReportRequest.Invalid(from.get() == null ? "from" : "to", "enter both dates of the range");
        }
        Map<String, List<String>> q = new LinkedHashMap<>();
        q.put("from", List.of(from.get().toString()));
        q.put("to", List.of(to.get().toString()));
        filter(q, k, "team", lockedTeam != null ? lockedTeam : team.get());
        filter(q, k, "district", district.get());
        filter(q, k, "level", ANY.equals(level.get()) ? null : level.get());
        filter(q, k, "channel", ANY.equals(channel.get()) ? null : channel.get());
        if (by.get() != null && !k.groupings().isEmpty()) {
            q.put("by", List.of(by.get()));
        }
        if (suppress.get()) {
            q.put("suppress", List.of("true"));
        }
        return ReportRequest.parse(k, q, to.get());
    }

    private static void filter(Map<String, List<String>> q, ReportKind k, String name, String value) {
        if (value != null && !value.isBlank() && k.filters().contains(name)) {
            q.put(name, List.of(value.strip()));
        }
    }

    /** Saves the shown report as CSV, whole or not at all. */
    public void exportCsv(Path target) {
        Report r = report.get();
        if (r == null || target == null) {
            return;
        }
        save(target, () -> {
            Path temp = java.nio.file.Files.createTempFile(target.toAbsolutePath().getParent(), ".dashdesk-", ".csv.part");
            java.nio.file.Files.writeString(temp, ReportCsv.write(r.table()), java.nio.charset.StandardCharsets.UTF_8);
            java.nio.file.Files.move(temp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        });
    }

    /** Saves the shown report as a PDF. */
    public void exportPdf(Path target) {
        Report r = report.get();
        if (r == null || target == null) {
            return;
        }
        save(target, () -> PdfWriter.write(ReportDocument.of(r), target));
    }

    private void save(Path target, BackgroundTask.ThrowingRunnable work) {
        error.set(null);
        busy.set(true);
        executor.execute(BackgroundTask.run(work).onSuccess(v -> {
            busy.set(false);
            message.set("Saved " + target.getFileName() + ".");
        }).onFailure(e -> {
            busy.set(false);
            error.set("Could not save " + target.getFileName() + ": " + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage()));
        }));
    }

    /** A file name for an export, naming the report and range, never a person. */
    public String suggestedName(String extension) {
        Report r = report.get();
        return r == null ? "dash-report." + extension : ReportDocument.fileName(r).replaceAll("\\.pdf$", "." + extension);
    }

    /** One bar series per column of the shown table; suppressed cells count as 0 and the chart says so. */
    public record Series(String name, List<String> categories, List<Long> values) {
    }

    public List<Series> chart() {
        Report r = report.get();
        List<Series> out = new ArrayList<>();
        if (r == null) {
            return out;
        }
        PublishedTable t = r.table();
        List<String> categories = t.rows().stream().map(row -> String.join(" · ", row.keys())).toList();
        for (int c = 0; c < t.columns().size(); c++) {
            List<Long> values = new ArrayList<>();
            for (PublishedTable.Row row : t.rows()) {
                values.add(row.cells().get(c) instanceof Number n ? n.longValue() : 0L);
            }
            out.add(new Series(columnWords(t.columns().get(c)), categories, values));
        }
        return out;
    }

    /** "within_24h" → "Within 24h", "STANDARD" → "Standard". */
    public static String columnWords(String column) {
        return ReportCsv.heading(column.toLowerCase(Locale.ROOT));
    }

    static String words(Exception e) {
        if (e instanceof ReviewException r) {
            String m = r.getMessage() == null ? "" : r.getMessage();
            return r.status() == 0 ? "Could not reach the central server: " + m
                    : r.status() == 403 ? "The server does not allow this report for you: " + m : "The server refused the report: " + m;
        }
        return "The report failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    private static String sentence(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1) + (s.endsWith(".") ? "" : ".");
    }

    public ObjectProperty<ReportKind> kindProperty() {
        return kind;
    }

    public ObjectProperty<LocalDate> fromProperty() {
        return from;
    }

    public ObjectProperty<LocalDate> toProperty() {
        return to;
    }

    public StringProperty teamProperty() {
        return team;
    }

    public boolean teamLocked() {
        return lockedTeam != null;
    }

    public StringProperty districtProperty() {
        return district;
    }

    public StringProperty levelProperty() {
        return level;
    }

    public StringProperty channelProperty() {
        return channel;
    }

    public StringProperty byProperty() {
        return by;
    }

    public ObservableList<String> groupings() {
        return groupings;
    }

    public BooleanProperty suppressProperty() {
        return suppress;
    }

    public ReadOnlyObjectProperty<Report> reportProperty() {
        return report.getReadOnlyProperty();
    }

    public StringProperty statusProperty() {
        return status;
    }
}
