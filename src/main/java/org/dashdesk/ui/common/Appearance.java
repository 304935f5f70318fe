package org.dashdesk.ui.common;

import java.util.Locale;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Parent;
import javafx.scene.Scene;

/**
 * Theme and font size, remembered in the local settings. The style sheets size everything in
 * em, so changing the root font size scales the whole window.
 */
public final class Appearance {

    public enum Theme {
        LIGHT("Light", "light.css"), NIGHT("Night", "night.css");

        private final String label;
        private final String sheet;

        Theme(String label, String sheet) {
            this.label = label;
            this.sheet = sheet;
        }

        public String label() {
            return label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    public static final double MIN_FONT = 10;
    public static final double MAX_FONT = 28;
    /** Also the root font size in base.css: keep the two equal. */
    public static final double DEFAULT_FONT = 14;
    static final String THEME_KEY = "ui.theme";
    static final String FONT_KEY = "ui.fontSize";

    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(Theme.LIGHT);
    private final DoubleProperty fontSize = new SimpleDoubleProperty(DEFAULT_FONT);
    /** The laptop's plain file: what the sign-in screen looks like (decision 0152). */
    private SettingsStore laptop;
    /** The signed-in person's own settings, in the encrypted store. */
    private SettingsStore user;
    private boolean remembering;

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    public DoubleProperty fontSizeProperty() {
        return fontSize;
    }

    public void larger() {
        fontSize.set(Math.min(MAX_FONT, fontSize.get() + 2));
    }

    public void smaller() {
        fontSize.set(Math.max(MIN_FONT, fontSize.get() - 2));
    }

    /**
     * The laptop's own remembered look, read before anyone signs in (so the sign-in screen is
     * already in the night theme), and kept up to date with every later change.
     */
    public void bindToLaptop(SettingsStore store) {
        this.laptop = store;
        read(store);
        rememberChanges();
    }

    /**
     * The signed-in person's remembered look, which wins over the laptop's; every later change is
     * remembered in both. Called on each sign-in: it replaces the previous person's store.
     */
    public void bindTo(SettingsStore store) {
        this.user = store;
        read(store);
        rememberChanges();
    }

    /** Night, or light again: the window-wide shortcut. */
    public void toggleNight() {
        theme.set(theme.get() == Theme.NIGHT ? Theme.LIGHT : Theme.NIGHT);
    }

    private void read(SettingsStore store) {
        store.get(THEME_KEY).ifPresent(t -> {
            try {
                theme.set(Theme.valueOf(t));
            } catch (IllegalArgumentException ignored) {
                // an unknown theme name from a newer version: keep the current one
            }
        });
        store.get(FONT_KEY).ifPresent(f -> {
            try {
                fontSize.set(Math.max(MIN_FONT, Math.min(MAX_FONT, Double.parseDouble(f))));
            } catch (NumberFormatException ignored) {
                // keep the current size
            }
        });
    }

    /** Listens once, however many times a store is bound (a sign-in each time). */
    private void rememberChanges() {
        if (remembering) {
            return;
        }
        remembering = true;
        theme.addListener((o, a, b) -> remember(THEME_KEY, b.name()));
        fontSize.addListener((o, a, b) -> remember(FONT_KEY, String.format(Locale.ROOT, "%.0f", b.doubleValue())));
    }

    private void remember(String key, String value) {
        for (SettingsStore store : new SettingsStore[] {laptop, user}) {
            if (store != null) {
                try {
                    store.put(key, value);
                } catch (RuntimeException e) {
                    // a setting that cannot be remembered is not worth interrupting the user for
                }
            }
        }
    }

    /** Applies theme and font size to a scene now and whenever they change. */
    public void apply(Scene scene) {
        String base = Appearance.class.getResource("/org/dashdesk/ui/base.css").toExternalForm();
        Runnable update = () -> {
            scene.getStylesheets().setAll(base,
                    Appearance.class.getResource("/org/dashdesk/ui/" + theme.get().sheet).toExternalForm());
            Parent root = scene.getRoot();
            if (root != null) {
                // base.css sets the default size; an inline style would load JavaFX's CSS parser
                // before the first frame, so one is set only when the size differs (decision 0061).
                root.setStyle(fontSize.get() == DEFAULT_FONT ? null
                        : String.format(Locale.ROOT, "-fx-font-size: %.0fpx;", fontSize.get()));
            }
        };
        update.run();
        theme.addListener((o, a, b) -> update.run());
        fontSize.addListener((o, a, b) -> update.run());
        scene.rootProperty().addListener((o, a, b) -> update.run());
    }
}
