package org.dashdesk.ui.cru;

import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.dashdesk.history.HistoryRequests;
import org.dashdesk.ui.common.Controls;
import org.dashdesk.ui.review.ReviewView;

/** The "Victim's other DASH" tab of a CRU case: the suggested and decided links, and confirming or rejecting one. */
public final class VictimLinksView extends ScrollPane {

    public VictimLinksView(VictimLinksViewModel vm) {
        setId("victim-links");
        setFitToWidth(true);
        getStyleClass().add("page-scroll");
        VBox box = new VBox(8);
        box.getStyleClass().add("page");
        box.setPadding(new Insets(16));

        Label intro = new Label("Other assessments the force holds that may be about this victim. Confirm the ones that are, with"
                + " why; later history checks use confirmed links first. Reject a suggestion that is someone else.");
        intro.setWrapText(true);
        intro.setMinHeight(Region.USE_PREF_SIZE);
        Label message = new Label();
        message.setId("links-message");
        message.setWrapText(true);
        message.getStyleClass().add("message");
        message.setMaxWidth(Double.MAX_VALUE);
        Controls.shownWhenSet(message, vm.messageProperty());
        Label error = new Label();
        error.setId("links-error");
        error.setWrapText(true);
        error.setMaxWidth(Double.MAX_VALUE);
        error.getStyleClass().add("error-banner");
        Controls.shownWhenSet(error, vm.errorProperty());

        TableView<HistoryRequests.Link> table = new TableView<>(vm.links());
        table.setId("links-table");
        table.setPrefHeight(240);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(Controls.textColumn("Date", VictimLinksViewModel::day, 110));
        table.getColumns().add(Controls.textColumn("Level", VictimLinksViewModel::level, 80));
        table.getColumns().add(Controls.textColumn("District", HistoryRequests.Link::district, 120));
        table.getColumns().add(Controls.textColumn("MARAC referral", l -> l.maracReferral() ? "Yes" : "No", 110));
        table.getColumns().add(Controls.textColumn("Matched on", VictimLinksViewModel::matchedOn, 220));
        table.getColumns().add(Controls.textColumn("Decision", VictimLinksViewModel::state, 150));
        table.getColumns().forEach(c -> c.setMinWidth(c.getPrefWidth()));
        Controls.columnsGrowWithText(table);
        Label none = new Label("No other assessment about this victim was found.");
        none.setWrapText(true);
        table.setPlaceholder(none);
        table.setAccessibleText("Other assessments that may be about this victim");
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> vm.selectedProperty().set(b));

        TextField note = Controls.countedField(ReviewView.TEXT_LIMIT);
        note.setId("link-note");
        note.setPromptText("Why: e.g. the date of birth and address agree");
        note.textProperty().bindBidirectional(vm.noteProperty());
        Button confirm = new Button("Same victim (confirm)");
        confirm.setId("confirm-link");
        confirm.setOnAction(e -> vm.confirm());
        ReviewView.enterFires(confirm);
        Button reject = new Button("Not the same (reject)");
        reject.setId("reject-link");
        reject.setOnAction(e -> vm.reject());
        ReviewView.enterFires(reject);
        confirm.disableProperty().bind(vm.busyProperty().or(vm.selectedProperty().isNull()));
        reject.disableProperty().bind(confirm.disableProperty());
        confirm.setMinWidth(Region.USE_PREF_SIZE);
        reject.setMinWidth(Region.USE_PREF_SIZE);
        VBox decide = new VBox(6, Controls.labelFor("Why (for the selected assessment; audited)", note), note,
                new FlowPane(8, 6, confirm, reject));
        box.getChildren().addAll(intro, message, error, table, decide);
        setContent(box);
    }
}
