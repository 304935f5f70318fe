package org.dashdesk.ui.shell;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.dashdesk.assessment.AssessmentState;
import org.dashdesk.assessment.AssessmentSummary;
import org.dashdesk.assessment.ListQuery;
import org.dashdesk.grading.RiskLevel;
import org.dashdesk.assessment.Channel;

/**
 * The home screen. Lists name no one: incident reference, district, when, how complete, state.
 */
final class HomeView extends VBox {

    /**
     * The listeners this view hangs on the view models, which outlive it: the models hold them
     * weakly and this list strongly, so a home screen that is replaced (every return home, every
     * sign-in) is not kept alive by them with its tables and cells.
     */
    private final List<Object> keep = new java.util.ArrayList<>();

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

    HomeView(ShellViewModel vm) {
        setId("home");
        VBox content = new VBox(12);
        content.setPadding(new Insets(20));

        Button atScene = new Button("New assessment — at scene");
        atScene.setId("new-at-scene");
        atScene.getStyleClass().add("primary");
        atScene.setOnAction(e -> vm.startNew(Channel.AT_SCENE));
        Button phoneIn = new Button("New assessment — phone-in");
        phoneIn.setId("new-phone-in");
        phoneIn.setOnAction(e -> vm.startNew(Channel.PHONE_IN));
        atScene.disableProperty().bind(vm.servicesProperty().isNull());
        phoneIn.disableProperty().bind(vm.servicesProperty().isNull());
        // Supervisors and CRU staff without an officer or IMU role are not offered what the server would refuse.
        for (var entry : java.util.Map.of(atScene, Channel.AT_SCENE, phoneIn, Channel.PHONE_IN).entrySet()) {
            var allowed = javafx.beans.binding.Bindings.createBooleanBinding(
                    () -> vm.userProperty().get() == null || vm.mayStart(entry.getValue()), vm.userProperty());
            entry.getKey().visibleProperty().bind(allowed);
            entry.getKey().managedProperty().bind(allowed);
        }
        Button settings = new Button("Settings");
        settings.setId("open-settings");
        settings.setOnAction(e -> vm.showSettings());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox actions = new HBox(10, atScene, phoneIn);
        // One entry per role-specific screen (sign-off queue, CRU review) goes here, after the start buttons.
        actions.getChildren().addAll(roleEntries(vm));
        actions.getChildren().addAll(spacer, settings);
        actions.setAlignment(Pos.CENTER_LEFT);

        Label message = new Label();
        message.setId("home-message");
        message.getStyleClass().add("message");
        message.textProperty().bind(vm.messageProperty());
        message.visibleProperty().bind(vm.messageProperty().isNotNull());
        message.managedProperty().bind(message.visibleProperty());
        Label error = new Label();
        error.setId("home-error");
        error.setWrapText(true);
        error.getStyleClass().add("error-banner");
        error.textProperty().bind(vm.errorProperty());
        error.visibleProperty().bind(vm.errorProperty().isNotNull());
        error.managedProperty().bind(error.visibleProperty());

        HomeListsViewModel lists = vm.navigation().lists();
        FlowPane filters = filters(lists);
        Label problem = new Label();
        problem.setId("filter-problem");
        problem.getStyleClass().add("error-banner");
        problem.setWrapText(true);
        problem.textProperty().bind(lists.filterProblemProperty());
        problem.visibleProperty().bind(lists.filterProblemProperty().isNotNull());
        problem.managedProperty().bind(problem.visibleProperty());

        Label draftsHeading = new Label("Drafts");
        draftsHeading.getStyleClass().add("form-heading");
        TableView<AssessmentSummary> drafts = table("drafts", vm);
        drafts.setItems(vm.drafts());
        drafts.getColumns().add(column("Last saved", s -> s.updatedAt() == null ? "" : WHEN.format(s.updatedAt().atZone(ZoneId.systemDefault())), 150));
        drafts.getColumns().add(column("Complete", s -> s.completenessPercent() + " %", 90));
        placeholder(drafts, vm, lists, "No drafts. Start a new assessment above.", "No draft matches the search and filters.");
        drafts.setAccessibleText("Drafts. Press Enter to open the selected draft.");

        Label submittedHeading = new Label("Submitted");
        submittedHeading.getStyleClass().add("form-heading");
        TableView<AssessmentSummary> submitted = table("submitted", vm);
        submitted.setItems(vm.submittedList());
        submitted.getColumns().add(column("State", s -> s.state().label(), 150));
        submitted.getColumns().add(column("Level", s -> s.level() == null ? "" : s.level().label(), 90));
        submitted.getColumns().add(column("Updated", s -> s.updatedAt() == null ? "" : WHEN.format(s.updatedAt().atZone(ZoneId.systemDefault())), 150));
        // Held, finished cases lose their names and answers here after retention.days (issue 14): when, or since when.
        TableColumn<AssessmentSummary, String> kept = column("On this laptop", s -> s.onThisLaptop() == null ? "" : s.onThisLaptop(), 130);
        kept.setId("column-on-this-laptop");
        submitted.getColumns().add(kept);
        submitted.getColumns().add(column("Sync", vm::syncWords, 260));
        javafx.collections.MapChangeListener<UUID, String> syncChanged = c -> submitted.refresh();
        keep.add(syncChanged);
        vm.syncDetails().addListener(new javafx.collections.WeakMapChangeListener<>(syncChanged));
        placeholder(submitted, vm, lists, "Nothing submitted yet.", "Nothing submitted matches the search and filters.");
        submitted.setAccessibleText("Submitted assessments. Press Enter to open the selected one read-only.");

        VBox.setVgrow(drafts, Priority.ALWAYS);
        VBox.setVgrow(submitted, Priority.ALWAYS);
        // Each list keeps a few rows however large the text (the minimum is in em, so it grows with
        // the font); where the window is too short for both, the home screen scrolls instead of
        // squeezing the lists to nothing (issue 11: 200 % text on a 1366×768 laptop).
        drafts.getStyleClass().add("home-list");
        submitted.getStyleClass().add("home-list");
        // Column widths grow with the text size, so "Awaiting sign-off" and "Standard" stay whole at
        // 200 %; a list wider than the window then scrolls sideways, as a data table may (WCAG 1.4.10).
        javafx.beans.property.DoubleProperty font = vm.appearance().fontSizeProperty();
        for (TableView<AssessmentSummary> t : List.of(drafts, submitted)) {
            for (TableColumn<AssessmentSummary, ?> c : t.getColumns()) {
                c.prefWidthProperty().bind(font.multiply(c.getPrefWidth() / org.dashdesk.ui.common.Appearance.DEFAULT_FONT));
            }
        }
        javafx.beans.value.ChangeListener<Number> widths = (o, was, size) -> {
            // Large text: columns keep their scaled widths and the list scrolls sideways; else they share the width.
            boolean large = size.doubleValue() > org.dashdesk.ui.common.Appearance.DEFAULT_FONT * 1.2;
            for (TableView<AssessmentSummary> t : List.of(drafts, submitted)) {
                t.setColumnResizePolicy(large ? TableView.UNCONSTRAINED_RESIZE_POLICY : TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
            }
        };
        keep.add(widths);
        font.addListener(new javafx.beans.value.WeakChangeListener<>(widths));
        widths.changed(font, null, font.get());
        content.getChildren().addAll(actions, message, error, filters, problem, draftsHeading, drafts, submittedHeading, submitted);
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(content);
        scroll.setId("home-scroll");
        scroll.getStyleClass().add("home-scroll");
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        scroll.setFocusTraversable(false);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().add(scroll);
        drafts.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                open(vm, drafts);
            }
        });
        drafts.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                open(vm, drafts);
            }
        });
        submitted.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                openRecord(vm, submitted);
            }
        });
        submitted.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                openRecord(vm, submitted);
            }
        });
    }

    private TextField search;

    /** Ctrl+F: the search box, with what it holds selected so typing replaces it. */
    void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }

    /**
     * The search box and filters over both lists (issue 17). A flow pane, so at large text sizes
     * they wrap onto a second line instead of being cut off.
     */
    private FlowPane filters(HomeListsViewModel lists) {
        search = new TextField();
        search.setId("list-search");
        search.setPromptText("Incident reference or name (Ctrl+F)");
        search.setPrefColumnCount(22);
        search.setAccessibleText("Search both lists by incident reference, victim or abuser name (Ctrl+F)");
        search.textProperty().bindBidirectional(lists.textProperty());
        search.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE && !search.getText().isEmpty()) {
                search.clear();
                e.consume();
            }
        });
        ComboBox<Choice<RiskLevel>> level = choices("filter-level", "Any level", List.of(RiskLevel.values()), RiskLevel::label, lists.levelProperty());
        ComboBox<Choice<AssessmentState>> state = choices("filter-state", "Any state",
                List.of(AssessmentState.values()).stream().filter(x -> x != AssessmentState.DRAFT).toList(), AssessmentState::label,
                lists.stateProperty());
        ComboBox<Choice<ListQuery.SyncFilter>> sync = choices("filter-sync", "Any sync state", List.of(ListQuery.SyncFilter.values()),
                ListQuery.SyncFilter::label, lists.syncProperty());
        ComboBox<Choice<Channel>> channel = choices("filter-channel", "At scene or phone-in", List.of(Channel.values()),
                c -> c == Channel.PHONE_IN ? "Phone-in" : "At scene", lists.channelProperty());
        DatePicker from = datePicker("filter-from", "Changed from", lists.fromProperty());
        DatePicker to = datePicker("filter-to", "Changed to", lists.toProperty());
        Button clear = new Button("Clear search");
        clear.setId("clear-filters");
        clear.disableProperty().bind(lists.filteredProperty().not().and(lists.textProperty().isEmpty()));
        clear.setOnAction(e -> {
            lists.clearFilters();
            search.requestFocus();
        });
        Label searching = new Label("Searching…");
        searching.setId("list-searching");
        searching.visibleProperty().bind(lists.searchingProperty());
        FlowPane pane = new FlowPane(8, 6, search, level, state, sync, channel, from, to, clear, searching);
        pane.setId("list-filters");
        pane.setAlignment(Pos.CENTER_LEFT);
        return pane;
    }

    /** One option of a filter box: a value, or null for "any". */
    private record Choice<T>(T value, String label) {
        @Override
        public String toString() {
            return label;
        }
    }

    private <T> ComboBox<Choice<T>> choices(String id, String any, List<T> values, java.util.function.Function<T, String> label,
                                                   javafx.beans.property.ObjectProperty<T> property) {
        ComboBox<Choice<T>> box = new ComboBox<>();
        box.setId(id);
        box.getItems().add(new Choice<>(null, any));
        values.forEach(v -> box.getItems().add(new Choice<>(v, label.apply(v))));
        box.setAccessibleText(any);
        Runnable show = () -> box.getItems().stream().filter(c -> java.util.Objects.equals(c.value(), property.get())).findFirst()
                .ifPresent(box.getSelectionModel()::select);
        show.run();
        javafx.beans.InvalidationListener shown = o -> show.run();
        keep.add(shown);
        property.addListener(new javafx.beans.WeakInvalidationListener(shown));
        box.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null && !java.util.Objects.equals(b.value(), property.get())) {
                property.set(b.value());
            }
        });
        return box;
    }

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/uuuu").withResolverStyle(java.time.format.ResolverStyle.STRICT);

    /** A day picker whose typed text is read strictly ("31/02/2026" is not a day); what cannot be read leaves no filter. */
    private static DatePicker datePicker(String id, String prompt, javafx.beans.property.ObjectProperty<LocalDate> property) {
        DatePicker picker = new DatePicker();
        picker.setId(id);
        picker.setPromptText(prompt);
        picker.setAccessibleText(prompt + ", day/month/year");
        // Sized in characters, so the prompt and a date still fit at large text sizes.
        picker.getEditor().setPrefColumnCount(9);
        picker.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(LocalDate d) {
                return d == null ? "" : DAY.format(d);
            }

            @Override
            public LocalDate fromString(String s) {
                if (s == null || s.isBlank()) {
                    return null;
                }
                try {
                    return LocalDate.parse(s.strip(), DAY);
                } catch (java.time.format.DateTimeParseException e) {
                    return null;
                }
            }
        });
        picker.valueProperty().bindBidirectional(property);
        return picker;
    }

    private void placeholder(TableView<AssessmentSummary> table, ShellViewModel vm, HomeListsViewModel lists, String empty,
                                    String noMatch) {
        Runnable update = () -> table.setPlaceholder(new Label(vm.busyProperty().get() ? "Opening…"
                : lists.filteredProperty().get() ? noMatch : empty));
        update.run();
        javafx.beans.InvalidationListener updated = o -> update.run();
        keep.add(updated);
        vm.busyProperty().addListener(new javafx.beans.WeakInvalidationListener(updated));
        lists.filteredProperty().addListener(new javafx.beans.WeakInvalidationListener(updated));
    }

    /** Buttons for screens only some roles use (sign-off queue, CRU queue). Add one per role here. */
    private static java.util.List<Button> roleEntries(ShellViewModel vm) {
        Button reviewQueue = new Button();
        reviewQueue.setId("open-review-queue");
        reviewQueue.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> vm.userProperty().get() != null
                && vm.userProperty().get().hasRole(org.dashdesk.security.Role.CRU) ? "CRU queue" : "Sign-off queue", vm.userProperty()));
        reviewQueue.visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(vm::hasReviewQueue, vm.userProperty(),
                vm.reviewGatewayProperty()));
        reviewQueue.managedProperty().bind(reviewQueue.visibleProperty());
        reviewQueue.setOnAction(e -> vm.showReviewQueue());
        Button reports = new Button("Reports");
        reports.setId("open-reports");
        reports.visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(vm::hasReports, vm.userProperty(),
                vm.reviewGatewayProperty()));
        reports.managedProperty().bind(reports.visibleProperty());
        reports.setOnAction(e -> vm.showReports());
        return java.util.List.of(reviewQueue, reports);
    }

    private static void openRecord(ShellViewModel vm, TableView<AssessmentSummary> table) {
        AssessmentSummary s = table.getSelectionModel().getSelectedItem();
        if (s != null) {
            vm.openRecord(s.id());
        }
    }

    private static void open(ShellViewModel vm, TableView<AssessmentSummary> table) {
        AssessmentSummary s = table.getSelectionModel().getSelectedItem();
        if (s != null) {
            UUID id = s.id();
            vm.openDraft(id);
        }
    }

    private static TableView<AssessmentSummary> table(String id, ShellViewModel vm) {
        TableView<AssessmentSummary> t = new TableView<>();
        t.setId(id);
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        t.getColumns().add(column("Incident reference", s -> s.incidentReference() == null ? "(none yet)" : s.incidentReference(), 180));
        t.getColumns().add(column("District", s -> s.district() == null ? "" : s.district(), 140));
        t.getColumns().add(column("Taken", s -> s.channel() == Channel.PHONE_IN ? "Phone-in" : "At scene", 100));
        return t;
    }

    private static TableColumn<AssessmentSummary, String> column(String title, java.util.function.Function<AssessmentSummary, String> f,
                                                                 double width) {
        TableColumn<AssessmentSummary, String> c = new TableColumn<>(title);
        // A null row is one whose page is still being read (PagedSummaryList): an empty line for a moment.
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(cd.getValue() == null ? "" : f.apply(cd.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false);
        return c;
    }
}
