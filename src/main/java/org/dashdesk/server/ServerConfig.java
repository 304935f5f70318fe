package org.dashdesk.server;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How to run the reference server.
 *
 * @param jdbcUrl          null for the embedded H2 file in {@code dataDir}
 * @param keystore         PKCS12 keystore with the server's key and certificate; null only with
 *                         {@code devInsecureHttp}
 * @param devInsecureHttp  plain HTTP for development; refused unless bound to a loopback address
 * @param threads          HTTP worker threads (Jetty adds a few of its own for accepting and selecting)
 * @param http             connection, size and rate limits; {@link Http#defaults()} unless an operator
 *                         has a reason
 * @param evidenceDir      the receipt-signing keys and the audit checkpoints (decision 0170); null for
 *                         {@code dataDir/evidence}. Every node of one server holds the same keys.
 */
public record ServerConfig(
        InetAddress bindAddress,
        int port,
        Path dataDir,
        String jdbcUrl,
        String jdbcUser,
        String jdbcPassword,
        Path keystore,
        char[] keystorePassword,
        boolean devInsecureHttp,
        int threads,
        Http http,
        Path evidenceDir) {

    public ServerConfig {
        http = http == null ? Http.defaults() : http;
    }

    public ServerConfig(InetAddress bindAddress, int port, Path dataDir, String jdbcUrl, String jdbcUser, String jdbcPassword,
            Path keystore, char[] keystorePassword, boolean devInsecureHttp, int threads, Http http) {
        this(bindAddress, port, dataDir, jdbcUrl, jdbcUser, jdbcPassword, keystore, keystorePassword, devInsecureHttp, threads, http,
                null);
    }

    /** The settings before {@link Http} existed: every limit at its default. */
    public ServerConfig(InetAddress bindAddress, int port, Path dataDir, String jdbcUrl, String jdbcUser, String jdbcPassword,
            Path keystore, char[] keystorePassword, boolean devInsecureHttp, int threads) {
        this(bindAddress, port, dataDir, jdbcUrl, jdbcUser, jdbcPassword, keystore, keystorePassword, devInsecureHttp, threads,
                Http.defaults());
    }

    public static ServerConfig devHttp(Path dataDir) {
        return new ServerConfig(InetAddress.getLoopbackAddress(), 0, dataDir, null, null, null, null, null, true, 16);
    }

    public static ServerConfig https(Path dataDir, Path keystore, char[] password) {
        return new ServerConfig(InetAddress.getLoopbackAddress(), 0, dataDir, null, null, null, keystore, password, false, 16);
    }

    public ServerConfig withHttp(Http settings) {
        return new ServerConfig(bindAddress, port, dataDir, jdbcUrl, jdbcUser, jdbcPassword, keystore, keystorePassword,
                devInsecureHttp, threads, settings, evidenceDir);
    }

    public ServerConfig withEvidenceDir(Path dir) {
        return new ServerConfig(bindAddress, port, dataDir, jdbcUrl, jdbcUser, jdbcPassword, keystore, keystorePassword,
                devInsecureHttp, threads, http, dir);
    }

    /** Where the signing keys and checkpoints are: the setting, else {@code dataDir/evidence}; null when neither is known. */
    public Path effectiveEvidenceDir() {
        return evidenceDir != null ? evidenceDir : dataDir != null ? dataDir.resolve("evidence") : null;
    }

    public String effectiveJdbcUrl() {
        return jdbcUrl != null ? jdbcUrl : ServerStore.defaultJdbcUrl(dataDir);
    }

    /**
     * The HTTP layer's limits (decision 0130).
     *
     * @param idleTimeout          a connection that sends nothing for this long is closed; it never holds
     *                             a worker thread meanwhile (Jetty reads asynchronously)
     * @param maxHeaderBytes       request line and headers together; larger gets 431
     * @param signInBurst          sign-in attempts one address may make at once …
     * @param signInPerMinute      … and then per minute; more get 429 with Retry-After, before any
     *                             password hashing
     * @param metricsToken         a bearer token that may read {@code /metrics} from any address; null
     *                             for loopback only
     * @param trustForwardedHeaders take the client's address from {@code X-Forwarded-For} (only behind a
     *                             load balancer that sets it; else a client could pick its own address)
     */
    public record Http(Duration idleTimeout, int maxHeaderBytes, int signInBurst, int signInPerMinute, String metricsToken,
            boolean trustForwardedHeaders) {

        public Http {
            if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) {
                throw new IllegalArgumentException("idle timeout must be positive");
            }
            if (maxHeaderBytes < 1024 || signInBurst < 1 || signInPerMinute < 1) {
                throw new IllegalArgumentException("header limit must be at least 1024 bytes, sign-in limits at least 1");
            }
            metricsToken = metricsToken == null || metricsToken.isBlank() ? null : metricsToken.strip();
        }

        public static Http defaults() {
            return new Http(Duration.ofSeconds(30), 16 * 1024, 20, 60, null, false);
        }

        public Http withSignInLimit(int burst, int perMinute) {
            return new Http(idleTimeout, maxHeaderBytes, burst, perMinute, metricsToken, trustForwardedHeaders);
        }

        public Http withIdleTimeout(Duration timeout) {
            return new Http(timeout, maxHeaderBytes, signInBurst, signInPerMinute, metricsToken, trustForwardedHeaders);
        }

        public Http withMetricsToken(String token) {
            return new Http(idleTimeout, maxHeaderBytes, signInBurst, signInPerMinute, token, trustForwardedHeaders);
        }

        public Http withTrustForwardedHeaders(boolean trust) {
            return new Http(idleTimeout, maxHeaderBytes, signInBurst, signInPerMinute, metricsToken, trust);
        }
    }
}
