package org.dashdesk.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.dashdesk.assessment.AssessmentJson;
import org.dashdesk.assessment.AssessmentState;
import org.dashdesk.assessment.Lifecycle;
import org.dashdesk.assessment.StoreException;
import org.dashdesk.grading.GradingPolicy;
import org.dashdesk.grading.PolicyRegistry;
import org.dashdesk.instrument.PackRegistry;
import org.dashdesk.protocol.Health;
import org.dashdesk.protocol.Problem;
import org.dashdesk.protocol.Protocol;
import org.dashdesk.protocol.RevisionUpload;

/**
 * The reference server: sync protocol v1 over the JDK's HTTP server. HTTPS with a PKCS12
 * keystore; plain HTTP only for development on a loopback address. A bounded thread pool and a
 * bounded request body keep one misbehaving client from exhausting the server.
 */
public final class ReferenceServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ReferenceServer.class.getName());
    private static final Pattern REVISION = Pattern.compile(
            "/api/v1/assessments/([0-9a-fA-F-]{36})/revisions/([0-9a-fA-F-]{36})");
    private static final Pattern EVENTS = Pattern.compile("/api/v1/assessments/([0-9a-fA-F-]{36})/events");
    private static final int CHANGES_PAGE = 500;

    private static final ObjectMapper JSON = AssessmentJson.mapper();
    private final HttpServer http;
    private final ThreadPoolExecutor executor;
    private final ServerStore store;
    private final RevisionValidator validator;
    private final Clock clock;
    private final boolean tls;
    private final ServerAccounts accounts;
    private final ReviewRoutes routes;

    private ReferenceServer(HttpServer http, ThreadPoolExecutor executor, ServerStore store, RevisionValidator validator,
            Clock clock, boolean tls, ServerPolicy policy) {
        this.http = http;
        this.executor = executor;
        this.store = store;
        this.validator = validator;
        this.clock = clock;
        this.tls = tls;
        this.accounts = new ServerAccounts(store, policy);
        this.routes = new ReviewRoutes(accounts, new ServerReview(store, policy), clock);
    }

    /**
     * Opens the store and starts listening.
     *
     * @throws IllegalArgumentException for a configuration that must not run (plain HTTP off loopback,
     *                                  no keystore)
     */
    public static ReferenceServer start(ServerConfig config) throws IOException {
        return start(config, ServerPolicy.defaults(), Clock.systemUTC());
    }

    public static ReferenceServer start(ServerConfig config, PackRegistry packs, List<GradingPolicy> policies, Clock clock)
            throws IOException {
        return start(config, packs, policies, clock, ServerPolicy.defaults());
    }

    public static ReferenceServer start(ServerConfig config, ServerPolicy policy, Clock clock) throws IOException {
        // Every loaded policy, so each revision is regraded with the id and version it names.
        PolicyRegistry policies = PolicyRegistry.builtIn();
        return start(config, policies.packs(), List.copyOf(policies.all()), clock, policy);
    }

    public static ReferenceServer start(ServerConfig config, PackRegistry packs, List<GradingPolicy> policies, Clock clock,
            ServerPolicy policy) throws IOException {
        // Without TCP_NODELAY every small reply waits ~40 ms for Nagle and delayed ACK: 21 requests/s.
        // The JDK server reads this property once, when its first instance is created.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        if (config.devInsecureHttp() && !config.bindAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("--dev-insecure-http is only allowed on a loopback address, not "
                    + config.bindAddress().getHostAddress());
        }
        if (!config.devInsecureHttp() && config.keystore() == null) {
            throw new IllegalArgumentException("HTTPS needs --keystore (PKCS12) and --keystore-password-file;"
                    + " plain HTTP needs --dev-insecure-http");
        }
        SSLContext ssl = config.devInsecureHttp() ? null : sslContext(config);
        if (config.jdbcUrl() == null) {
            Files.createDirectories(config.dataDir());
        }
        ServerStore store = ServerStore.open(config.effectiveJdbcUrl(), config.jdbcUser(), config.jdbcPassword(),
                config.threads());
        InetSocketAddress address = new InetSocketAddress(config.bindAddress(), config.port());
        HttpServer http;
        try {
            if (ssl == null) {
                http = HttpServer.create(address, 128);
            } else {
                HttpsServer https = HttpsServer.create(address, 128);
                https.setHttpsConfigurator(new HttpsConfigurator(ssl));
                http = https;
            }
        } catch (IOException e) {
            store.close();
            throw e;
        }
        AtomicInteger n = new AtomicInteger();
        // Caller-runs pushes back on the accepting thread when the queue is full instead of failing requests.
        ThreadPoolExecutor executor = new ThreadPoolExecutor(config.threads(), config.threads(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(256), r -> {
                    Thread t = new Thread(r, "dashdesk-server-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        ReferenceServer server = new ReferenceServer(http, executor, store, new RevisionValidator(packs, policies), clock,
                ssl != null, policy);
        http.createContext("/", server::handle);
        http.setExecutor(executor);
        http.start();
        return server;
    }

    private static SSLContext sslContext(ServerConfig config) throws IOException {
        try (InputStream in = Files.newInputStream(config.keystore())) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, config.keystorePassword());
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, config.keystorePassword());
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("keystore " + config.keystore() + " cannot be used: " + e.getMessage(), e);
        }
    }

    public int port() {
        return http.getAddress().getPort();
    }

    /** The base address clients use, e.g. {@code https://127.0.0.1:8443}. */
    public URI uri() {
        return URI.create((tls ? "https" : "http") + "://" + http.getAddress().getAddress().getHostAddress() + ":" + port());
    }

    /** Issues a development bearer token for a collar number, valid 12 hours; only the token's hash is stored. */
    public String issueToken(String collar, String role) {
        return issueToken(collar, role, "");
    }

    /** Issues a development token in a team (for a supervisor's or officer's team-scoped queues). */
    public String issueToken(String collar, String role, String team) {
        return issueToken(collar, role, team, ServerTokens.DEFAULT_VALIDITY);
    }

    public String issueToken(String collar, String role, String team, java.time.Duration validity) {
        Principal.role(role);
        return store.issueToken(collar, role, team, clock.instant(), validity);
    }

    /**
     * Adds a user account (the server is the source of truth for users, roles and teams).
     *
     * @throws IllegalArgumentException when the username or collar is taken, or the password is too short
     */
    public void addUser(org.dashdesk.security.UserAccount user, char[] password) {
        accounts.add(user, password, clock.instant());
    }

    /** How many copies of this revision the server holds: 0 or 1, never more. */
    public int copies(UUID assessmentId, UUID revisionId) {
        return store.copies(assessmentId, revisionId);
    }

    public long revisionCount() {
        return store.revisionCount();
    }

    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close();
    }

    private void handle(HttpExchange ex) {
        try (ex) {
            try {
                route(ex);
            } catch (Refusal e) {
                send(ex, e.status(), e.problem());
            } catch (TooLarge e) {
                send(ex, 413, Problem.of("too_large", "request body larger than " + Protocol.MAX_BODY_BYTES + " bytes"));
            } catch (StoreException e) {
                LOG.log(Level.WARNING, "storage failure", e);
                send(ex, 503, Problem.of("server_error", "the server's database is unavailable; try again later"));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "request failed", e);
                send(ex, 500, Problem.of("server_error", "internal error; try again later"));
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "client went away", e);
        }
    }

    private void route(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String method = ex.getRequestMethod();
        if (path.equals(Protocol.HEALTH)) {
            if (!method.equals("GET")) {
                send(ex, 405, Problem.of("method_not_allowed", "use GET"));
                return;
            }
            send(ex, 200, new Health("ok", Protocol.VERSION));
            return;
        }
        if (path.equals(Protocol.SESSIONS)) {
            routes.signIn(ex);
            return;
        }
        String tokenHash = bearerHash(ex);
        Optional<Principal> who = tokenHash == null ? Optional.empty() : store.principal(tokenHash, clock.instant());
        if (who.isEmpty()) {
            ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"dashdesk\"");
            send(ex, 401, Problem.of("unauthorized", "missing, unknown, expired or revoked bearer token; sign in again"));
            return;
        }
        Matcher m = REVISION.matcher(path);
        if (m.matches() && !method.equals("GET")) {
            if (!method.equals("PUT")) {
                send(ex, 405, Problem.of("method_not_allowed", "use PUT"));
                return;
            }
            putRevision(ex, who.get(), uuid(m.group(1)), uuid(m.group(2)));
            return;
        }
        if (EVENTS.matcher(path).matches()) {
            // Retired (decision 0071): it moved cases with no team, owner, head or signature checks.
            // 410 rather than 404 so an old client, or whoever reads its log, learns what to use instead.
            send(ex, 410, Problem.of("gone", "the events endpoint is retired; supervisors decide through"
                    + " POST /api/v1/assessments/{a}/revisions/{r}/approval (with the supervisor's password), /return"
                    + " (with comments) or /raise (with a rationale)"));
            return;
        }
        if (path.equals(Protocol.CHANGES)) {
            if (!method.equals("GET")) {
                send(ex, 405, Problem.of("method_not_allowed", "use GET"));
                return;
            }
            getChanges(ex, who.get());
            return;
        }
        if (routes.handle(ex, who.get(), tokenHash)) {
            return;
        }
        send(ex, 404, Problem.of("not_found", "no such resource in protocol v" + Protocol.VERSION + ": " + path));
    }

    private void putRevision(HttpExchange ex, Principal who, UUID assessmentId, UUID revisionId) throws IOException {
        if (assessmentId == null || revisionId == null) {
            send(ex, 422, new Problem("invalid", "assessment and revision ids in the address must be UUIDs", "path", null));
            return;
        }
        byte[] body = readBody(ex);
        RevisionUpload upload;
        try {
            upload = JSON.readValue(body, RevisionUpload.class);
        } catch (JsonProcessingException e) {
            send(ex, 422, new Problem("invalid", "malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr(), "$", null));
            return;
        } catch (IOException e) {
            send(ex, 422, new Problem("invalid", "malformed request body", "$", null));
            return;
        }
        if (upload == null) {
            send(ex, 422, new Problem("invalid", "empty request body", "$", null));
            return;
        }
        // A replay first (decision 0033): a revision the server already holds gets its original receipt
        // even if the pack/policy set or the uploader's role changed since — else a lost receipt would make
        // the client quarantine a record the server stores. Only to its uploader or its officer.
        if (upload.revision() != null && upload.revision().contentHash() != null) {
            Optional<org.dashdesk.protocol.Receipt> original = store.replay(assessmentId, revisionId,
                    upload.revision().contentHash(), who.collar());
            if (original.isPresent()) {
                send(ex, 200, original.get());
                return;
            }
        }
        if (!who.has(org.dashdesk.security.Role.OFFICER) && !who.has(org.dashdesk.security.Role.IMU)) {
            send(ex, 403, Problem.of("forbidden", "only officers and IMU staff upload assessments"));
            return;
        }
        // IMU staff record assessments on other officers' behalf (phone-in, migration of paper sheets):
        // they may upload a revision naming another officer; everyone else only their own (decision 0033).
        if (upload.revision() != null && upload.revision().createdBy() != null && !upload.revision().createdBy().equals(who.collar())
                && !who.has(org.dashdesk.security.Role.IMU)) {
            send(ex, 403, Problem.of("forbidden", "this revision was made by collar " + upload.revision().createdBy()
                    + " and collar " + who.collar() + " is signed in: a revision is uploaded by the officer who made it,"
                    + " or by IMU staff on their behalf"));
            return;
        }
        Optional<RevisionValidator.Refusal> refusal = validator.check(assessmentId, revisionId, upload);
        if (refusal.isPresent()) {
            send(ex, 422, new Problem("invalid", refusal.get().reason(), refusal.get().field(), null));
            return;
        }
        String routed = Lifecycle.next(AssessmentState.SUBMITTED, Lifecycle.routeFor(upload.revision().grading().level())).name();
        PutOutcome outcome = store.put(upload, who, routed, clock.instant());
        if (outcome instanceof PutOutcome.Stored s) {
            send(ex, s.replay() ? 200 : 201, s.receipt());
        } else if (outcome instanceof PutOutcome.IdTaken t) {
            send(ex, 409, new Problem("conflict", t.reason(), "revision.contentHash", null));
        } else if (outcome instanceof PutOutcome.NotHead h) {
            send(ex, 409, new Problem("conflict", h.reason(), "revision.baseRevisionId", h.head()));
        } else if (outcome instanceof PutOutcome.Forbidden f) {
            send(ex, 403, Problem.of("forbidden", f.reason()));
        } else if (outcome instanceof PutOutcome.Invalid i) {
            send(ex, 422, new Problem("invalid", i.reason(), i.field(), null));
        }
    }

    private void getChanges(HttpExchange ex, Principal who) throws IOException {
        long since = 0;
        String query = ex.getRequestURI().getRawQuery();
        if (query != null) {
            for (String part : query.split("&")) {
                if (part.startsWith("since=")) {
                    try {
                        since = Long.parseLong(part.substring("since=".length()));
                    } catch (NumberFormatException e) {
                        send(ex, 422, new Problem("invalid", "since must be a cursor this server returned", "since", null));
                        return;
                    }
                }
            }
        }
        send(ex, 200, store.changes(since, who, CHANGES_PAGE));
    }

    /** The stored form (SHA-256) of the request's bearer token, or null without one. */
    private static String bearerHash(HttpExchange ex) {
        String header = ex.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = header.substring(7).strip();
        return token.isEmpty() ? null : ServerStore.tokenHash(token);
    }

    private static UUID uuid(String s) {
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    static byte[] readBody(HttpExchange ex) throws IOException {
        String length = ex.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.strip()) > Protocol.MAX_BODY_BYTES) {
                    throw new TooLarge();
                }
            } catch (NumberFormatException e) {
                // the server's own parser rejects a bad length before we get here
            }
        }
        byte[] body = ex.getRequestBody().readNBytes(Protocol.MAX_BODY_BYTES + 1);
        if (body.length > Protocol.MAX_BODY_BYTES) {
            throw new TooLarge();
        }
        return body;
    }

    static void send(HttpExchange ex, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", Protocol.JSON + "; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
