package org.dashdesk.sync;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import javax.net.ssl.SSLContext;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dashdesk.assessment.AssessmentJson;
import org.dashdesk.assessment.Revision;
import org.dashdesk.protocol.ChangesPage;
import org.dashdesk.protocol.Health;
import org.dashdesk.protocol.Problem;
import org.dashdesk.protocol.Protocol;
import org.dashdesk.protocol.Receipt;
import org.dashdesk.protocol.RevisionUpload;

/**
 * Speaks sync protocol v1 to one server over java.net.http. HTTPS trusts exactly the given
 * {@link SSLContext}: {@link #trusting} a configured certificate or trust store, or — the desktop's
 * choice when none is configured — the system's; plain HTTP only with the development flag
 * and only to a loopback address. Every answer is checked before it is believed: a 200 that is
 * not our JSON, or a receipt for another record, is a failure, never a success.
 */
public final class SyncClient {

    /**
     * @param ssl             trust for HTTPS; null only with {@code devInsecureHttp}
     * @param requestTimeout  how long one request may take end to end
     */
    public record Settings(URI server, String token, SSLContext ssl, boolean devInsecureHttp, Duration connectTimeout,
            Duration requestTimeout) {

        public static Settings devHttp(URI server, String token) {
            return new Settings(server, token, null, true, Duration.ofSeconds(5), Duration.ofSeconds(30));
        }

        public static Settings https(URI server, String token, SSLContext ssl) {
            return new Settings(server, token, ssl, false, Duration.ofSeconds(5), Duration.ofSeconds(30));
        }

        public Settings withTimeouts(Duration connect, Duration request) {
            return new Settings(server, token, ssl, devInsecureHttp, connect, request);
        }
    }

    private final ObjectMapper json = AssessmentJson.mapper();
    private final Settings settings;
    private final HttpClient http;
    private final URI base;

