package org.dashdesk.assessment;

import java.time.LocalDate;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.dashdesk.grading.Choice;

/**
 * The answer to one question. Which fields are used depends on the question's kind: {@code choice}
 * for yes/no questions (and Q3's grid, whose ticks are {@code fearGrid} entries "ROW|COLUMN"),
 * {@code text}, {@code number} or {@code date} for the others.
 *
 * @param informationSource who gave the information when it was not the victim; null = the victim
 * @param notAsked          for a yes/no question not put to the victim: the policy's reason id
 *                          (e.g. {@code victim_declined}); never together with a choice. Left out of
 *                          the JSON when null, so revisions frozen before it existed keep their hash.
 */
public record Answer(
        String questionId,
        Choice choice,
        String comment,
        String informationSource,
        Set<String> fearGrid,
        String text,
        Integer number,
        LocalDate date,
        @JsonInclude(JsonInclude.Include.NON_NULL) String notAsked) {

    public Answer {
        fearGrid = fearGrid == null ? Set.of() : java.util.Collections.unmodifiableSet(new TreeSet<>(fearGrid));
    }

    /** An answer as it was before questions could be marked not asked. */
    public Answer(String questionId, Choice choice, String comment, String informationSource, Set<String> fearGrid, String text,
            Integer number, LocalDate date) {
        this(questionId, choice, comment, informationSource, fearGrid, text, number, date, null);
    }

    /** A yes/no question not put to the victim, for the reason given (a reason id of the policy). */
    public static Answer notAsked(String questionId, String reason) {
        return new Answer(questionId, null, null, null, null, null, null, null, reason);
    }

    public static Answer choice(String questionId, Choice choice) {
        return new Answer(questionId, choice, null, null, null, null, null, null);
    }

    public static Answer text(String questionId, String text) {
        return new Answer(questionId, null, null, null, null, text, null, null);
    }

    /** A choice given ends "not asked": the question has now been asked. */
    public Answer withChoice(Choice c) {
        return new Answer(questionId, c, comment, informationSource, fearGrid, text, number, date, c == null ? notAsked : null);
    }

    /** Marks the question not asked (clearing any choice), or with null asked again. */
    public Answer withNotAsked(String reason) {
        return new Answer(questionId, reason == null ? choice : null, comment, informationSource, fearGrid, text, number, date, reason);
    }

    public Answer withComment(String c) {
        return new Answer(questionId, choice, c, informationSource, fearGrid, text, number, date, notAsked);
    }

    public Answer withInformationSource(String s) {
        return new Answer(questionId, choice, comment, s, fearGrid, text, number, date, notAsked);
    }

    public Answer withFearGrid(Set<String> g) {
        return new Answer(questionId, choice, comment, informationSource, g, text, number, date, notAsked);
    }

    public Answer withText(String t) {
        return new Answer(questionId, choice, comment, informationSource, fearGrid, t, number, date, notAsked);
    }

    public Answer withNumber(Integer n) {
        return new Answer(questionId, choice, comment, informationSource, fearGrid, text, n, date, notAsked);
    }

    public Answer withDate(LocalDate d) {
        return new Answer(questionId, choice, comment, informationSource, fearGrid, text, number, d, notAsked);
    }

    /** True when nothing has been given yet. */
    @JsonIgnore
    public boolean isEmpty() {
        return choice == null && blank(comment) && blank(informationSource) && fearGrid.isEmpty() && blank(text)
                && number == null && date == null && notAsked == null;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
