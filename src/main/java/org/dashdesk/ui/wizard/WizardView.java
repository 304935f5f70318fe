package org.dashdesk.ui.wizard;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Separator;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Toggle;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.dashdesk.assessment.Channel;
import org.dashdesk.grading.Choice;
import org.dashdesk.grading.GradingResult;
import org.dashdesk.grading.RiskLevel;
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
        setRight(sidePanel());
        setLeft(pageList());
        setTop(header(onLeave));

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

    private void sectionKeys(KeyEvent e) {
        if (HOME.match(e)) {
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
        pageTitle.getStyleClass().add("page-title");
        step.getStyleClass().add("step");
        Label channel = new Label(vm.channel() == Channel.PHONE_IN ? "Phone-in" : "At scene");
        channel.getStyleClass().add("badge");
        Label saved = new Label();
        saved.setId("save-status");
        saved.getStyleClass().add("save-status");
        saved.textProperty().bind(vm.autosaver().statusProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(12, home, pageTitle, step, channel, spacer, saved);
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
        list.setPrefWidth(230);
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

    private static String shortTitle(Page p) {
        if (p.isSupplement()) {
            return p.pack().id().toUpperCase(java.util.Locale.ROOT) + " questions";
        }
        String t = p.title();
        int paren = t.indexOf(" (if");
        return paren > 0 ? t.substring(0, paren) : t;
    }

    private Node sidePanel() {
        Label heading = new Label("Live grading");
        heading.getStyleClass().add("side-heading");
        Label yes = new Label();
        yes.setId("yes-count");
        yes.getStyleClass().add("yes-count");
        yes.textProperty().bind(Bindings.createStringBinding(() -> Integer.toString(vm.yesCountProperty().get()), vm.yesCountProperty()));
        Label yesCaption = new Label("Yes answers of " + vm.countedQuestionCount());
        yesCaption.setId("yes-caption");
        Label level = new Label();
        level.setId("level");
        level.textProperty().bind(vm.levelLabelProperty());
        level.getStyleClass().add("level");
        vm.gradingProperty().addListener((o, a, b) -> styleLevel(level, b));
        styleLevel(level, vm.gradingProperty().get());
        Label criteria = new Label();
        criteria.setId("criteria");
        criteria.setWrapText(true);
        criteria.getStyleClass().add("criteria");
        criteria.textProperty().bind(Bindings.createStringBinding(() -> {
            GradingResult g = vm.gradingProperty().get();
            return g == null || g.criteria().isEmpty() ? "No MARAC criteria met" : "Criteria met: " + vm.criteriaInWords(g);
        }, vm.gradingProperty()));
        VBox supplements = new VBox(6);
        Runnable offers = () -> {
            supplements.getChildren().clear();
            for (Page p : vm.hiddenSupplementPages()) {
                Button open = new Button("Open " + p.pack().id().toUpperCase(java.util.Locale.ROOT));
                open.setId("open-" + p.pack().id());
                open.setAccessibleText("Open the " + p.pack().title() + " by hand");
                open.setTooltip(new Tooltip("Open the " + p.pack().title() + " by hand"));
                open.setOnAction(e -> vm.openSupplement(p));
                supplements.getChildren().add(open);
            }
        };
        vm.visiblePages().addListener((ListChangeListener<Page>) c -> offers.run());
        offers.run();
        VBox side = new VBox(8, heading, yes, yesCaption, level, criteria, new Separator(), supplements);
        side.getStyleClass().add("side-panel");
        side.setPrefWidth(210);
        side.setAccessibleText("Live grading");
        return side;
    }

    private static void styleLevel(Label label, GradingResult g) {
        label.getStyleClass().removeAll("level-standard", "level-medium", "level-high");
        if (g != null) {
            label.getStyleClass().add("level-" + g.level().jsonName());
        }
    }

    private Node footer() {
        Button back = new Button("Previous section");
        back.setId("previous-section");
        back.setAccessibleText("Previous section (Page Up)");
        back.setTooltip(new Tooltip("Previous section (PgUp)"));
        back.setOnAction(e -> vm.previous());
        Button next = new Button("Next section");
        next.setId("next-section");
        next.setAccessibleText("Next section (Page Down)");
        next.setTooltip(new Tooltip("Next section (PgDn)"));
        next.setOnAction(e -> vm.next());
        Label keys = new Label("Y / N / D answer and move on · ↑ ↓ question · PgDn / PgUp section · Alt+← assessments · "
                + "every answer is saved as you go");
        keys.setWrapText(true);
        keys.getStyleClass().add("key-hint");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
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
            case PEOPLE -> peoplePage();
            case SECTION -> sectionPage(page);
            case GRADING -> gradingPage();
            case REVIEW -> reviewPage();
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
            QuestionRow row = new QuestionRow(q);
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
        Choice choice = switch (e.getCode()) {
            case Y -> Choice.YES;
            case N -> Choice.NO;
            case D -> Choice.DONT_KNOW;
            default -> null;
        };
        if (choice != null && q.takesChoice()) {
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

    private VBox peoplePage() {
        IncidentDetailsViewModel d = vm.details();
        GridPane grid = Controls.form();
        grid.getStyleClass().add("form");
        int row = 0;
        if (d.isPhoneIn()) {
            Label heading = new Label("Phone-in");
            heading.getStyleClass().add("form-heading");
            grid.add(heading, 0, row++, 2, 1);
            Label recorder = new Label(d.recorder() == null ? "" : d.recorder().name() + " (" + d.recorder().collarNumber() + ")");
            recorder.setId("recorder");
            grid.addRow(row++, new Label("Recorded by (IMU)"), recorder);
            row = addText(grid, row, "Attending officer's collar number", d.attendingOfficerCollarProperty(), "attending-collar");
            row = addText(grid, row, "Call reference", d.callReferenceProperty(), "call-reference");
            row = addYesNo(grid, row, "Could the victim speak safely?", d.victimCouldSpeakSafelyProperty(), "speak-safely");
        }
        Label incident = new Label("Incident");
        incident.getStyleClass().add("form-heading");
        grid.add(incident, 0, row++, 2, 1);
        row = addText(grid, row, "Incident reference", d.incidentReferenceProperty(), "incident-reference");
        var date = Controls.datePicker(d.incidentDateProperty());
        date.setId("incident-date");
        grid.addRow(row++, Controls.labelFor("Incident date", date), date);
        row = addText(grid, row, "Incident time (24-hour, e.g. 23:40)", d.incidentTimeProperty(), "incident-time");
        row = addError(grid, row, d.timeErrorProperty());
        row = addText(grid, row, "Place", d.placeProperty(), "place");
        row = addText(grid, row, "District", d.districtProperty(), "district");
        row = addText(grid, row, "Police call-outs for domestic abuse in the last 12 months", d.calloutsProperty(), "callouts");
        row = addError(grid, row, d.calloutsErrorProperty());
        var marac = Controls.datePicker(d.lastMaracReferralProperty());
        marac.setId("last-marac");
        grid.addRow(row++, Controls.labelFor("Date of last MARAC referral, if known", marac), marac);

        Label people = new Label("People");
        people.getStyleClass().add("form-heading");
        grid.add(people, 0, row++, 2, 1);
        row = addText(grid, row, "Victim's name", d.victimNameProperty(), "victim-name");
        row = addText(grid, row, "Abuser's name (several: separate with ;)", d.abuserNamesProperty(), "abuser-names");
        row = addYesNo(grid, row, "Children or dependants in the household?", d.childrenOrDependantsProperty(), "children");
        TextArea deps = new TextArea();
        Controls.tabMovesFocus(deps);
        deps.setId("dependants");
        deps.setPrefRowCount(3);
        deps.setPromptText("One per line: name, age or date of birth, relationship");
        deps.textProperty().bindBidirectional(d.dependantsProperty());
        deps.disableProperty().bind(d.childrenOrDependantsProperty().isNotEqualTo(Boolean.TRUE));
        grid.addRow(row++, Controls.labelFor("Children / dependants", deps), deps);
        GridPane.setHgrow(deps, Priority.ALWAYS);
        return new VBox(grid);
    }

    private static int addText(GridPane grid, int row, String label, javafx.beans.property.StringProperty value, String id) {
        TextField field = new TextField();
        field.setId(id);
        field.textProperty().bindBidirectional(value);
        GridPane.setHgrow(field, Priority.ALWAYS);
        grid.addRow(row, Controls.labelFor(label, field), field);
        return row + 1;
    }

    private static int addYesNo(GridPane grid, int row, String label, javafx.beans.property.ObjectProperty<Boolean> value, String id) {
        ToggleButton yes = new ToggleButton("Yes");
        ToggleButton no = new ToggleButton("No");
        yes.setId(id + "-yes");
        no.setId(id + "-no");
        yes.setAccessibleText(label + " Yes");
        no.setAccessibleText(label + " No");
        Controls.bindToggles(value, new ToggleButton[] {yes, no}, Boolean.TRUE, Boolean.FALSE);
        Label l = new Label(label);
        l.setWrapText(true);
        l.setLabelFor(yes);
        l.getStyleClass().add("field-label");
        grid.addRow(row, l, new HBox(6, yes, no));
        return row + 1;
    }

    private static int addError(GridPane grid, int row, javafx.beans.value.ObservableStringValue error) {
        Label l = new Label();
        l.getStyleClass().add("field-error");
        l.textProperty().bind(error);
        l.visibleProperty().bind(Bindings.isNotNull(error));
        l.managedProperty().bind(l.visibleProperty());
        grid.add(l, 1, row);
        return row + 1;
    }

    private VBox gradingPage() {
        VBox box = new VBox();
        Label summary = new Label();
        summary.setId("grading-summary");
        summary.getStyleClass().add("grading-summary");
        summary.setWrapText(true);
        VBox reasons = new VBox(4);
        reasons.setId("grading-reasons");
        Runnable refresh = () -> {
            GradingResult g = vm.gradingProperty().get();
            if (g == null) {
                return;
            }
            summary.setText(g.yesCount() + " Yes answers — computed level " + g.computedLevel().label()
                    + (g.level() != g.computedLevel() ? ", raised to " + g.level().label() : "")
                    + (g.criteria().isEmpty() ? "" : " — criteria met: " + vm.criteriaInWords(g)));
            reasons.getChildren().clear();
            for (String r : g.reasons()) {
                Label l = new Label("• " + r);
                l.setWrapText(true);
                reasons.getChildren().add(l);
            }
        };
        vm.gradingProperty().addListener((o, a, b) -> refresh.run());
        refresh.run();

        Label judgementHeading = new Label("Professional judgement");
        judgementHeading.getStyleClass().add("form-heading");
        Label judgementHelp = new Label("You may raise the grading on your own concern or the victim's perception of risk, "
                + "with written reasons. You cannot lower it.");
        judgementHelp.setWrapText(true);
        // One control: "agree" or one of the levels above the computed one, as radio buttons (Tab, arrows, Space).
        ToggleGroup levelGroup = new ToggleGroup();
        // One option per line: long labels stay readable at large text sizes.
        VBox raise = new VBox(6);
        raise.setId("judgement-level");
        Label highest = new Label();
        highest.setId("judgement-highest");
        highest.setWrapText(true);
        // True while the view itself moves the selection to match the view model: that must never
        // write back (selecting "agree" to match would clear the officer's judgement and reasons).
        boolean[] syncing = {false};
        Runnable showJudgement = () -> {
            RiskLevel current = vm.judgementLevelProperty().get();
            Toggle match = levelGroup.getToggles().stream().filter(t -> java.util.Objects.equals(t.getUserData(), current))
                    .findFirst().orElse(null);
            syncing[0] = true;
            try {
                // No match (a judgement the computed level has caught up with): nothing is selected
                // and the judgement error says what to do; the view does not pick an answer for the officer.
                levelGroup.selectToggle(match);
            } finally {
                syncing[0] = false;
            }
        };
        Runnable buildLevels = () -> {
            syncing[0] = true;
            try {
                // The old buttons leave the group with the page: a detached button left in the group
                // could be the one selected while the visible ones all look unselected.
                for (Toggle t : List.copyOf(levelGroup.getToggles())) {
                    t.setToggleGroup(null);
                }
            } finally {
                syncing[0] = false;
            }
            RadioButton agree = new RadioButton("Agree with the computed level");
            agree.setId("judgement-agree");
            agree.setAccessibleText("Professional judgement: agree with the computed level");
            agree.setToggleGroup(levelGroup);
            agree.setUserData(null);
            raise.getChildren().setAll(agree);
            for (RiskLevel level : vm.raiseOptions()) {
                RadioButton r = new RadioButton("Raise to " + level.label());
                r.setId("judgement-raise-" + level.name().toLowerCase(java.util.Locale.ROOT));
                r.setAccessibleText("Professional judgement: raise the grading to " + level.label());
                r.setToggleGroup(levelGroup);
                r.setUserData(level);
                raise.getChildren().add(r);
            }
            if (vm.raiseOptions().isEmpty()) {
                highest.setText("Already at the highest level: there is nothing to raise it to.");
                raise.getChildren().add(highest);
            }
            showJudgement.run();
        };
        buildLevels.run();
        vm.raiseOptions().addListener((ListChangeListener<RiskLevel>) c -> buildLevels.run());
        vm.judgementLevelProperty().addListener((o, a, b) -> showJudgement.run());
        levelGroup.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null || syncing[0]) {
                return;
            }
            RiskLevel chosen = (RiskLevel) b.getUserData();
            if (chosen == null) {
                if (vm.judgementLevelProperty().get() != null) {
                    vm.clearJudgement();
                }
            } else if (chosen != vm.judgementLevelProperty().get()) {
                vm.judgementLevelProperty().set(chosen);
            }
        });
        TextArea rationale = new TextArea();
        Controls.tabMovesFocus(rationale);
        rationale.setId("judgement-rationale");
        rationale.setPrefRowCount(3);
        rationale.setWrapText(true);
        rationale.textProperty().bindBidirectional(vm.judgementRationaleProperty());
        Label judgementError = new Label();
        judgementError.getStyleClass().add("field-error");
        judgementError.setWrapText(true);
        judgementError.textProperty().bind(vm.judgementErrorProperty());
        GridPane j = Controls.form();
        Label raiseLabel = new Label("Your judgement");
        raiseLabel.getStyleClass().add("field-label");
        raiseLabel.setLabelFor(raise);
        j.addRow(0, raiseLabel, raise);
        j.addRow(1, Controls.labelFor("Reasons", rationale), rationale);
        GridPane.setHgrow(rationale, Priority.ALWAYS);

        Label referralHeading = new Label("Referrals");
        referralHeading.getStyleClass().add("form-heading");
        VBox referrals = new VBox(10);
        referrals.setId("referrals");
        Runnable buildReferrals = () -> {
            referrals.getChildren().clear();
            for (ReferralPromptViewModel r : vm.referralPrompts()) {
                referrals.getChildren().add(referralRow(r));
            }
        };
        vm.referralPrompts().addListener((ListChangeListener<ReferralPromptViewModel>) c -> buildReferrals.run());
        buildReferrals.run();
        box.getChildren().addAll(summary, reasons, new Separator(), judgementHeading, judgementHelp, j, judgementError,
                new Separator(), referralHeading, referrals);
        return box;
    }

    private Node referralRow(ReferralPromptViewModel r) {
        String id = "referral-" + r.referral().name().toLowerCase(java.util.Locale.ROOT);
        Label label = new Label(r.label());
        label.getStyleClass().add("referral-label");
        Label prompt = new Label(r.prompt());
        prompt.setWrapText(true);
        ToggleButton made = new ToggleButton("Made");
        ToggleButton notMade = new ToggleButton("Not made");
        made.setId(id + "-made");
        notMade.setId(id + "-not-made");
        made.setAccessibleText(r.label() + ": made");
        notMade.setAccessibleText(r.label() + ": not made");
        Controls.bindToggles(r.chosenProperty(), new ToggleButton[] {made, notMade}, Boolean.TRUE, Boolean.FALSE);
        TextField reason = new TextField();
        reason.setId(id + "-reason");
        reason.setPromptText("Reason (required if not made)");
        reason.setAccessibleText(r.label() + ": reason");
        reason.textProperty().bindBidirectional(r.reasonProperty());
        HBox controls = new HBox(6, made, notMade, reason);
        HBox.setHgrow(reason, Priority.ALWAYS);
        Label problem = new Label();
        problem.getStyleClass().add("field-hint");
        problem.textProperty().bind(r.problemProperty());
        return new VBox(4, label, prompt, controls, problem);
    }

    private VBox reviewPage() {
        VBox box = new VBox();
        Label heading = new Label("Before you submit");
        heading.getStyleClass().add("form-heading");
        Label help = new Label("Missing answers and Don't know answers are listed so you can go back to them; items marked "
                + "'must be fixed' stop submission.");
        help.setWrapText(true);
        VBox items = new VBox(2);
        items.setId("review-items");
        Runnable build = () -> {
            items.getChildren().clear();
            if (vm.reviewItems().isEmpty()) {
                items.getChildren().add(new Label("Nothing is missing."));
            }
            // What must be fixed comes first (the view model sorts it so), then the rest grouped
            // under the section it belongs to, in the order of the form.
            String group = null;
            for (ReviewItem item : vm.reviewItems()) {
                String section = item.blocking() ? "Must be fixed before submitting" : shortTitle(item.page());
                if (!section.equals(group)) {
                    group = section;
                    Label h = new Label(section);
                    h.getStyleClass().add("review-group");
                    items.getChildren().add(h);
                }
                Hyperlink link = new Hyperlink((item.blocking() ? "Must be fixed: " : "") + item.message());
                link.setWrapText(true);
                link.setAccessibleText(section + ": " + item.message() + " Go to it.");
                link.getStyleClass().add(item.blocking() ? "review-blocking" : "review-item");
                link.setOnAction(e -> vm.goTo(item));
                items.getChildren().add(link);
            }
        };
        vm.reviewItems().addListener((ListChangeListener<ReviewItem>) c -> build.run());
        build.run();
        box.getChildren().addAll(heading, help, items);
        if (vm.isAmendment()) {
            TextArea reason = new TextArea();
        Controls.tabMovesFocus(reason);
            reason.setId("amendment-reason");
            reason.setPrefRowCount(2);
            reason.textProperty().bindBidirectional(vm.amendmentReasonProperty());
            box.getChildren().addAll(Controls.labelFor("Reason for this amendment", reason), reason);
        }
        Button submit = new Button("Submit assessment");
        submit.setId("submit");
        submit.setDefaultButton(false);
        submit.getStyleClass().add("primary");
        submit.disableProperty().bind(vm.canSubmitProperty().not());
        submit.setOnAction(e -> vm.submit());
        Label submitError = new Label();
        submitError.getStyleClass().add("field-error");
        submitError.setWrapText(true);
        submitError.textProperty().bind(vm.submitErrorProperty());
        Label level = new Label();
        level.textProperty().bind(Bindings.createStringBinding(() -> "Submitting records the grading as "
                + vm.levelLabelProperty().get() + (vm.gradingProperty().get() != null
                && vm.gradingProperty().get().level() == RiskLevel.STANDARD ? " and sends it for supervisor sign-off." : " and refers it."),
                vm.levelLabelProperty()));
        box.getChildren().addAll(new Separator(), level, submit, submitError);
        return box;
    }
}
