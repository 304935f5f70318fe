package org.dashdesk.ui.settings;

import java.util.List;
import java.util.function.Consumer;

import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.WeakListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import org.dashdesk.instrument.InstrumentPack;
import org.dashdesk.instrument.PackRegistry;
import org.dashdesk.security.UserAccount;
import org.dashdesk.ui.common.Appearance;
import org.dashdesk.ui.common.Controls;
import org.dashdesk.ui.common.CurrentUser;

/**
 * Theme, text size, who is signed in and who else may sign in on this laptop (with "Add a person"),
 * the central server token, and the question packs in use
 * with their sources and copyright lines (the licence asks that they are shown), plus any pack
 * file in the force's folder that was refused and why.
 */
public final class SettingsView extends ScrollPane {

    private final ListChangeListener<UserAccount> peopleListener;

    public SettingsView(Appearance appearance, CurrentUser user, ObservableList<UserAccount> people, PackRegistry packs,
                        List<String> packProblems, Consumer<String> onToken, Runnable onAddPerson, Runnable onClose) {
        this(appearance, user, people, packs, packProblems, onToken, onAddPerson, onClose, List::of);
    }

    /**
     * @param evidence the pinned receipt key and what retention removes when, in words; read on a
     *                 background thread (it queries the store), shown when it arrives
     */
    public SettingsView(Appearance appearance, CurrentUser user, ObservableList<UserAccount> people, PackRegistry packs,
                        List<String> packProblems, Consumer<String> onToken, Runnable onAddPerson, Runnable onClose,
                        java.util.function.Supplier<List<String>> evidence) {
        setId("settings");
        setFitToWidth(true);
        // The themed page background; without it the viewport keeps modena's grey in the night theme.
        getStyleClass().add("page-scroll");
        VBox box = new VBox(12);
        box.setPadding(new Insets(24));
        Label title = new Label("Settings");
        title.getStyleClass().add("page-title");
        ComboBox<Appearance.Theme> theme = new ComboBox<>();
        theme.setId("theme");
        theme.setTooltip(new javafx.scene.control.Tooltip("Ctrl+Shift+N switches night and light anywhere, the sign-in screen too"));
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

        Label whoHeading = new Label("Signed in");
        whoHeading.getStyleClass().add("form-heading");
        Label who = new Label(user == null ? "" : user.name() + " · " + (user.collarNumber().isEmpty() ? "" : "collar " + user.collarNumber() + " · ")
                + user.rolesInWords() + (user.team().isEmpty() ? "" : " · " + user.team()) + " (username " + user.username() + ")");
        who.setId("settings-user");
        who.setWrapText(true);

        Label peopleHeading = new Label("People who can sign in on this laptop");
        peopleHeading.getStyleClass().add("form-heading");
        VBox peopleList = new VBox(4);
        peopleList.setId("settings-people");
        Runnable listPeople = () -> peopleList.getChildren().setAll(people.stream().map(p -> {
            CurrentUser u = CurrentUser.of(p);
            Label l = new Label(u.name() + " · " + u.rolesInWords() + (u.team().isEmpty() ? "" : " · " + u.team())
                    + " (username " + u.username() + ")");
            l.setWrapText(true);
            return l;
        }).toList());
        listPeople.run();
        // Weak, because the list outlives this page, which is rebuilt each time settings open.
        peopleListener = c -> listPeople.run();
        people.addListener(new WeakListChangeListener<>(peopleListener));
        Button addPerson = new Button("Add a person to this laptop…");
        addPerson.setId("settings-add-person");
        addPerson.setOnAction(e -> onAddPerson.run());

        Label tokenHeading = new Label("Central server");
        tokenHeading.getStyleClass().add("form-heading");
        PasswordField token = new PasswordField();
        token.setId("sync-token");
        token.setPrefColumnCount(32);
        Button useToken = new Button("Use this token");
        useToken.setId("sync-token-save");
        useToken.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        useToken.setOnAction(e -> {
            onToken.accept(token.getText());
            token.clear();
        });
        GridPane tokenGrid = new GridPane();
        tokenGrid.setHgap(12);
        tokenGrid.addRow(0, Controls.labelFor("Token from IT (kept encrypted on this laptop)", token), token, useToken);

        VBox packList = new VBox(6);
        for (InstrumentPack p : packs.all()) {
            Label l = new Label(p.title() + " — version " + p.version() + "\n" + p.copyright());
            l.setWrapText(true);
            packList.getChildren().add(l);
        }
        Label packsHeading = new Label("Question packs");
        packsHeading.getStyleClass().add("form-heading");
        Label evidenceHeading = new Label("Evidence and retention");
        evidenceHeading.getStyleClass().add("form-heading");
        VBox evidenceList = new VBox(4);
        evidenceList.setId("settings-evidence");
        Label checking = new Label("Checking what this laptop keeps…");
        evidenceList.getChildren().add(checking);
        Thread reader = new Thread(() -> {
            List<String> lines;
            try {
                lines = evidence.get();
            } catch (RuntimeException e) {
                lines = List.of("What this laptop keeps could not be read just now; it is checked again next time.");
            }
            List<String> shown = lines;
            javafx.application.Platform.runLater(() -> evidenceList.getChildren().setAll(shown.stream().map(line -> {
                Label l = new Label(line);
                l.setWrapText(true);
                return l;
            }).toList()));
        }, "dashdesk-settings-evidence");
        reader.setDaemon(true);
        reader.start();
        box.getChildren().addAll(title, grid, back, new Separator(), whoHeading, who, new Separator(), peopleHeading, peopleList, addPerson,
                new Separator(), tokenHeading, tokenGrid,
                new Separator(), evidenceHeading, evidenceList,
                new Separator(), packsHeading, packList);
        if (!packProblems.isEmpty()) {
            Label refused = new Label("These pack files in the force's folder were refused and are not used:\n• "
                    + String.join("\n• ", packProblems) + "\nAsk IT to correct them; the packs above are used meanwhile.");
            refused.setId("pack-problems");
            refused.setWrapText(true);
            refused.getStyleClass().add("error-banner");
            box.getChildren().add(refused);
        }
        setContent(box);
    }
}
