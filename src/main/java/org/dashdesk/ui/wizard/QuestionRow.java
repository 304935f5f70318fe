package org.dashdesk.ui.wizard;

import java.util.function.BiConsumer;

import javafx.collections.SetChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.CheckBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.beans.binding.Bindings;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.dashdesk.grading.Choice;
import org.dashdesk.instrument.Question;
import org.dashdesk.instrument.QuestionKind;
import org.dashdesk.ui.common.Controls;

/**
 * One question on a section page. The row itself takes focus (Y / N / D answer it); Tab goes
 * through its buttons and fields in reading order.
 */
final class QuestionRow extends VBox {

    private final QuestionViewModel vm;

    /**
     * @param onChoice what a click on Yes / No / Don't know does: the same as the key (answer and
     *                 move on), so a click and a key never disagree (issue 11)
     */
    QuestionRow(QuestionViewModel vm, BiConsumer<QuestionViewModel, Choice> onChoice) {
        this.vm = vm;
        Question q = vm.question();
        getStyleClass().add("question-row");
        setFocusTraversable(true);
        setSpacing(6);
        setPadding(new Insets(10, 12, 10, 12));

        Label number = new Label(q.number() == null ? q.id() : q.number().matches("\\d+") ? q.number() + "." : q.number());
        number.getStyleClass().add("question-number");
        number.setMinWidth(Region.USE_PREF_SIZE);
        Label text = new Label();
        text.textProperty().bind(vm.displayTextProperty());
        text.setWrapText(true);
        text.getStyleClass().add("question-text");
        HBox head = new HBox(8, number, text);
        HBox.setHgrow(text, Priority.ALWAYS);
        getChildren().add(head);
        if (vm.question().prompt() != null) {
            Label prompt = new Label();
            prompt.textProperty().bind(vm.displayPromptProperty());
            prompt.setWrapText(true);
            prompt.getStyleClass().add("question-prompt");
            getChildren().add(prompt);
        }

        if (vm.takesChoice()) {
            ToggleButton yes = new ToggleButton("Yes");
            ToggleButton no = new ToggleButton("No");
            ToggleButton dk = new ToggleButton("Don't know");
            for (ToggleButton b : new ToggleButton[] {yes, no, dk}) {
                b.getStyleClass().add("choice");
                b.setAccessibleText(q.id() + " " + b.getText());
            }
            Controls.bindToggles(vm.choiceProperty(), new ToggleButton[] {yes, no, dk}, Choice.YES, Choice.NO, Choice.DONT_KNOW);
            // The row is the answer control: Tab from it goes to Comment, then Source, never to a
            // button where a typed letter would answer the question.
            for (ToggleButton b : new ToggleButton[] {yes, no, dk}) {
                b.setFocusTraversable(false);
                b.setOnAction(e -> onChoice.accept(vm, (Choice) b.getUserData()));
            }
            // A flow, so at large text on a narrow window the answers wrap instead of being cut.
            javafx.scene.layout.FlowPane choices = new javafx.scene.layout.FlowPane(6, 6, yes, no, dk, notAskedMenu(q));
            choices.getStyleClass().add("choices");
            Label notAsked = new Label();
            notAsked.getStyleClass().add("not-asked");
            notAsked.setWrapText(true);
            notAsked.textProperty().bind(Bindings.createStringBinding(vm::notAskedWords, vm.notAskedProperty()));
            notAsked.visibleProperty().bind(vm.notAskedProperty().isNotNull());
            notAsked.managedProperty().bind(notAsked.visibleProperty());
            getChildren().addAll(choices, notAsked);
        }
        if (q.kind() == QuestionKind.FEAR_GRID) {
            getChildren().add(fearGrid(q));
        }
        if (q.kind() == QuestionKind.FREE_TEXT) {
            TextArea area = new TextArea();
        Controls.tabMovesFocus(area);
            area.setPrefRowCount(3);
            area.setWrapText(true);
            area.textProperty().bindBidirectional(vm.textProperty());
            area.setAccessibleText(q.id() + " answer");
            getChildren().add(Controls.countedArea(area, vm.textLimit()));
        }
        if (q.kind() == QuestionKind.WHOLE_NUMBER) {
            TextField number2 = new TextField();
            number2.setPrefColumnCount(6);
            number2.setMaxWidth(120);
            number2.textProperty().bindBidirectional(vm.numberTextProperty());
            number2.setAccessibleText(q.id() + " number");
            Label error = new Label();
            error.getStyleClass().add("field-error");
            error.textProperty().bind(vm.numberErrorProperty());
            error.visibleProperty().bind(vm.numberErrorProperty().isNotNull());
            error.managedProperty().bind(error.visibleProperty());
            getChildren().addAll(number2, error);
        }
        if (q.kind() == QuestionKind.DATE) {
            DatePicker picker = Controls.datePicker(vm.dateProperty());
            picker.setAccessibleText(q.id() + " date");
            getChildren().add(picker);
        }
        if (vm.takesChoice()) {
            TextField comment = Controls.countedField(vm.textLimit());
            comment.getStyleClass().add("question-comment");
            comment.setPromptText("Comment");
            comment.textProperty().bindBidirectional(vm.commentProperty());
            comment.setAccessibleText(q.id() + " comment");
            TextField source = Controls.countedField(vm.textLimit());
            source.getStyleClass().add("question-source");
            source.setPromptText("Source, if not the victim");
            source.textProperty().bindBidirectional(vm.informationSourceProperty());
            source.setAccessibleText(q.id() + " source of information, if not the victim");
            HBox notes = new HBox(6, comment, source);
            HBox.setHgrow(comment, Priority.ALWAYS);
            source.setPrefColumnCount(16);
            getChildren().add(notes);
        }
        setAccessibleText(accessibleSummary());
        vm.choiceProperty().addListener((o, a, b) -> setAccessibleText(accessibleSummary()));
        vm.notAskedProperty().addListener((o, a, b) -> setAccessibleText(accessibleSummary()));
        vm.displayTextProperty().addListener((o, a, b) -> setAccessibleText(accessibleSummary()));
    }

