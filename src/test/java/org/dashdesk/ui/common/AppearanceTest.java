package org.dashdesk.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javafx.css.CssParser;
import javafx.css.Stylesheet;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Font size and themes reach the window, and the style sheets ship precompiled so the CSS parser
 * stays off the start-up path (decision 0061).
 */
@ExtendWith(ApplicationExtension.class)
class AppearanceTest {

    private final Appearance appearance = new Appearance();
    private Label label;
    private Scene scene;

    @Start
    void start(Stage stage) {
        label = new Label("DASH Desk");
        scene = new Scene(new StackPane(label), 400, 200);
        appearance.apply(scene);
        stage.setScene(scene);
        stage.show();
    }

    private double fontSizeNow() {
        double[] size = new double[1];
        WaitForAsyncUtils.waitForAsyncFx(5000, () -> {
            scene.getRoot().applyCss();
            size[0] = label.getFont().getSize();
        });
        return size[0];
    }

    @Test
    void theDefaultSizeComesFromTheStyleSheetAndOtherSizesFromTheRoot(FxRobot robot) {
        assertEquals("", scene.getRoot().getStyle(), "no inline style at the default size");
        assertEquals(Appearance.DEFAULT_FONT, fontSizeNow(), 0.01, "base.css gives the root the default size");
        robot.interact(appearance::larger);
        assertEquals(Appearance.DEFAULT_FONT + 2, fontSizeNow(), 0.01);
        robot.interact(() -> appearance.fontSizeProperty().set(Appearance.DEFAULT_FONT));
        assertEquals("", scene.getRoot().getStyle());
        assertEquals(Appearance.DEFAULT_FONT, fontSizeNow(), 0.01);
        robot.interact(appearance::smaller);
        assertEquals(Appearance.DEFAULT_FONT - 2, fontSizeNow(), 0.01);
    }

    @Test
    void theThemeSwapsItsStyleSheet(FxRobot robot) {
        assertTrue(scene.getStylesheets().get(1).endsWith("/light.css"));
        robot.interact(() -> appearance.themeProperty().set(Appearance.Theme.NIGHT));
        assertTrue(scene.getStylesheets().get(1).endsWith("/night.css"));
        assertTrue(scene.getStylesheets().get(0).endsWith("/base.css"));
    }

    @Test
    void everyStyleSheetShipsWithAnUpToDateBinaryTwin() throws Exception {
        URL base = Appearance.class.getResource("/org/dashdesk/ui/base.css");
        Path dir = Path.of(base.toURI()).getParent();
        List<Path> sheets;
        try (Stream<Path> files = Files.list(dir)) {
            sheets = files.filter(p -> p.toString().endsWith(".css")).sorted().collect(Collectors.toList());
        }
        assertFalse(sheets.isEmpty());
        for (Path css : sheets) {
            Path bss = css.resolveSibling(css.getFileName().toString().replace(".css", ".bss"));
            assertTrue(Files.exists(bss), bss.getFileName() + " is missing: add an exec-maven-plugin execution for "
                    + css.getFileName() + " in pom.xml");
            Stylesheet parsed = new CssParser().parse(css.toUri().toURL());
            Stylesheet binary = Stylesheet.loadBinary(bss.toUri().toURL());
            assertEquals(describe(parsed), describe(binary), bss.getFileName() + " does not match " + css.getFileName());
        }
    }

    @Test
    void theStyleSheetDefaultSizeIsTheAppearanceDefault() throws Exception {
        Stylesheet sheet = new CssParser().parse(Appearance.class.getResource("/org/dashdesk/ui/base.css"));
        String size = sheet.getRules().stream().filter(r -> r.getSelectors().toString().equals("[*.root]"))
                .flatMap(r -> r.getDeclarations().stream()).filter(d -> d.getProperty().equals("-fx-font-size"))
                .map(d -> d.getParsedValue().toString()).findFirst().orElseThrow(() -> new AssertionError("base.css sets no root font size"));
        assertTrue(size.contains(">" + Appearance.DEFAULT_FONT + "px<"), size);
    }

    @org.junit.jupiter.api.io.TempDir
    Path dir;

    @Test
    void theLaptopsLastLookIsThereBeforeSignInAndAPersonsOwnWinsAfter() throws Exception {
        Path file = dir.resolve(AppearanceFile.FILE_NAME);
        Appearance yesterday = new Appearance();
        yesterday.bindToLaptop(new AppearanceFile(file));
        yesterday.toggleNight();
        yesterday.fontSizeProperty().set(20);

        Appearance today = new Appearance();
        today.bindToLaptop(new AppearanceFile(file));
        assertEquals(Appearance.Theme.NIGHT, today.themeProperty().get(), "the sign-in screen is already dark");
        assertEquals(20, today.fontSizeProperty().get(), 0.01);
        String text = Files.readString(file);
        assertTrue(text.contains("ui.theme=NIGHT") && text.contains("ui.fontSize=20"), text);

        java.util.List<String> writes = new java.util.ArrayList<>();
        SettingsStore person = new SettingsStore() {
            private final java.util.Map<String, String> values = new java.util.HashMap<>(java.util.Map.of("ui.theme", "LIGHT"));

            @Override
            public java.util.Optional<String> get(String key) {
                return java.util.Optional.ofNullable(values.get(key));
            }

            @Override
            public void put(String key, String value) {
                writes.add(key + "=" + value);
                values.put(key, value);
            }

            @Override
            public void remove(String key) {
                values.remove(key);
            }
        };
        today.bindTo(person);
        assertEquals(Appearance.Theme.LIGHT, today.themeProperty().get(), "the person's own choice wins after sign-in");
        assertTrue(Files.readString(file).contains("ui.theme=LIGHT"), "and becomes the laptop's look for the next sign-in screen");
        today.bindTo(person);
        today.bindTo(person);
        writes.clear();
        today.toggleNight();
        assertEquals(java.util.List.of("ui.theme=NIGHT"), writes, "one write per change, however many sign-ins there were");
    }

    @Test
    void theLaptopFileHoldsOnlyTheLookAndSurvivesARuinedFile() throws Exception {
        Path file = dir.resolve(AppearanceFile.FILE_NAME);
        AppearanceFile store = new AppearanceFile(file);
        assertThrows(IllegalArgumentException.class, () -> store.put("victim.name", "Synthetic"));
        Files.write(file, new byte[] {(byte) 0xff, (byte) 0xfe, '\\', 'u', 'z', 'z'});
        Appearance a = new Appearance();
        a.bindToLaptop(new AppearanceFile(file));
        assertEquals(Appearance.Theme.LIGHT, a.themeProperty().get(), "a file that cannot be read means the defaults");
        a.toggleNight();
        Appearance next = new Appearance();
        next.bindToLaptop(new AppearanceFile(file));
        assertEquals(Appearance.Theme.NIGHT, next.themeProperty().get(), "and is written afresh on the next change");
    }

    private static String describe(Stylesheet s) {
        // Declarations one by one: a binary sheet decodes them only when asked for.
        return s.getRules().stream().map(r -> r.getSelectors() + " { " + r.getDeclarations().stream()
                .map(d -> d.getProperty() + ": " + d.getParsedValue() + (d.isImportant() ? " !important" : ""))
                .collect(Collectors.joining("; ")) + " }").collect(Collectors.joining("\n"));
    }
}
