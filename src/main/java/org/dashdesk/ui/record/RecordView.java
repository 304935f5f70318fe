package org.dashdesk.ui.record;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.dashdesk.assessment.AuditEntry;
import org.dashdesk.grading.GradingResult;

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
        Label heading = new Label(vm.heading());
        heading.setId("record-heading");
        heading.getStyleClass().add("page-title");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(12, back, heading, spacer);
        top.setAlignment(Pos.CENTER_LEFT);
        if (vm.canAmend()) {
            Button amend = new Button("Amend");
            amend.setId("record-amend");
            amend.getStyleClass().add("primary");
            amend.setAccessibleText("Amend this returned assessment as a new revision");
            amend.setOnAction(e -> vm.amend());
            top.getChildren().add(amend);
        }
        Label sync = new Label(vm.syncWords() == null ? "" : "Sync: " + vm.syncWords());
        sync.setId("record-sync");
        sync.setWrapText(true);

        TabPane tabs = new TabPane(new Tab("Assessment", assessmentTab(vm)), new Tab("Audit", auditTab(vm)));
        tabs.setId("record-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        VBox.setVgrow(tabs, Priority.ALWAYS);
        getChildren().addAll(top, sync, tabs);
    }

    private static ScrollPane assessmentTab(RecordViewModel vm) {
        VBox box = new VBox(8);
        box.setId("record-assessment");
        box.setPadding(new Insets(12));
        var c = vm.content();
        box.getChildren().add(heading("Incident and people"));
        box.getChildren().add(line("Incident reference: " + nz(c.incident().incidentReference()) + " · District: "
                + nz(c.incident().district()) + " · Place: " + nz(c.incident().place())));
        box.getChildren().add(line("Victim: " + nz(c.people().victimName()) + " · Abuser(s): " + String.join("; ", c.people().abuserNames())));
        box.getChildren().add(new Separator());
        box.getChildren().add(heading("Answers"));
        for (RecordViewModel.AnswerLine a : vm.answers()) {
            VBox one = new VBox(2);
            one.getStyleClass().add("record-answer");
            Label q = line(a.questionId() + ". " + a.question());
            q.getStyleClass().add("question-text");
            Label ans = line("Answer: " + a.answer());
            ans.getStyleClass().add("record-answer-value");
            one.getChildren().addAll(q, ans);
            if (a.comment() != null) {
                one.getChildren().add(line("Comment: " + a.comment()));
            }
            if (a.source() != null) {
                one.getChildren().add(line("Source: " + a.source()));
            }
            box.getChildren().add(one);
        }
        box.getChildren().add(new Separator());
        box.getChildren().add(heading("Grading"));
        GradingResult g = vm.revision() == null ? null : vm.revision().grading();
        if (g != null) {
            Label summary = line(g.yesCount() + " Yes answers — computed level " + g.computedLevel().label()
                    + (g.level() != g.computedLevel() ? ", raised to " + g.level().label() : "")
                    + (g.criteria().isEmpty() ? "" : " — criteria met: " + String.join(", ", g.criteria())));
            summary.setId("record-grading");
            box.getChildren().add(summary);
            g.reasons().forEach(r -> box.getChildren().add(line("• " + r)));
        }
        box.getChildren().add(heading("Professional judgement"));
        box.getChildren().add(line(vm.judgementWords()));
        box.getChildren().add(heading("Referrals"));
        vm.referralLines().forEach(r -> box.getChildren().add(line(r)));
        if (vm.revision() != null && vm.revision().reason() != null) {
            box.getChildren().add(heading("Reason for this revision"));
            box.getChildren().add(line(vm.revision().reason()));
        }
        ScrollPane scroll = new ScrollPane(box);
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
        table.setAccessibleText("Audit trail: who did what, and when");
        return table;
    }

    private static TableColumn<AuditEntry, String> column(String title, java.util.function.Function<AuditEntry, String> f, double w) {
        TableColumn<AuditEntry, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(f.apply(cd.getValue())));
        c.setPrefWidth(w);
        return c;
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("form-heading");
        return l;
    }

    private static Label line(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        return l;
    }

    private static String nz(String s) {
        return s == null ? "—" : s;
    }
}
