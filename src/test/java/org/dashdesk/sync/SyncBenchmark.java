package org.dashdesk.sync;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.dashdesk.assessment.AssessmentJson;
import org.dashdesk.assessment.Revision;
import org.dashdesk.protocol.Protocol;
import org.dashdesk.protocol.RevisionUpload;
import org.dashdesk.server.ReferenceServer;
import org.dashdesk.server.ServerConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Syncs 10,000 queued assessments from a real encrypted store to the reference server on
 * loopback, end to end (outbox read, revision load, PUT, server re-grade and insert, receipts
 * stored and forced to disk). The floor is a plain loop of the same PUTs with java.net.http to
 * the same server, measured in the same run. Prints figures; asserts nothing about speed.
 * Run: {@code mvn -B -Pbench test -Dtest=SyncBenchmark}.
 */
@Tag("benchmark")
class SyncBenchmark {

    private static final int N = 10_000;
    private static final int PARALLEL = 4;

    @TempDir
    Path dir;

    @Test
    void syncTenThousandQueuedAssessments() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(ServerConfig.devHttp(dir.resolve("server")))) {
            String token = server.issueToken("1234", "officer");
            SyncClient client = new SyncClient(SyncClient.Settings.devHttp(server.uri(), token));
            try (LocalDesk desk = new LocalDesk(dir.resolve("desk"), client, PARALLEL)) {
                long t0 = System.nanoTime();
                List<Revision> queued = new ArrayList<>(N);
                for (int i = 0; i < N; i++) {
                    queued.add(desk.submit(i % 20));
                }
                System.out.printf("setup: %d assessments submitted and queued in %.1f s%n", N, (System.nanoTime() - t0) / 1e9);

                // Warm both paths up (JIT, connections) on other records, so neither side pays for it in the timing.
                floor(server.uri(), token, fresh(queued.subList(0, 1000)), 1);
                floor(server.uri(), token, fresh(queued.subList(0, 1000)), PARALLEL);

                long s0 = System.nanoTime();
                CycleReport report = desk.sync.runCycle(false);
                double e2e = (System.nanoTime() - s0) / 1e9;
                if (report.sent() != N) {
                    throw new AssertionError("only " + report.sent() + " of " + N + " synced: " + report.problems());
                }
                double floor1 = floor(server.uri(), token, fresh(queued), 1);
                double floorP = floor(server.uri(), token, fresh(queued), PARALLEL);
                System.out.printf("end to end (SyncService, %d in flight, receipts forced to disk): %d in %.2f s = %.0f assessments/s%n",
                        PARALLEL, N, e2e, N / e2e);
                System.out.printf("floor, plain java.net.http PUT loop, 1 in flight: %.0f/s; %d in flight: %.0f/s%n", N / floor1,
                        PARALLEL, N / floorP);
                System.out.printf("end to end / floor (same concurrency): %.2f; target 410/s: %s%n", floorP / e2e,
                        N / e2e >= 410 ? "met" : "NOT met");
            }
        }
    }

    /** The same revisions under new ids (so the server stores each, rather than answering a replay). */
    private static List<Revision> fresh(List<Revision> revisions) {
        List<Revision> out = new ArrayList<>(revisions.size());
        for (Revision r : revisions) {
            out.add(Revision.freeze(UUID.randomUUID(), UUID.randomUUID(), null, 1, null, r.createdAt(), r.createdBy(), r.content(),
                    r.grading()));
        }
        return out;
    }

    /** Seconds to PUT every revision with a bare client and check the status; nothing stored locally. */
    private static double floor(URI server, String token, List<Revision> revisions, int threads) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long t0 = System.nanoTime();
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                all.add(pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < revisions.size()) {
                        Revision r = revisions.get(i);
                        byte[] body = AssessmentJson.mapper().writeValueAsBytes(new RevisionUpload(1, "floor", i + 1, r));
                        HttpResponse<byte[]> resp = http.send(HttpRequest.newBuilder(
                                        URI.create(server + Protocol.revisionPath(r.assessmentId(), r.revisionId())))
                                .header("Authorization", "Bearer " + token).header("Content-Type", Protocol.JSON)
                                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
                        if (resp.statusCode() != 201) {
                            throw new IllegalStateException("floor PUT got HTTP " + resp.statusCode());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : all) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return (System.nanoTime() - t0) / 1e9;
    }
}
