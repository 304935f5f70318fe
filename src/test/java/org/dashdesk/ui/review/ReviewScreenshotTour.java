package org.dashdesk.ui.review;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;

import org.dashdesk.assessment.Revision;
import org.dashdesk.ui.common.Appearance;
import org.dashdesk.ui.common.FxTaskExecutor;
import org.dashdesk.ui.common.UserProfile.Role;
import org.dashdesk.ui.cru.CruScreen;
import org.dashdesk.ui.cru.CruViewModel;
import org.dashdesk.ui.signoff.SignOffScreen;

/**
 * Screenshots of the sign-off and CRU screens in a real GTK window under Xvfb, over the in-memory
 * server with synthetic data. Not a test: run by hand (see src/site/screenshots/README.md).
 */
public final class ReviewScreenshotTour extends Application {

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
            ReviewScreenshotTour.main(args);
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
        while (!executor.isIdle()) {
            Thread.sleep(50);
        }
        Thread.sleep(400);
    }

    private void shot(String name) throws Exception {
        Thread.sleep(300);
        String file = out.resolve(name + ".png").toString();
        int w = (int) stage.getScene().getWidth();
        int h = (int) stage.getScene().getHeight();
        int x = (int) (stage.getX() + stage.getScene().getX());
        int y = (int) (stage.getY() + stage.getScene().getY());
        new ProcessBuilder("import", "-window", "root", "-crop", w + "x" + h + "+" + x + "+" + y, "+repage", "-colors", "128",
                "PNG8:" + file).inheritIO().start().waitFor();
        System.out.println("shot " + file);
    }

    private void tour() throws Exception {
        Clock clock = Clock.systemDefaultZone();
        FakeReviewGateway supervisor = new FakeReviewGateway("2001", Role.SUPERVISOR, "pw", clock);
        supervisor.add(ReviewFixtures.revision("KNT-20261119-0412", "Maidstone", "4472", 4, false), 98, true);
        supervisor.add(ReviewFixtures.revision("KNT-20261121-0088", "Medway", "4471", 2, false), 51, true);
        supervisor.add(ReviewFixtures.revision("KNT-20261122-1730", "Dover", "5120", 6, true), 20, false);
        supervisor.add(ReviewFixtures.revision("KNT-20261123-0117", "Swale", "4473", 1, false), 3, false);
        Appearance appearance = new Appearance();
        SignOffScreen[] signOff = new SignOffScreen[1];
        fx(() -> {
            signOff[0] = new SignOffScreen(supervisor, "2001", executor, ReviewFixtures.PACKS, () -> { });
            // -Dtour.size=1366x768 -Dtour.font=28: the laptop sizes and 200 % text of issue 11.
            String[] size = System.getProperty("tour.size", "1180x760").split("x");
            Scene scene = new Scene(signOff[0], Double.parseDouble(size[0]), Double.parseDouble(size[1]));
            appearance.apply(scene);
            appearance.fontSizeProperty().set(Double.parseDouble(System.getProperty("tour.font", "14")));
            stage.setScene(scene);
            stage.show();
        });
        fx(() -> signOff[0].viewModel().queue().messageProperty().set(
                "Approved KNT-20261118-2210 (revision 1). It is signed off and locked."));
        shot("15-signoff-queue-light");
        fx(() -> signOff[0].viewModel().open(signOff[0].viewModel().queue().items().get(0)));
        Thread.sleep(1500);
        shot("16-signoff-review-light");
        fx(() -> ((Button) stage.getScene().lookup("#return")).fire());
        fx(() -> {
            ReviewViewModel r = signOff[0].viewModel().reviewProperty().get();
            r.returnQuestionProperty().set(r.questions().stream().filter(q -> "Q5".equals(q.questionId())).findFirst().orElseThrow());
            r.returnCommentProperty().set("Which neighbour? Record the source fully.");
            r.addComment();
            r.returnQuestionProperty().set(r.questions().stream().filter(q -> "Q11".equals(q.questionId())).findFirst().orElseThrow());
            r.returnCommentProperty().set("Check with the victim: the comment suggests Yes.");
            r.addComment();
        });
        shot("17-signoff-return-light");
        fx(() -> ((Button) stage.getScene().lookup("#approve")).fire());
        fx(() -> signOff[0].viewModel().reviewProperty().get().approve("wrong".toCharArray()));
        shot("18-signoff-approve-error-light");

        FakeReviewGateway cru = new FakeReviewGateway("3003", Role.CRU, "pw", clock);
        Revision high = ReviewFixtures.revision("KNT-20261120-0931", "Medway", "4471", 16, true);
        cru.add(high, 70, true);
        cru.otherForVictim.put(high.assessmentId(), 3);
        Revision flagged = ReviewFixtures.revision("KNT-20261122-2340", "Maidstone", "4473", 2, false);
        cru.add(flagged, 40, false);
        cru.historyFlags.put(flagged.assessmentId(), "History found after submission: repeat MARAC criterion met — level would be High");
        cru.otherForVictim.put(flagged.assessmentId(), 1);
        cru.suggestions.put(high.assessmentId(), java.util.List.of(
                new org.dashdesk.history.HistoryRequests.Link(java.util.UUID.randomUUID(), LocalDate.of(2026, 3, 22), "HIGH", "Medway", true,
                        "name_and_date_of_birth", "confirmed", "3003"),
                new org.dashdesk.history.HistoryRequests.Link(java.util.UUID.randomUUID(), LocalDate.of(2026, 8, 14), "MEDIUM", "Medway",
                        false, "force_id", "suggested", null),
                new org.dashdesk.history.HistoryRequests.Link(java.util.UUID.randomUUID(), LocalDate.of(2025, 12, 1), "STANDARD", "Swale",
                        false, "similar_name_and_birth_year", "suggested", null)));
        cru.add(ReviewFixtures.revision("KNT-20261122-0040", "Dover", "4472", 11, false), 30, false);
        cru.add(ReviewFixtures.revision("KNT-20261122-1730", "Dover", "5120", 6, true), 20, false);
        cru.seedAction(high.assessmentId(), "Refer to IDVA service", "5120", LocalDate.now(clock).minusDays(2));
        cru.seedAction(high.assessmentId(), "Fit a panic alarm at the victim's address", "6021", LocalDate.now(clock).plusDays(5));
        var done = cru.seedAction(high.assessmentId(), "Share DVPN details with the housing officer", "6021", LocalDate.now(clock).plusDays(1));
        cru.updateAction(done.actionId(), org.dashdesk.review.ActionState.DONE, "Emailed 23/11");
        CruScreen[] screen = new CruScreen[1];
        fx(() -> {
            screen[0] = new CruScreen(new CruViewModel(cru, "3003", executor, ReviewFixtures.PACKS, clock), () -> { });
            stage.getScene().setRoot(screen[0]);
        });
        shot("19-cru-queue-light");
        fx(() -> ((javafx.scene.control.TableView<?>) stage.getScene().lookup("#queue-table")).getSelectionModel().select(1));
        shot("19b-cru-queue-history-flag-light");
        fx(() -> screen[0].viewModel().open(screen[0].viewModel().queue().items().get(0)));
        fx(() -> {
            TabPane tabs = (TabPane) stage.getScene().lookup("#review-tabs");
            tabs.getSelectionModel().select(1);
        });
        shot("20-cru-safety-plan-light");
        fx(() -> {
            TabPane tabs = (TabPane) stage.getScene().lookup("#review-tabs");
            tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> "tab-victim-links".equals(t.getId())).findFirst().orElseThrow());
            ((javafx.scene.control.TableView<?>) stage.getScene().lookup("#links-table")).getSelectionModel().select(1);
            screen[0].viewModel().linksProperty().get().noteProperty().set("Same force id; she has moved since");
        });
        shot("22-cru-victim-links-light");
        fx(() -> {
            TabPane tabs = (TabPane) stage.getScene().lookup("#review-tabs");
            tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> "Audit".equals(t.getText())).findFirst().orElseThrow());
        });
        shot("21-review-audit-light");
        fx(() -> appearance.themeProperty().set(Appearance.Theme.NIGHT));
        fx(() -> {
            TabPane tabs = (TabPane) stage.getScene().lookup("#review-tabs");
            tabs.getSelectionModel().select(1);
        });
        shot("20-cru-safety-plan-night");
    }
}
