package org.dashdesk.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableCell;
import javafx.scene.text.Text;
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

    /** An enum or setting key on screen ("VISIBLE_HIGH_RISK", "central.endpoint"): words, not codes. */
    private static final java.util.regex.Pattern CODE = java.util.regex.Pattern.compile(
            "\\b[A-Z]{2,}(_[A-Z0-9]+)+\\b|\\b[a-z]{3,}\\.[a-z]{3,}\\b");

    /** Every labeled node on screen whose drawn text is cut, or which shows a code, as "screen @ size: text". */
    private static void collectCut(Node node, String where, Set<String> cut) {
        if (!node.isVisible()) {
            return;
        }
        if (node instanceof TableCell<?, ?>) {
            return;
        }
        if (node instanceof Labeled l && l.getText() != null && !l.getText().isBlank()) {
            if (CODE.matcher(l.getText()).find()) {
                cut.add(where + ": \"" + l.getText() + "\" shows a code, not words");
            }
            String ellipsis = l.getEllipsisString();
            for (Node child : l.getChildrenUnmodifiable()) {
                if (child instanceof Text t && t.isVisible() && t.getText() != null && !t.getText().equals(l.getText())
                        && t.getText().endsWith(ellipsis) && !l.getText().endsWith(ellipsis)) {
                    cut.add(where + ": \"" + l.getText() + "\" drawn as \"" + t.getText() + "\"");
                }
            }
        }
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                collectCut(child, where, cut);
            }
        }
    }

    private void look(FxRobot robot, String screen, Set<String> cut) throws Exception {
        desk.settle();
        robot.interact(() -> stage.getScene().getRoot().applyCss());
        robot.interact(() -> stage.getScene().getRoot().layout());
        double size = desk.shell.appearance().fontSizeProperty().get();
        collectCut(stage.getScene().getRoot(), screen + " @ " + Math.round(size / 14 * 100) + " %", cut);
    }

    @Test
    void noWordTheUserNeedsIsCutAt1280x720WithUpToTwiceTheText(FxRobot robot) throws Exception {
        desk = DeskFixture.seededAndSignedIn(dir, stage, robot, 60);
        robot.interact(() -> {
            stage.setWidth(1280);
            stage.setHeight(720);
        });
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
            robot.interact(desk.shell::showHome);
            desk.settle();
        }
        assertEquals(List.of(), List.copyOf(cut), cut.size() + " words cut on screen");
    }
}