    public SyncClient(Settings settings) {
        this.settings = settings;
        URI server = settings.server();
        String scheme = server.getScheme() == null ? "" : server.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("http")) {
            if (!settings.devInsecureHttp()) {
                throw new IllegalArgumentException("server " + server + ": plain http is only allowed with --dev-insecure-http");
            }
            if (!isLoopback(server.getHost())) {
                throw new IllegalArgumentException("server " + server + ": plain http is only allowed to this computer (loopback)");
            }
        } else if (!scheme.equals("https")) {
            throw new IllegalArgumentException("server " + server + ": the address must start with https://");
        } else if (settings.ssl() == null) {
            throw new IllegalArgumentException("server " + server + ": https needs a trusted certificate or trust store");
        }
        if (settings.token() == null || settings.token().isBlank()) {
            throw new IllegalArgumentException("no sign-in token for " + server);
        }
        this.base = base(server);
        this.http = httpClient(settings);
    }

    /** The server's address without a trailing slash, so paths can be appended. */
    static URI base(URI server) {
        String text = server.toString();
        return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }

    /** HTTP/1.1, the settings' connect timeout and TLS context, never following a redirect (a portal's or anyone's). */
    static HttpClient httpClient(Settings settings) {
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout()).followRedirects(HttpClient.Redirect.NEVER);
        if (settings.ssl() != null) {
            b.sslContext(settings.ssl());
        }
        return b.build();
    }

    private static boolean isLoopback(String host) {
        return org.dashdesk.protocol.Loopback.isLoopbackHost(host);
    }

    /**
     * Trust exactly what the file holds: a PKCS12 trust store ({@code .p12}, {@code .pfx}) or one or
     * more X.509 certificates (PEM or DER) — pinning the server's own certificate is the simplest.
     */
    public static SSLContext trusting(Path file, char[] storePassword) {
        return org.dashdesk.security.TrustFiles.trusting(file, storePassword);
    }

    public URI server() {
        return base;
    }

    /** Sends one revision and judges the answer. Never throws for network or server trouble. */
    public PushResult push(String deviceId, long deviceSeq, Revision revision) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(new RevisionUpload(Protocol.VERSION, deviceId, deviceSeq, revision));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("revision cannot be serialised", e);
        }
        HttpRequest request = request(Protocol.revisionPath(revision.assessmentId(), revision.revisionId()))
                .header("Content-Type", Protocol.JSON).PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            return Transport.classify(e, base);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new PushResult.Failed(FailureKind.INTERRUPTED, "interrupted while sending");
        }
        int status = response.statusCode();
        if (status == 200 || status == 201) {
            Optional<PushResult.Failed> notOurs = Transport.notProtocolJson(response);
            if (notOurs.isPresent()) {
                return new PushResult.Failed(notOurs.get().kind(), notOurs.get().reason() + "; not counted as sent");
            }
            Receipt receipt;
            try {
                receipt = json.readValue(response.body(), Receipt.class);
            } catch (IOException e) {
                return new PushResult.Failed(FailureKind.NOT_OURS, "the server's receipt was not valid JSON");
            }
            if (receipt == null || !receipt.confirms(revision.assessmentId(), revision.revisionId(), revision.contentHash())) {
                return new PushResult.Failed(FailureKind.NOT_OURS, "the server sent a receipt for another record; not counted as sent");
            }
            return new PushResult.Stored(receipt);
        }
        if (status >= 300 && status < 400) {
            return Transport.notProtocolJson(response).orElseThrow();
        }
        Problem problem = problem(response);
        return switch (status) {
            case 401 -> new PushResult.SignInNeeded("the server did not accept the sign-in ("
                    + (problem == null ? "HTTP " + status : problem.reason()) + "); sign in again");
            // Not a sign-in problem: this user may not upload this record, whoever signs in again as them.
            case 403 -> new PushResult.Forbidden(problem == null ? "the server does not allow this user to send this record (HTTP 403)"
                    : problem.reason());
            case 409 -> problem == null
                    ? new PushResult.Failed(FailureKind.NOT_OURS, "HTTP 409 without an explanation from the server")
                    : new PushResult.Conflict(problem.reason(), problem.head());
            case 422 -> problem == null
                    ? new PushResult.Failed(FailureKind.NOT_OURS, "HTTP 422 without an explanation from the server")
                    : new PushResult.Refused((problem.field() == null ? "" : problem.field() + ": ") + problem.reason());
            case 413 -> new PushResult.Refused("the revision is larger than the server accepts");
            default -> status >= 500
                    ? new PushResult.Failed(FailureKind.SERVER_ERROR, "the server had a problem (HTTP " + status + ")"
                            + (problem == null ? "" : ": " + problem.reason()))
                    : new PushResult.Failed(FailureKind.CLIENT_ERROR, "unexpected answer HTTP " + status
                            + (problem == null ? "" : ": " + problem.reason()));
        };
    }

    /** A page of central changes after {@code cursor}, or why it could not be fetched. */
    public Result<ChangesPage> changes(String cursor) {
        String path = Protocol.CHANGES + "?since=" + URLEncoder.encode(cursor == null ? "0" : cursor, StandardCharsets.UTF_8);
        return get(path, ChangesPage.class);
    }

    /** The server's published receipt-signing keys, oldest first. */
    public Result<org.dashdesk.protocol.ReceiptKey.Published> receiptKeys() {
        return get(Protocol.RECEIPT_KEYS, org.dashdesk.protocol.ReceiptKey.Published.class);
    }

    /** True when the server answers its health check with protocol v1. */
    public boolean reachable() {
        return health().value() != null;
    }

    /** The server's health answer when it is up and speaks protocol v1; otherwise why not. */
    public Result<Health> health() {
        Result<Health> r = get(Protocol.HEALTH, Health.class);
        if (r.value() != null && !("ok".equals(r.value().status()) && r.value().protocol() == Protocol.VERSION)) {
            return new Result<>(null, "the server is not ready (" + r.value().status() + ", protocol " + r.value().protocol() + ")",
                    false, FailureKind.SERVER_ERROR);
        }
        return r;
    }

    /**
     * A value, or the problem in words (and whether signing in again would help).
     *
     * @param kind what went wrong, null with a value
     */
    public record Result<T>(T value, String problem, boolean signInNeeded, FailureKind kind) {

        public Result(T value, String problem, boolean signInNeeded) {
            this(value, problem, signInNeeded, value == null ? FailureKind.NOT_OURS : null);
        }
    }

    private <T> Result<T> get(String path, Class<T> type) {
        HttpResponse<byte[]> response;
        try {
            response = http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            PushResult.Failed f = Transport.classify(e, base);
            return new Result<>(null, f.reason(), false, f.kind());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result<>(null, "interrupted", false, FailureKind.INTERRUPTED);
        }
        int status = response.statusCode();
        if (status == 401) {
            return new Result<>(null, "the server did not accept the sign-in; sign in again", true, FailureKind.CLIENT_ERROR);
        }
        if (status == 403) {
            Problem p = problem(response);
            return new Result<>(null, "the server does not allow this" + (p == null ? " (HTTP 403)" : ": " + p.reason()), false,
                    FailureKind.CLIENT_ERROR);
        }
        Optional<PushResult.Failed> notOurs = Transport.notProtocolJson(response);
        if (status != 200) {
            if (notOurs.isPresent() && (notOurs.get().kind() == FailureKind.CAPTIVE_PORTAL)) {
                return new Result<>(null, notOurs.get().reason(), false, notOurs.get().kind());
            }
            Problem p = problem(response);
            return new Result<>(null, (status >= 500 ? "the server had a problem (HTTP " + status + ")" : "HTTP " + status)
                    + (p == null ? "" : ": " + p.reason()), false, status >= 500 ? FailureKind.SERVER_ERROR : FailureKind.CLIENT_ERROR);
        }
        if (notOurs.isPresent()) {
            return new Result<>(null, notOurs.get().reason(), false, notOurs.get().kind());
        }
        try {
            T value = json.readValue(response.body(), type);
            return value == null ? new Result<>(null, "empty answer from the server", false, FailureKind.NOT_OURS)
                    : new Result<>(value, null, false, null);
        } catch (IOException e) {
            return new Result<>(null, "the server's answer was not valid JSON", false, FailureKind.NOT_OURS);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(settings.requestTimeout())
                .header("Authorization", "Bearer " + settings.token()).header("Accept", Protocol.JSON);
    }

    private Problem problem(HttpResponse<byte[]> response) {
        if (Transport.notProtocolJson(response).isPresent()) {
            return null;
        }
        try {
            Problem p = json.readValue(response.body(), Problem.class);
            return p == null || p.reason() == null ? null : p;
        } catch (IOException e) {
            return null;
        }
    }
}
