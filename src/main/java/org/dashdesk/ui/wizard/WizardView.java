package org.dashdesk.ui.wizard;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.dashdesk.assessment.Channel;
import org.dashdesk.grading.Choice;
import org.dashdesk.ui.common.Controls;

/**
 * The wizard screen: pages on the left, the current page in the middle, live grading on the
 * right. Y / N / D answer the focused question, Up / Down move between questions, PageDown /
 * PageUp change section. Every focus change saves what was typed.
 */
public final class WizardView extends BorderPane {

    private final WizardViewModel vm;
    private final ScrollPane scroll = new ScrollPane();
    private final Map<Page, Node> pageNodes = new HashMap<>();
    private final Map<QuestionViewModel, QuestionRow> rows = new HashMap<>();
    private final Label pageTitle = new Label();
    private final Label step = new Label();
    private ListView<Page> pageList;
    private Label keyHint;
    /** "← Assessments": a control in the body text size (the page title is larger), to measure the text by. */
    private Button homeButton;
    private Runnable leave;
    private org.dashdesk.ui.review.ReturnNotesPanel returnNotes;

    public WizardView(WizardViewModel vm, Runnable onLeave, Consumer<WizardViewModel.SubmitOutcome> onSubmitted) {
        this.vm = vm;
        getStyleClass().add("wizard");
        setId("wizard");

        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("page-scroll");
        scroll.setFocusTraversable(false);
        // Tab follows the order the parts are added in (a BorderPane appends each one to its
        // children): the page first, then Previous / Next, the supplement offers, the section list
        // and last "← Assessments", so Tab from the last field of a page reaches the footer.
        setCenter(scroll);
        setBottom(footer());
        // The live grade scrolls within its column rather than making the window taller than the screen.
        ScrollPane side = new ScrollPane(LiveGradingPanel.build(vm));
        side.setFitToWidth(true);
        side.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        side.setFocusTraversable(false);
        side.getStyleClass().add("side-scroll");
        setRight(side);
        setLeft(pageList());
        setTop(header(onLeave));
        // Narrow for its text (200 % on a laptop): the section list and the key hint give their room
        // to the questions. Sections are still reached by Page Up / Page Down, the step count and the
        // review page's links; the hint is in each button's tooltip and accessible text.
        Runnable reflow = () -> {
            boolean narrow = getWidth() > 0 && getWidth() < homeButton.getFont().getSize() * 70;
            pageList.setVisible(!narrow);
            pageList.setManaged(!narrow);
            keyHint.setVisible(!narrow);
            keyHint.setManaged(!narrow);
        };
        widthProperty().addListener((o, a, b) -> reflow.run());
        homeButton.fontProperty().addListener((o, a, b) -> reflow.run());

        vm.currentPageProperty().addListener((o, a, b) -> show(b));
        vm.focusedQuestionProperty().addListener((o, a, b) -> {
            if (!browsingSections()) {
                focusRow(b);
            }
        });
        vm.submittedProperty().addListener((o, a, b) -> {
            if (b != null) {
                onSubmitted.accept(b);
            }
        });
        addEventFilter(KeyEvent.KEY_PRESSED, this::sectionKeys);
        sceneProperty().addListener((o, a, scene) -> {
            if (scene != null) {
                watchFocus(scene);
            }
        });
        show(vm.currentPageProperty().get());
    }

    /**
     * Shows a returned assessment's supervisor comments: the list above the page, and each comment
     * under the question it is about. Pages already built are built again to take the notes.
     */
    public void placeReturnNotes(org.dashdesk.ui.review.ReturnNotesPanel panel) {
        this.returnNotes = panel;
        setTop(new VBox(getTop(), panel));
        pageNodes.clear();
        rows.clear();
        show(vm.currentPageProperty().get());
    }

