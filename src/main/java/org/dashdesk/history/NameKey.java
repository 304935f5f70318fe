package org.dashdesk.history;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.codec.language.DoubleMetaphone;

/**
 * A name made comparable (issue 12). {@link #of(String)} folds it: accents and case go, hyphens
 * and punctuation split words, "Surname, Forename" is turned round, a short form of a forename
 * becomes the full one ({@code nicknames.json}), and a particle ("O", "Mc", "Van") is joined to the
 * surname after it. The key is the first forename and the last
 * surname ("john smith" for "Smith-Jones, Jon Paul" gives "john jones"); the phonetic key is their
 * Double Metaphone codes. A single word is not enough to match on and gives no key.
 *
 * @param exact    "forename surname", folded; null when fewer than two words
 * @param phonetic "JN SM0" style; null when fewer than two words
 * @param initial  the forename's first letter and the surname's sound ("j SM0"): with an exact date
 *                 of birth it finds "Jon" for "Jonathan" and "Michel" for "Michael", which neither
 *                 the short-form table nor the sound of the forename does
 */
public record NameKey(String exact, String phonetic, String initial) {

    private static final DoubleMetaphone METAPHONE = new DoubleMetaphone();
    private static final Map<String, String> NICKNAMES = load();

    public static NameKey of(String name) {
        List<String> words = words(name);
        if (words.size() < 2) {
            return new NameKey(null, null, null);
        }
        String first = NICKNAMES.getOrDefault(words.get(0), words.get(0));
        String last = words.get(words.size() - 1);
        String surname = METAPHONE.doubleMetaphone(last);
        return new NameKey(first + " " + last, METAPHONE.doubleMetaphone(first) + " " + surname, words.get(0).charAt(0) + " " + surname);
    }

    /** True when there is enough to match on. */
    public boolean usable() {
        return exact != null;
    }

    /** The name's words in forename-first order, folded. */
    static List<String> words(String name) {
        if (name == null || name.isBlank()) {
            return List.of();
        }
        String folded = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
        int comma = folded.indexOf(',');
        if (comma >= 0) {
            // "Smith, John" → "John Smith"
            folded = folded.substring(comma + 1) + " " + folded.substring(0, comma);
        }
        // Apostrophes join ("O'Neill" is "oneill"); hyphens and other punctuation split.
        folded = folded.replaceAll("['’`]", "").replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
        if (folded.isEmpty()) {
            return List.of();
        }
        List<String> words = new ArrayList<>();
        String[] parts = folded.split(" ");
        for (int i = 0; i < parts.length; i++) {
            // "O Neill", "Mc Donald", "Van Dyke": a particle is part of the surname that follows it.
            if (PARTICLES.contains(parts[i]) && i + 1 < parts.length && i > 0) {
                parts[i + 1] = parts[i] + parts[i + 1];
                continue;
            }
            words.add(parts[i]);
        }
        return words;
    }

    private static final java.util.Set<String> PARTICLES = java.util.Set.of("o", "mc", "mac", "de", "da", "di", "du", "van", "von", "le",
            "la", "st", "al", "el", "fitz");

    private static Map<String, String> load() {
        try (InputStream in = NameKey.class.getResourceAsStream("nicknames.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            Map<String, String> out = new HashMap<>();
            root.fields().forEachRemaining(e -> {
                if (!e.getKey().startsWith("_")) {
                    out.put(e.getKey(), e.getValue().asText());
                }
            });
            return Map.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException("nicknames.json cannot be read", e);
        }
    }
}
