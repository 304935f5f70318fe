package org.dashdesk.sync;

import java.nio.file.Path;
import java.util.List;

import org.dashdesk.assessment.Revision;
import org.dashdesk.server.ReferenceServer;
import org.dashdesk.server.ServerConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16's figure: throughput of ONE command-line sync run through the per-request fault mix
 * (10 % reset before, 20 % reply dropped after the store, 5 % reply delayed 3 s, 5 % portal page)
 * as a ratio of a clean run through the same front, same server, same run. Target ≥ 0.5. Prints
 * figures and checks the invariants (nothing lost, nothing duplicated, every hash equal).
 * Run: {@code mvn -B -o test -Dtest=FaultMixBenchmark -Dsurefire.groups=benchmark -Dsurefire.excludedGroups=none
 * [-Dfaultmix.n=10000]}.
 */
@Tag("benchmark")
class FaultMixBenchmark {

    @TempDir
    Path dir;

    @Test
    void throughputUnderTheFaultMixAgainstClean() throws Exception {
        int n = Integer.getInteger("faultmix.n", 10_000);
        int parallel = Integer.getInteger("faultmix.parallel", 4);
        try (ReferenceServer server = ReferenceServer.start(ServerConfig.devHttp(dir.resolve("server")));
                FaultyFront front = new FaultyFront(server.uri())) {
            String token = server.issueToken("1234", "officer");
            SyncClient client = new SyncClient(SyncClient.Settings.devHttp(front.uri(), token));
            try (LocalDesk clean = new LocalDesk(dir.resolve("clean"), client, parallel);
                    LocalDesk faulty = new LocalDesk(dir.resolve("faulty"), client, parallel)) {
                clean.sync.useRetryPolicy(RetryPolicy.commandLine());
                faulty.sync.useRetryPolicy(RetryPolicy.commandLine());
                long t0 = System.nanoTime();
                List<Revision> cleanQueue = FaultMixRun.submit(clean, n);
                List<Revision> faultyQueue = FaultMixRun.submit(faulty, n);
                System.out.printf("FaultMixBenchmark: 2 × %d submitted in %.0f s%n", n, (System.nanoTime() - t0) / 1e9);

                FaultMixRun.Outcome c = FaultMixRun.syncOnce(clean, cleanQueue, server);
                // -Dfaultmix.mix=resetBefore,dropAfter,delayed,portal (default issue 16's 0.10,0.20,0.05,0.05) to take the mix apart.
                String[] p = System.getProperty("faultmix.mix", "0.10,0.20,0.05,0.05").split(",");
                front.mix(new FaultyFront.Mix(Double.parseDouble(p[0]), Double.parseDouble(p[1]), Double.parseDouble(p[2]),
                        Double.parseDouble(p[3]), Long.getLong("faultmix.delay", 3000), 16));
                FaultMixRun.Outcome f = FaultMixRun.syncOnce(faulty, faultyQueue, server);
                front.mix(null);
                System.out.printf("clean: %d in %.1f s = %.0f/s (%s)%n", n, c.seconds(), c.perSecond(), c.report());
                System.out.printf("fault mix: %d in %.1f s = %.0f/s (%s); faults drawn %s%n", n, f.seconds(), f.perSecond(), f.report(),
                        front.drawn());
                System.out.printf("FaultMixBenchmark: throughput under the mix / clean = %.2f (target ≥ 0.5: %s), %d in flight%n",
                        f.perSecond() / c.perSecond(), f.perSecond() / c.perSecond() >= 0.5 ? "met" : "NOT met", parallel);
                String problem = FaultMixRun.check(faulty, faultyQueue, server, token);
                String cleanProblem = FaultMixRun.check(clean, cleanQueue, server, token);
                if (f.report().sent() != n || problem != null || cleanProblem != null) {
                    throw new AssertionError("sent " + f.report().sent() + ": " + problem + " / " + cleanProblem);
                }
                System.out.println("FaultMixBenchmark: invariants hold (server count = client count, no duplicates, every hash equal)");
            }
        }
    }
}
