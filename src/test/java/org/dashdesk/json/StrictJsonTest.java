package org.dashdesk.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The strict reader on its own: every refusal carries the JSON path at fault and what belongs
 * there, and nothing of the wrong shape is converted on the way into a record.
 */
class StrictJsonTest {

    record Inner(String name, Integer count, Boolean flag, List<String> tags) {
    }

    record Outer(String id, List<Inner> items) {
    }

    private static Outer bind(String json, List<String> alsoAllowed) throws Exception {
        return StrictJson.bind(StrictJson.read(json.getBytes(StandardCharsets.UTF_8)), Outer.class, alsoAllowed);
    }

    @Test
    void aWellFormedFileBindsAsWritten() throws Exception {
        Outer o = bind("{\"id\":\"a\",\"items\":[{\"name\":\"n\",\"count\":3,\"flag\":true,\"tags\":[\"x\"]}]}", List.of());
        assertEquals(new Outer("a", List.of(new Inner("n", 3, true, List.of("x")))), o);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "count in quotes|{\"items\":[{\"count\":\"3\"}]}|$.items[0].count|WHOLE_NUMBER",
            "count with a fraction|{\"items\":[{\"count\":2.5}]}|$.items[0].count|WHOLE_NUMBER",
            "count beyond an int|{\"items\":[{\"count\":30000000000}]}|$.items[0].count|WHOLE_NUMBER",
            "flag in quotes|{\"items\":[{\"flag\":\"true\"}]}|$.items[0].flag|TRUE_OR_FALSE",
            "flag as a number|{\"items\":[{\"flag\":1}]}|$.items[0].flag|TRUE_OR_FALSE",
            "name as a number|{\"items\":[{\"name\":7}]}|$.items[0].name|TEXT",
            "name as true|{\"items\":[{\"name\":true}]}|$.items[0].name|TEXT",
            "name as an object|{\"items\":[{\"name\":{}}]}|$.items[0].name|TEXT",
            "a single tag for a list|{\"items\":[{\"tags\":\"x\"}]}|$.items[0].tags|ARRAY",
            "a tag that is a number|{\"items\":[{\"tags\":[\"x\",2]}]}|$.items[0].tags[1]|TEXT",
            "an item that is text|{\"items\":[\"x\"]}|$.items[0]|OBJECT"})
    void aValueOfTheWrongShapeIsRefusedWithItsPath(String name, String json, String path, StrictJson.Malformed.Expected expected) {
        StrictJson.Malformed e = assertThrows(StrictJson.Malformed.class, () -> bind(json, List.of()));
        assertEquals(StrictJson.Malformed.Kind.WRONG_TYPE, e.kind());
        assertEquals(path, e.jsonPath());
        assertEquals(expected, e.expected());
        assertEquals(expected.problem(), e.getMessage());
    }

    @Test
    void anUnknownFieldIsNamedWithTheNearestKnownOneOrTheFieldsAllowed() {
        StrictJson.Malformed typo = assertThrows(StrictJson.Malformed.class, () -> bind("{\"items\":[{\"cuont\":1}]}", List.of()));
        assertEquals(StrictJson.Malformed.Kind.UNKNOWN_FIELD, typo.kind());
        assertEquals("$.items[0].cuont", typo.jsonPath());
        assertEquals("unknown field (did you mean 'count'?)", typo.getMessage());
        StrictJson.Malformed stranger = assertThrows(StrictJson.Malformed.class, () -> bind("{\"licence\":\"x\"}", List.of()));
        assertEquals("unknown field; allowed here: id, items", stranger.getMessage(), "in the order the format declares them");
    }

    @Test
    void fieldsAllowedBesideTheRecordAreLeftOutOfItAndOfferedForATypo() throws Exception {
        assertEquals(new Outer("a", null), bind("{\"id\":\"a\",\"collarNumber\":\"1234\"}", List.of("collarNumber")));
        StrictJson.Malformed e = assertThrows(StrictJson.Malformed.class,
                () -> bind("{\"id\":\"a\",\"colarNumber\":\"1234\"}", List.of("collarNumber")));
        assertEquals("$.colarNumber", e.jsonPath());
        assertEquals("unknown field (did you mean 'collarNumber'?)", e.getMessage());
        assertEquals("colarNumber", e.field());
    }

    @Test
    void textMistakesAreFoundBeforeBinding() {
        StrictJson.Malformed dup = assertThrows(StrictJson.Malformed.class, () -> bind("{\"id\":\"a\",\"id\":\"b\"}", List.of()));
        assertEquals(StrictJson.Malformed.Kind.DUPLICATE_KEY, dup.kind());
        assertEquals("$.id", dup.jsonPath());
        StrictJson.Malformed trailing = assertThrows(StrictJson.Malformed.class, () -> bind("{\"id\":\"a\"} x", List.of()));
        assertEquals(StrictJson.Malformed.Kind.TRAILING_CONTENT, trailing.kind());
        StrictJson.Malformed syntax = assertThrows(StrictJson.Malformed.class, () -> bind("{\"id\":", List.of()));
        assertEquals(StrictJson.Malformed.Kind.SYNTAX, syntax.kind());
        assertEquals(1, syntax.line());
    }
}
