package org.dashdesk.ui.record;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.dashdesk.assessment.AuditEntry;
import org.dashdesk.ui.common.Controls;
import org.dashdesk.ui.review.RevisionView;

/** A submitted assessment, read-only, with an Audit tab. Nothing here can change it. */
public final class RecordView extends VBox {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss");

    public RecordView(RecordViewModel vm) {
        setId("record");
        setSpacing(10);
        setPadding(new Insets(16, 20, 16, 20));
        Button back = new Button("← Assessments");
        back.setId("record-back");
        back.setCancelButton(true);
        back.setOnAction(e -> vm.back());
        back.setMinWidth(Region.USE_PREF_SIZE);
        Label heading = new Label(vm.heading());
        heading.setWrapText(true);
        heading.setId("record-heading");
        heading.getStyleClass().add("page-title");
        // The heading takes the room between the buttons and wraps in it, rather than being cut.
        heading.setMaxWidth(Double.MAX_VALUE);
        heading.setMinHeight(Region.USE_PREF_SIZE);
        HBox.setHgrow(heading, Priority.ALWAYS);
        HBox top = new HBox(12, back, heading);
        top.setAlignment(Pos.CENTER_LEFT);
        if (vm.canAmend()) {
            Button amend = new Button("Amend");
            amend.setId("record-amend");
            amend.getStyleClass().add("primary");
            amend.setAccessibleText("Amend this returned assessment as a new revision");
            amend.setOnAction(e -> vm.amend());
            top.getChildren().add(amend);
        }
        // Documents on a row of their own that wraps: beside the heading they squeezed it at large text.
        javafx.scene.layout.FlowPane documents = new javafx.scene.layout.FlowPane(8, 6);
        documents.setId("record-documents");
        if (vm.offersReferral()) {
            documents.getChildren().add(documentButton("MARAC referral (PDF)\u2026", "record-marac-referral",
                    "Save the MARAC referral for this assessment as a PDF", vm.referralFileName(), vm, vm::saveReferral));
        }
        if (vm.offersSummary()) {
            documents.getChildren().add(documentButton("DASH summary (PDF)\u2026", "record-dash-summary",
                    "Save the whole assessment as a PDF for the case file", vm.summaryFileName(), vm, vm::saveSummary));
        }
        Button open = new Button("Open to print");
        open.setId("record-open-document");
        open.setAccessibleText("Open the saved document in this computer's viewer, to read or print it");
        open.setMinWidth(Region.USE_PREF_SIZE);
        open.visibleProperty().bind(vm.savedProperty().isNotNull());
        open.managedProperty().bind(open.visibleProperty());
        open.setOnAction(e -> vm.openSaved());
        if (!documents.getChildren().isEmpty()) {
            documents.getChildren().add(open);
        }
        Label documentMessage = Controls.shownWhenSet(new Label(), vm.documentMessageProperty());
        documentMessage.setId("record-document-message");
        documentMessage.setWrapText(true);
        documentMessage.getStyleClass().add("message");
        Label documentError = Controls.shownWhenSet(new Label(), vm.documentErrorProperty());
        documentError.setId("record-document-error");
        documentError.setWrapText(true);
        documentError.getStyleClass().add("error-banner");
        Label sync = new Label(vm.syncWords() == null ? "" : "Sync: " + vm.syncWords());
        sync.setId("record-sync");
        sync.setWrapText(true);

        TabPane tabs = new TabPane(new Tab("Assessment", assessmentTab(vm)), new Tab("Audit", auditTab(vm)));
        tabs.setId("record-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        VBox.setVgrow(tabs, Priority.ALWAYS);
        getChildren().addAll(top);
        if (!documents.getChildren().isEmpty()) {
            getChildren().add(documents);
        }
        if (vm.historyFlag() != null) {
            Label flag = new Label(vm.historyFlag());
            flag.setId("record-history-flag");
            flag.setWrapText(true);
            flag.setMinHeight(Region.USE_PREF_SIZE);
            flag.getStyleClass().add("error-banner");
            getChildren().add(flag);
        }
        getChildren().addAll(documentMessage, documentError, sync, tabs);
    }

    /** A button that asks where to save a document, then has the view model write it off the FX thread. */
    private Button documentButton(String text, String id, String accessible, String fileName, RecordViewModel vm,
                                  java.util.function.Consumer<java.nio.file.Path> save) {
        Button button = new Button(text);
        button.setId(id);
        button.setMinWidth(Region.USE_PREF_SIZE);
        button.setAccessibleText(accessible);
        button.disableProperty().bind(vm.producingProperty());
        button.setOnAction(e -> {
            javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
            chooser.setTitle(accessible);
            chooser.setInitialFileName(fileName);
            chooser.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter("PDF document", "*.pdf"));
            java.io.File file = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
            if (file != null) {
                save.accept(file.toPath());
            }
        });
        return button;
    }

    private static ScrollPane assessmentTab(RecordViewModel vm) {
        RevisionView view = new RevisionView(vm.content(), vm.revision() == null ? null : vm.revision().grading(), vm.revisionLine(),
                vm.revision() == null ? null : vm.revision().createdBy(), vm.packs());
        view.setId("record-assessment");
        ScrollPane scroll = new ScrollPane(view);
        scroll.setFitToWidth(true);
        return scroll;
    }

    private static TableView<AuditEntry> auditTab(RecordViewModel vm) {
        TableView<AuditEntry> table = new TableView<>();
        table.setId("record-audit");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("When", a -> WHEN.format(a.at().atZone(ZoneId.systemDefault())), 170));
        table.getColumns().add(column("Who", AuditEntry::actor, 120));
        table.getColumns().add(column("What", AuditEntry::what, 400));
        table.getItems().setAll(vm.audit());
        table.setPlaceholder(new Label("No audit rows."));
        org.dashdesk.ui.common.Controls.columnsGrowWithText(table);
        table.setAccessibleText("Audit trail: who did what, and when");
        return table;
    }

    private static TableColumn<AuditEntry, String> column(String title, java.util.function.Function<AuditEntry, String> f, double w) {
        TableColumn<AuditEntry, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(f.apply(cd.getValue())));
        c.setPrefWidth(w);
        return c;
    }
}
