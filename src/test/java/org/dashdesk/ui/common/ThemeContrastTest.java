package org.dashdesk.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.paint.LinearGradient;
import javafx.scene.paint.Paint;
import javafx.scene.paint.Stop;
import javafx.scene.text.Text;
import javafx.stage.Stage;

import org.dashdesk.instrument.PackRegistry;
import org.dashdesk.ui.settings.SettingsView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Text the themes draw is readable: prompt text in fields, a chosen answer, the primary button,
 * in both themes, at 4.5:1 or more (WCAG AA for normal text), measured on the colours JavaFX
 * actually resolved, not on the style sheet's source.
 */
@ExtendWith(ApplicationExtension.class)
class ThemeContrastTest {

    private final Appearance appearance = new Appearance();
    private Scene scene;
    private TextField field;
    private ToggleButton choice;
    private ToggleButton toggle;
    private Button primary;

    @Start
    void start(Stage stage) {
        field = new TextField();
        field.setPromptText("Reason (required if not made)");
        choice = new ToggleButton("Yes");
        choice.getStyleClass().add("choice");
        choice.setSelected(true);
        toggle = new ToggleButton("Made");
        toggle.setSelected(true);
        primary = new Button("Submit assessment");
        primary.getStyleClass().add("primary");
        // Something else holds focus: the prompt is measured as a user sees it before typing.
        Button other = new Button("Other");
        VBox box = new VBox(8, other, field, choice, toggle, primary);
        scene = new Scene(box, 400, 300);
        appearance.apply(scene);
        stage.setScene(scene);
        stage.show();
        other.requestFocus();
    }

    @Test
    void promptTextChoicesAndButtonsAreReadableInBothThemes(FxRobot robot) {
        for (Appearance.Theme theme : Appearance.Theme.values()) {
            robot.interact(() -> appearance.themeProperty().set(theme));
            WaitForAsyncUtils.waitForFxEvents();
            robot.interact(() -> {
                scene.getRoot().applyCss();
                scene.getRoot().layout();
            });
            Text prompt = robot.from(field).lookup((Node n) -> n instanceof Text t && field.getPromptText().equals(t.getText()))
                    .queryAs(Text.class);
            assertNotNull(prompt, "the field shows its prompt");
            double promptContrast = minContrast((Color) prompt.getFill(), innermost(field));
            assertTrue(promptContrast >= 4.5, theme + ": prompt text contrast " + promptContrast);
            for (Labeled l : List.of(choice, toggle, primary)) {
                double c = minContrast((Color) l.getTextFill(), innermost((Region) l));
                assertTrue(c >= 4.5, theme + ": '" + l.getText() + "' text contrast " + c);
            }
        }
    }

    @Test
    void theSettingsPageTakesTheThemedBackground(FxRobot robot) {
        SettingsView[] view = new SettingsView[1];
        robot.interact(() -> {
            view[0] = new SettingsView(appearance, null, javafx.collections.FXCollections.observableArrayList(), PackRegistry.builtIn(),
                    List.of(), t -> { }, () -> { }, () -> { });
            scene.setRoot(view[0]);
            appearance.themeProperty().set(Appearance.Theme.NIGHT);
            scene.getRoot().applyCss();
            scene.getRoot().layout();
        });
        ScrollPane settings = view[0];
        assertTrue(settings.getStyleClass().contains("page-scroll"));
        Node viewport = settings.lookup(".viewport");
        assertEquals(Color.web("#15181d"), ((Region) viewport).getBackground().getFills().get(0).getFill(),
                "the night page colour behind the settings, not modena's grey");
    }

    /** The colours of the innermost background fill (all stops of a gradient). */
    private static List<Color> innermost(Region r) {
        List<BackgroundFill> fills = r.getBackground().getFills();
        Paint p = fills.get(fills.size() - 1).getFill();
        List<Color> colours = new ArrayList<>();
        if (p instanceof Color c) {
            colours.add(c);
        } else if (p instanceof LinearGradient g) {
            for (Stop s : g.getStops()) {
                colours.add(s.getColor());
            }
        } else {
            throw new AssertionError("unexpected fill " + p);
        }
        return colours;
    }

    private static double minContrast(Color text, List<Color> backgrounds) {
        return backgrounds.stream().mapToDouble(b -> contrast(text, b)).min().orElseThrow();
    }

    static double contrast(Color a, Color b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(Color c) {
        return 0.2126 * channel(c.getRed()) + 0.7152 * channel(c.getGreen()) + 0.0722 * channel(c.getBlue());
    }

    private static double channel(double v) {
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }
}