    private void watchFocus(Scene scene) {
        scene.focusOwnerProperty().addListener((o, before, now) -> {
            if (getScene() != scene) {
                return;
            }
            vm.commitPending();
            QuestionRow row = rowOf(now);
            if (row != null) {
                vm.focusQuestion(row.viewModel());
                Controls.ensureVisible(scroll, now instanceof QuestionRow ? now : row);
            }
        });
    }

    private static QuestionRow rowOf(Node n) {
        while (n != null) {
            if (n instanceof QuestionRow r) {
                return r;
            }
            n = n.getParent();
        }
        return null;
    }

    /** Alt+Left: back to the list of assessments (everything is saved, so nothing is asked). */
    public static final KeyCombination HOME = new KeyCodeCombination(KeyCode.LEFT, KeyCombination.ALT_DOWN);

    /** Ctrl+Z (outside a text field, which has its own undo): undoes the last changed answer. */
    public static final KeyCombination UNDO_CHANGE = new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN);

    private void sectionKeys(KeyEvent e) {
        if (UNDO_CHANGE.match(e) && !(e.getTarget() instanceof TextInputControl)) {
            if (vm.undoLastChange()) {
                e.consume();
            }
        } else if (HOME.match(e)) {
            leave.run();
            e.consume();
        } else if (e.getCode() == KeyCode.PAGE_DOWN) {
            vm.next();
            e.consume();
        } else if (e.getCode() == KeyCode.PAGE_UP) {
            vm.previous();
            e.consume();
        }
    }

    private Node header(Runnable onLeave) {
        Button home = new Button("← Assessments");
        home.setId("wizard-home");
        home.setAccessibleText("Back to the list of assessments (Alt+Left). Everything is already saved.");
        home.setTooltip(new Tooltip("Back to the list of assessments (Alt+Left). Everything is already saved."));
        leave = () -> {
            vm.commitPending();
            onLeave.run();
        };
        home.setOnAction(e -> leave.run());
        homeButton = home;
        pageTitle.getStyleClass().add("page-title");
        step.getStyleClass().add("step");
        Label channel = new Label(vm.channel() == Channel.PHONE_IN ? "Phone-in" : "At scene");
        channel.getStyleClass().add("badge");
        Label saved = new Label();
        saved.setId("save-status");
        saved.getStyleClass().add("save-status");
        saved.textProperty().bind(vm.autosaver().statusProperty());
        Label change = new Label();
        change.setId("answer-change");
        change.getStyleClass().add("answer-change");
        change.setWrapText(true);
        change.textProperty().bind(vm.lastChangeProperty());
        change.visibleProperty().bind(vm.lastChangeProperty().isNotEmpty());
        change.managedProperty().bind(change.visibleProperty());
        // A flow: at large text on a narrow window the title and its badges go onto a second line
        // instead of being cut ("Step 1 …"); each keeps its words.
        for (javafx.scene.control.Labeled l : java.util.List.of(home, pageTitle, step, channel, saved)) {
            l.setMinWidth(Region.USE_PREF_SIZE);
        }
        javafx.scene.layout.FlowPane bar = new javafx.scene.layout.FlowPane(12, 6, home, pageTitle, step, channel, change, saved);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("header");

        Label error = new Label();
        error.setId("save-error");
        error.setWrapText(true);
        error.textProperty().bind(vm.autosaver().errorProperty());
        Button retry = new Button("Retry now");
        retry.setAccessibleText("Retry saving now");
        retry.setOnAction(e -> vm.autosaver().retryNow());
        HBox banner = new HBox(12, error, retry);
        HBox.setHgrow(error, Priority.ALWAYS);
        banner.getStyleClass().add("error-banner");
        banner.visibleProperty().bind(vm.autosaver().errorProperty().isNotNull());
        banner.managedProperty().bind(banner.visibleProperty());
        return new VBox(bar, banner);
    }

    private Node pageList() {
        // When a branch adds or removes pages, the list's selection model keeps the selected index,
        // which is then another page: that move is not the user's and must not navigate. The flag is
        // raised by a listener added before the list's own, and lowered after the list is re-synced.
        boolean[] pagesChanging = {false};
        vm.visiblePages().addListener((ListChangeListener<Page>) c -> pagesChanging[0] = true);
        ListView<Page> list = new ListView<>(vm.visiblePages());
        pageList = list;
        list.setId("page-list");
        list.getStyleClass().add("page-list");
        // Reached by Tab after the page and its buttons; the arrows show a section while focus
        // stays in the list, Enter goes into it.
        list.setAccessibleText("Sections of the assessment. Arrows choose a section, Enter goes to it.");
        list.setTooltip(new Tooltip("Arrows choose a section, Enter goes to it"));
        list.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER) {
                focusPage(vm.currentPageProperty().get());
                e.consume();
            }
        });
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Page p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : shortTitle(p));
                // A title wider than the list wraps rather than giving the list a sideways scroll bar.
                setWrapText(true);
                setPrefWidth(0);
            }
        });
        Runnable sync = () -> list.getSelectionModel().select(vm.currentPageProperty().get());
        vm.currentPageProperty().addListener((o, a, b) -> sync.run());
        vm.visiblePages().addListener((ListChangeListener<Page>) c -> {
            sync.run();
            pagesChanging[0] = false;
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null && !pagesChanging[0] && b != vm.currentPageProperty().get()) {
                vm.goTo(b);
            }
        });
        sync.run();
        return list;
    }

    static String shortTitle(Page p) {
        if (p.isSupplement()) {
            return p.pack().id().toUpperCase(java.util.Locale.ROOT) + " questions";
        }
        String t = p.title();
        int paren = t.indexOf(" (if");
        return paren > 0 ? t.substring(0, paren) : t;
    }

    private Node footer() {
        Button back = Controls.button("Previous section", "previous-section", "Previous section (Page Up)", "Previous section (PgUp)",
                () -> vm.previous());
        Button next = Controls.button("Next section", "next-section", "Next section (Page Down)", "Next section (PgDn)",
                () -> vm.next());
        Label keys = new Label("Y / N / D answer and move on · ↑ ↓ question · PgDn / PgUp section · Alt+← assessments · "
                + "every answer is saved as you go");
        keys.setWrapText(true);
        keys.getStyleClass().add("key-hint");
        keyHint = keys;
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        // The buttons keep their words; the key hint wraps into what is left, and goes at large text.
        back.setMinWidth(Region.USE_PREF_SIZE);
        next.setMinWidth(Region.USE_PREF_SIZE);
        keys.setMinWidth(0);
        HBox bar = new HBox(12, back, keys, spacer, next);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("footer");
        return bar;
    }

    private void show(Page page) {
        if (page == null) {
            return;
        }
        int index = vm.visiblePages().indexOf(page);
        pageTitle.setText(shortTitle(page));
        step.setText("Step " + (index + 1) + " of " + vm.visiblePages().size());
        Node node = pageNodes.computeIfAbsent(page, this::build);
        scroll.setContent(node);
        scroll.setVvalue(0);
        Platform.runLater(() -> {
            if (!browsingSections() && vm.currentPageProperty().get() == page) {
                // The scroll pane attaches a new page when its skin is made: make it now, or the
                // page is not in the scene yet and focus falls on the first button after it.
                scroll.applyCss();
                focusPage(page);
            }
        });
    }

    /** Focus to the question to resume at on the page, or its first control. */
    private void focusPage(Page page) {
        Node node = pageNodes.get(page);
        QuestionViewModel q = vm.focusedQuestionProperty().get();
        if (q != null && page.questions().contains(q)) {
            focusRow(q);
        } else if (node instanceof Region r) {
            firstFocusable(r);
        }
    }

    /** While the user moves through the section list with the arrows, focus stays there. */
    private boolean browsingSections() {
        return pageList != null && pageList.isFocused();
    }

    private void firstFocusable(Node n) {
        if (n.isFocusTraversable() && !n.isDisabled() && n.isVisible()) {
            n.requestFocus();
            return;
        }
        if (n instanceof javafx.scene.Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                if (c.isVisible()) {
                    firstFocusable(c);
                    if (getScene() != null && getScene().getFocusOwner() != null && isInside(getScene().getFocusOwner(), n)) {
                        return;
                    }
                }
            }
        }
    }

    private static boolean isInside(Node n, Node ancestor) {
        for (Node x = n; x != null; x = x.getParent()) {
            if (x == ancestor) {
                return true;
            }
        }
        return false;
    }

    private void focusRow(QuestionViewModel q) {
        if (q == null) {
            return;
        }
        QuestionRow row = rows.get(q);
        if (row == null) {
            return;
        }
        if (row.getScene() == null) {
            // The page was just swapped in and is not attached yet (a ScrollPane attaches its
            // content when its skin is made, in a later pulse): focus the row once it is, if it
            // is still the question to resume at. One retry by runLater could run before that
            // pulse and give up, leaving focus wherever the start-up left it.
            row.sceneProperty().addListener(new javafx.beans.value.ChangeListener<>() {
                @Override
                public void changed(javafx.beans.value.ObservableValue<? extends Scene> o, Scene before, Scene now) {
                    if (now != null) {
                        row.sceneProperty().removeListener(this);
                        Platform.runLater(() -> {
                            if (vm.focusedQuestionProperty().get() == q && !browsingSections()) {
                                focusRow(q);
                            }
                        });
                    }
                }
            });
            return;
        }
        if (getScene() != null && rowOf(getScene().getFocusOwner()) == row) {
            return;
        }
        row.requestFocus();
        Platform.runLater(() -> Controls.ensureVisible(scroll, row));
    }

    private Node build(Page page) {
        VBox box = switch (page.kind()) {
            case PEOPLE -> PeoplePage.build(vm);
            case SECTION -> sectionPage(page);
            case GRADING -> GradingPage.build(vm);
            case REVIEW -> ReviewPage.build(vm);
        };
        box.getStyleClass().add("page");
        box.setPadding(new Insets(16));
        box.setSpacing(10);
        return box;
    }

    private VBox sectionPage(Page page) {
        VBox box = new VBox();
        if (page.isSupplement()) {
            Label note = new Label(page.pack().title() + ". Scored on its own; it does not change the DASH count. "
                    + page.pack().copyright());
            note.setWrapText(true);
            note.getStyleClass().add("pack-note");
            box.getChildren().add(note);
        }
        for (QuestionViewModel q : page.questions()) {
            QuestionRow row = new QuestionRow(q, vm::answerAndAdvance);
            rows.put(q, row);
            row.addEventFilter(KeyEvent.KEY_PRESSED, e -> questionKeys(e, q));
            box.getChildren().add(row);
            if (returnNotes != null) {
                box.getChildren().add(returnNotes.noteFor(q.id()));
            }
        }
        return box;
    }

    private void questionKeys(KeyEvent e, QuestionViewModel q) {
        if (e.getTarget() instanceof TextInputControl || e.isControlDown() || e.isAltDown() || e.isMetaDown()) {
            return;
        }
        // Y / N / D answer only when the question itself (its answer control) has focus: never from
        // a tick box, a date picker or a field beside it.
        boolean onAnswer = e.getTarget() == rows.get(q);
        Choice choice = switch (e.getCode()) {
            case Y -> Choice.YES;
            case N -> Choice.NO;
            case D -> Choice.DONT_KNOW;
            default -> null;
        };
        if (choice != null && q.takesChoice() && onAnswer) {
            vm.answerAndAdvance(q, choice);
            e.consume();
        } else if (e.getCode() == KeyCode.DOWN) {
            vm.nextQuestion(q).ifPresent(vm::focusQuestion);
            e.consume();
        } else if (e.getCode() == KeyCode.UP) {
            vm.previousQuestion(q).ifPresent(vm::focusQuestion);
            e.consume();
        }
    }
}
