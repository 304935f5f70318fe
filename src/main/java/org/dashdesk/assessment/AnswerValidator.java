package org.dashdesk.assessment;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.Objects;

import org.dashdesk.grading.GradingPolicy;
import org.dashdesk.instrument.Question;
import org.dashdesk.instrument.QuestionKind;

/**
 * Checks an answer against its question before it is stored, so only what the question asks for
 * can be recorded: a yes/no/don't-know choice only where the question takes one, fear-grid ticks
 * only on Q3's grid and only for its own rows and columns ("ROW|COLUMN"), text only on a free-text
 * question, a whole number of 0 or more only on a number question, a date only on a date question.
 * A comment and the source of the information may go with any answer. The wizard builds answers
 * that pass; anything else (an import, a bug, a hand-edited file) is refused naming the question.
 */
public final class AnswerValidator {

    private final Map<String, Question> questions;
    private final Set<String> notAskedReasons;

    /** @param questions every question of the assessment (main pack and supplements), by id */
    public AnswerValidator(Map<String, Question> questions) {
        this(questions, GradingPolicy.STANDARD_NOT_ASKED_REASONS.stream().map(GradingPolicy.NotAskedReason::id).collect(Collectors.toSet()));
    }

    /** @param notAskedReasons the reason ids the policy in force allows for a question not asked */
    public AnswerValidator(Map<String, Question> questions, Set<String> notAskedReasons) {
        this.questions = Map.copyOf(questions);
        this.notAskedReasons = Set.copyOf(notAskedReasons);
    }

    /** @throws InvalidAnswerException naming the question when the answer does not fit it */
    public void check(Answer answer) {
        Objects.requireNonNull(answer, "answer");
        String id = answer.questionId();
        if (id == null) {
            throw new InvalidAnswerException("(no question id)", "an answer must name its question");
        }
        Question q = questions.get(id);
        if (q == null) {
            throw new InvalidAnswerException(id, "no such question in this assessment's packs");
        }
        QuestionKind kind = q.kind();
        if (answer.choice() != null && !kind.hasChoice()) {
            throw wrongShape(q, "a yes/no/don't-know choice");
        }
        if (!answer.fearGrid().isEmpty()) {
            if (kind != QuestionKind.FEAR_GRID) {
                throw wrongShape(q, "fear-grid ticks");
            }
            for (String cell : answer.fearGrid()) {
                checkGridCell(q, cell);
            }
        }
        if (answer.text() != null && kind != QuestionKind.FREE_TEXT) {
            throw wrongShape(q, "text");
        }
        if (answer.number() != null) {
            if (kind != QuestionKind.WHOLE_NUMBER) {
                throw wrongShape(q, "a number");
            }
            if (answer.number() < 0) {
                throw new InvalidAnswerException(id, "must be a whole number, 0 or more");
            }
        }
        if (answer.date() != null && kind != QuestionKind.DATE) {
            throw wrongShape(q, "a date");
        }
        if (answer.notAsked() != null) {
            if (!kind.hasChoice()) {
                throw wrongShape(q, "\"not asked\"");
            }
            if (answer.choice() != null) {
                throw new InvalidAnswerException(id, "is answered and marked not asked at once; it is one or the other");
            }
            if (!notAskedReasons.contains(answer.notAsked())) {
                throw new InvalidAnswerException(id, "not asked for a reason the policy does not know; its reasons are "
                        + String.join(", ", new java.util.TreeSet<>(notAskedReasons)));
            }
        }
    }

    /** Checks every answer of {@code content}, e.g. before it is frozen as a revision. */
    public void checkAll(AssessmentContent content) {
        content.answers().values().forEach(this::check);
    }

    private static void checkGridCell(Question q, String cell) {
        int bar = cell.indexOf('|');
        String row = bar < 0 ? cell : cell.substring(0, bar);
        String column = bar < 0 ? "" : cell.substring(bar + 1);
        if (bar < 0 || !q.gridRows().contains(row) || !q.gridColumns().contains(column)) {
            // The grid's own labels are instrument text, not answer data, so they may be named.
            throw new InvalidAnswerException(q.id(), "a fear-grid tick must be one of its rows (" + String.join(", ", q.gridRows())
                    + ") and one of its columns (" + String.join(", ", q.gridColumns()) + ") as ROW|COLUMN");
        }
    }

    private static InvalidAnswerException wrongShape(Question q, String given) {
        return new InvalidAnswerException(q.id(), "takes " + describe(q.kind()) + ", not " + given);
    }

    private static String describe(QuestionKind kind) {
        return switch (kind) {
            case YES_NO -> "yes/no/don't know";
            case FEAR_GRID -> "yes/no/don't know with fear-grid ticks";
            case FREE_TEXT -> "free text";
            case WHOLE_NUMBER -> "a whole number";
            case DATE -> "a date";
        };
    }
}
