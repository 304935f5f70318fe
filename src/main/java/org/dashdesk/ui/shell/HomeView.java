package org.dashdesk.ui.shell;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.dashdesk.assessment.AssessmentSummary;
import org.dashdesk.assessment.Channel;

/**
 * The home screen. Lists name no one: incident reference, district, when, how complete, state.
 */
final class HomeView extends VBox {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

    HomeView(ShellViewModel vm) {
        setId("home");
        setSpacing(12);
        setPadding(new Insets(20));

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

        Label draftsHeading = new Label("Drafts");
        draftsHeading.getStyleClass().add("form-heading");
        TableView<AssessmentSummary> drafts = table("drafts", vm);
        drafts.setItems(vm.drafts());
        drafts.getColumns().add(column("Last saved", s -> s.updatedAt() == null ? "" : WHEN.format(s.updatedAt().atZone(ZoneId.systemDefault())), 150));
        drafts.getColumns().add(column("Complete", s -> s.completenessPercent() + " %", 90));
        drafts.setPlaceholder(new Label(vm.busyProperty().get() ? "Opening…" : "No drafts. Start a new assessment above."));
        vm.busyProperty().addListener((o, a, b) -> drafts.setPlaceholder(new Label(b ? "Opening…" : "No drafts. Start a new assessment above.")));
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
        vm.syncDetails().addListener((javafx.collections.MapChangeListener<UUID, String>) c -> submitted.refresh());
        submitted.setPlaceholder(new Label("Nothing submitted yet."));
        submitted.setAccessibleText("Submitted assessments. Press Enter to open the selected one read-only.");

        VBox.setVgrow(drafts, Priority.ALWAYS);
        VBox.setVgrow(submitted, Priority.ALWAYS);
        getChildren().addAll(actions, message, error, draftsHeading, drafts, submittedHeading, submitted);
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
        return java.util.List.of(reviewQueue);
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
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(f.apply(cd.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false);
        return c;
    }
}
