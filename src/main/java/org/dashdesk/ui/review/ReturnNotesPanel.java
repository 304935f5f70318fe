package org.dashdesk.ui.review;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

import org.dashdesk.review.QuestionComment;
import org.dashdesk.review.ReturnNotes;

/**
 * What an officer sees on a returned assessment: all the supervisor's comments as a list at the
 * top, and {@link #noteFor} for the wizard to place each comment next to its question. Shows
 * nothing when the assessment was not returned.
 */
public final class ReturnNotesPanel extends VBox {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");
    private final ReturnNotesViewModel vm;

    public ReturnNotesPanel(ReturnNotesViewModel vm) {
        this.vm = vm;
        setId("return-notes");
        setSpacing(4);
        getStyleClass().add("return-notes");
        vm.notesProperty().addListener((o, a, b) -> build(b));
        build(vm.notesProperty().get());
        visibleProperty().bind(vm.notesProperty().isNotNull().or(vm.errorProperty().isNotNull()));
        managedProperty().bind(visibleProperty());
    }

    private void build(ReturnNotes n) {
        getChildren().clear();
        if (vm.errorProperty().get() != null) {
            getChildren().add(new Label(vm.errorProperty().get()));
        }
        if (n == null) {
            return;
        }
        Label title = new Label("Returned by " + n.returnedBy() + (n.returnedAt() == null ? ""
                : " on " + WHEN.format(n.returnedAt().atZone(ZoneId.systemDefault()))) + ". Amend the assessment and submit it again.");
        title.getStyleClass().add("form-heading");
        title.setWrapText(true);
        getChildren().add(title);
        for (QuestionComment c : n.comments()) {
            Label l = new Label((c.questionId() == null ? "Overall" : c.questionId()) + ": " + c.comment());
            l.setWrapText(true);
            getChildren().add(l);
        }
        setAccessibleText("Supervisor's comments: " + n.comments().stream()
                .map(c -> (c.questionId() == null ? "Overall" : c.questionId()) + ": " + c.comment()).collect(Collectors.joining(". ")));
    }

    /** A note to put next to question {@code questionId}; hidden unless the supervisor commented on it. */
    public Node noteFor(String questionId) {
        Label l = new Label();
        l.getStyleClass().add("return-note");
        l.setWrapText(true);
        l.setMaxWidth(Double.MAX_VALUE);
        l.setId("return-note-" + questionId);
        l.textProperty().bind(Bindings.createStringBinding(() -> {
            List<QuestionComment> cs = vm.commentsOn(questionId);
            return cs.isEmpty() ? "" : "Supervisor: " + cs.stream().map(QuestionComment::comment).collect(Collectors.joining(" · "));
        }, vm.notesProperty()));
        l.visibleProperty().bind(l.textProperty().isNotEmpty());
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }
}
