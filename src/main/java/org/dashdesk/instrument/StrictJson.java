package org.dashdesk.instrument;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the JSON files a force or an analyst writes by hand (packs, policies, answer sheets)
 * strictly. Jackson's defaults let three kinds of mistake through silently: content after the
 * value ({@code {…} garbage}, {@code {…}}}), a key given twice (the last one wins) and a misspelt
 * field (ignored). Each of those would change what is assessed or graded without anyone noticing,
 * so each is refused here with the JSON path at fault.
 */
public final class StrictJson {

    /** Thread-safe once built; shared by every strict reader. */
    private static final ObjectMapper MAPPER = org.dashdesk.json.JsonMappers.strict();

    private StrictJson() {
    }

    /** What was wrong with the text, where (a JSON path from {@code $}) and at which line and column. */
    public static final class Malformed extends Exception {

        private static final long serialVersionUID = 1L;

        /** The kinds of mistake, so each reader can word its message in its own style. */
        public enum Kind { SYNTAX, TRAILING_CONTENT, DUPLICATE_KEY }

        private final Kind kind;
        private final String jsonPath;
        private final int line;
        private final int column;

        Malformed(Kind kind, String jsonPath, String problem, int line, int column) {
            super(problem);
            this.kind = kind;
            this.jsonPath = jsonPath;
            this.line = line;
            this.column = column;
        }

        public Kind kind() {
            return kind;
        }

        /** {@code $} for syntax and trailing content; the repeated key's path for a duplicate. */
        public String jsonPath() {
            return jsonPath;
        }

        public int line() {
            return line;
        }

        public int column() {
            return column;
        }
    }

    /**
     * Parses one JSON value and nothing after it.
     *
     * @throws Malformed   for a syntax error, content after the value, or a key given twice in one object
     * @throws IOException when the bytes cannot be read at all
     */
    public static JsonNode read(byte[] json) throws Malformed, IOException {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw describe(e, json);
        }
    }

    private static Malformed describe(JsonProcessingException e, byte[] json) {
        JsonLocation where = e.getLocation();
        int line = where == null ? -1 : where.getLineNr();
        int column = where == null ? -1 : where.getColumnNr();
        String at = "line " + line + ", column " + column;
        JsonStreamContext context = e.getProcessor() instanceof JsonParser parser ? parser.getParsingContext() : null;
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (message.startsWith("Duplicate field '") && context != null) {
            String key = context.getCurrentName();
            return new Malformed(Malformed.Kind.DUPLICATE_KEY, path(context), "duplicate key '" + key
                    + "': each key may appear once (a repeated key would silently replace the first)", line, column);
        }
        if (firstValueIsComplete(json)) {
            return new Malformed(Malformed.Kind.TRAILING_CONTENT, "$",
                    "unexpected content after the end of the JSON value at " + at, line, column);
        }
        return new Malformed(Malformed.Kind.SYNTAX, "$", "malformed JSON at " + at, line, column);
    }

    /**
     * Whether one whole value parses from the start of {@code json}: then the failure came after it
     * (FAIL_ON_TRAILING_TOKENS found "{…} garbage" or "{…}}"), which deserves its own message.
     */
    private static boolean firstValueIsComplete(byte[] json) {
        try (JsonParser parser = MAPPER.createParser(json)) {
            return MAPPER.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(parser) != null;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code $.sections[0].questions[1].id} for the parser's position. */
    private static String path(JsonStreamContext context) {
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.add(0, "[" + c.getCurrentIndex() + "]");
            } else if (c.getCurrentName() != null) {
                parts.add(0, "." + c.getCurrentName());
            }
        }
        return "$" + String.join("", parts);
    }

    /** The first field of {@code object} that is not in {@code allowed}, if any. */
    public static Optional<String> unknownField(JsonNode object, Collection<String> allowed) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    /**
     * "unknown field (did you mean 'branchIfYes'?)" when a known field is a near miss (case or a
     * letter or two), else the list of fields allowed there: either way the author can fix it.
     */
    public static String unknownFieldProblem(String field, Collection<String> allowed) {
        String nearest = null;
        int best = Integer.MAX_VALUE;
        for (String candidate : allowed) {
            int d = distance(field.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (d < best) {
                best = d;
                nearest = candidate;
            }
        }
        if (nearest != null && best <= 2) {
            return "unknown field (did you mean '" + nearest + "'?)";
        }
        return "unknown field; allowed here: " + String.join(", ", allowed);
    }

    /** Levenshtein distance; the field names compared are short. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
