package org.dashdesk.ui.shell;

import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import org.dashdesk.ui.profile.ProfileView;
import org.dashdesk.ui.profile.ProfileViewModel;
import org.dashdesk.ui.settings.SettingsView;
import org.dashdesk.ui.wizard.WizardView;

/**
 * The window's root: the current screen, with the privacy curtain above it. Window-wide keys:
 * Ctrl+Shift+H hides everything, Ctrl+plus / Ctrl+minus / Ctrl+0 change the text size.
 */
public final class ShellView extends StackPane {

    public static final KeyCombination PRIVACY = new KeyCodeCombination(KeyCode.H, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);

    private final ShellViewModel vm;
    private final BorderPane content = new BorderPane();
    private final VBox curtain;

    public ShellView(ShellViewModel vm) {
        this.vm = vm;
        setId("shell");
        curtain = curtain();
        getChildren().addAll(content, curtain);
        vm.screenProperty().addListener((o, a, b) -> showScreen());
        vm.wizardProperty().addListener((o, a, b) -> showScreen());
        vm.hiddenProperty().addListener((o, a, b) -> applyHidden(b));
        applyHidden(vm.hiddenProperty().get());
        showScreen();
        addEventFilter(KeyEvent.KEY_PRESSED, this::windowKeys);
    }

    private void windowKeys(KeyEvent e) {
        if (PRIVACY.match(e)) {
            vm.hide();
            e.consume();
            return;
        }
        if (vm.hiddenProperty().get()) {
            // While hidden only the curtain's own button works: no key reaches the hidden screen.
            if (!(e.getTarget() instanceof Button b && b.getId() != null && b.getId().equals("reveal"))) {
                e.consume();
            }
            return;
        }
        if (e.isShortcutDown() && (e.getCode() == KeyCode.PLUS || e.getCode() == KeyCode.EQUALS || e.getCode() == KeyCode.ADD)) {
            vm.appearance().larger();
            e.consume();
        } else if (e.isShortcutDown() && (e.getCode() == KeyCode.MINUS || e.getCode() == KeyCode.SUBTRACT)) {
            vm.appearance().smaller();
            e.consume();
        } else if (e.isShortcutDown() && (e.getCode() == KeyCode.DIGIT0 || e.getCode() == KeyCode.NUMPAD0)) {
            vm.appearance().fontSizeProperty().set(org.dashdesk.ui.common.Appearance.DEFAULT_FONT);
            e.consume();
        }
    }

    private VBox curtain() {
        Label label = new Label("DASH Desk");
        label.getStyleClass().add("curtain-title");
        Button reveal = new Button("Show DASH Desk");
        reveal.setId("reveal");
        reveal.setAccessibleText("Show DASH Desk again");
        reveal.setOnAction(e -> vm.reveal());
        VBox box = new VBox(16, label, reveal);
        box.setId("curtain");
        box.setAlignment(Pos.CENTER);
        box.getStyleClass().add("curtain");
        return box;
    }

    private void applyHidden(boolean hidden) {
        // The screen underneath is made invisible, not just covered, so nothing on it can be read
        // out by a screen reader or reached with Tab while the curtain is down.
        content.setVisible(!hidden);
        curtain.setVisible(hidden);
        if (hidden) {
            Platform.runLater(() -> curtain.lookup("#reveal").requestFocus());
        } else {
            Platform.runLater(() -> {
                Scene scene = getScene();
                if (scene != null && (scene.getFocusOwner() == null || !scene.getFocusOwner().isVisible()
                        || scene.getFocusOwner().getId() != null && scene.getFocusOwner().getId().equals("reveal"))) {
                    content.requestFocus();
                    focusFirst(content.getCenter());
                }
            });
        }
    }

    private void showScreen() {
        Node screen = switch (vm.screenProperty().get()) {
            case LOADING -> loading();
            case PROFILE -> new ProfileView(new ProfileViewModel(null, vm::saveProfile), true);
            case HOME -> new HomeView(vm);
            case WIZARD -> vm.wizardProperty().get() == null ? new HomeView(vm) : wizard();
            case REVIEW_QUEUE -> reviewQueue();
            case SETTINGS -> new SettingsView(vm.appearance(), new ProfileViewModel(vm.profileProperty().get(), vm::saveProfile),
                    vm.servicesProperty().get().packs(), vm::showHome);
        };
        if (content.getCenter() instanceof WizardView && !(screen instanceof WizardView)) {
            content.setCenter(null);
        }
        content.setCenter(screen);
        if (!(screen instanceof WizardView)) {
            Platform.runLater(() -> focusFirst(screen));
        }
    }

    private WizardView wizard() {
        WizardView view = new WizardView(vm.wizardProperty().get(), vm::closeWizard, vm::submitted);
        if (vm.returnNotesProperty().get() != null && vm.wizardProperty().get().isAmendment()) {
            var notes = new org.dashdesk.ui.review.ReturnNotesViewModel(vm.returnNotesProperty().get(), vm.executor(),
                    vm.wizardProperty().get().assessmentId());
            view.placeReturnNotes(new org.dashdesk.ui.review.ReturnNotesPanel(notes));
            notes.load();
        }
        return view;
    }

    private Node reviewQueue() {
        var user = vm.profileProperty().get();
        var packs = vm.servicesProperty().get().packs();
        return user.role() == org.dashdesk.ui.common.UserProfile.Role.CRU
                ? new org.dashdesk.ui.cru.CruScreen(vm.reviewGatewayProperty().get(), user.collarNumber(), vm.executor(), packs, vm::showHome)
                : new org.dashdesk.ui.signoff.SignOffScreen(vm.reviewGatewayProperty().get(), user.collarNumber(), vm.executor(), packs,
                        vm::showHome);
    }

    private static void focusFirst(Node n) {
        if (n == null) {
            return;
        }
        Node target = n.lookup(".text-field");
        Node button = n.lookup(".button");
        if (target != null && target.isFocusTraversable()) {
            target.requestFocus();
        } else if (button != null) {
            button.requestFocus();
        }
    }

    private Node loading() {
        // The home screen's shape at once, without its tables: the first frame comes sooner.
        return new LoadingView();
    }
}
