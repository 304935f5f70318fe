package org.dashdesk.ui.settings;

import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import org.dashdesk.instrument.InstrumentPack;
import org.dashdesk.instrument.PackRegistry;
import org.dashdesk.ui.common.Appearance;
import org.dashdesk.ui.common.Controls;
import org.dashdesk.ui.profile.ProfileView;
import org.dashdesk.ui.profile.ProfileViewModel;

/**
 * Theme, text size, the user's details, and the question packs in use with their sources and
 * copyright lines (the licence asks that they are shown).
 */
public final class SettingsView extends VBox {

    public SettingsView(Appearance appearance, ProfileViewModel profile, PackRegistry packs, Runnable onClose) {
        setId("settings");
        setSpacing(12);
        setPadding(new Insets(24));
        Label title = new Label("Settings");
        title.getStyleClass().add("page-title");
        ComboBox<Appearance.Theme> theme = new ComboBox<>();
        theme.setId("theme");
        theme.getItems().setAll(Appearance.Theme.values());
        theme.valueProperty().bindBidirectional(appearance.themeProperty());
        Button smaller = new Button("A−");
        smaller.setAccessibleText("Smaller text (Ctrl+minus)");
        smaller.setOnAction(e -> appearance.smaller());
        Button larger = new Button("A+");
        larger.setAccessibleText("Larger text (Ctrl+plus)");
        larger.setOnAction(e -> appearance.larger());
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(10);
        grid.addRow(0, Controls.labelFor("Theme", theme), theme);
        Label size = new Label("Text size");
        size.setLabelFor(smaller);
        grid.addRow(1, size, new HBox(6, smaller, larger));
        Button back = new Button("Back");
        back.setId("settings-back");
        back.setCancelButton(true);
        back.setOnAction(e -> onClose.run());
        VBox packList = new VBox(6);
        for (InstrumentPack p : packs.all()) {
            Label l = new Label(p.title() + " — version " + p.version() + "\n" + p.copyright());
            l.setWrapText(true);
            packList.getChildren().add(l);
        }
        Label packsHeading = new Label("Question packs");
        packsHeading.getStyleClass().add("form-heading");
        getChildren().addAll(title, grid, back, new Separator(), new ProfileView(profile, false), new Separator(), packsHeading, packList);
    }
}
