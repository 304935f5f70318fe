package org.dashdesk.ui.wizard;

import java.time.LocalDate;
import java.util.Set;
import java.util.TreeSet;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;
import javafx.collections.SetChangeListener;

import org.dashdesk.assessment.Answer;
import org.dashdesk.grading.Choice;
import org.dashdesk.instrument.Question;

/**
 * One question on screen and the answer being given. A choice, a fear-grid tick or a date is
 * saved the moment it changes; typed text is saved when the user moves on (see
 * {@link WizardViewModel#commitPending()}) or when typing pauses, so the audit trail gets one
 * entry per pause rather than one per keystroke, and a crash loses at most the last moments.
 */
public final class QuestionViewModel {

    private final Question question;
    private final String packId;
    private final WizardViewModel owner;
    private final ObjectProperty<Choice> choice = new SimpleObjectProperty<>();
    /** The policy's reason id when the question was not put to the victim; never with a choice. */
    private final ObjectProperty<String> notAsked = new SimpleObjectProperty<>();
    private final StringProperty comment = new SimpleStringProperty("");
    private final StringProperty informationSource = new SimpleStringProperty("");
    private final ObservableSet<String> fearGrid = FXCollections.observableSet(new TreeSet<>());
    private final StringProperty text = new SimpleStringProperty("");
    private final StringProperty numberText = new SimpleStringProperty("");
    private final ObjectProperty<LocalDate> date = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper numberError = new ReadOnlyStringWrapper();
    private final StringBinding displayText;
    private final StringBinding displayPrompt;
    private boolean loading;
    private boolean dirty;

    QuestionViewModel(Question question, String packId, WizardViewModel owner, ObservableStringValue abuserName) {
        this.question = question;
        this.packId = packId;
        this.owner = owner;
        this.displayText = Bindings.createStringBinding(() -> question.textFor(abuserName.get()), abuserName);
        this.displayPrompt = Bindings.createStringBinding(() -> question.promptFor(abuserName.get()), abuserName);
        // A choice and "not asked" exclude each other: giving one takes the other away.
        choice.addListener((o, a, b) -> {
            if (b != null) {
                notAsked.set(null);
            }
            changed(true);
        });
        notAsked.addListener((o, a, b) -> {
            if (b != null) {
                choice.set(null);
            }
            changed(true);
        });
        date.addListener((o, a, b) -> changed(true));
        fearGrid.addListener((SetChangeListener<String>) c -> changed(true));
        comment.addListener((o, a, b) -> changed(false));
        informationSource.addListener((o, a, b) -> changed(false));
        text.addListener((o, a, b) -> changed(false));
        numberText.addListener((o, a, b) -> {
            validateNumber();
            changed(false);
        });
    }

    private void changed(boolean immediately) {
        if (loading) {
            return;
        }
        dirty = true;
        if (immediately) {
            owner.commit(this);
        } else {
            owner.typed();
        }
    }

    void load(Answer a) {
        loading = true;
        try {
            choice.set(a == null ? null : a.choice());
            notAsked.set(a == null ? null : a.notAsked());
            comment.set(a == null || a.comment() == null ? "" : a.comment());
            informationSource.set(a == null || a.informationSource() == null ? "" : a.informationSource());
            fearGrid.clear();
            if (a != null) {
                fearGrid.addAll(a.fearGrid());
            }
            text.set(a == null || a.text() == null ? "" : a.text());
            numberText.set(a == null || a.number() == null ? "" : Integer.toString(a.number()));
            date.set(a == null ? null : a.date());
            dirty = false;
        } finally {
            loading = false;
        }
    }

    boolean isDirty() {
        return dirty;
    }

    void markClean() {
        dirty = false;
    }

    private void validateNumber() {
        String s = numberText.get() == null ? "" : numberText.get().strip();
        if (s.isEmpty()) {
            numberError.set(null);
            return;
        }
        try {
            int n = Integer.parseInt(s);
            numberError.set(n < 0 ? question.number() + ": enter 0 or more" : null);
        } catch (NumberFormatException e) {
            numberError.set(question.number() + ": enter a whole number, e.g. 2");
        }
    }

    /** The answer as it stands, or null when the number typed is not valid yet (nothing is saved then). */
    Answer toAnswer() {
        Integer number = null;
        String s = numberText.get() == null ? "" : numberText.get().strip();
        if (!s.isEmpty()) {
            if (numberError.get() != null) {
                return null;
            }
            number = Integer.parseInt(s);
        }
        Set<String> grid = new TreeSet<>(fearGrid);
        return new Answer(question.id(), choice.get(), blankToNull(comment.get()), blankToNull(informationSource.get()),
                grid, blankToNull(text.get()), number, date.get(), choice.get() == null ? notAsked.get() : null);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    WizardViewModel owner() {
        return owner;
    }

    public Question question() {
        return question;
    }

    public String id() {
        return question.id();
    }

    public String packId() {
        return packId;
    }

    public boolean takesChoice() {
        return question.kind().hasChoice();
    }

    /** The prompt under the question (null if none), with the abuser's name filled in like the text. */
    public StringBinding displayPromptProperty() {
        return displayPrompt;
    }

    /** The question text with the abuser's name in place of "(…)". */
    public StringBinding displayTextProperty() {
        return displayText;
    }

    public ObjectProperty<Choice> choiceProperty() {
        return choice;
    }

    public ObjectProperty<String> notAskedProperty() {
        return notAsked;
    }

    /** "Not asked: Victim declined to answer", or empty while the question counts as asked. */
    public String notAskedWords() {
        return notAsked.get() == null ? "" : "Not asked: " + owner.notAskedLabel(notAsked.get());
    }

    public StringProperty commentProperty() {
        return comment;
    }

    public StringProperty informationSourceProperty() {
        return informationSource;
    }

    public ObservableSet<String> fearGrid() {
        return fearGrid;
    }

    public StringProperty textProperty() {
        return text;
    }

    public StringProperty numberTextProperty() {
        return numberText;
    }

    public ObjectProperty<LocalDate> dateProperty() {
        return date;
    }

    public ReadOnlyStringProperty numberErrorProperty() {
        return numberError.getReadOnlyProperty();
    }

    /** Whether the question has been answered at all. */
    public boolean isAnswered() {
        Answer a = toAnswer();
        return a != null && !a.isEmpty() && (!takesChoice() || a.choice() != null);
    }

    public static String gridKey(String row, String column) {
        return row + "|" + column;
    }

    /** The force's longest free text (comment, source, a text answer). */
    public int textLimit() {
        return owner.textLimits().text();
    }
}
