package org.dashdesk.sync;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Locale;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dashdesk.assessment.AssessmentJson;
import org.dashdesk.protocol.Problem;
import org.dashdesk.protocol.Protocol;
import org.dashdesk.review.ReviewException;

/**
 * Request/response calls to the central server with the same rules as {@link SyncClient}: HTTPS
 * trusting only the configured certificate, plain HTTP only to loopback with the development flag,
 * and an answer believed only when it is our JSON. Failures become {@link ReviewException}s with
 * the server's reason (status 0 when the server could not be reached or did not answer as itself).
 */
final class Endpoint {

    private final ObjectMapper json = AssessmentJson.mapper();
    private final SyncClient.Settings settings;
    private final HttpClient http;
    private final URI base;

    Endpoint(SyncClient.Settings settings) {
        // SyncClient's constructor holds the transport rules; a throwaway instance checks them here too.
        new SyncClient(new SyncClient.Settings(settings.server(), "check", settings.ssl(), settings.devInsecureHttp(),
                settings.connectTimeout(), settings.requestTimeout()));
        this.settings = settings;
        this.base = SyncClient.base(settings.server());
        this.http = SyncClient.httpClient(settings);
    }

    SyncClient.Settings settings() {
        return settings;
    }

    JavaType type(Class<?> c) {
        return json.getTypeFactory().constructType(c);
    }

    JavaType listOf(Class<?> c) {
        return json.getTypeFactory().constructCollectionType(java.util.List.class, c);
    }

    /**
     * One call. {@code token} null sends no Authorization header.
     *
     * @param expect null when the body of a success does not matter
     */
    <T> T call(String method, String path, Object body, JavaType expect, String token) {
        byte[] bytes = null;
        try {
            bytes = body == null ? null : json.writeValueAsBytes(body);
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(settings.requestTimeout())
                    .header("Accept", Protocol.JSON);
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            if (bytes != null) {
                b.header("Content-Type", Protocol.JSON).method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
            } else {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<byte[]> response = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return judge(response, expect);
        } catch (IOException e) {
            PushResult.Failed f = Transport.classify(e, base);
            throw new NetworkException(f.kind(), f.reason());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReviewException(0, "interrupted");
        } finally {
            if (bytes != null) {
                // The body may carry a password.
                Arrays.fill(bytes, (byte) 0);
            }
        }
    }

    private <T> T judge(HttpResponse<byte[]> response, JavaType expect) {
        String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        int status = response.statusCode();
        java.util.Optional<PushResult.Failed> notOurs = Transport.notProtocolJson(response);
        if (notOurs.isPresent() && notOurs.get().kind() == FailureKind.CAPTIVE_PORTAL) {
            throw new NetworkException(FailureKind.CAPTIVE_PORTAL, notOurs.get().reason());
        }
        if (status >= 200 && status < 300 && expect == null) {
            // A 204 (sign-out) has no body and no content type; nothing in it needs believing.
            return null;
        }
        if (notOurs.isPresent()) {
            if (status >= 400) {
                // An older server or a proxy answering in plain text: keep the status for the caller.
                throw new ReviewException(status, "HTTP " + status + " (" + (type.isEmpty() ? "no content type" : type) + ")");
            }
            throw new NetworkException(notOurs.get().kind(), notOurs.get().reason());
        }
        if (status >= 200 && status < 300) {
            if (expect == null) {
                return null;
            }
            try {
                T value = json.readValue(response.body(), expect);
                if (value == null) {
                    throw new ReviewException(0, "empty answer from the server");
                }
                return value;
            } catch (IOException e) {
                throw new ReviewException(0, "the server's answer was not valid JSON");
            }
        }
        Problem p;
        try {
            p = json.readValue(response.body(), Problem.class);
        } catch (IOException e) {
            p = null;
        }
        String reason = p == null || p.reason() == null ? "HTTP " + status : p.reason();
        throw new ReviewException(status, reason);
    }
}
