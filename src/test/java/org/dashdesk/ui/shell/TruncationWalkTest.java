package org.dashdesk.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import javafx.stage.Stage;

import org.dashdesk.assessment.Channel;
import org.dashdesk.ui.wizard.Page;
import org.dashdesk.ui.wizard.WizardViewModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Issue 11, "fits any laptop, any text size" and "words, not codes": the real desk, signed in over
 * a seeded store, is walked screen by screen (home, every wizard page, a submitted record,
 * settings) at 1280×720 with 100 %, 150 % and 200 % text, and every word the user reads is
 * checked against what is drawn, and for enum or setting keys. A label, button or link whose drawn text is shorter
 * than its text (JavaFX ends it in "…") is a failure. The cells of the data tables are left out:
 * a list may scroll sideways, as WCAG allows for data tables; their column headings are not.
 * (Monocle's headless screen is 1280×800, so 1366×768 is looked at under Xvfb instead.)
 */
@ExtendWith(ApplicationExtension.class)
class TruncationWalkTest {

    private static final double[] TEXT_SIZES = {14, 21, 28};

    @TempDir
    Path dir;
    private Stage stage;
    private DeskFixture desk;
    private int checked;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void tearDown() throws Exception {
        if (desk != null) {
            desk.close();
        }
    }

    private void look(FxRobot robot, String screen, Set<String> cut) throws Exception {
        desk.settle();
        robot.interact(() -> stage.getScene().getRoot().applyCss());
        robot.interact(() -> stage.getScene().getRoot().layout());
        double size = desk.shell.appearance().fontSizeProperty().get();
        checked += org.dashdesk.ui.CutWords.collect(stage.getScene().getRoot(), screen + " @ " + Math.round(size / 14 * 100) + " %", cut);
    }

    @Test
    void noWordTheUserNeedsIsCutAt1280x720WithUpToTwiceTheText(FxRobot robot) throws Exception {
        desk = DeskFixture.seededAndSignedIn(dir, stage, robot, 60);
        desk.sizeWindow(robot, 1280, 720);
        Set<String> cut = new LinkedHashSet<>();
        for (double size : TEXT_SIZES) {
            robot.interact(() -> desk.shell.appearance().fontSizeProperty().set(size));
            robot.interact(desk.shell::showHome);
            look(robot, "home", cut);
            robot.interact(() -> desk.shell.startNew(Channel.AT_SCENE));
            desk.settle();
            WizardViewModel w = desk.shell.wizardProperty().get();
            List<Page> pages = new ArrayList<>(w.visiblePages());
            for (Page p : pages) {
                robot.interact(() -> w.goTo(p));
                look(robot, "wizard " + p.id(), cut);
            }
            robot.interact(desk.shell::closeWizard);
            desk.settle();
            java.util.UUID submitted = desk.shell.submittedList().get(0).id();
            robot.interact(() -> desk.shell.openRecord(submitted));
            look(robot, "record", cut);
            robot.interact(desk.shell::showSettings);
            look(robot, "settings", cut);
            robot.interact(desk.shell::showAddPerson);
            look(robot, "add a person", cut);
            robot.interact(desk.shell::showHome);
            desk.settle();
            robot.interact(desk.shell::lock);
            look(robot, "lock", cut);
            robot.interact(() -> robot.lookup("#unlock-password").queryAs(javafx.scene.control.PasswordField.class)
                    .setText(DeskFixture.PASSWORD));
            robot.interact(() -> robot.lookup("#unlock").queryButton().fire());
            desk.settle();
            robot.interact(desk.shell::signOut);
            look(robot, "sign in", cut);
            assertEquals(1280, stage.getWidth(), "the window keeps its size: Monocle's screen is 1280 wide");
            desk.signIn(robot, "pc4471");
        }
        System.out.println("TruncationWalkTest: " + checked + " labels checked over 3 text sizes, " + cut.size() + " cut or coded");
        assertEquals(List.of(), List.copyOf(cut), cut.size() + " words cut on screen");
    }
}
