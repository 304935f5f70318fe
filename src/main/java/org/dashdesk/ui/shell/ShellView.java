package org.dashdesk.ui.shell;

import java.util.List;

import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.input.InputEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.PopupWindow;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;
import javafx.util.Duration;

import org.dashdesk.ui.common.Controls;
import org.dashdesk.ui.common.Appearance;
import org.dashdesk.ui.signin.LockView;
import org.dashdesk.ui.wizard.WizardView;

/**
 * The window's root: the current screen and the status bar, with the privacy curtain and the lock
 * screen above them. Window-wide keys: Ctrl+Shift+N switches night and light, Ctrl+Shift+H hides everything, Ctrl+Shift+S syncs now,
 * Ctrl+L locks, Ctrl+plus / Ctrl+minus / Ctrl+0 change the text size. They are caught by a filter
 * on the scene, so they work wherever focus is (a text area, a date picker's field or its open
 * calendar). Any key, click or scroll counts as activity for the idle lock, which a timer checks
 * every few seconds.
 */
public final class ShellView extends StackPane {

    public static final KeyCombination PRIVACY = new KeyCodeCombination(KeyCode.H, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    public static final KeyCombination SYNC_NOW = new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    /** Focuses the home lists' search box (issue 17). */
    public static final KeyCombination FIND = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);
    public static final KeyCombination LOCK = new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN);
    /** Night or light, anywhere, the sign-in and lock screens included. */
    public static final KeyCombination NIGHT = new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    /** How often the idle lock is checked; the timeout itself is the security policy's. */
    static final Duration IDLE_CHECK = Duration.seconds(5);

    private final ShellViewModel vm;
    private final BorderPane content = new BorderPane();
    private final HBox statusBar;
    private final VBox curtain;
    private final StackPane lockLayer = new StackPane();
    private final Timeline idleCheck;
    private final ScreenRegistry screens = new ScreenRegistry();
    /** Where focus was when the curtain came down, to put it back there. */
    private Node beforeCurtain;

    public ShellView(ShellViewModel vm) {
        this.vm = vm;
        setId("shell");
        curtain = curtain();
        lockLayer.setId("lock-layer");
        statusBar = statusBar();
        content.setBottom(statusBar);
        getChildren().addAll(content, curtain, lockLayer);
        vm.screenProperty().addListener((o, a, b) -> showScreen());
        vm.wizardProperty().addListener((o, a, b) -> showScreen());
        vm.hiddenProperty().addListener((o, a, b) -> applyCover());
        vm.lockedProperty().addListener((o, a, b) -> applyCover());
        applyCover();
        showScreen();
        sceneProperty().addListener((o, a, scene) -> {
            if (a != null) {
                a.removeEventFilter(KeyEvent.KEY_PRESSED, windowKeys);
            }
            if (scene != null) {
                // On the scene, not this root: the scene sees a key before any control in it does,
                // and also while a date picker's calendar (a popup window of its own) is open.
                scene.addEventFilter(KeyEvent.KEY_PRESSED, windowKeys);
                scene.addEventFilter(KeyEvent.ANY, this::activity);
                scene.addEventFilter(MouseEvent.MOUSE_PRESSED, this::activity);
                scene.addEventFilter(MouseEvent.MOUSE_MOVED, this::activity);
                scene.addEventFilter(ScrollEvent.ANY, this::activity);
            }
        });
        // A date picker's calendar, a combo box's list or a context menu is a popup window with
        // its own scene: the window keys are caught there too, so the privacy key works from inside one.
        Window.getWindows().addListener(popupWatcher);
        idleCheck = new Timeline(new KeyFrame(IDLE_CHECK, e -> vm.checkIdle()));
        idleCheck.setCycleCount(Animation.INDEFINITE);
        idleCheck.play();
    }

    private final javafx.event.EventHandler<KeyEvent> windowKeys = this::windowKeys;
    private final javafx.collections.ListChangeListener<Window> popupWatcher = c -> {
        while (c.next()) {
            for (Window w : c.getAddedSubList()) {
                if (w instanceof PopupWindow popup && isMine(popup) && popup.getScene() != null
                        && popup.getProperties().putIfAbsent(ShellView.class, Boolean.TRUE) == null) {
                    popup.getScene().addEventFilter(KeyEvent.KEY_PRESSED, windowKeys);
                }
            }
        }
    };

    /** Whether a popup belongs (through any chain of popups) to this view's window. */
    private boolean isMine(PopupWindow popup) {
        Window mine = getScene() == null ? null : getScene().getWindow();
        Window w = popup;
        while (w instanceof PopupWindow p) {
            w = p.getOwnerWindow();
        }
        return mine != null && w == mine;
    }

    private void activity(InputEvent e) {
        vm.touch();
    }

    /**
     * Asks before closing while assessments have not reached the server. Call once with the
     * window's stage.
     */
    public void guardClose(Stage stage) {
        stage.addEventHandler(WindowEvent.WINDOW_CLOSE_REQUEST, e -> {
            if (!confirmExit(stage)) {
                e.consume();
            }
        });
    }

    /** True when the app may close: nothing unsent, or the user chose to close anyway. */
    public boolean confirmExit(Stage owner) {
        var warning = vm.exitWarning();
        if (warning.isEmpty()) {
            return true;
        }
        ButtonType close = new ButtonType("Close DASH Desk", ButtonBar.ButtonData.OK_DONE);
        ButtonType stay = new ButtonType("Stay open", ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, warning.get(), close, stay);
        alert.initOwner(owner);
        alert.setTitle("DASH Desk");
        alert.setHeaderText("Not yet sent to the central server");
        alert.getDialogPane().setId("exit-warning");
        if (getScene() != null) {
            alert.getDialogPane().getStylesheets().setAll(getScene().getStylesheets());
        }
        return alert.showAndWait().filter(close::equals).isPresent();
    }

    private void windowKeys(KeyEvent e) {
        if (NIGHT.match(e)) {
            vm.appearance().toggleNight();
            e.consume();
            return;
        }
        if (vm.lockedProperty().get()) {
            // Only the lock screen takes keys; nothing reaches the screen underneath.
            if (!isInside(e.getTarget(), lockLayer)) {
                e.consume();
            }
            return;
        }
        if (PRIVACY.match(e)) {
            vm.hide();
            // Pressed again while hidden: focus goes back to the blank curtain, off "Continue".
            curtain.requestFocus();
            e.consume();
            return;
        }
        if (vm.hiddenProperty().get()) {
            // While hidden only the curtain takes keys (Tab reaches "Continue", which Space or Enter
            // then presses); nothing reaches the hidden screen.
            if (!isInside(e.getTarget(), curtain)) {
                e.consume();
            }
            return;
        }
        if (SYNC_NOW.match(e)) {
            vm.syncNow();
            e.consume();
        } else if (FIND.match(e) && content.getCenter() instanceof HomeView home) {
            home.focusSearch();
            e.consume();
        } else if (LOCK.match(e)) {
            vm.lock();
            e.consume();
        } else if (e.isShortcutDown() && (e.getCode() == KeyCode.PLUS || e.getCode() == KeyCode.EQUALS || e.getCode() == KeyCode.ADD)) {
            vm.appearance().larger();
            e.consume();
        } else if (e.isShortcutDown() && (e.getCode() == KeyCode.MINUS || e.getCode() == KeyCode.SUBTRACT)) {
            vm.appearance().smaller();
            e.consume();
        } else if (e.isShortcutDown() && (e.getCode() == KeyCode.DIGIT0 || e.getCode() == KeyCode.NUMPAD0)) {
            vm.appearance().fontSizeProperty().set(Appearance.DEFAULT_FONT);
            e.consume();
        }
    }

    private static boolean showing(Node n) {
        for (Node x = n; x != null; x = x.getParent()) {
            if (!x.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private static boolean isInside(Object target, Node container) {
        for (Node n = target instanceof Node t ? t : null; n != null; n = n.getParent()) {
            if (n == container) {
                return true;
            }
        }
        return false;
    }

    private HBox statusBar() {
        Label status = new Label();
        status.setId("sync-status");
        status.setWrapText(true);
        status.textProperty().bind(vm.syncStatusProperty());
        status.accessibleTextProperty().bind(vm.syncStatusProperty());
        HBox.setHgrow(status, Priority.ALWAYS);
        status.setMaxWidth(Double.MAX_VALUE);
        Button syncNow = Controls.button("Sync now", "sync-now", "Sync now (Ctrl+Shift+S)", "Sync now (Ctrl+Shift+S)",
                () -> vm.syncNow());
        Label who = new Label();
        who.setId("signed-in-as");
        who.textProperty().bind(Bindings.createStringBinding(() -> vm.userProperty().get() == null ? ""
                : "Signed in: " + vm.userProperty().get().username(), vm.userProperty()));
        Button lock = Controls.button("Lock", "lock-now", "Lock (Ctrl+L)", "Lock (Ctrl+L): the password opens it again",
                () -> vm.lock());
        Button signOut = new Button("Sign out");
        signOut.setId("sign-out");
        signOut.setAccessibleText("Sign out");
        signOut.setOnAction(e -> vm.signOut());
        // How many cases the home lists hold, or match while a search narrows them (issue 17).
        Label matching = new Label();
        matching.setId("list-matching");
        matching.setWrapText(true);
        matching.textProperty().bind(vm.navigation().lists().matchingProperty());
        matching.visibleProperty().bind(vm.screenProperty().isEqualTo(ShellViewModel.Screen.HOME)
                .and(vm.navigation().lists().matchingProperty().isNotEmpty()));
        matching.managedProperty().bind(matching.visibleProperty());
        // The buttons and who is signed in keep their full words; the sync words wrap into what is left.
        for (Region r : List.of(syncNow, who, lock, signOut)) {
            r.setMinWidth(Region.USE_PREF_SIZE);
        }
        // The match count goes under the sync words, not beside them: at large text sizes a label
        // beside them left the sync words a column a few letters wide.
        VBox words = new VBox(2, status, matching);
        HBox.setHgrow(words, Priority.ALWAYS);
        words.setMaxWidth(Double.MAX_VALUE);
        HBox bar = new HBox(10, words, syncNow, who, lock, signOut);
        bar.setId("status-bar");
        bar.getStyleClass().add("status-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 12, 6, 12));
        bar.visibleProperty().bind(vm.servicesProperty().isNotNull());
        bar.managedProperty().bind(bar.visibleProperty());
        return bar;
    }

    /**
     * A plain blank with nothing that names the tool or its subject, and one small "Continue"
     * in the corner. Focus goes to the blank, not to "Continue", so a stray Space or Enter shows
     * nothing: it takes a click, or Tab and then Space / Enter (decision 0021).
     */
    private VBox curtain() {
        Button reveal = new Button("Continue");
        reveal.setId("reveal");
        reveal.getStyleClass().add("curtain-continue");
        reveal.setAccessibleText("Continue");
        reveal.setAccessibleHelp("Shows the window again");
        reveal.setOnAction(e -> vm.reveal());
        Region blank = new Region();
        VBox.setVgrow(blank, Priority.ALWAYS);
        HBox corner = new HBox(reveal);
        corner.setAlignment(Pos.BOTTOM_RIGHT);
        VBox box = new VBox(blank, corner);
        box.setId("curtain");
        box.setPadding(new Insets(16));
        box.getStyleClass().add("curtain");
        box.setAccessibleText("Blank screen");
        return box;
    }

    private void applyCover() {
        boolean locked = vm.lockedProperty().get();
        boolean hidden = vm.hiddenProperty().get();
        Node owner = getScene() == null ? null : getScene().getFocusOwner();
        // Where the keyboard was before a cover went up, curtain or lock: the lock screen promises
        // "continue where you were", so unlocking goes back there, not to the page's first question.
        if ((hidden || locked) && owner != null && !isInside(owner, curtain) && !isInside(owner, lockLayer)) {
            beforeCurtain = owner;
        }
        // The screen underneath is made invisible, not just covered, so nothing on it can be read
        // out by a screen reader or reached with Tab while a cover is up. The lock wins over the curtain.
        content.setVisible(!locked && !hidden);
        curtain.setVisible(hidden && !locked);
        lockLayer.setVisible(locked);
        if (locked) {
            closePopups();
            LockView lockView = new LockView(vm.unlock(), vm::signOut);
            lockLayer.getChildren().setAll(lockView);
            Platform.runLater(() -> {
                Node field = lockLayer.lookup("#unlock-password");
                if (field != null) {
                    field.requestFocus();
                }
            });
        } else {
            lockLayer.getChildren().clear();
            if (hidden) {
                closePopups();
                curtain.requestFocus();
                Platform.runLater(curtain::requestFocus);
            } else {
                Node back = beforeCurtain;
                beforeCurtain = null;
                Platform.runLater(() -> {
                    Scene scene = getScene();
                    if (back != null && back.getScene() == scene && showing(back)) {
                        // Back where the user was when they hid the window.
                        back.requestFocus();
                    } else if (scene != null && (scene.getFocusOwner() == null || !scene.getFocusOwner().isVisible()
                            || scene.getFocusOwner().getId() != null && scene.getFocusOwner().getId().equals("reveal"))) {
                        content.requestFocus();
                        focusFirst(content.getCenter());
                    }
                });
            }
        }
    }

    /** An open calendar, drop-down or tooltip is a window of its own above the curtain: close it. */
    private void closePopups() {
        for (Node n : content.lookupAll(".combo-box-base")) {
            if (n instanceof javafx.scene.control.ComboBoxBase<?> box && box.isShowing()) {
                box.hide();
            }
        }
        Window mine = getScene() == null ? null : getScene().getWindow();
        for (Window w : List.copyOf(Window.getWindows())) {
            if (w instanceof PopupWindow popup && mine != null && isMine(popup)) {
                popup.hide();
            }
        }
    }

    private void showScreen() {
        Node screen = screens.create(vm.screenProperty().get(), vm);
        if (content.getCenter() instanceof WizardView && !(screen instanceof WizardView)) {
            content.setCenter(null);
        }
        content.setCenter(screen);
        // The status bar goes back to the end of the children, so Tab reaches Lock and Sign out
        // after the screen's own controls rather than before them.
        content.setBottom(null);
        content.setBottom(statusBar);
        if (!(screen instanceof WizardView)) {
            Platform.runLater(() -> {
                // A scroll pane (settings) attaches its content only once it has a skin.
                screen.applyCss();
                focusFirst(screen);
            });
        }
    }

    private static void focusFirst(Node n) {
        if (n == null) {
            return;
        }
        Node target = n.lookup(".text-field");
        Node button = n.lookup(".button");
        if (target != null && target.isFocusTraversable() && !target.isDisabled()) {
            target.requestFocus();
        } else if (button != null) {
            button.requestFocus();
        }
    }

    /** For tests and the screenshot tour: stops the idle timer of a window thrown away. */
    public void dispose() {
        idleCheck.stop();
        Window.getWindows().removeListener(popupWatcher);
    }
}
