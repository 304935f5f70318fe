package org.dashdesk.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.dashdesk.protocol.Protocol;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Health latency with 1,000 idle and half-open connections held, against the same server with
 * none, in one run (issue 15 figure). Run with {@code mvn -B -o test -Pbench -Dtest=IdleConnectionsBenchmark}.
 */
@Tag("benchmark")
class IdleConnectionsBenchmark {

    static final int HELD = 1_000;
    static final int SAMPLES = 2_000;

    @TempDir
    Path dir;

    @Test
    void healthP99WithAThousandIdleConnectionsAgainstNone() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(ServerConfig.devHttp(dir))) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest health = HttpRequest.newBuilder(server.uri().resolve(Protocol.HEALTH)).timeout(Duration.ofSeconds(10)).build();
            measure(http, health, 500); // warm-up
            long[] none = measure(http, health, SAMPLES);
            List<Socket> held = new ArrayList<>();
            long[] loaded;
            try {
                for (int i = 0; i < HELD; i++) {
                    Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
                    if (i % 2 == 1) {
                        s.getOutputStream().write("PUT /api/v1/assessments/".getBytes(StandardCharsets.US_ASCII));
                        s.getOutputStream().flush();
                    }
                    held.add(s);
                }
                loaded = measure(http, health, SAMPLES);
            } finally {
                for (Socket s : held) {
                    s.close();
                }
            }
            System.out.printf("IdleConnectionsBenchmark: health over %d requests; no idle connections p50 %.3f ms p99 %.3f ms;"
                    + " %d idle/half-open held p50 %.3f ms p99 %.3f ms; p99 ratio %.2f%n", SAMPLES,
                    pct(none, 50), pct(none, 99), HELD, pct(loaded, 50), pct(loaded, 99), pct(loaded, 99) / pct(none, 99));
        }
    }

    /** Health while 200 wrong sign-ins arrive 64 at a time from one address, against health alone. */
    @Test
    void healthP99DuringASignInFloodAgainstNone() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(ServerConfig.devHttp(dir))) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest health = HttpRequest.newBuilder(server.uri().resolve(Protocol.HEALTH)).timeout(Duration.ofSeconds(30)).build();
            measure(http, health, 500);
            long[] none = measure(http, health, 400);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(64);
            java.util.concurrent.atomic.AtomicInteger throttled = new java.util.concurrent.atomic.AtomicInteger();
            long[] flooded;
            try {
                HttpRequest bad = HttpRequest.newBuilder(server.uri().resolve(Protocol.SESSIONS)).timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"nobody\",\"password\":\"wrong guess\"}")).build();
                List<java.util.concurrent.Future<?>> flood = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    flood.add(pool.submit(() -> {
                        if (http.send(bad, HttpResponse.BodyHandlers.discarding()).statusCode() == 429) {
                            throttled.incrementAndGet();
                        }
                        return null;
                    }));
                }
                flooded = measure(http, health, 400);
                for (java.util.concurrent.Future<?> f : flood) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            System.out.printf("IdleConnectionsBenchmark: health over 400 requests; alone p50 %.3f ms p99 %.3f ms;"
                    + " during 200 wrong sign-ins at 64 in parallel (%d answered 429) p50 %.3f ms p99 %.3f ms; p99 ratio %.2f%n",
                    pct(none, 50), pct(none, 99), throttled.get(), pct(flooded, 50), pct(flooded, 99), pct(flooded, 99) / pct(none, 99));
        }
    }

    static long[] measure(HttpClient http, HttpRequest request, int n) throws Exception {
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
            nanos[i] = System.nanoTime() - t;
            assertEquals(200, r.statusCode());
        }
        Arrays.sort(nanos);
        return nanos;
    }

    static double pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }
}
