package org.dashdesk.ui.wizard;

import java.util.Optional;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import org.dashdesk.grading.Choice;

/**
 * The last answer changed from one choice to another, said in words and undoable with Ctrl+Z
 * (issue 11: a changed answer must not look like a first answer). A first answer is not a
 * change; Yes → No is: "Q17 changed: Yes → No (Ctrl+Z undoes it)".
 */
final class AnswerChanges {

    private record Change(QuestionViewModel question, Choice before, Choice after) {
    }

    private Change last;
    private boolean undoing;
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("");

    /** Called for every committed answer; the undo's own change back is not a new change. */
    void note(QuestionViewModel q, Choice before, Choice after) {
        if (undoing) {
            return;
        }
        if (before != null && after != null && before != after) {
            last = new Change(q, before, after);
            text.set(q.id() + " changed: " + before.label() + " → " + after.label() + " (Ctrl+Z undoes it)");
        }
    }

    /**
     * Puts the last changed answer back as it was.
     *
     * @return the question changed back, or empty when there is nothing to undo (none, or the
     *         answer has moved on since)
     */
    Optional<QuestionViewModel> undo() {
        Change c = last;
        if (c == null || c.question().choiceProperty().get() != c.after()) {
            return Optional.empty();
        }
        last = null;
        undoing = true;
        try {
            c.question().choiceProperty().set(c.before());
        } finally {
            undoing = false;
        }
        text.set(c.question().id() + " back to " + c.before().label() + " (undone)");
        return Optional.of(c.question());
    }

    ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }
}
