package org.dashdesk.sync;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.cert.CertificateException;
import java.util.Locale;
import java.util.Optional;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

import org.dashdesk.protocol.Protocol;

/**
 * Reads one request's own evidence — the exception it ended with, or the answer it got — as a
 * {@link FailureKind} and words a person can act on. Shared by {@link SyncClient} and
 * {@link Endpoint} so a sync, a pull and a sign-in describe the same failure the same way; none
 * of them ever calls a network failure a refusal by the server.
 */
final class Transport {

    private Transport() {
    }

    /** The failure a request that ended with {@code e} met. */
    static PushResult.Failed classify(IOException e, URI server) {
        String where = server.getHost() + (server.getPort() > 0 ? ":" + server.getPort() : "");
        if (e instanceof HttpConnectTimeoutException) {
            return new PushResult.Failed(FailureKind.CONNECT_TIMEOUT, "the server " + where + " did not accept the connection in time"
                    + " (no network, or the server is down)");
        }
        if (e instanceof HttpTimeoutException) {
            return new PushResult.Failed(FailureKind.TIMEOUT, "the server did not answer in time");
        }
        if (has(e, SSLException.class)) {
            if (has(e, CertificateException.class) || mentions(e, "certificat") || mentions(e, "PKIX")) {
                return new PushResult.Failed(FailureKind.TLS, "secure connection failed: the server's certificate is not the trusted one");
            }
            if (!(has(e, SocketException.class) || has(e, EOFException.class) || mentions(e, "reset") || mentions(e, "closed"))
                    && has(e, SSLHandshakeException.class)) {
                return new PushResult.Failed(FailureKind.TLS, "secure connection failed (TLS handshake: " + e.getMessage() + ")");
            }
            return broken();
        }
        if (e instanceof ConnectException || has(e, ConnectException.class)) {
            // java.net.http reports a connection reset before any answer as a ConnectException too:
            // that is one broken connection, not a server that is down.
            if (mentions(e, "reset") || mentions(e, "closed") || mentions(e, "broken pipe")) {
                return broken();
            }
            return new PushResult.Failed(FailureKind.REFUSED, "cannot reach the server " + where
                    + " (no network connection, or the server is not running)");
        }
        return broken();
    }

    private static PushResult.Failed broken() {
        return new PushResult.Failed(FailureKind.BROKEN, "the network connection broke before the server's answer arrived");
    }

    /**
     * Empty when the answer is the server's JSON; otherwise why it is not: a web page or a redirect
     * is named as the captive portal it almost always is.
     */
    static Optional<PushResult.Failed> notProtocolJson(HttpResponse<byte[]> response) {
        int status = response.statusCode();
        String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (status >= 300 && status < 400) {
            String to = response.headers().firstValue("Location").map(Transport::hostOf).orElse("another address");
            return Optional.of(new PushResult.Failed(FailureKind.CAPTIVE_PORTAL, "the network redirected the request to " + to
                    + " instead of the DASH Desk server (a Wi-Fi or proxy sign-in page?)"));
        }
        if (type.startsWith("text/html") || startsWithTag(response.body())) {
            return Optional.of(new PushResult.Failed(FailureKind.CAPTIVE_PORTAL, "the network answered with a web page instead of"
                    + " the DASH Desk server (a Wi-Fi or proxy sign-in page?)"));
        }
        if (!type.startsWith(Protocol.JSON)) {
            return Optional.of(new PushResult.Failed(status >= 500 ? FailureKind.SERVER_ERROR : FailureKind.NOT_OURS,
                    (status >= 500 ? "the server or a proxy had a problem (HTTP " + status + ") and" : "the server")
                            + " answered with " + (type.isEmpty() ? "no content type" : type) + ", not JSON"));
        }
        return Optional.empty();
    }

    private static String hostOf(String location) {
        try {
            String host = URI.create(location).getHost();
            return host == null ? "another address" : host;
        } catch (IllegalArgumentException e) {
            return "another address";
        }
    }

    private static boolean startsWithTag(byte[] body) {
        if (body == null) {
            return false;
        }
        for (byte b : body) {
            if (!Character.isWhitespace(b)) {
                return b == '<';
            }
        }
        return false;
    }

    private static boolean has(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static boolean mentions(Throwable e, String word) {
        String w = word.toLowerCase(Locale.ROOT);
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().toLowerCase(Locale.ROOT).contains(w)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
