package org.dashdesk.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;

import org.dashdesk.ui.common.Appearance;
import org.dashdesk.ui.common.FxTaskExecutor;
import org.dashdesk.ui.common.UserProfile.Role;
import org.dashdesk.ui.cru.CruScreen;
import org.dashdesk.ui.cru.CruViewModel;
import org.dashdesk.ui.review.FakeReviewGateway;
import org.dashdesk.ui.review.ReviewFixtures;
import org.dashdesk.ui.signoff.SignOffScreen;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 11, "every screen works at any text size": the supervisor's sign-off screen (queue, record,
 * audit, the approve and return forms) and the CRU screen (queue, record, safety plan, mark
 * reviewed, raise) are walked at 1280×720 with 100 %, 150 % and 200 % text, and every word the
 * user reads is compared with what JavaFX drew ({@link CutWords}). Synthetic data, over the
 * in-memory review server with the real background executor.
 */
@ExtendWith(ApplicationExtension.class)
class ReviewScreensWalkTest {

    private static final double[] TEXT_SIZES = {14, 21, 28};
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    private final FxTaskExecutor executor = new FxTaskExecutor();
    private final Appearance appearance = new Appearance();
    private final Set<String> cut = new LinkedHashSet<>();
    private Stage stage;
    private int checked;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void tearDown() {
        executor.close();
    }

    private void settle() throws Exception {
        for (int i = 0; i < 3; i++) {
            WaitForAsyncUtils.waitForFxEvents();
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, executor::isIdle);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Shows {@code root} in a 1280×720 window at the top left of Monocle's 1280×800 screen. */
    private void show(FxRobot robot, javafx.scene.Parent root) throws Exception {
        robot.interact(() -> {
            Scene scene = new Scene(root, 1280, 720);
            appearance.apply(scene);
            stage.setScene(scene);
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(1280);
            stage.setHeight(720);
            stage.show();
        });
        settle();
    }

    private void look(FxRobot robot, String screen) throws Exception {
        settle();
        robot.interact(() -> stage.getScene().getRoot().applyCss());
        robot.interact(() -> stage.getScene().getRoot().layout());
        double size = appearance.fontSizeProperty().get();
        checked += CutWords.collect(stage.getScene().getRoot(), screen + " @ " + Math.round(size / 14 * 100) + " %", cut);
    }

    private void press(FxRobot robot, String id) throws Exception {
        robot.interact(() -> robot.lookup("#" + id).queryAs(Button.class).fire());
        settle();
    }

    private void tab(FxRobot robot, String id) throws Exception {
        TabPane tabs = robot.lookup("#review-tabs").queryAs(TabPane.class);
        robot.interact(() -> tabs.getSelectionModel().select(tabs.getTabs().stream()
                .filter(t -> id.equals(t.getId())).findFirst().orElseThrow(() -> new AssertionError("no tab " + id))));
        settle();
    }

    @Test
    void noWordIsCutOnTheSignOffOrCruScreensAt1280x720WithUpToTwiceTheText(FxRobot robot) throws Exception {
        for (double size : TEXT_SIZES) {
            robot.interact(() -> appearance.fontSizeProperty().set(size));

            FakeReviewGateway signOff = new FakeReviewGateway("2001", Role.SUPERVISOR, "correct horse", CLOCK);
            signOff.add(ReviewFixtures.revision("KNT-0002", "Medway", "4471", 3, false), 4, false);
            signOff.add(ReviewFixtures.revision("KNT-0001", "Maidstone", "4472", 2, false), 80, true);
            SignOffScreen screen = new SignOffScreen(signOff, "2001", executor, ReviewFixtures.PACKS, null);
            show(robot, screen);
            look(robot, "sign-off queue");
            robot.interact(() -> screen.viewModel().open(screen.viewModel().queue().items().get(0)));
            settle();
            look(robot, "sign-off record");
            tab(robot, "tab-audit");
            look(robot, "sign-off audit");
            tab(robot, "tab-assessment");
            press(robot, "approve");
            look(robot, "sign-off approve");
            press(robot, "return");
            look(robot, "sign-off return");

            FakeReviewGateway cru = new FakeReviewGateway("3003", Role.CRU, "pw", CLOCK);
            cru.add(ReviewFixtures.revision("KNT-0100", "Medway", "4471", 16, true), 10, true);
            CruViewModel cruVm = new CruViewModel(cru, "3003", executor, ReviewFixtures.PACKS, CLOCK);
            show(robot, new CruScreen(cruVm, null));
            look(robot, "CRU queue");
            robot.interact(() -> cruVm.open(cruVm.queue().items().get(0)));
            settle();
            look(robot, "CRU record");
            tab(robot, "tab-safety-plan");
            look(robot, "CRU safety plan");
            tab(robot, "tab-assessment");
            press(robot, "mark-reviewed");
            look(robot, "CRU mark reviewed");
            press(robot, "raise");
            look(robot, "CRU raise");
        }
        System.out.println("ReviewScreensWalkTest: " + checked + " labels checked over 3 text sizes, " + cut.size() + " cut or coded");
        assertEquals(List.of(), List.copyOf(cut), cut.size() + " words cut on screen");
    }
}
