package org.dashdesk.ui.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.dashdesk.assessment.AssessmentJson;
import org.dashdesk.assessment.Revision;
import org.dashdesk.protocol.Protocol;
import org.dashdesk.protocol.RevisionUpload;
import org.dashdesk.report.PublishedTable;
import org.dashdesk.report.ReportKind;
import org.dashdesk.security.Role;
import org.dashdesk.security.UserAccount;
import org.dashdesk.server.ReferenceServer;
import org.dashdesk.server.ServerConfig;
import org.dashdesk.server.TestRevisions;
import org.dashdesk.sync.AccountClient;
import org.dashdesk.sync.HttpReviewGateway;
import org.dashdesk.sync.SyncClient;
import org.dashdesk.ui.common.Appearance;
import org.dashdesk.ui.common.FxTaskExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real Reports screen, headless, against the real central server on loopback with an
 * analyst signed in: run by keyboard, table, chart, suppression, a refused range, exports read
 * back. Synthetic data: four assessments in November 2026 (two standard, one medium, one high).
 */
@ExtendWith(ApplicationExtension.class)
class ReportsScreenTest {

    static final String PASSWORD = "synthetic analyst phrase";

    @TempDir
    static Path dir;
    private ReferenceServer server;
    private final FxTaskExecutor executor = new FxTaskExecutor();
    private ReportsViewModel vm;
    private Stage stage;
    private final Appearance appearance = new Appearance();

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        server = ReferenceServer.start(ServerConfig.devHttp(dir.resolve("server-" + UUID.randomUUID())));
        server.addUser(new UserAccount("analyst1", "Synthetic Analyst", "", Set.of(Role.ANALYST), "Performance"), PASSWORD.toCharArray());
        String officer = server.issueToken("1234", "officer", "North");
        for (int yes : List.of(2, 2, 11, 15)) {
            upload(TestRevisions.first(UUID.randomUUID(), yes), officer);
        }
        SyncClient.Settings settings = SyncClient.Settings.devHttp(server.uri(), null);
        String token = new AccountClient(settings).signIn("analyst1", PASSWORD.toCharArray()).token();
        HttpReviewGateway gateway = new HttpReviewGateway(SyncClient.Settings.devHttp(server.uri(), token));
        vm = new ReportsViewModel(gateway::report, executor, LocalDate.of(2026, 12, 6), null);
        Scene scene = new Scene(new ReportsScreen(vm, () -> { }), 1280, 720);
        appearance.apply(scene);
        stage.setScene(scene);
        stage.setX(0);
        stage.setY(0);
        stage.show();
    }

    @AfterEach
    void tearDown() {
        executor.close();
        server.close();
    }

    private void settle() throws Exception {
        for (int i = 0; i < 3; i++) {
            WaitForAsyncUtils.waitForFxEvents();
            WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, executor::isIdle);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    @SuppressWarnings("unchecked")
    private TableView<PublishedTable.Row> table(FxRobot robot) {
        return robot.lookup("#report-table").queryAs(TableView.class);
    }

    private static List<String> cells(PublishedTable.Row row) {
        return row.cells().stream().map(String::valueOf).toList();
    }

    @Test
    void anAnalystRunsTheLevelsReportByKeyboardAndSeesTableAndChart(FxRobot robot) throws Exception {
        settle();
        Node focus = stage.getScene().getFocusOwner();
        assertEquals("report-kind", focus == null ? null : focus.getId(), "the report choice has the keyboard first");
        robot.type(KeyCode.ENTER);
        settle();
        TableView<PublishedTable.Row> table = table(robot);
        assertEquals(2, table.getItems().size(), "November and the totals: " + table.getItems());
        assertEquals(List.of("2026-11"), table.getItems().get(0).keys());
        assertEquals(List.of("2", "1", "1"), cells(table.getItems().get(0)));
        assertEquals("4", String.valueOf(table.getItems().get(0).total()));
        assertEquals(List.of("Month", "Standard", "Medium", "High", "Total"), table.getColumns().stream().map(c -> c.getText()).toList());
        assertEquals("1 row", robot.lookup("#report-status").queryAs(Label.class).getText());
        StackedBarChart<?, ?> chart = robot.lookup("#report-chart").queryAs(StackedBarChart.class);
        assertEquals(3, chart.getData().size(), "a series per level");
        assertTrue(robot.lookup("#report-notes").queryParent().getChildrenUnmodifiable().size() >= 1, "the report's notes are shown");
    }

    @Test
    void suppressionByKeyboardThenExportsToCsvAndPdf(FxRobot robot) throws Exception {
        settle();
        robot.interact(() -> robot.lookup("#report-by").query().requestFocus());
        robot.type(KeyCode.TAB);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("report-suppress", stage.getScene().getFocusOwner().getId(), "Tab goes from the grouping to suppression");
        robot.type(KeyCode.SPACE);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#report-suppress").queryAs(CheckBox.class).isSelected(), "Space ticks suppression");
        robot.interact(() -> vm.run());
        settle();
        assertEquals(List.of("<5", "<5", "<5"), cells(table(robot).getItems().get(0)), "2, 1 and 1 are all under 5");
        Path csv = dir.resolve("levels.csv");
        Path pdf = dir.resolve("levels.pdf");
        robot.interact(() -> vm.exportCsv(csv));
        settle();
        robot.interact(() -> vm.exportPdf(pdf));
        settle();
        assertEquals("Month,STANDARD,MEDIUM,HIGH,Total", Files.readAllLines(csv).get(0));
        assertTrue(Files.readString(csv).contains("2026-11,<5,<5,<5,<5"), Files.readString(csv));
        String text;
        try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
            text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
        }
        assertTrue(text.contains("Assessments by level") && text.contains("2026-11") && text.contains("Applied"), text);
        assertEquals("Saved levels.pdf.", robot.lookup("#report-message").queryAs(Label.class).getText());
    }

    @Test
    void aReversedRangeIsNamedOnTheScreenAndTheServerIsNotAsked(FxRobot robot) throws Exception {
        settle();
        robot.interact(() -> {
            vm.kindProperty().set(ReportKind.SIGN_OFF);
            vm.fromProperty().set(LocalDate.of(2026, 12, 1));
            vm.toProperty().set(LocalDate.of(2026, 1, 1));
        });
        robot.clickOn("#report-run");
        settle();
        Label error = robot.lookup("#report-error").queryAs(Label.class);
        assertTrue(error.isVisible() && error.getText().startsWith("The range is the wrong way round"), error.getText());
        assertTrue(table(robot).getItems().isEmpty());
        @SuppressWarnings("unchecked")
        ComboBox<String> by = robot.lookup("#report-by").queryAs(ComboBox.class);
        assertEquals("team", by.getValue(), "sign-off is grouped by team unless asked otherwise");
        assertFalse(vm.busyProperty().get());
    }

    @Test
    void noWordIsCutAtOneHundredOneHundredFiftyOrTwoHundredPerCentText(FxRobot robot) throws Exception {
        settle();
        java.util.Set<String> cut = new java.util.TreeSet<>();
        int checked = 0;
        for (ReportKind kind : List.of(ReportKind.LEVELS, ReportKind.SIGN_OFF, ReportKind.REFERRALS)) {
            for (double size : new double[] {14, 21, 28}) {
                robot.interact(() -> {
                    appearance.fontSizeProperty().set(size);
                    vm.kindProperty().set(kind);
                    vm.suppressProperty().set(kind == ReportKind.REFERRALS);
                    vm.run();
                });
                settle();
                robot.interact(() -> ((ScrollPaneHolder) () -> stage.getScene().getRoot()).layout());
                settle();
                checked += org.dashdesk.ui.CutWords.collect(stage.getScene().getRoot(), kind.path() + " @ " + Math.round(size / 14 * 100)
                        + " %", cut);
            }
        }
        assertTrue(checked > 100, "labels checked: " + checked);
        assertEquals(java.util.Set.of(), cut, "words cut or shown as codes");
    }

    /** Lays the page out again after a font change. */
    @FunctionalInterface
    interface ScrollPaneHolder {
        javafx.scene.Parent root();

        default void layout() {
            root().applyCss();
            root().layout();
        }
    }

    private void upload(Revision r, String token) throws Exception {
        HttpResponse<String> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.uri()
                + Protocol.revisionPath(r.assessmentId(), r.revisionId()))).header("Authorization", "Bearer " + token)
                .header("Content-Type", Protocol.JSON).PUT(HttpRequest.BodyPublishers.ofString(AssessmentJson.canonical(
                        new RevisionUpload(1, "device-F", System.nanoTime(), r)))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, put.statusCode(), put.body());
    }
}
