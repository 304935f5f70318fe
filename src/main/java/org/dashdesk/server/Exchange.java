package org.dashdesk.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import org.dashdesk.assessment.AssessmentJson;
import org.dashdesk.protocol.Problem;
import org.dashdesk.protocol.Protocol;

/**
 * The few things every handler does with a request and a reply: bounded body reading, strict JSON
 * parsing, JSON replies, the bearer token. Handlers stay thin by calling these.
 */
final class Exchange {

    /** Deeper than any protocol body (an assessment nests about 6 levels), far below a stack overflow. */
    static final int MAX_NESTING = 64;

    private static final ObjectMapper WRITER = AssessmentJson.mapper();
    private static final ObjectMapper READER = strictCopy();

    private Exchange() {
    }

    /**
     * The shared mapper's settings, refusing what a request must never carry: nesting beyond
     * {@link #MAX_NESTING} and anything after the JSON value (decision 0131).
     */
    private static ObjectMapper strictCopy() {
        ObjectMapper copy = AssessmentJson.mapper().copy();
        copy.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build());
        copy.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        return copy;
    }

    static void send(Context ctx, int status, Object body) throws IOException {
        byte[] bytes = WRITER.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        ctx.status(status);
        ctx.header("Content-Type", Protocol.JSON + "; charset=utf-8");
        ctx.header("Cache-Control", "no-store");
        ctx.result(bytes);
    }

    /** The body, at most {@link Protocol#MAX_BODY_BYTES}; a declared larger length was refused before any read. */
    static byte[] body(Context ctx) throws IOException {
        byte[] body = ctx.req().getInputStream().readNBytes(Protocol.MAX_BODY_BYTES + 1);
        if (body.length > Protocol.MAX_BODY_BYTES) {
            throw tooLarge();
        }
        return body;
    }

    static Refusal tooLarge() {
        return new Refusal(413, Problem.of("too_large", "request body larger than " + Protocol.MAX_BODY_BYTES + " bytes"));
    }

    /**
     * Parses the body as {@code type}; every way it can be wrong is a 422 with a one-line reason,
     * never a 500 (a parser message is not echoed: it may quote the body).
     */
    static <T> T parse(Context ctx, Class<T> type) throws IOException {
        byte[] bytes = body(ctx);
        try {
            T value = READER.readValue(bytes, type);
            if (value == null) {
                throw Refusal.invalid("$", "empty request body");
            }
            return value;
        } catch (StreamConstraintsException e) {
            throw Refusal.invalid("$", "JSON nested deeper than " + MAX_NESTING + " levels");
        } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("Trailing token")) {
                throw Refusal.invalid("$", "content after the JSON value");
            }
            throw Refusal.invalid(fieldOf(e), "a value has the wrong type or the body is empty" + where(e));
        } catch (JsonProcessingException e) {
            throw Refusal.invalid(fieldOf(e), "malformed JSON" + where(e));
        } catch (IOException e) {
            throw Refusal.invalid("$", "malformed request body");
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static String where(JsonProcessingException e) {
        return e.getLocation() == null || e.getLocation().getLineNr() < 0 ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }

    private static String fieldOf(JsonProcessingException e) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (var ref : m.getPath()) {
                if (ref.getFieldName() != null) {
                    path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    path.append('[').append(ref.getIndex()).append(']');
                }
            }
            return path.length() == 0 ? "$" : path.toString();
        }
        return "$";
    }

    /** The stored form (SHA-256) of the request's bearer token, or null without one. */
    static String bearerHash(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = header.substring(7).strip();
        return token.isEmpty() ? null : ServerStore.tokenHash(token);
    }

    static UUID uuid(Context ctx, String param) {
        try {
            return UUID.fromString(ctx.pathParam(param));
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid("path", "ids in the address must be UUIDs");
        }
    }
}
