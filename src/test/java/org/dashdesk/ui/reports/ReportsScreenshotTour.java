package org.dashdesk.ui.reports;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;

import org.dashdesk.assessment.AssessmentContent;
import org.dashdesk.assessment.AssessmentJson;
import org.dashdesk.assessment.Incident;
import org.dashdesk.assessment.Revision;
import org.dashdesk.protocol.Protocol;
import org.dashdesk.protocol.RevisionUpload;
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

/**
 * Screenshots of the Reports screen against a real server holding a synthetic year (300
 * assessments): levels by month as a table and a chart, suppressed, and sign-off by team at
 * night. Run under Xvfb with {@code -Dtour.size=1366x768 -Dtour.font=28} for the laptop and
 * 200 % text: {@code java -cp … 'org.dashdesk.ui.reports.ReportsScreenshotTour$Main' DIR}.
 */
public final class ReportsScreenshotTour extends Application {

    private static Path out;
    private Stage stage;
    private final FxTaskExecutor executor = new FxTaskExecutor();

    public static void main(String[] args) {
        out = Path.of(args[0]);
        launch(args);
    }

    /** Plain main class for the class path (a main class extending Application fails there). */
    public static final class Main {
        public static void main(String[] args) {
            ReportsScreenshotTour.main(args);
        }
    }

    @Override
    public void start(Stage stage) {
        this.stage = stage;
        stage.setX(0);
        stage.setY(0);
        stage.setTitle("DASH Desk");
        Thread t = new Thread(() -> {
            try {
                tour();
            } catch (Exception e) {
                e.printStackTrace();
            }
            Platform.exit();
            System.exit(0);
        });
        t.setDaemon(true);
        t.start();
    }

    private void fx(Runnable r) throws Exception {
        CompletableFuture<Void> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                r.run();
                f.complete(null);
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        f.get(20, TimeUnit.SECONDS);
        Thread.sleep(200);
        while (!executor.isIdle()) {
            Thread.sleep(50);
        }
        Thread.sleep(600);
    }

    private void shot(String name) throws Exception {
        Thread.sleep(300);
        String file = out.resolve(name + ".png").toString();
        int w = (int) stage.getScene().getWidth();
        int h = (int) stage.getScene().getHeight();
        new ProcessBuilder("import", "-window", "root", "-crop", w + "x" + h + "+0+0", "+repage", "-colors", "128", "PNG8:" + file)
                .inheritIO().start().waitFor();
        System.out.println("shot " + file);
    }

    private void tour() throws Exception {
        Files.createDirectories(out);
        Path data = Files.createTempDirectory("dashdesk-reports-tour");
        try (ReferenceServer server = ReferenceServer.start(ServerConfig.devHttp(data))) {
            server.addUser(new UserAccount("analyst1", "Synthetic Analyst", "", Set.of(Role.ANALYST), "Performance"),
                    "synthetic analyst phrase".toCharArray());
            String[] teams = {"North", "South", "East"};
            String[] districts = {"Maidstone", "Medway", "Dover", "Swale"};
            Random random = new Random(13);
            HttpClient http = HttpClient.newHttpClient();
            for (int i = 0; i < 300; i++) {
                String collar = String.valueOf(4000 + i % 3);
                String token = server.issueToken(collar, "officer", teams[i % 3]);
                int roll = random.nextInt(100);
                int yes = roll < 68 ? 2 + random.nextInt(6) : roll < 90 ? 10 + random.nextInt(3) : 14 + random.nextInt(5);
                Instant taken = Instant.parse("2026-01-05T10:00:00Z").plusSeconds(86_400L * random.nextInt(330));
                AssessmentContent c = TestRevisions.content(yes).withIncident(new Incident(taken.atOffset(ZoneOffset.UTC).toLocalDateTime(),
                        "Home", districts[random.nextInt(4)], "KNT-" + i, 0, (LocalDate) null));
                c = new AssessmentContent(c.packId(), c.packVersion(), c.channel(), new org.dashdesk.assessment.Officer(collar, "PC Synthetic"),
                        c.phoneIn(), c.people(), c.incident(), c.answers(), c.judgement(), c.referrals());
                Revision r = Revision.freeze(UUID.randomUUID(), UUID.randomUUID(), null, 1, null, taken, collar, c,
                        TestRevisions.ENGINE.grade(c.gradingInput()));
                http.send(HttpRequest.newBuilder(URI.create(server.uri() + Protocol.revisionPath(r.assessmentId(), r.revisionId())))
                        .header("Authorization", "Bearer " + token).header("Content-Type", Protocol.JSON)
                        .PUT(HttpRequest.BodyPublishers.ofString(AssessmentJson.canonical(new RevisionUpload(1, "device-T", i + 1, r))))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            }
            String token = new AccountClient(SyncClient.Settings.devHttp(server.uri(), null)).signIn("analyst1",
                    "synthetic analyst phrase".toCharArray()).token();
            HttpReviewGateway gateway = new HttpReviewGateway(SyncClient.Settings.devHttp(server.uri(), token));
            ReportsViewModel vm = new ReportsViewModel(gateway::report, executor, LocalDate.of(2026, 12, 6), null);
            Appearance appearance = new Appearance();
            fx(() -> {
                String[] size = System.getProperty("tour.size", "1366x768").split("x");
                Scene scene = new Scene(new ReportsScreen(vm, () -> { }), Double.parseDouble(size[0]), Double.parseDouble(size[1]));
                appearance.apply(scene);
                appearance.fontSizeProperty().set(Double.parseDouble(System.getProperty("tour.font", "14")));
                stage.setScene(scene);
                stage.show();
            });
            shot("reports-1-empty-light");
            fx(vm::run);
            shot("reports-2-levels-by-month-light");
            fx(() -> ((TabPane) stage.getScene().lookup("#report-results")).getSelectionModel().select(1));
            shot("reports-3-levels-chart-light");
            fx(() -> {
                ((TabPane) stage.getScene().lookup("#report-results")).getSelectionModel().select(0);
                vm.byProperty().set("district");
                vm.suppressProperty().set(true);
                vm.run();
            });
            shot("reports-4-levels-by-district-suppressed-light");
            fx(() -> {
                appearance.themeProperty().set(Appearance.Theme.NIGHT);
                vm.suppressProperty().set(false);
                vm.kindProperty().set(ReportKind.SIGN_OFF);
                vm.run();
            });
            fx(() -> ((TabPane) stage.getScene().lookup("#report-results")).getSelectionModel().select(1));
            shot("reports-5-sign-off-chart-night");
        }
    }
}
