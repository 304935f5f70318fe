package org.dashdesk.instrument;

import java.util.List;
import java.util.Objects;

/**
 * One question of a pack. {@code id} is stable and global across packs (Q1…Q27, S1…S11, H1…H10).
 * The text may contain the police form's "(…)" placeholder for the abuser's name.
 *
 * @param branchIfYes id of a pack offered when this question is answered yes, or null
 * @param gridRows    for {@link QuestionKind#FEAR_GRID}: the fears (rows); empty otherwise
 * @param gridColumns for {@link QuestionKind#FEAR_GRID}: who is at risk (columns); empty otherwise
 */
public record Question(
        String id,
        String number,
        QuestionKind kind,
        String text,
        String prompt,
        WordingStatus wordingStatus,
        String wordingSource,
        String branchIfYes,
        List<String> gridRows,
        List<String> gridColumns) {

    public static final String ABUSER_PLACEHOLDER = "(…)";

    public Question {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        gridRows = gridRows == null ? List.of() : List.copyOf(gridRows);
        gridColumns = gridColumns == null ? List.of() : List.copyOf(gridColumns);
    }

    /**
     * The text with the abuser placeholder filled in for display. The stored instrument text is
     * never changed. Handles the form's spellings "(…)", "(…..)" and "(name of abuser(s)…..)".
     */
    public String textFor(String abuserName) {
        return fill(text, abuserName);
    }

    public String promptFor(String abuserName) {
        return prompt == null ? null : fill(prompt, abuserName);
    }

    static String fill(String s, String abuserName) {
        if (abuserName == null || abuserName.isBlank()) {
            return s;
        }
        return s.replaceAll("\\(name of abuser\\(s\\)[.…]+\\)?|\\((?:…|\\.\\.\\.)[.…]*\\)", abuserName.strip());
    }
}
