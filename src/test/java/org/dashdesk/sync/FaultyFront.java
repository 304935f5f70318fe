package org.dashdesk.sync;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A small HTTP front for the real server that injects one fault per request from a queue of
 * faults (then forwards faithfully). It records every request line it saw, in order.
 */
final class FaultyFront implements AutoCloseable {

    enum Fault {
        /** Forward and return the server's answer. */
        NONE,
        /** Never forward: a hotel Wi-Fi login page, status 200. */
        CAPTIVE_PORTAL,
        /** Never forward: close the connection without an answer. */
        DROP_BEFORE,
        /** Forward (the server stores it), then close the connection without an answer. */
        DROP_AFTER,
        /** Forward, then answer 500. */
        SERVER_ERROR_AFTER,
        /** Never forward: answer 503 as an overloaded proxy would. */
        SERVICE_UNAVAILABLE,
        /** Forward, then wait longer than the client will. */
        HANG_AFTER,
        /** Forward, then answer 200 with broken JSON. */
        MALFORMED_AFTER,
        /** Forward, then answer 200 with a well-formed receipt for a different record. */
        OTHER_RECEIPT_AFTER,
        /** Forward the same request twice (a replay) and return the second answer. */
        TWICE
    }

    final List<String> seen = new CopyOnWriteArrayList<>();
    /** The server's answers to forwarded PUTs, in order. */
    final List<String> upstreamBodies = new CopyOnWriteArrayList<>();
    private final Queue<Fault> faults = new ConcurrentLinkedQueue<>();
    private volatile Fault always = Fault.NONE;
    private final URI upstream;
    private final HttpServer http;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    FaultyFront(URI upstream) throws IOException {
        this.upstream = upstream;
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        http.createContext("/", this::handle);
        http.setExecutor(pool);
        http.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
    }

    void next(Fault f) {
        faults.add(f);
    }

    void always(Fault f) {
        always = f;
    }

    private void handle(HttpExchange ex) throws IOException {
        seen.add(ex.getRequestMethod() + " " + ex.getRequestURI().getPath());
        Fault f = faults.poll();
        if (f == null) {
            f = always;
        }
        byte[] body = ex.getRequestBody().readAllBytes();
        switch (f) {
            case CAPTIVE_PORTAL -> reply(ex, 200, "text/html", "<html><body>Sign in to Station WiFi</body></html>");
            case DROP_BEFORE -> ex.close();
            case SERVICE_UNAVAILABLE -> reply(ex, 503, "text/plain", "busy");
            default -> {
                HttpResponse<String> answer = forward(ex, body);
                if (f == Fault.TWICE) {
                    answer = forward(ex, body);
                }
                switch (f) {
                    case DROP_AFTER -> ex.close();
                    case SERVER_ERROR_AFTER -> reply(ex, 500, "application/json", "{\"error\":\"server_error\",\"reason\":\"boom\"}");
                    case HANG_AFTER -> {
                        sleep(4000);
                        ex.close();
                    }
                    case MALFORMED_AFTER -> reply(ex, 200, "application/json", "{\"assessmentId\": \"");
                    case OTHER_RECEIPT_AFTER -> reply(ex, 200, "application/json",
                            answer.body().replaceAll("\"revisionId\":\"[^\"]+\"", "\"revisionId\":\"" + UUID.randomUUID() + "\""));
                    default -> reply(ex, answer.statusCode(), answer.headers().firstValue("Content-Type").orElse("application/json"),
                            answer.body());
                }
            }
        }
    }

    private HttpResponse<String> forward(HttpExchange ex, byte[] body) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(upstream.resolve(ex.getRequestURI().toString()))
                .method(ex.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth != null) {
            b.header("Authorization", auth);
        }
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (ex.getRequestMethod().equals("PUT")) {
                upstreamBodies.add(r.body());
            }
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static void reply(HttpExchange ex, int status, String type, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        http.stop(0);
        pool.shutdownNow();
    }
}
