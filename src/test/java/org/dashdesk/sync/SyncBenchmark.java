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
import java.util.Set;

import org.dashdesk.security.Role;
import org.dashdesk.security.UserAccount;
import org.dashdesk.server.BenchData;
import org.dashdesk.server.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Syncs 10,000 queued assessments, on H2 and on PostgreSQL with a million assessments already
 * on the server ({@code -Dbench.preload}), from a real encrypted store to the reference server on
 * loopback, end to end (outbox read, revision load, PUT, server re-grade and insert, receipts
 * stored and forced to disk). The floor is a plain loop of the same PUTs with java.net.http to
 * the same server, measured in the same run. Prints figures; asserts nothing about speed.
 * Then {@code GET /changes} p50/p99 for a supervisor's team, and raw PUT throughput on two nodes
 * sharing the database against one.
 * Run: {@code mvn -B -Pbench test -Dtest=SyncBenchmark}.
 */
@Tag("benchmark")
class SyncBenchmark {

    private static final int N = 10_000;
    private static final int PARALLEL = 4;

    @TempDir
    Path dir;

    /** Assessments already on the server before the run: {@code -Dbench.preload=N}, default one million. */
    private static final int PRELOAD = Integer.getInteger("bench.preload", 1_000_000);
    /** H2 loads far slower than PostgreSQL; {@code -Dbench.preload.h2=N} gives it its own number (default: the same). */
    private static final int PRELOAD_H2 = Integer.getInteger("bench.preload.h2", PRELOAD);

    /**
     * Issue 14: what signing (server) and verifying (desk) a receipt costs per revision, measured on
     * the run's own receipts, beside the run's end-to-end time per revision.
     */
    private static void receiptCost(List<Revision> revisions, double e2eSeconds) {
        java.security.KeyPair key = org.dashdesk.evidence.Ed25519.generate();
        List<org.dashdesk.protocol.Receipt> receipts = new ArrayList<>();
        for (int i = 0; i < revisions.size(); i++) {
            Revision r = revisions.get(i);
            receipts.add(new org.dashdesk.protocol.Receipt(r.assessmentId(), r.revisionId(), r.contentHash(), i + 1, java.time.Instant.now()));
        }
        for (int i = 0; i < 2000; i++) {
            org.dashdesk.evidence.Ed25519.sign(key.getPrivate(), receipts.get(i).signedText());
        }
        long s0 = System.nanoTime();
        List<String> signatures = new ArrayList<>();
        for (org.dashdesk.protocol.Receipt r : receipts) {
            signatures.add(org.dashdesk.evidence.Ed25519.sign(key.getPrivate(), r.signedText()));
        }
        double signUs = (System.nanoTime() - s0) / 1e3 / receipts.size();
        long v0 = System.nanoTime();
        for (int i = 0; i < receipts.size(); i++) {
            if (!org.dashdesk.evidence.Ed25519.verify(key.getPublic(), receipts.get(i).signedText(), signatures.get(i))) {
                throw new AssertionError("receipt " + i + " does not verify");
            }
        }
        double verifyUs = (System.nanoTime() - v0) / 1e3 / receipts.size();
        double perRevisionUs = e2eSeconds * 1e6 / revisions.size();
        System.out.printf("receipt Ed25519 sign %.0f µs + verify %.0f µs per revision (one thread); the run took %.0f µs of wall time"
                + " per revision, so signing and verifying are %.0f %% of it (both are inside the end-to-end figure above)%n", signUs,
                verifyUs, perRevisionUs, 100 * (signUs + verifyUs) / perRevisionUs);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void syncTenThousandQueuedAssessments(TestDatabases.Kind kind) throws Exception {
        ServerConfig config = TestDatabases.devHttp(kind, dir.resolve("server-" + kind));
        long p0 = System.nanoTime();
        int preload = kind == TestDatabases.Kind.H2 ? PRELOAD_H2 : PRELOAD;
        BenchData.preload(config, preload);
        System.out.printf("%n=== %s: %,d assessments (with a revision and a change each) bulk-loaded in %.1f s%n", kind, preload,
                (System.nanoTime() - p0) / 1e9);
        try (ReferenceServer server = ReferenceServer.start(config)) {
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
                receiptCost(queued, e2e);
            }
            changesLatency(server, preload);
            try (ReferenceServer second = ReferenceServer.start(config)) {
                List<Revision> sample = new ArrayList<>();
                for (int i = 0; i < N; i++) {
                    sample.add(TestRevisionsHolder.revision(i % 20));
                }
                double one = floor(List.of(server.uri()), token, fresh(sample), 2 * PARALLEL);
                double two = floor(List.of(server.uri(), second.uri()), token, fresh(sample), 2 * PARALLEL);
                System.out.printf("raw PUTs, %d in flight: one node %.0f/s, two nodes on the same database %.0f/s, two/one = %.2f"
                        + " (both nodes and the database share this machine's %d cores)%n", 2 * PARALLEL, N / one, N / two, one / two,
                        Runtime.getRuntime().availableProcessors());
            }
        }
    }

    /** {@code GET /changes} as a supervisor of team North (a tenth of the preloaded cases), from random cursors: p50/p99. */
    private static void changesLatency(ReferenceServer server, int preload) throws Exception {
        server.addUser(new UserAccount("psnorth", "PS Synthetic", "990001", Set.of(Role.SUPERVISOR), "North"),
                "synthetic pass phrase".toCharArray());
        String token = new AccountClient(SyncClient.Settings.devHttp(server.uri(), null)).signIn("psnorth",
                "synthetic pass phrase".toCharArray()).token();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        java.util.Random random = new java.util.Random(42);
        int requests = 200;
        long[] nanos = new long[requests];
        int rows = 0;
        for (int i = -20; i < requests; i++) {
            long since = i < 0 ? 0 : (long) (random.nextDouble() * preload);
            long t0 = System.nanoTime();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.uri() + Protocol.CHANGES + "?since=" + since))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            long t = System.nanoTime() - t0;
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET /changes got HTTP " + r.statusCode());
            }
            if (i >= 0) {
                nanos[i] = t;
                rows += AssessmentJson.read(r.body(), org.dashdesk.protocol.ChangesPage.class).changes().size();
            }
        }
        java.util.Arrays.sort(nanos);
        System.out.printf("GET /changes, supervisor of a team with %,d of %,d changes, %d requests from random cursors (%.0f rows"
                + " a page on average): p50 %.1f ms, p99 %.1f ms%n", preload / 10, preload, requests, rows / (double) requests,
                nanos[requests / 2] / 1e6, nanos[requests * 99 / 100] / 1e6);
    }

    /** Revisions for the node comparison, made without a desk. */
    private static final class TestRevisionsHolder {
        static Revision revision(int yes) {
            return org.dashdesk.server.TestRevisions.first(UUID.randomUUID(), yes);
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
        return floor(List.of(server), token, revisions, threads);
    }

    /** As above, thread t sending to node t mod nodes (a round-robin load balancer). */
    private static double floor(List<URI> nodes, String token, List<Revision> revisions, int threads) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long t0 = System.nanoTime();
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                URI server = nodes.get(t % nodes.size());
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
