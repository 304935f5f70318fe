package org.dashdesk.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.dashdesk.assessment.AssessmentJson;
import org.dashdesk.protocol.Problem;
import org.dashdesk.protocol.Protocol;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own refusals (a malformed request line, headers over the limit, a body trickled too
 * slowly) answered as a JSON {@link Problem} like every other reply of the protocol, instead of
 * Jetty's HTML page; the reason never quotes the request.
 */
final class JsonErrorHandler extends ErrorHandler {

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) throws IOException {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Protocol.JSON + "; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(body(code)), callback);
    }

    /**
     * A request Jetty cannot parse (bad request line, headers over the limit). Deprecated in Jetty
     * 12.1 but still the path for these; without it the reply is right but the connection lingers.
     */
    @Override
    @SuppressWarnings("removal")
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, Protocol.JSON + "; charset=utf-8");
        fields.put(HttpHeader.CACHE_CONTROL, "no-store");
        return ByteBuffer.wrap(body(status));
    }

    static byte[] body(int code) {
        Problem problem = switch (code) {
            case 408 -> Problem.of("timeout", "the request arrived too slowly");
            case 413 -> Problem.of("too_large", "request body larger than " + Protocol.MAX_BODY_BYTES + " bytes");
            case 431 -> Problem.of("too_large", "request line and headers larger than the server accepts");
            case 404 -> Problem.of("not_found", "no such resource in protocol v" + Protocol.VERSION);
            default -> code < 500 ? Problem.of("invalid", "malformed HTTP request")
                    : Problem.of("server_error", "internal error; try again later");
        };
        try {
            return AssessmentJson.mapper().writeValueAsString(problem).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            return "{\"error\":\"server_error\"}".getBytes(StandardCharsets.UTF_8);
        }
    }
}
