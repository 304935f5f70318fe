package org.dashdesk.ui.shell;

import org.dashdesk.ui.common.Controls;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * What the window shows in its first frame while the store opens: the home screen's shape
 * (its actions, still disabled, and its two lists, marked as opening) made of labels and
 * buttons only. The real {@link HomeView}, with its tables, replaces it as soon as the store is
 * open; until then it could show nothing more, and building two tables first would delay the
 * first frame by a third (decision 0060).
 */
final class LoadingView extends VBox {

    LoadingView(javafx.beans.value.ObservableStringValue opening) {
        setId("loading");
        setSpacing(12);
        setPadding(new Insets(20));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button atScene = disabled("New assessment — at scene");
        atScene.getStyleClass().add("primary");
        HBox actions = new HBox(10, atScene, disabled("New assessment — phone-in"), spacer, disabled("Settings"));
        actions.setAlignment(Pos.CENTER_LEFT);
        StackPane drafts = list(opening);
        StackPane submitted = list(opening);
        VBox.setVgrow(drafts, Priority.ALWAYS);
        VBox.setVgrow(submitted, Priority.ALWAYS);
        getChildren().addAll(actions, Controls.heading("Drafts"), drafts, Controls.heading("Submitted"), submitted);
        setAccessibleText("DASH Desk is opening its data");
    }

    private static Button disabled(String text) {
        Button b = new Button(text);
        b.setDisable(true);
        return b;
    }


    private static StackPane list(javafx.beans.value.ObservableStringValue placeholder) {
        Label words = new Label();
        words.textProperty().bind(placeholder);
        words.setWrapText(true);
        StackPane box = new StackPane(words);
        box.getStyleClass().add("loading-list");
        return box;
    }
}
