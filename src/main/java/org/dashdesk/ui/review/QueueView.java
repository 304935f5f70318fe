package org.dashdesk.ui.review;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.dashdesk.ui.common.Controls;
import org.dashdesk.review.QueueItem;

/**
 * A queue as a table, oldest first. Overdue rows are tinted and say "OVERDUE" in the age column,
 * so they stand out without relying on colour. Enter (or a double click) opens the selected row.
 */
public final class QueueView extends VBox {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");
    private final TableView<QueueItem> table = new TableView<>();

    /**
     * @param title        shown above the table, e.g. "Awaiting sign-off"
     * @param showChildren adds a column saying whether children are involved (the CRU queue)
     * @param onBack       leaves the queue, or null when there is nowhere to go back to
     */
    public QueueView(QueueViewModel vm, String title, boolean showChildren, Consumer<QueueItem> onOpen, Runnable onBack) {
        setId("queue");
        setSpacing(10);
        setPadding(new Insets(16));

        Label heading = new Label(title);
        heading.getStyleClass().add("page-title");
        Label summary = new Label();
        summary.getStyleClass().add("step");
        summary.setId("queue-summary");
        summary.textProperty().bind(vm.summaryProperty());
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(22, 22);
        progress.visibleProperty().bind(vm.busyProperty());
        Button refresh = new Button("Refresh");
        refresh.setId("refresh-queue");
        refresh.setAccessibleText("Refresh the queue from the central server");
        refresh.setOnAction(e -> vm.refresh());
        refresh.disableProperty().bind(vm.busyProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(12);
        if (onBack != null) {
            Button back = new Button("← Assessments");
            back.setId("queue-back");
            back.setOnAction(e -> onBack.run());
            bar.getChildren().add(back);
        }
        bar.getChildren().addAll(heading, summary, spacer, progress, refresh);
        bar.setAlignment(Pos.CENTER_LEFT);

        Label message = new Label();
        message.setId("queue-message");
        message.setWrapText(true);
        message.setMaxWidth(Double.MAX_VALUE);
        message.getStyleClass().add("message");
        Controls.shownWhenSet(message, vm.messageProperty());
        Label error = new Label();
        error.setId("queue-error");
        error.setWrapText(true);
        error.setMaxWidth(Double.MAX_VALUE);
        error.getStyleClass().add("error-banner");
        Controls.shownWhenSet(error, vm.errorProperty());

        table.setId("queue-table");
        table.setItems(vm.items());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("Incident reference", QueueItem::incidentReference, 190));
        table.getColumns().add(column("District", QueueItem::district, 130));
        table.getColumns().add(column("Officer", QueueItem::officerCollar, 90));
        // A covered case from a one-supervisor team (decision 0113) shows whose it is.
        table.getColumns().add(column("Team", i -> i.team() == null ? "" : i.team(), 110));
        table.getColumns().add(column("Level", i -> i.level() == null ? "" : i.level().label(), 90));
        if (showChildren) {
            table.getColumns().add(column("Children", i -> i.childrenInvolved() ? "Yes" : "No", 80));
        }
        table.getColumns().add(column("Received", i -> i.receivedAt() == null ? "" : WHEN.format(i.receivedAt().atZone(ZoneId.systemDefault())), 150));
        table.getColumns().add(column("Age", QueueViewModel::ageText, 150));
        // Issue 12: what the history check found after submission, and whether the victim has other DASH.
        table.getColumns().add(column("History", QueueView::historyCell, 120));
        org.dashdesk.ui.common.Controls.columnsGrowWithText(table);
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(QueueItem item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove("overdue");
                if (!empty && item != null && item.overdue()) {
                    getStyleClass().add("overdue");
                }
                setAccessibleText(empty || item == null ? null : item.incidentReference() + ", " + item.district() + ", officer "
                        + item.officerCollar() + (item.team() == null || item.team().isBlank() ? "" : ", team " + item.team()) + ", "
                        + (item.level() == null ? "" : item.level().label()) + ", age "
                        + QueueViewModel.ageText(item) + (historyWords(item).isEmpty() ? "" : ", " + historyWords(item)));
                getStyleClass().remove("history-flag");
                if (!empty && item != null && item.historyFlag() != null) {
                    getStyleClass().add("history-flag");
                }
            }
        });
        Label placeholder = new Label();
        placeholder.textProperty().bind(javafx.beans.binding.Bindings.when(vm.busyProperty())
                .then("Reading the queue…").otherwise("Nothing is waiting. Refresh to check again."));
        table.setPlaceholder(placeholder);
        table.setAccessibleText(title + ". Press Enter to open the selected assessment.");
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                open(onOpen);
                e.consume();
            } else if (e.getCode() == KeyCode.F5) {
                vm.refresh();
                e.consume();
            }
        });
        table.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                open(onOpen);
            }
        });
        // After every load the first row is selected and the table focused, so Enter opens the oldest.
        vm.items().addListener((javafx.collections.ListChangeListener<QueueItem>) c -> Platform.runLater(this::focusTable));
        Label hint = new Label("↑ ↓ choose · Enter open · F5 refresh · oldest first; overdue rows are marked OVERDUE");
        hint.getStyleClass().add("key-hint");
        VBox.setVgrow(table, Priority.ALWAYS);
        // The selected line's history flag in full, under the table (a cell would cut it).
        Label flag = new Label();
        flag.setId("queue-history-flag");
        flag.setWrapText(true);
        flag.setMaxWidth(Double.MAX_VALUE);
        flag.setMinHeight(Region.USE_PREF_SIZE);
        table.getSelectionModel().selectedItemProperty().addListener((o, a, item) -> {
            flag.getStyleClass().removeAll("error-banner", "message");
            flag.getStyleClass().add(item != null && item.historyFlag() != null ? "error-banner" : "message");
            flag.setText(item == null || historyWords(item).isEmpty() ? null : item.incidentReference() + ": " + historyWords(item)
                    + (item.historyFlag() == null ? "." : ". The officer's grading is unchanged: act on it (CRU: mark reviewed with what"
                    + " was done)."));
        });
        flag.visibleProperty().bind(flag.textProperty().isNotEmpty());
        flag.managedProperty().bind(flag.visibleProperty());
        getChildren().addAll(bar, message, error, table, flag, hint);
        sceneProperty().addListener((o, a, s) -> {
            if (s != null) {
                Platform.runLater(this::focusTable);
            }
        });
    }

    /** Selects the first row if none is selected and gives the table the keyboard. */
    public void focusTable() {
        if (!table.getItems().isEmpty() && table.getSelectionModel().getSelectedIndex() < 0) {
            table.getSelectionModel().select(0);
            table.getFocusModel().focus(0);
        }
        if (getScene() != null) {
            table.requestFocus();
        }
    }

    private void open(Consumer<QueueItem> onOpen) {
        QueueItem item = table.getSelectionModel().getSelectedItem();
        if (item != null) {
            onOpen.accept(item);
        }
    }

    /** "Flag · Repeat 2" — short, so the column fits a laptop screen; the line under the table and the spoken row say it in full. */
    static String historyCell(QueueItem item) {
        List<String> parts = new java.util.ArrayList<>();
        if (item.historyFlag() != null) {
            parts.add("Flag");
        }
        if (item.otherForVictim() != null && item.otherForVictim() > 0) {
            parts.add("Repeat " + item.otherForVictim());
        }
        return String.join(" · ", parts);
    }

    /** The history of a queue line in full words, for screen readers. */
    static String historyWords(QueueItem item) {
        List<String> parts = new java.util.ArrayList<>();
        if (item.historyFlag() != null) {
            parts.add(item.historyFlag());
        }
        if (!item.repeatVictimWords().isEmpty()) {
            String repeat = item.repeatVictimWords();
            parts.add(parts.isEmpty() ? repeat : Character.toLowerCase(repeat.charAt(0)) + repeat.substring(1));
        }
        return String.join("; ", parts);
    }

    public TableView<QueueItem> table() {
        return table;
    }

    private static TableColumn<QueueItem, String> column(String title, Function<QueueItem, String> f, double width) {
        TableColumn<QueueItem, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(f.apply(cd.getValue()) == null ? "" : f.apply(cd.getValue())));
        c.setPrefWidth(width);
        // Not squeezed below its heading by the constrained policy: a narrow list scrolls sideways instead.
        c.setMinWidth(width);
        c.setSortable(false);
        return c;
    }
}
