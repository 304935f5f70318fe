package org.dashdesk.assessment;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What a collar (warrant) number looks like in this force (issue 11): an IT setting,
 * {@code collar.pattern}, a regular expression the whole number must match. The default takes
 * one to twelve letters and digits, which covers every format we know ("4471", "PC1234", "K9001");
 * a force that uses only digits sets {@code collar.pattern = [0-9]{4,6}}.
 *
 * @param pattern the regular expression as written in the setting
 */
public record CollarNumbers(String pattern) {

    public static final String DEFAULT_PATTERN = "[A-Za-z0-9]{1,12}";
    public static final CollarNumbers DEFAULT = new CollarNumbers(DEFAULT_PATTERN);
    /** A pattern longer than this is a mistake, not a format. */
    public static final int PATTERN_MAX = 200;

    public CollarNumbers {
        String problem = problemWith(pattern);
        if (problem != null) {
            throw new IllegalArgumentException("collar number pattern " + problem);
        }
    }

    /** Null when {@code pattern} can be used, else what is wrong with it (for the settings file's problems). */
    public static String problemWith(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            return "is empty";
        }
        if (pattern.length() > PATTERN_MAX) {
            return "is longer than " + PATTERN_MAX + " characters";
        }
        try {
            Pattern.compile(pattern);
            return null;
        } catch (PatternSyntaxException e) {
            return "is not a regular expression: " + e.getDescription() + " near position " + e.getIndex();
        }
    }

    /** Null when {@code collar} has this force's format, else a sentence saying what is expected. */
    public String check(String collar) {
        if (collar == null || collar.isBlank()) {
            return null;
        }
        if (Pattern.compile(pattern).matcher(collar.strip()).matches()) {
            return null;
        }
        return "\u201c" + shown(collar.strip()) + "\u201d is not a collar number in this force's format"
                + (pattern.equals(DEFAULT_PATTERN) ? " (1 to 12 letters and digits, no spaces)." : ".");
    }

    private static String shown(String s) {
        return s.length() > 20 ? s.substring(0, 20) + "\u2026" : s;
    }
}
