package org.dashdesk.assessment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dashdesk.json.JsonMappers;

/**
 * JSON for assessments and revisions. The canonical form (properties and map keys sorted, no
 * white space, ISO dates) is what a revision's SHA-256 is computed over, so client and server
 * agree on the hash of the same content byte for byte.
 */
public final class AssessmentJson {

    /** The canonical mapper, configured once for the program in {@link JsonMappers#canonical()}. */
    private static final ObjectMapper MAPPER = JsonMappers.canonical();

    private AssessmentJson() {
    }

    /** The shared canonical mapper (thread-safe); the same object as {@link JsonMappers#canonical()}. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String canonical(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed " + type.getSimpleName() + " JSON at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr(), e);
        }
    }

    public static String sha256Hex(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
