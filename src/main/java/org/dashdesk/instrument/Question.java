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
     * What a question says for the abuser while no name is recorded (issue 11: "Does (…) constantly
     * text" is read aloud to a victim at 2 a.m.; "Does the person who harmed you constantly text"
     * is a question).
     */
    public static final String UNNAMED_ABUSER = "the person who harmed you";

    /** The form's spellings of the placeholder: "(…)", "(…..)" and "(name of abuser(s)…..)" (closing bracket optional). */
    private static final String PLACEHOLDER = "(?:\\(name of abuser\\(s\\)[.…]+\\)?|\\((?:…|\\.\\.\\.)[.…]*\\))";
    private static final java.util.regex.Pattern POSSESSIVE = java.util.regex.Pattern.compile(PLACEHOLDER + "['’]s\\b");
    private static final java.util.regex.Pattern PLAIN = java.util.regex.Pattern.compile(PLACEHOLDER);

    /**
     * The text with the abuser placeholder filled in for display: the name when one is recorded,
     * else {@link #UNNAMED_ABUSER} ("their" for "(…)'s"). The stored instrument text is never changed.
     */
    public String textFor(String abuserName) {
        return fill(text, abuserName);
    }

    public String promptFor(String abuserName) {
        return prompt == null ? null : fill(prompt, abuserName);
    }

    static String fill(String s, String abuserName) {
        boolean named = abuserName != null && !abuserName.isBlank();
        String name = named ? java.util.regex.Matcher.quoteReplacement(abuserName.strip()) : null;
        String possessive = POSSESSIVE.matcher(s).replaceAll(named ? name + "'s" : "their");
        return PLAIN.matcher(possessive).replaceAll(named ? name : UNNAMED_ABUSER);
    }
}
