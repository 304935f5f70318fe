package org.dashdesk.json;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one place the desk and the server configure Jackson (decision 0141). Three mappers, each
 * built once and thread-safe:
 * <ul>
 * <li>{@link #canonical()}: assessments, revisions and the wire protocol. Properties and map keys
 * sorted, no white space, ISO dates: the form a revision's SHA-256 is computed over, so client
 * and server agree byte for byte. Unknown properties are ignored on reading, so a newer peer's
 * extra field does not break an older one (protocol v1 compatibility).</li>
 * <li>{@link #strict()}: files people write and this program must not misread (instrument packs,
 * grading policies, answer sheets, import lines): a repeated key, content after the value, an
 * unknown property and a value of the wrong shape (no quiet conversion of "3", 2.5 or true) are
 * each refused; {@link StrictJson} turns those refusals into a JSON path and a problem.</li>
 * <li>{@link #pretty()}: files and output people read (the keyring file, {@code grade}'s result):
 * indented; reading is lenient, as the keyring always was, so a hand-edited keyring still opens.</li>
 * </ul>
 */
public final class JsonMappers {

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // A value of the wrong shape is a mistake to name, not to convert: "3" is not a count,
            // 2.5 call-outs are not 2, "true" in quotes is text and 3 is not a question id.
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .withCoercionConfig(LogicalType.Textual, text -> text
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    private static final ObjectMapper PRETTY = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private JsonMappers() {
    }

    public static ObjectMapper canonical() {
        return CANONICAL;
    }

    public static ObjectMapper strict() {
        return STRICT;
    }

    public static ObjectMapper pretty() {
        return PRETTY;
    }
}
