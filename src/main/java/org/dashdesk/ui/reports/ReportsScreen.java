package org.dashdesk.ui.reports;

import java.io.File;
import java.util.List;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

import org.dashdesk.report.PublishedTable;
import org.dashdesk.report.Report;
import org.dashdesk.report.ReportKind;
import org.dashdesk.ui.common.Controls;

/**
 * The Reports screen: what to ask in one wrapping row of labelled fields, Run (Enter) and Cancel,
 * the answer as a table and as a stacked bar chart, the notes, and exports to CSV and PDF.
 * Everything is reachable by keyboard: the report choice has the focus first, Tab walks the fields
 * in reading order, Enter runs, Escape is not needed (Cancel is a button), Ctrl+E exports CSV.
 */
public final class ReportsScreen extends ScrollPane {

    private final ReportsViewModel vm;
    private final TableView<PublishedTable.Row> table = new TableView<>();
    private final StackedBarChart<String, Number> chart = new StackedBarChart<>(new CategoryAxis(), new NumberAxis());
    private final VBox notes = new VBox(4);
    private final Label chartNote = new Label();
    private final ComboBox<ReportKind> kind = new ComboBox<>();

    public ReportsScreen(ReportsViewModel vm, Runnable onLeave) {
        this.vm = vm;
        setId("reports-screen");
        getStyleClass().add("page-scroll");
        setFitToWidth(true);

        Button back = new Button("← Home");
        back.setId("reports-back");
        back.setOnAction(e -> onLeave.run());
        back.setCancelButton(false);
        Label title = new Label("Reports");
        title.getStyleClass().add("page-title");
        HBox header = new HBox(12, back, title);
        header.setAlignment(Pos.CENTER_LEFT);

        kind.setId("report-kind");
        kind.getItems().setAll(ReportKind.values());
        kind.setConverter(converter(ReportKind::title));
        kind.valueProperty().bindBidirectional(vm.kindProperty());
        DatePicker from = Controls.datePicker(vm.fromProperty());
        from.setId("report-from");
        DatePicker to = Controls.datePicker(vm.toProperty());
        to.setId("report-to");
        TextField team = new TextField();
        team.setId("report-team");
        team.textProperty().bindBidirectional(vm.teamProperty());
        team.setDisable(vm.teamLocked());
        team.setPrefColumnCount(10);
        TextField district = new TextField();
        district.setId("report-district");
        district.textProperty().bindBidirectional(vm.districtProperty());
        district.setPrefColumnCount(10);
        ComboBox<String> level = new ComboBox<>();
        level.setId("report-level");
        level.getItems().setAll(ReportsViewModel.ANY, "STANDARD", "MEDIUM", "HIGH");
        level.setConverter(converter(ReportsViewModel::columnWords));
        level.valueProperty().bindBidirectional(vm.levelProperty());
        ComboBox<String> channel = new ComboBox<>();
        channel.setId("report-channel");
        channel.getItems().setAll(ReportsViewModel.ANY, "AT_SCENE", "PHONE_IN");
        channel.setConverter(converter(c -> switch (c) {
            case "AT_SCENE" -> "At the scene";
            case "PHONE_IN" -> "Phoned in (IMU)";
            default -> c;
        }));
        channel.valueProperty().bindBidirectional(vm.channelProperty());
        ComboBox<String> by = new ComboBox<>(vm.groupings());
        by.setId("report-by");
        by.valueProperty().bindBidirectional(vm.byProperty());
        by.setConverter(converter(g -> switch (g) {
            case "month,district" -> "Month and district";
            default -> Character.toUpperCase(g.charAt(0)) + g.substring(1);
        }));
        by.disableProperty().bind(Bindings.isEmpty(vm.groupings()));
        CheckBox suppress = new CheckBox("Suppress small numbers (for figures released outside the force)");
        suppress.setId("report-suppress");
        suppress.selectedProperty().bindBidirectional(vm.suppressProperty());
        suppress.setWrapText(true);

        FlowPane fields = new FlowPane(16, 10, field("Report", kind), field("From", from), field("To", to),
                field(vm.teamLocked() ? "Team (yours)" : "Team", team), field("District", district), field("Level", level),
                field("Channel", channel), field("Rows by", by));
        fields.setId("report-fields");

        Button run = new Button("Run");
        run.setId("report-run");
        run.setDefaultButton(true);
        run.disableProperty().bind(vm.busyProperty());
        run.setOnAction(e -> vm.run());
        Button cancel = new Button("Cancel");
        cancel.setId("report-cancel");
        cancel.visibleProperty().bind(vm.busyProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.setOnAction(e -> vm.cancel());
        Button csv = new Button("Export CSV…");
        csv.setId("report-export-csv");
        Button pdf = new Button("Export PDF…");
        pdf.setId("report-export-pdf");
        for (Button b : List.of(csv, pdf)) {
            b.disableProperty().bind(vm.reportProperty().isNull().or(vm.busyProperty()));
        }
        csv.setOnAction(e -> export("csv"));
        pdf.setOnAction(e -> export("pdf"));
        ProgressIndicator progress = new ProgressIndicator();
        progress.setId("report-progress");
        progress.setPrefSize(22, 22);
        progress.visibleProperty().bind(vm.busyProperty());
        progress.managedProperty().bind(progress.visibleProperty());
        Label status = new Label();
        status.setId("report-status");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());
        FlowPane actions = new FlowPane(10, 8, run, cancel, csv, pdf, progress, status);
        actions.setAlignment(Pos.CENTER_LEFT);

        Label error = Controls.fieldError(vm.errorProperty());
        error.setId("report-error");
        Label message = Controls.shownWhenSet(new Label(), vm.messageProperty());
        message.setId("report-message");
        message.setWrapText(true);

        table.setId("report-table");
        table.setPlaceholder(new Label("Run a report to see its figures here."));
        table.setPrefHeight(320);
        chart.setId("report-chart");
        chart.setAnimated(false);
        chart.setLegendVisible(true);
        chart.setPrefHeight(360);
        chartNote.setWrapText(true);
        chartNote.setId("report-chart-note");
        TabPane results = new TabPane(new Tab("Table", table), new Tab("Chart", new VBox(6, chart, chartNote)));
        results.setId("report-results");
        results.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        notes.setId("report-notes");

        VBox page = new VBox(14, header, fields, suppress, actions, error, message, results, notes);
        page.getStyleClass().add("page");
        page.setPadding(new Insets(16, 20, 24, 20));
        setContent(page);

        vm.reportProperty().addListener((o, a, r) -> show(r));
        sceneProperty().addListener((o, a, scene) -> {
            if (scene != null) {
                scene.getAccelerators().put(new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN), () -> {
                    if (vm.reportProperty().get() != null && !vm.busyProperty().get()) {
                        export("csv");
                    }
                });
                // After the scene's own first focus (the first control, the back button) is given.
                javafx.application.Platform.runLater(kind::requestFocus);
            }
        });
    }

    private static VBox field(String text, javafx.scene.control.Control control) {
        return new VBox(4, Controls.labelFor(text, control), control);
    }

    private static <T> StringConverter<T> converter(java.util.function.Function<T, String> words) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : words.apply(value);
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        };
    }

    private void show(Report r) {
        table.getColumns().clear();
        table.getItems().clear();
        chart.getData().clear();
        notes.getChildren().clear();
        if (r == null) {
            return;
        }
        PublishedTable t = r.table();
        for (int i = 0; i < t.rowDimensions().size(); i++) {
            int k = i;
            table.getColumns().add(Controls.textColumn(ReportsViewModel.columnWords(t.rowDimensions().get(i)), row -> row.keys().get(k), 140));
        }
        for (int c = 0; c < t.columns().size(); c++) {
            int k = c;
            TableColumn<PublishedTable.Row, String> col = Controls.textColumn(ReportsViewModel.columnWords(t.columns().get(c)),
                    row -> String.valueOf(row.cells().get(k)), 100);
            col.setStyle("-fx-alignment: CENTER-RIGHT;");
            table.getColumns().add(col);
        }
        boolean rowTotals = t.rows().stream().anyMatch(row -> row.total() != null);
        if (rowTotals) {
            TableColumn<PublishedTable.Row, String> total = Controls.textColumn("Total", row -> String.valueOf(row.total()), 90);
            total.setStyle("-fx-alignment: CENTER-RIGHT;");
            table.getColumns().add(total);
        }
        table.getItems().setAll(t.rows());
        if (t.columnTotals() != null && !t.rows().isEmpty()) {
            List<String> keys = new java.util.ArrayList<>();
            for (int i = 0; i < t.rowDimensions().size(); i++) {
                keys.add(i == 0 ? "Total" : "");
            }
            table.getItems().add(new PublishedTable.Row(keys, t.columnTotals(), t.total()));
        }
        table.setPlaceholder(new Label(r.empty() ? "Nothing matched in this range." : "No rows."));
        Controls.columnsGrowWithText(table);
        for (ReportsViewModel.Series s : vm.chart()) {
            XYChart.Series<String, Number> series = new XYChart.Series<>();
            series.setName(s.name());
            for (int i = 0; i < s.categories().size(); i++) {
                series.getData().add(new XYChart.Data<>(s.categories().get(i), s.values().get(i)));
            }
            chart.getData().add(series);
        }
        javafx.application.Platform.runLater(() -> colour(r.report()));
        chartNote.setText(r.suppressed() ? "Suppressed cells (<5, [c]) are drawn as zero; the table has the figures as released." : "");
        chartNote.setVisible(r.suppressed());
        chartNote.setManaged(r.suppressed());
        for (String note : r.notes()) {
            notes.getChildren().add(Controls.hint(note));
        }
        for (Report.Measure m : r.measures()) {
            Label l = new Label(ReportsViewModel.columnWords(m.name()) + (m.keys().isEmpty() ? "" : " (" + String.join(", ", m.keys()) + ")")
                    + ": " + m.value());
            l.setWrapText(true);
            l.getStyleClass().add("report-measure");
            notes.getChildren().add(0, l);
        }
    }

    /**
     * Bars coloured by meaning, not JavaFX's defaults (which drew High in green): levels standard →
     * high as green, amber, red; sign-off from in time to overdue; actions open, overdue, done,
     * cancelled. Set on the nodes, bars and legend alike, once the chart has made them.
     */
    private void colour(String report) {
        String[] colours = report.equals("actions") ? new String[] {"#5b7fa8", "#c0453a", "#4f8f5a", "#8d96a3"}
                : report.equals("repeat-victims") ? new String[] {"#c0453a", "#5b7fa8"}
                : report.equals("sign-off") ? new String[] {"#4f8f5a", "#d99a2b", "#c0453a", "#7a2b5e", "#5b7fa8"}
                : new String[] {"#4f8f5a", "#d99a2b", "#c0453a"};
        for (int i = 0; i < chart.getData().size() && i < colours.length; i++) {
            String style = "-fx-bar-fill: " + colours[i] + ";";
            for (XYChart.Data<String, Number> d : chart.getData().get(i).getData()) {
                if (d.getNode() != null) {
                    d.getNode().setStyle(style);
                }
            }
            for (Node symbol : chart.lookupAll(".chart-legend-item-symbol.series" + i)) {
                symbol.setStyle(style);
            }
        }
    }

    private void export(String extension) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(extension.equals("csv") ? "Export the report as CSV" : "Export the report as PDF");
        chooser.setInitialFileName(vm.suggestedName(extension));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(extension.toUpperCase(java.util.Locale.ROOT), "*." + extension));
        File file = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (file != null) {
            if (extension.equals("csv")) {
                vm.exportCsv(file.toPath());
            } else {
                vm.exportPdf(file.toPath());
            }
        }
    }

    /** The screen's table, for tests. */
    TableView<PublishedTable.Row> table() {
        return table;
    }

    Node chartNode() {
        return chart;
    }
}
