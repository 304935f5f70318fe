package org.dashdesk.sync;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small HTTP/1.1 front for the real server, on plain sockets so it can do what a bad network
 * does: reset a connection (TCP RST) before the request reaches the server or after the server
 * stored it, close it, delay the answer, or answer with a captive-portal page. Each request gets
 * one fault: the next one queued with {@link #next}, else one drawn from a seeded {@link Mix},
 * else the {@link #always} one. It records every request line it saw, in order.
 */
final class FaultyFront implements AutoCloseable {

    enum Fault {
        /** Forward and return the server's answer. */
        NONE,
        /** Never forward: a hotel Wi-Fi login page, status 200. */
        CAPTIVE_PORTAL,
        /** Never forward: close the connection without an answer. */
        DROP_BEFORE,
        /** Never forward: reset the connection (RST) as soon as the request has arrived. */
        RESET_BEFORE,
        /** Forward (the server stores it), then close the connection without an answer. */
        DROP_AFTER,
        /** Forward (the server stores it), then reset the connection. */
        RESET_AFTER,
        /** Forward, then answer only after the mix's delay. */
        DELAYED,
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

    /**
     * Faults drawn per request with these probabilities (the rest go through clean).
     *
     * @param delayMillis how long a {@link Fault#DELAYED} answer waits
     */
    record Mix(double resetBefore, double dropAfter, double delayed, double captivePortal, long delayMillis, long seed) {

        /** Issue 16's mix: 10 % reset before, 20 % reply dropped after the store, 5 % delayed, 5 % portal page. */
        static Mix issue16(long delayMillis, long seed) {
            return new Mix(0.10, 0.20, 0.05, 0.05, delayMillis, seed);
        }
    }

    final List<String> seen = new CopyOnWriteArrayList<>();
    /** The server's answers to forwarded PUTs, in order. */
    final List<String> upstreamBodies = new CopyOnWriteArrayList<>();
    private final Map<Fault, AtomicLong> drawn = new EnumMap<>(Fault.class);
    private final Queue<Fault> faults = new ConcurrentLinkedQueue<>();
    private volatile Fault always = Fault.NONE;
    private volatile Mix mix;
    private Random mixRandom;
    private volatile long delayMillis = 3000;
    private final URI upstream;
    private final ServerSocket socket;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "faulty-front");
        t.setDaemon(true);
        return t;
    });
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    FaultyFront(URI upstream) throws IOException {
        this.upstream = upstream;
        for (Fault f : Fault.values()) {
            drawn.put(f, new AtomicLong());
        }
        socket = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        pool.submit(this::acceptLoop);
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    void next(Fault f) {
        faults.add(f);
    }

    void always(Fault f) {
        always = f;
    }

    /** From now on each request draws its fault from {@code m} (queued faults still come first). */
    synchronized void mix(Mix m) {
        mixRandom = m == null ? null : new Random(m.seed());
        delayMillis = m == null ? delayMillis : m.delayMillis();
        mix = m;
    }

    /** How many requests got each fault so far. */
    Map<Fault, Long> drawn() {
        Map<Fault, Long> out = new LinkedHashMap<>();
        drawn.forEach((f, n) -> {
            if (n.get() > 0) {
                out.put(f, n.get());
            }
        });
        return out;
    }

    private Fault draw() {
        Fault f = faults.poll();
        if (f != null) {
            return f;
        }
        Mix m = mix;
        if (m == null) {
            return always;
        }
        double x;
        synchronized (this) {
            x = mixRandom.nextDouble();
        }
        if ((x -= m.resetBefore()) < 0) {
            return Fault.RESET_BEFORE;
        }
        if ((x -= m.dropAfter()) < 0) {
            return Fault.DROP_AFTER;
        }
        if ((x -= m.delayed()) < 0) {
            return Fault.DELAYED;
        }
        if ((x -= m.captivePortal()) < 0) {
            return Fault.CAPTIVE_PORTAL;
        }
        return Fault.NONE;
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                open.add(s);
                pool.submit(() -> serve(s));
            } catch (IOException e) {
                // closed at the end of the test
            }
        }
    }

    /** One keep-alive connection: request after request until a fault or the client ends it. */
    private void serve(Socket s) {
        try (s) {
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            while (true) {
                Request req = Request.read(in);
                if (req == null) {
                    return;
                }
                seen.add(req.method + " " + URI.create(req.target).getPath());
                Fault f = draw();
                drawn.get(f).incrementAndGet();
                switch (f) {
                    case CAPTIVE_PORTAL -> reply(out, 200, "text/html", "<html><body>Sign in to Station WiFi</body></html>");
                    case DROP_BEFORE -> {
                        return;
                    }
                    case RESET_BEFORE -> {
                        reset(s);
                        return;
                    }
                    case SERVICE_UNAVAILABLE -> reply(out, 503, "text/plain", "busy");
                    default -> {
                        HttpResponse<String> answer = forward(req);
                        if (f == Fault.TWICE) {
                            answer = forward(req);
                        }
                        switch (f) {
                            case DROP_AFTER -> {
                                return;
                            }
                            case RESET_AFTER -> {
                                reset(s);
                                return;
                            }
                            case SERVER_ERROR_AFTER -> reply(out, 500, "application/json",
                                    "{\"error\":\"server_error\",\"reason\":\"boom\"}");
                            case HANG_AFTER -> {
                                sleep(4000);
                                return;
                            }
                            case MALFORMED_AFTER -> reply(out, 200, "application/json", "{\"assessmentId\": \"");
                            case OTHER_RECEIPT_AFTER -> reply(out, 200, "application/json",
                                    answer.body().replaceAll("\"revisionId\":\"[^\"]+\"", "\"revisionId\":\"" + UUID.randomUUID() + "\""));
                            default -> {
                                if (f == Fault.DELAYED) {
                                    sleep(delayMillis);
                                }
                                reply(out, answer.statusCode(), answer.headers().firstValue("Content-Type").orElse("application/json"),
                                        answer.body());
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            // the client went away, or the test ended
        } finally {
            open.remove(s);
        }
    }

    private static void reset(Socket s) throws IOException {
        s.setSoLinger(true, 0);
        s.close();
    }

    private HttpResponse<String> forward(Request req) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(upstream.resolve(req.target))
                .method(req.method, req.body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(req.body));
        for (String h : List.of("authorization", "content-type", "accept")) {
            String v = req.headers.get(h);
            if (v != null) {
                b.header(h, v);
            }
        }
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (req.method.equals("PUT")) {
                upstreamBodies.add(r.body());
            }
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static void reply(OutputStream out, int status, String type, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " " + (status < 300 ? "OK" : "Status") + "\r\nContent-Type: " + type
                + "\r\nContent-Length: " + bytes.length + "\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
        out.flush();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One HTTP/1.1 request with a Content-Length body (what java.net.http sends for byte-array bodies). */
    private record Request(String method, String target, Map<String, String> headers, byte[] body) {

        static Request read(InputStream in) throws IOException {
            String line = line(in);
            if (line == null || line.isEmpty()) {
                return null;
            }
            String[] parts = line.split(" ");
            if (parts.length < 3) {
                throw new IOException("bad request line");
            }
            Map<String, String> headers = new LinkedHashMap<>();
            String h;
            while ((h = line(in)) != null && !h.isEmpty()) {
                int colon = h.indexOf(':');
                if (colon > 0) {
                    headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
                }
            }
            if (headers.containsKey("transfer-encoding")) {
                throw new IOException("chunked requests are not supported by the test front");
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            byte[] body = in.readNBytes(length);
            if (body.length != length) {
                return null;
            }
            return new Request(parts[0], parts[1], headers, body);
        }

        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) != -1) {
                if (c == '\n') {
                    byte[] bytes = b.toByteArray();
                    int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                    return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
                }
                b.write(c);
            }
            return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to do
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException e) {
                // nothing to do
            }
        }
        pool.shutdownNow();
    }
}
