package org.dashdesk.ui.review;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import org.dashdesk.review.QuestionComment;
import org.dashdesk.review.ReturnNotes;
import org.dashdesk.review.ReturnNotesRepository;
import org.dashdesk.ui.common.BackgroundTask;
import org.dashdesk.ui.common.TaskExecutor;

/** The supervisor's comments on a returned assessment, read from the local copy for the officer amending it. */
public final class ReturnNotesViewModel {

    private final ReturnNotesRepository repository;
    private final TaskExecutor executor;
    private final UUID assessmentId;
    private final ReadOnlyObjectWrapper<ReturnNotes> notes = new ReadOnlyObjectWrapper<>();
    private final StringProperty error = new SimpleStringProperty();

    public ReturnNotesViewModel(ReturnNotesRepository repository, TaskExecutor executor, UUID assessmentId) {
        this.repository = repository;
        this.executor = executor;
        this.assessmentId = assessmentId;
    }

    public void load() {
        executor.execute(BackgroundTask.of(() -> repository.latest(assessmentId)).onSuccess(n -> notes.set(n.orElse(null)))
                .onFailure(e -> error.set("The supervisor's comments could not be read (" + e.getClass().getSimpleName()
                        + "). Sync, then open the assessment again.")));
    }

    /** Comments on one question; {@code questionId} null = those about the assessment as a whole. */
    public List<QuestionComment> commentsOn(String questionId) {
        ReturnNotes n = notes.get();
        return n == null ? List.of() : n.comments().stream().filter(c -> Objects.equals(c.questionId(), questionId)).toList();
    }

    public ReadOnlyObjectProperty<ReturnNotes> notesProperty() {
        return notes.getReadOnlyProperty();
    }

    public StringProperty errorProperty() {
        return error;
    }
}