    /**
     * "Not asked…": the policy's reasons, and "Asked after all" to take it back. Like the answer
     * buttons it is not a Tab stop; the review page marks every unanswered question by keyboard.
     */
    private MenuButton notAskedMenu(Question q) {
        MenuButton menu = new MenuButton("Not asked…");
        menu.getStyleClass().add("not-asked-menu");
        menu.setFocusTraversable(false);
        menu.setAccessibleText(q.id() + " not asked, with the reason");
        for (var reason : vm.owner().notAskedReasons()) {
            MenuItem item = new MenuItem(reason.label());
            item.setOnAction(e -> vm.notAskedProperty().set(reason.id()));
            menu.getItems().add(item);
        }
        MenuItem asked = new MenuItem("Asked after all (clear)");
        asked.disableProperty().bind(vm.notAskedProperty().isNull());
        asked.setOnAction(e -> vm.notAskedProperty().set(null));
        menu.getItems().addAll(new SeparatorMenuItem(), asked);
        return menu;
    }

    private GridPane fearGrid(Question q) {
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(4);
        grid.getStyleClass().add("fear-grid");
        for (int c = 0; c < q.gridColumns().size(); c++) {
            grid.add(wrapping(q.gridColumns().get(c)), c + 1, 0);
        }
        for (int r = 0; r < q.gridRows().size(); r++) {
            String row = q.gridRows().get(r);
            grid.add(wrapping(row), 0, r + 1);
            for (int c = 0; c < q.gridColumns().size(); c++) {
                String column = q.gridColumns().get(c);
                String key = QuestionViewModel.gridKey(row, column);
                CheckBox box = new CheckBox();
                box.setAccessibleText(q.id() + ": afraid of " + row + " — " + column);
                box.setSelected(vm.fearGrid().contains(key));
                box.selectedProperty().addListener((o, a, b) -> {
                    if (b) {
                        vm.fearGrid().add(key);
                    } else {
                        vm.fearGrid().remove(key);
                    }
                });
                vm.fearGrid().addListener((SetChangeListener<String>) ch -> box.setSelected(vm.fearGrid().contains(key)));
                grid.add(box, c + 1, r + 1);
            }
        }
        return grid;
    }

    /** A grid heading that wraps onto more lines rather than being cut at large text. */
    private static Label wrapping(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }

    private String accessibleSummary() {
        String answer = vm.choiceProperty().get() != null ? "answered " + vm.choiceProperty().get().label()
                : vm.notAskedProperty().get() != null ? vm.notAskedWords().toLowerCase(java.util.Locale.ROOT) : "not answered";
        String keys = vm.takesChoice() ? ". Press Y, N or D to answer." : "";
        return "Question " + vm.id() + ": " + vm.displayTextProperty().get() + " — " + answer + keys;
    }

    QuestionViewModel viewModel() {
        return vm;
    }
}
