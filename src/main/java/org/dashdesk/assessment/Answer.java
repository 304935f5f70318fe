package org.dashdesk.assessment;

import java.time.LocalDate;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.dashdesk.grading.Choice;

/**
 * The answer to one question. Which fields are used depends on the question's kind: {@code choice}
 * for yes/no questions (and Q3's grid, whose ticks are {@code fearGrid} entries "ROW|COLUMN"),
 * {@code text}, {@code number} or {@code date} for the others.
 *
 * @param informationSource who gave the information when it was not the victim; null = the victim
 */
public record Answer(
        String questionId,
        Choice choice,
        String comment,
        String informationSource,
        Set<String> fearGrid,
        String text,
        Integer number,
        LocalDate date) {

    public Answer {
        fearGrid = fearGrid == null ? Set.of() : java.util.Collections.unmodifiableSet(new TreeSet<>(fearGrid));
    }

    public static Answer choice(String questionId, Choice choice) {
        return new Answer(questionId, choice, null, null, null, null, null, null);
    }

    public static Answer text(String questionId, String text) {
        return new Answer(questionId, null, null, null, null, text, null, null);
    }

    public Answer withChoice(Choice c) {
        return new Answer(questionId, c, comment, informationSource, fearGrid, text, number, date);
    }

    public Answer withComment(String c) {
        return new Answer(questionId, choice, c, informationSource, fearGrid, text, number, date);
    }

    public Answer withInformationSource(String s) {
        return new Answer(questionId, choice, comment, s, fearGrid, text, number, date);
    }

    public Answer withFearGrid(Set<String> g) {
        return new Answer(questionId, choice, comment, informationSource, g, text, number, date);
    }

    public Answer withText(String t) {
        return new Answer(questionId, choice, comment, informationSource, fearGrid, t, number, date);
    }

    public Answer withNumber(Integer n) {
        return new Answer(questionId, choice, comment, informationSource, fearGrid, text, n, date);
    }

    public Answer withDate(LocalDate d) {
        return new Answer(questionId, choice, comment, informationSource, fearGrid, text, number, d);
    }

    /** True when nothing has been given yet. */
    @JsonIgnore
    public boolean isEmpty() {
        return choice == null && blank(comment) && blank(informationSource) && fearGrid.isEmpty() && blank(text)
                && number == null && date == null;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
