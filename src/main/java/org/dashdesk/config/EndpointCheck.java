package org.dashdesk.config;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Asks the central server whether it is there: {@code GET /api/v1/health}, which answers
 * {@code {"status":"ok","protocol":1}} without signing in. The outcome is said in words an
 * officer or IT can act on. Blocking: call it off the FX thread.
 */
public final class EndpointCheck {

    /** The sync protocol this client speaks. */
    public static final int PROTOCOL = 1;
    static final String HEALTH_PATH = "/api/v1/health";

    /** What the check found; {@code message} is a sentence for the screen. */
    public record Result(boolean answered, String message) {
    }

    private final Duration timeout;

    public EndpointCheck(Duration timeout) {
        this.timeout = timeout;
    }

    public Result check(URI endpoint, Optional<Path> certificate) {
        String host = endpoint.getHost() + (endpoint.getPort() > 0 ? ":" + endpoint.getPort() : "");
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER);
        if (certificate.isPresent()) {
            try {
                builder.sslContext(trusting(certificate.get()));
            } catch (IllegalArgumentException e) {
                return new Result(false, "The certificate file " + certificate.get() + " cannot be used: it must hold an X.509 "
                        + "certificate (PEM or DER). (" + e.getClass().getSimpleName() + ")");
            }
        }
        String base = endpoint.toString().replaceAll("/+$", "");
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + HEALTH_PATH)).timeout(timeout)
                .header("Accept", "application/json").GET().build();
        HttpResponse<byte[]> response;
        try {
            response = builder.build().send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException e) {
            return new Result(false, "No answer from " + host + " within " + timeout.toSeconds() + " seconds: check the address and "
                    + "that this computer may reach it.");
        } catch (HttpTimeoutException e) {
            return new Result(false, host + " accepted the connection but did not answer within " + timeout.toSeconds() + " seconds.");
        } catch (SSLException e) {
            return new Result(false, host + " answered, but its certificate is not the one this computer trusts"
                    + (certificate.isPresent() ? " (the file given)" : "") + ", so the connection was refused.");
        } catch (ConnectException e) {
            return new Result(false, "Nothing answers at " + host + ": check the address, or whether the server is running.");
        } catch (IOException e) {
            if (hasCause(e, UnknownHostException.class)) {
                return new Result(false, "The name " + endpoint.getHost() + " cannot be found: check the address.");
            }
            if (hasCause(e, SSLException.class)) {
                return new Result(false, host + " answered, but the secure connection failed: its certificate is not trusted here.");
            }
            return new Result(false, "Could not reach " + host + " (" + e.getClass().getSimpleName() + ").");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, "The check was interrupted.");
        }
        if (response.statusCode() != 200) {
            return new Result(false, host + " answered with HTTP " + response.statusCode()
                    + ": it is a web server, but not a DASH Desk central server at this address.");
        }
        try {
            JsonNode health = org.dashdesk.json.JsonMappers.canonical().readTree(response.body());
            if (!"ok".equals(health.path("status").asText())) {
                return new Result(false, "The central server at " + host + " answers but reports that it is not working properly.");
            }
            int protocol = health.path("protocol").asInt(-1);
            if (protocol != PROTOCOL) {
                return new Result(false, "The central server at " + host + " answers but speaks protocol " + protocol
                        + "; this DASH Desk needs protocol " + PROTOCOL + ".");
            }
        } catch (IOException e) {
            return new Result(false, host + " answered, but not as a DASH Desk central server does.");
        }
        return new Result(true, "The central server at " + host + " answers and is working.");
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** Trusts exactly the certificates in {@code file} (pinning the server's own is simplest). */
    static SSLContext trusting(Path file) {
        return org.dashdesk.security.TrustFiles.trusting(file, null);
    }
}
