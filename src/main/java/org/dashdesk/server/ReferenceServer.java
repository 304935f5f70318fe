package org.dashdesk.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
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
import org.dashdesk.security.Role;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.MinimumDataRateHandler;
import org.eclipse.jetty.util.ssl.KeyStoreScanner;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The reference server: sync protocol v1 on Javalin 7 / Jetty 12 (decision 0130). HTTPS with a
 * PKCS12 keystore (TLS 1.2+, forward-secret AEAD suites only, HSTS); plain HTTP only for
 * development on a loopback address. Jetty reads requests asynchronously, so an idle or slow client
 * costs a connection until the idle timeout, never a worker thread; the body size is checked
 * from its declared length before any of it is read. Every route is declared in
 * {@link #routeTable}, the API's index; handlers are thin and the rules live in
 * {@link ServerReview}, {@link ServerAccounts} and {@link RevisionValidator}.
 */
public final class ReferenceServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ReferenceServer.class.getName());
    /** The readiness probe's path: 200 only when the database answers (decision 0133). */
    public static final String READY = Protocol.BASE + "/ready";
    /** Prometheus metrics: loopback, or with the configured metrics token (decision 0133). */
    public static final String METRICS = "/metrics";
    /** One year; the desk never talks plain HTTP to a production server. */
    static final long HSTS_SECONDS = 31_536_000L;
    /**
     * TLS 1.2 suites with forward secrecy (ECDHE/DHE) and AEAD (GCM, ChaCha20-Poly1305) only; TLS 1.3's
     * suites all qualify. No CBC, no static RSA key exchange, no SHA-1 MAC (decision 0130).
     */
    static final String[] SUITES = {
        "TLS_AES_.*", "TLS_CHACHA20_POLY1305_SHA256",
        "TLS_ECDHE_(ECDSA|RSA)_WITH_AES_(128|256)_GCM_SHA(256|384)",
        "TLS_ECDHE_(ECDSA|RSA)_WITH_CHACHA20_POLY1305_SHA256",
        "TLS_DHE_RSA_WITH_AES_(128|256)_GCM_SHA(256|384)",
        "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256"};
    /** Far below any real link (GPRS manages ~5 KB/s); a trickling body is cut off below it. */
    static final long MIN_BODY_BYTES_PER_SECOND = 1024;
    /** How often the keystore file is checked for a replacement; tests shorten it. */
    static volatile int keystoreScanSeconds = 60;
    private static final String START = "dashdesk.start";
    private static final String WHO = "dashdesk.principal";
    private static final String TOKEN = "dashdesk.token";
    private static final int CHANGES_PAGE = 500;

    private final ServerStore store;
    private final RevisionValidator validator;
    private final Clock clock;
    private final boolean tls;
    private final ServerConfig config;
    private final ServerAccounts accounts;
    private final ReviewRoutes routes;
    private final ReportRoutes reportRoutes;
    private final DocumentRoutes documentRoutes;
    private final ServerHistory history;
    private final ServerLinks links;
    private final ServerMetrics metrics = new ServerMetrics();
    private final AtomicReference<ServerConnector> connector = new AtomicReference<>();
    private final ReceiptKeys receiptKeys;
    private final java.util.concurrent.ScheduledExecutorService hourly;
    private Javalin app;

    private ReferenceServer(ServerConfig config, ServerStore store, RevisionValidator validator, Clock clock, ServerPolicy policy,
            ReceiptKeys receiptKeys) {
        this.config = config;
        this.store = store;
        this.receiptKeys = receiptKeys;
        this.hourly = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dashdesk-audit-checkpoint");
            t.setDaemon(true);
            return t;
        });
        this.validator = validator;
        this.clock = clock;
        this.tls = !config.devInsecureHttp();
        this.accounts = new ServerAccounts(store, policy);
        ServerReview review = new ServerReview(store, policy);
        this.documentRoutes = new DocumentRoutes(review, validator, clock);
        this.history = new ServerHistory(store);
        this.links = new ServerLinks(store);
        store.afterHead(new HistoryAfterSubmission(g -> validator.engine(g.policyId(), g.policyVersion()))::check);
        this.routes = new ReviewRoutes(accounts, review, clock,
                new SignInThrottle(config.http().signInBurst(), config.http().signInPerMinute()));
        this.reportRoutes = new ReportRoutes(new ServerReports(store), clock);
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
        if (config.devInsecureHttp() && !config.bindAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("--dev-insecure-http is only allowed on a loopback address, not "
                    + config.bindAddress().getHostAddress());
        }
        if (!config.devInsecureHttp() && config.keystore() == null) {
            throw new IllegalArgumentException("HTTPS needs --keystore (PKCS12) and --keystore-password-file;"
                    + " plain HTTP needs --dev-insecure-http");
        }
        if (!config.devInsecureHttp()) {
            checkKeystore(config);
        }
        if (config.jdbcUrl() == null) {
            Files.createDirectories(config.dataDir());
        }
        Path evidence = config.effectiveEvidenceDir();
        if (evidence == null) {
            throw new IllegalArgumentException("with --jdbc-url the server needs --evidence-dir: its receipt-signing key and audit"
                    + " checkpoints are kept there (give every node a copy of the same folder's keys)");
        }
        ReceiptKeys keys;
        try {
            keys = ReceiptKeys.openOrCreate(evidence, clock.instant());
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw new IOException("the receipt-signing keys cannot be used: " + e.getMessage(), e);
        }
        ServerStore store = ServerStore.open(config.effectiveJdbcUrl(), config.jdbcUser(), config.jdbcPassword(),
                config.threads());
        store.useNotary(new AuditLedger.Notary(keys, evidence.resolve(AuditLedger.CHECKPOINT_FOLDER)));
        ReferenceServer server = new ReferenceServer(config, store, new RevisionValidator(packs, policies), clock, policy, keys);
        // The hourly checkpoint: a quiet hour still leaves a signed record of where the log stood.
        server.hourly.scheduleWithFixedDelay(server::hourlyCheckpoint, 5, 5, java.util.concurrent.TimeUnit.MINUTES);
        try {
            server.app = Javalin.create(server::configure);
            server.app.start();
            server.metrics.bindThreadPool(server.app.jettyServer().threadPool());
            server.metrics.bindPool(store.hikari());
        } catch (RuntimeException e) {
            server.close();
            throw new IOException("the server could not listen on " + config.bindAddress().getHostAddress() + ":" + config.port()
                    + ": " + e.getClass().getSimpleName(), e);
        }
        return server;
    }

    private void configure(JavalinConfig cfg) {
        cfg.startup.showJavalinBanner = false;
        cfg.startup.showOldJavalinVersionWarning = false;
        cfg.http.maxRequestSize = Protocol.MAX_BODY_BYTES;
        cfg.http.prefer405over404 = true;
        cfg.router.ignoreTrailingSlashes = false;
        cfg.jetty.host = config.bindAddress().getHostAddress();
        cfg.jetty.port = config.port();
        // Bounded threads: a flood queues instead of growing threads without end (Jetty wants its job
        // queue unbounded; what it queues is bounded by connections, which the idle timeout bounds).
        // Jetty takes a few threads for accepting and selecting, so handlers still get `threads`.
        QueuedThreadPool pool = new QueuedThreadPool(config.threads() + 8, Math.min(4, config.threads()), 60_000);
        pool.setName("dashdesk-http");
        pool.setDaemon(true);
        cfg.jetty.threadPool = pool;
        cfg.jetty.modifyHttpConfiguration(this::httpConfiguration);
        cfg.jetty.addConnector(this::connector);
        cfg.jetty.modifyServer(server -> {
            server.setErrorHandler(new JsonErrorHandler());
            // Headers are read without a thread; a body is read by the handler's thread. Only sign-in
            // reads a body before the token check (and is throttled per address), and a body trickled
            // slower than this is cut off instead of holding the thread until the idle timeout.
            server.setHandler(new MinimumDataRateHandler(MIN_BODY_BYTES_PER_SECOND, 0));
        });
        routeTable(cfg.routes);
    }

    private void httpConfiguration(HttpConfiguration hc) {
        hc.setRequestHeaderSize(config.http().maxHeaderBytes());
        hc.setSendServerVersion(false);
        hc.setSendXPoweredBy(false);
        hc.setIdleTimeout(config.http().idleTimeout().toMillis());
        if (config.http().trustForwardedHeaders()) {
            // Behind a load balancer the client's address is in X-Forwarded-For; without this every
            // sign-in would share the balancer's bucket (decision 0132).
            hc.addCustomizer(new ForwardedRequestCustomizer());
        }
        if (tls) {
            // HSTS on every HTTPS answer, Jetty's own errors too. No SNI host check: the desk may
            // address the server by IP, and the certificate is pinned by the desk anyway.
            hc.addCustomizer(new SecureRequestCustomizer(false, false, HSTS_SECONDS, false));
        }
    }

    private ServerConnector connector(Server server, HttpConfiguration hc) {
        ServerConnector c;
        if (tls) {
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStorePath(config.keystore().toAbsolutePath().toString());
            ssl.setKeyStoreType("PKCS12");
            ssl.setKeyStorePassword(new String(config.keystorePassword()));
            ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
            ssl.setIncludeCipherSuites(SUITES);
            ssl.setRenegotiationAllowed(false);
            c = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(hc));
            // Certificate rotation without a restart: a replaced keystore file (same password) is
            // reloaded within a minute; connections already open keep their session.
            KeyStoreScanner scanner = new KeyStoreScanner(ssl);
            scanner.setScanInterval(keystoreScanSeconds);
            server.addBean(scanner);
        } else {
            c = new ServerConnector(server, new HttpConnectionFactory(hc));
        }
        c.setHost(config.bindAddress().getHostAddress());
        c.setPort(config.port());
        c.setIdleTimeout(config.http().idleTimeout().toMillis());
        c.setAcceptQueueSize(1024);
        connector.set(c);
        return c;
    }

    /** Every route of protocol v1, in one place: this method is the API's index (see protocol.md). */
    private void routeTable(RoutesConfig r) {
        r.before(this::beforeEach);
        r.after(this::afterEach);
        // Operations: no token. Health is liveness (no database); ready is for the load balancer.
        r.get(Protocol.HEALTH, ctx -> Exchange.send(ctx, 200, new Health("ok", Protocol.VERSION)));
        r.get(READY, this::ready);
        // Public keys only, like a certificate: a desk checks receipts against the key it pinned.
        r.get(Protocol.RECEIPT_KEYS, ctx -> Exchange.send(ctx, 200, receiptKeys.published()));
        r.get(METRICS, this::metrics);
        // Sessions: signing in needs no token, the password is the credential.
        r.post(Protocol.SESSIONS, routes::signIn);
        r.delete(Protocol.CURRENT_SESSION, ctx -> routes.signOut(ctx, who(ctx), ctx.attribute(TOKEN)));
        // Sync.
        r.put(REVISION, this::putRevision);
        r.get(Protocol.CHANGES, this::getChanges);
        r.post(ASSESSMENT + "/events", this::eventsGone);
        // Users (administrators).
        r.get(Protocol.USERS, ctx -> routes.listUsers(ctx, who(ctx)));
        r.post(Protocol.USERS, ctx -> routes.addUser(ctx, who(ctx)));
        // Review queues and decisions.
        r.get(Protocol.SIGN_OFF_QUEUE, ctx -> routes.signOffQueue(ctx, who(ctx)));
        r.get(Protocol.CRU_QUEUE, ctx -> routes.cruQueue(ctx, who(ctx)));
        r.get(Protocol.OVERDUE_ACTIONS, ctx -> routes.overdueActions(ctx, who(ctx)));
        r.get(REVISION, ctx -> routes.revision(ctx, who(ctx)));
        r.post(REVISION + "/approval", ctx -> routes.approve(ctx, who(ctx)));
        r.post(REVISION + "/return", ctx -> routes.returnToOfficer(ctx, who(ctx)));
        r.post(REVISION + "/raise", ctx -> routes.raise(ctx, who(ctx)));
        r.post(REVISION + "/cru-review", ctx -> routes.cruReview(ctx, who(ctx)));
        r.get(REVISION + "/marac-referral", ctx -> documentRoutes.maracReferral(ctx, who(ctx)));
        // One assessment's actions, MARAC referral and audit trail.
        r.get(ASSESSMENT + "/actions", ctx -> routes.actions(ctx, who(ctx)));
        r.post(ASSESSMENT + "/actions", ctx -> routes.addAction(ctx, who(ctx)));
        r.put(Protocol.BASE + "/actions/{action}", ctx -> routes.updateAction(ctx, who(ctx)));
        r.get(ASSESSMENT + "/marac", ctx -> routes.marac(ctx, who(ctx)));
        r.put(ASSESSMENT + "/marac", ctx -> routes.setMarac(ctx, who(ctx)));
        r.get(ASSESSMENT + "/audit", ctx -> routes.audit(ctx, who(ctx)));
        // Reports (supervisors for their team, CRU and analysts for the force; every run audited).
        // History at the scene (issue 12): earlier assessments about a person; role-limited, rate-limited, audited.
        r.post(Protocol.HISTORY_SEARCH, ctx -> Exchange.send(ctx, 200, history.search(who(ctx), Exchange.parse(ctx,
                org.dashdesk.history.HistoryRequests.Search.class), clock.instant())));
        // CRU's links between a victim's assessments (issue 12): suggested by the index, confirmed or rejected by a person.
        r.get(ASSESSMENT + "/links", ctx -> Exchange.send(ctx, 200, links.links(who(ctx), Exchange.uuid(ctx, "assessment"),
                clock.instant())));
        r.put(ASSESSMENT + "/links/{other}", ctx -> {
            Principal who = who(ctx);
            java.util.UUID id = Exchange.uuid(ctx, "assessment");
            links.decide(who, id, Exchange.uuid(ctx, "other"), Exchange.parse(ctx, org.dashdesk.history.HistoryRequests.LinkDecision.class),
                    clock.instant());
            Exchange.send(ctx, 200, links.links(who, id, clock.instant()));
        });
        r.get(Protocol.REPORTS, ctx -> reportRoutes.list(ctx, who(ctx)));
        r.get(Protocol.REPORTS + "/{report}", ctx -> reportRoutes.run(ctx, who(ctx)));

        r.exception(Refusal.class, (e, ctx) -> refuse(ctx, e));
        r.exception(HttpResponseException.class, (e, ctx) -> refuse(ctx, fromJavalin(ctx, e)));
        r.exception(StoreException.class, (e, ctx) -> {
            // The route pattern (our constant, never the raw path) and the exception's type and frames:
            // the formatter drops exception messages, which may quote SQL values from the request.
            LOG.log(Level.WARNING, "storage failure on " + ctx.method().name() + " " + route(ctx), e);
            refuse(ctx, new Refusal(503, Problem.of("server_error", "the server's database is unavailable; try again later")));
        });
        r.exception(Exception.class, (e, ctx) -> {
            // The route pattern and the exception's type and frames only: never the request's content.
            LOG.log(Level.WARNING, "request failed on " + ctx.method().name() + " " + route(ctx), e);
            refuse(ctx, new Refusal(500, Problem.of("server_error", "internal error; try again later")));
        });
    }

    static final String ASSESSMENT = Protocol.BASE + "/assessments/{assessment}";
    static final String REVISION = ASSESSMENT + "/revisions/{revision}";

    /** Size first (no body read, no database), then the bearer token for everything but the open routes. */
    private void beforeEach(Context ctx) {
        ctx.attribute(START, System.nanoTime());
        long declared = ctx.req().getContentLengthLong();
        if (declared > Protocol.MAX_BODY_BYTES) {
            throw Exchange.tooLarge();
        }
        String path = ctx.path();
        if (!path.startsWith(Protocol.BASE + "/") || path.equals(Protocol.HEALTH) || path.equals(READY)
                || path.equals(Protocol.SESSIONS) || path.equals(Protocol.RECEIPT_KEYS)) {
            return;
        }
        String tokenHash = Exchange.bearerHash(ctx);
        Optional<Principal> who = tokenHash == null ? Optional.empty() : store.principal(tokenHash, clock.instant());
        if (who.isEmpty()) {
            throw new Refusal(401, Problem.of("unauthorized", "missing, unknown, expired or revoked bearer token; sign in again"));
        }
        ctx.attribute(WHO, who.get());
        ctx.attribute(TOKEN, tokenHash);
    }

    private void afterEach(Context ctx) {
        Long start = ctx.attribute(START);
        if (start != null) {
            metrics.request(ctx.method().name(), route(ctx), ctx.statusCode(), System.nanoTime() - start);
        }
    }

    /** The matched route pattern (ids as {@code {assessment}}), or "unmatched": never the raw path. */
    private static String route(Context ctx) {
        try {
            io.javalin.router.Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
            return matched == null ? "unmatched" : matched.path;
        } catch (RuntimeException e) {
            return "unmatched";
        }
    }

    private static Principal who(Context ctx) {
        Principal who = ctx.attribute(WHO);
        if (who == null) {
            throw new Refusal(401, Problem.of("unauthorized", "missing, unknown, expired or revoked bearer token; sign in again"));
        }
        return who;
    }

    private static void refuse(Context ctx, Refusal e) {
        if (e.status() == 401) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"dashdesk\"");
        }
        if (e.status() == 429 && e.retryAfterSeconds() > 0) {
            ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
        }
        try {
            Exchange.send(ctx, e.status(), e.problem());
        } catch (IOException io) {
            LOG.log(Level.FINE, "client went away", io);
        }
    }

    private static Refusal fromJavalin(Context ctx, HttpResponseException e) {
        return switch (e.getStatus()) {
            case 404 -> Refusal.notFound("no such resource in protocol v" + Protocol.VERSION + ": " + ctx.path());
            case 405 -> new Refusal(405, Problem.of("method_not_allowed", "this method is not allowed on " + ctx.path()));
            case 413 -> Exchange.tooLarge();
            default -> new Refusal(e.getStatus(), Problem.of(e.getStatus() < 500 ? "invalid" : "server_error",
                    e.getStatus() < 500 ? "the request cannot be handled" : "internal error; try again later"));
        };
    }

    private void ready(Context ctx) throws IOException {
        if (!store.ready()) {
            LOG.warning("not ready: the database does not answer or a migration is pending");
            Exchange.send(ctx, 503, Problem.of("not_ready", "the database is unreachable or its schema is not current"));
            return;
        }
        Exchange.send(ctx, 200, new Health("ready", Protocol.VERSION));
    }

    private void metrics(Context ctx) {
        String token = config.http().metricsToken();
        boolean allowed = isLoopback(ctx.req().getRemoteAddr());
        if (!allowed && token != null) {
            String header = ctx.header("Authorization");
            allowed = header != null && java.security.MessageDigest.isEqual(("Bearer " + token).getBytes(StandardCharsets.UTF_8),
                    header.strip().getBytes(StandardCharsets.UTF_8));
        }
        if (!allowed) {
            throw Refusal.forbidden("metrics are served to loopback, or with the metrics token");
        }
        ctx.status(200);
        ctx.header("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
        ctx.header("Cache-Control", "no-store");
        ctx.result(metrics.scrape());
    }

    private static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    private static void checkKeystore(ServerConfig config) throws IOException {
        try (InputStream in = Files.newInputStream(config.keystore())) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, config.keystorePassword());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("keystore " + config.keystore() + " cannot be used: " + e.getMessage(), e);
        }
    }

    public int port() {
        ServerConnector c = connector.get();
        return c == null ? config.port() : c.getLocalPort();
    }

    /** The base address clients use, e.g. {@code https://127.0.0.1:8443}. */
    public URI uri() {
        return URI.create((tls ? "https" : "http") + "://" + config.bindAddress().getHostAddress() + ":" + port());
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

    /** The audit rows of report runs ("actor role: what"), oldest first: for operators' checks and tests. */
    List<String> reportRunAudit() {
        return store.transaction(c -> {
            List<String> out = new java.util.ArrayList<>();
            try (java.sql.PreparedStatement q = c.prepareStatement(
                    "SELECT actor, role, what FROM srv_audit WHERE assessment_id = ? ORDER BY seq")) {
                q.setObject(1, ServerReports.FORCE_WIDE);
                try (java.sql.ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1) + " " + rs.getString(2) + ": " + rs.getString(3));
                    }
                }
            }
            return out;
        });
    }

    private void hourlyCheckpoint() {
        try {
            store.checkpointIfStale(clock.instant(), java.time.Duration.ofHours(1));
        } catch (RuntimeException e) {
            LOG.warning("hourly audit checkpoint failed: " + e.getClass().getSimpleName());
        }
    }

    /** The first receipt key (Base64), as IT puts it in a desk's settings file ({@code central.receipt.key}). */
    public String pinnedReceiptKey() {
        return receiptKeys.published().keys().get(0).publicKey();
    }

    /** The receipt key's id and fingerprint, for the start-up line an operator reads to a desk's set-up. */
    public String receiptKeyWords() {
        return "receipt key " + receiptKeys.currentKeyId() + ", fingerprint " + receiptKeys.currentFingerprint();
    }

    @Override
    public void close() {
        hourly.shutdownNow();
        if (app != null) {
            app.stop();
        }
        metrics.close();
        store.close();
    }

    private void eventsGone(Context ctx) {
        // Retired (decision 0071): it moved cases with no team, owner, head or signature checks.
        // 410 rather than 404 so an old client, or whoever reads its log, learns what to use instead.
        throw new Refusal(410, Problem.of("gone", "the events endpoint is retired; supervisors decide through"
                + " POST /api/v1/assessments/{a}/revisions/{r}/approval (with the supervisor's password), /return"
                + " (with comments) or /raise (with a rationale)"));
    }

    /** {@code PUT …/revisions/{r}}: counts every outcome, including refusals thrown on the way. */
    private void putRevision(Context ctx) throws IOException {
        ServerMetrics.PutResult result = ServerMetrics.PutResult.REFUSED;
        try {
            Reply reply = storeRevision(ctx, who(ctx), Exchange.uuid(ctx, "assessment"), Exchange.uuid(ctx, "revision"));
            result = switch (reply.status()) {
                case 201 -> ServerMetrics.PutResult.CREATED;
                case 200 -> ServerMetrics.PutResult.REPLAYED;
                case 409 -> ServerMetrics.PutResult.CONFLICT;
                default -> ServerMetrics.PutResult.REFUSED;
            };
            Exchange.send(ctx, reply.status(), reply.body());
        } finally {
            metrics.putOutcome(result);
        }
    }

    private record Reply(int status, Object body) {
    }

    private Reply storeRevision(Context ctx, Principal who, UUID assessmentId, UUID revisionId) throws IOException {
        RevisionUpload upload = Exchange.parse(ctx, RevisionUpload.class);
        // A replay first (decision 0033): a revision the server already holds gets its original receipt
        // even if the pack/policy set or the uploader's role changed since — else a lost receipt would make
        // the client quarantine a record the server stores. Only to its uploader or its officer.
        if (upload.revision() != null && upload.revision().contentHash() != null) {
            Optional<org.dashdesk.protocol.Receipt> original = store.replay(assessmentId, revisionId,
                    upload.revision().contentHash(), who.collar());
            if (original.isPresent()) {
                return new Reply(200, receiptKeys.sign(original.get()));
            }
        }
        if (!who.has(Role.OFFICER) && !who.has(Role.IMU)) {
            return new Reply(403, Problem.of("forbidden", "only officers and IMU staff upload assessments"));
        }
        // IMU staff record assessments on other officers' behalf (phone-in, migration of paper sheets):
        // they may upload a revision naming another officer; everyone else only their own (decision 0033).
        if (upload.revision() != null && upload.revision().createdBy() != null && !upload.revision().createdBy().equals(who.collar())
                && !who.has(Role.IMU)) {
            return new Reply(403, Problem.of("forbidden", "this revision was made by collar " + upload.revision().createdBy()
                    + " and collar " + who.collar() + " is signed in: a revision is uploaded by the officer who made it,"
                    + " or by IMU staff on their behalf"));
        }
        Optional<RevisionValidator.Refusal> refusal = validator.check(assessmentId, revisionId, upload);
        if (refusal.isPresent()) {
            return new Reply(422, new Problem("invalid", refusal.get().reason(), refusal.get().field(), null));
        }
        String routed = Lifecycle.next(AssessmentState.SUBMITTED, Lifecycle.routeFor(upload.revision().grading().level())).name();
        PutOutcome outcome = store.put(upload, who, routed, clock.instant());
        if (outcome instanceof PutOutcome.Stored s) {
            return new Reply(s.replay() ? 200 : 201, receiptKeys.sign(s.receipt()));
        } else if (outcome instanceof PutOutcome.IdTaken t) {
            return new Reply(409, new Problem("conflict", t.reason(), "revision.contentHash", null));
        } else if (outcome instanceof PutOutcome.NotHead h) {
            return new Reply(409, new Problem("conflict", h.reason(), "revision.baseRevisionId", h.head()));
        } else if (outcome instanceof PutOutcome.Forbidden f) {
            return new Reply(403, Problem.of("forbidden", f.reason()));
        } else if (outcome instanceof PutOutcome.Invalid i) {
            return new Reply(422, new Problem("invalid", i.reason(), i.field(), null));
        }
        throw new IllegalStateException("unknown outcome " + outcome.getClass());
    }

    private void getChanges(Context ctx) throws IOException {
        long since = 0;
        String value = ctx.queryParam("since");
        if (value != null) {
            try {
                since = Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new Refusal(422, new Problem("invalid", "since must be a cursor this server returned", "since", null));
            }
        }
        Exchange.send(ctx, 200, store.changes(since, who(ctx), CHANGES_PAGE));
    }
}
