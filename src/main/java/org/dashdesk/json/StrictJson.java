package org.dashdesk.json;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads the JSON files a force or an analyst writes by hand (packs, policies, answer sheets,
 * import lines) strictly, in two steps (decision 0141):
 * <ol>
 * <li>{@link #read} parses the text into a tree. Jackson's defaults let three kinds of mistake
 * through silently: content after the value ({@code {…} garbage}, {@code {…}}}), a key given
 * twice (the last one wins) and a misspelt field (ignored). The first two are refused here.</li>
 * <li>{@link #bind} maps the tree onto the reader's file records with
 * {@link JsonMappers#strict()}: a field the record does not have is refused with "did you
 * mean …", and a value of the wrong shape (a number where text belongs, "true" in quotes, 2.5
 * for a count) is refused instead of being quietly converted.</li>
 * </ol>
 * Either way the failure is a {@link Malformed} with the JSON path at fault, which each reader
 * words in its own style (file, path, problem). What the values mean (required, not blank,
 * known ids, rising bands) stays the reader's business, checked on the records.
 */
public final class StrictJson {

    private static final ObjectMapper MAPPER = JsonMappers.strict();

    private StrictJson() {
    }

    /** What was wrong with the text, where (a JSON path from {@code $}) and at which line and column. */
    public static final class Malformed extends Exception {

        private static final long serialVersionUID = 1L;

        /** The kinds of mistake, so each reader can word its message in its own style. */
        public enum Kind { SYNTAX, TRAILING_CONTENT, DUPLICATE_KEY, UNKNOWN_FIELD, WRONG_TYPE }

        /** For {@link Kind#WRONG_TYPE}: what the field holds when it is right. */
        public enum Expected {
            TEXT("must be text"),
            TRUE_OR_FALSE("must be true or false"),
            WHOLE_NUMBER("must be a whole number"),
            ARRAY("must be an array"),
            OBJECT("must be a JSON object"),
            VALUE("has the wrong kind of value");

            private final String problem;

            Expected(String problem) {
                this.problem = problem;
            }

            /** "must be text", and so on. */
            public String problem() {
                return problem;
            }
        }

        private final Kind kind;
        private final Expected expected;
        private final String jsonPath;
        private final int line;
        private final int column;

        Malformed(Kind kind, Expected expected, String jsonPath, String problem, int line, int column) {
            super(problem);
            this.kind = kind;
            this.expected = expected;
            this.jsonPath = jsonPath;
            this.line = line;
            this.column = column;
        }

        public Kind kind() {
            return kind;
        }

        /** What the value should have been; {@link Expected#VALUE} unless the kind is {@link Kind#WRONG_TYPE}. */
        public Expected expected() {
            return expected;
        }

        /** {@code $} for syntax and trailing content, else the path of the field at fault. */
        public String jsonPath() {
            return jsonPath;
        }

        /** The path without its leading {@code $.}: how answer sheets and import lines name a field. */
        public String field() {
            return jsonPath.startsWith("$.") ? jsonPath.substring(2) : jsonPath;
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
            throw describeText(e, json);
        }
    }

    /**
     * Binds a parsed tree onto a file record, refusing unknown fields and values of the wrong shape.
     *
     * @param alsoAllowed top-level fields that are allowed but read by someone else (the import
     *                    line's own fields beside the answer sheet's); left out of the binding
     * @throws Malformed {@link Malformed.Kind#UNKNOWN_FIELD} or {@link Malformed.Kind#WRONG_TYPE}, with the path
     */
    public static <T> T bind(JsonNode tree, Class<T> type, Collection<String> alsoAllowed) throws Malformed {
        JsonNode bound = tree;
        if (!alsoAllowed.isEmpty() && tree instanceof ObjectNode object) {
            ObjectNode copy = object.objectNode();
            copy.setAll(object);
            copy.remove(alsoAllowed);
            bound = copy;
        }
        try {
            return MAPPER.treeToValue(bound, type);
        } catch (JsonProcessingException e) {
            throw describeBinding(e, type, alsoAllowed);
        }
    }

    /** {@link #bind(JsonNode, Class, Collection)} with nothing else allowed. */
    public static <T> T bind(JsonNode tree, Class<T> type) throws Malformed {
        return bind(tree, type, List.of());
    }

    /**
     * Describes a failure to bind any JSON (also from a lenient mapper, as the keyring's): the
     * path at fault and what belongs there. Public for readers that are not strict.
     */
    public static Malformed describeBinding(JsonProcessingException e, Class<?> rootType, Collection<String> alsoAllowed) {
        JsonLocation where = e.getLocation();
        int line = where == null ? -1 : where.getLineNr();
        int column = where == null ? -1 : where.getColumnNr();
        if (e instanceof UnrecognizedPropertyException unknown) {
            Set<String> allowed = new LinkedHashSet<>(fieldsOf(unknown.getReferringClass(), unknown.getKnownPropertyIds()));
            if (unknown.getReferringClass() == rootType) {
                allowed.addAll(alsoAllowed);
            }
            return new Malformed(Malformed.Kind.UNKNOWN_FIELD, Malformed.Expected.VALUE, path(unknown),
                    unknownFieldProblem(unknown.getPropertyName(), allowed), line, column);
        }
        Malformed.Expected expected = expected(targetType(e));
        String at = e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty() ? path(mapping)
                : e.getProcessor() instanceof JsonParser parser ? path(parser.getParsingContext()) : "$";
        return new Malformed(Malformed.Kind.WRONG_TYPE, expected, at, expected.problem(), line, column);
    }

    /** The fields a file record declares, in its order (so "allowed here" reads as the format is written). */
    public static List<String> fieldNames(Class<? extends Record> type) {
        List<String> names = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            names.add(c.getName());
        }
        return List.copyOf(names);
    }

    @SuppressWarnings("unchecked")
    private static Collection<String> fieldsOf(Class<?> type, Collection<Object> known) {
        if (type != null && type.isRecord()) {
            return fieldNames((Class<? extends Record>) type);
        }
        List<String> names = new ArrayList<>();
        if (known != null) {
            known.forEach(k -> names.add(String.valueOf(k)));
        }
        names.sort(null);
        return names;
    }

    /** The type the value was meant to become; a number too large for it arrives wrapped, so look through causes. */
    private static Class<?> targetType(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MismatchedInputException m && m.getTargetType() != null) {
                return m.getTargetType();
            }
            if (t instanceof InputCoercionException c && c.getTargetType() != null) {
                return c.getTargetType();
            }
        }
        return null;
    }

    private static Malformed.Expected expected(Class<?> target) {
        if (target == null) {
            return Malformed.Expected.VALUE;
        }
        if (CharSequence.class.isAssignableFrom(target)) {
            return Malformed.Expected.TEXT;
        }
        if (target == Boolean.class || target == boolean.class) {
            return Malformed.Expected.TRUE_OR_FALSE;
        }
        if (target == Integer.class || target == int.class || target == Long.class || target == long.class
                || target == Short.class || target == short.class) {
            return Malformed.Expected.WHOLE_NUMBER;
        }
        if (Collection.class.isAssignableFrom(target) || target.isArray()) {
            return Malformed.Expected.ARRAY;
        }
        if (target.isRecord() || Map.class.isAssignableFrom(target)) {
            return Malformed.Expected.OBJECT;
        }
        return Malformed.Expected.VALUE;
    }

    private static Malformed describeText(JsonProcessingException e, byte[] json) {
        JsonLocation where = e.getLocation();
        int line = where == null ? -1 : where.getLineNr();
        int column = where == null ? -1 : where.getColumnNr();
        String at = "line " + line + ", column " + column;
        JsonStreamContext context = e.getProcessor() instanceof JsonParser parser ? parser.getParsingContext() : null;
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (message.startsWith("Duplicate field '") && context != null) {
            String key = context.getCurrentName();
            return new Malformed(Malformed.Kind.DUPLICATE_KEY, Malformed.Expected.VALUE, path(context), "duplicate key '" + key
                    + "': each key may appear once (a repeated key would silently replace the first)", line, column);
        }
        if (firstValueIsComplete(json)) {
            return new Malformed(Malformed.Kind.TRAILING_CONTENT, Malformed.Expected.VALUE, "$",
                    "unexpected content after the end of the JSON value at " + at, line, column);
        }
        return new Malformed(Malformed.Kind.SYNTAX, Malformed.Expected.VALUE, "$", "malformed JSON at " + at, line, column);
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

    /** {@code $.sections[0].questions[1].id} for a binding failure's path. */
    private static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder("$");
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getIndex() >= 0) {
                out.append('[').append(r.getIndex()).append(']');
            } else if (r.getFieldName() != null) {
                out.append('.').append(r.getFieldName());
            }
        }
        return out.toString();
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
