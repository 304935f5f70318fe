package org.dashdesk.assessment;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The words a case is found by in the home lists (issue 17): its incident reference and the
 * victim's and abusers' names, folded so that what is typed matches what was written: case,
 * accents and punctuation are ignored ("O'Neill-Brown, Zoë" is found by "oneill", "neill", "brown"
 * and "zoe"). The folded words live only inside the encrypted store, next to the content they come
 * from, and go when that content is purged.
 */
public final class SearchText {

    /** Bounded so that pasted text cannot make one row's search words large. */
    public static final int MAX_CHARS = 4000;

    private SearchText() {
    }

    /** The folded words of a case, space separated and space delimited (" inc 004217 jane smith "). */
    public static String of(AssessmentContent content) {
        List<String> parts = new ArrayList<>();
        parts.add(content.incident().incidentReference());
        parts.add(content.people().victimName());
        parts.addAll(content.people().abuserNames());
        Set<String> words = new LinkedHashSet<>();
        for (String part : parts) {
            words.addAll(words(part));
            // "O'Neill" is also typed "oneill": the part's words joined, where punctuation split them.
            String joined = fold(part).replaceAll("[^\\p{L}\\p{N} ]", "");
            words.addAll(Arrays.asList(joined.split(" +")));
        }
        words.remove("");
        StringBuilder out = new StringBuilder(" ");
        for (String w : words) {
            if (out.length() + w.length() + 1 > MAX_CHARS) {
                break;
            }
            out.append(w).append(' ');
        }
        return out.toString();
    }

    /** What was typed in the search box, as the words each row must contain (empty: no search). */
    public static List<String> words(String typed) {
        if (typed == null) {
            return List.of();
        }
        String folded = fold(typed).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
        return folded.isEmpty() ? List.of() : List.of(folded.split(" "));
    }

    private static String fold(String s) {
        if (s == null) {
            return "";
        }
        return Normalizer.normalize(s, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
    }
}
