package org.dashdesk.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.dashdesk.assessment.Revision;
import org.dashdesk.server.ReferenceServer;
import org.dashdesk.server.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16's network, per request and seeded: 10 % reset before the request reaches the server,
 * 20 % reply dropped after the server stored it, 5 % reply delayed (300 ms here, 3 s in
 * {@link FaultMixBenchmark}), 5 % captive-portal page. 1,000 assessments go in ONE run of the
 * command line's policy; nothing lost, nothing duplicated, every hash equal.
 */
class FaultMixTest {

    private static final int N = 1_000;

    @TempDir
    Path dir;

    @Test
    void aThousandAssessmentsSyncInOneRunThroughTheFaultMix() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(ServerConfig.devHttp(dir.resolve("server")));
                FaultyFront front = new FaultyFront(server.uri())) {
            String token = server.issueToken("1234", "officer");
            try (LocalDesk desk = new LocalDesk(dir.resolve("desk"), new SyncClient(SyncClient.Settings.devHttp(front.uri(), token)), 4)) {
                desk.sync.useRetryPolicy(RetryPolicy.commandLine());
                List<Revision> queued = FaultMixRun.submit(desk, N);
                front.mix(FaultyFront.Mix.issue16(300, 16));
                FaultMixRun.Outcome run = FaultMixRun.syncOnce(desk, queued, server);
                System.out.printf("FaultMixTest: %d in one run in %.1f s (%.0f/s), faults drawn %s, report %s%n", N, run.seconds(),
                        run.perSecond(), front.drawn(), run.report());
                assertEquals(N, run.report().sent(), run.report().problems().toString());
                assertTrue(run.report().reachable());
                assertTrue(front.drawn().getOrDefault(FaultyFront.Fault.RESET_BEFORE, 0L) > 50, front.drawn().toString());
                assertTrue(front.drawn().getOrDefault(FaultyFront.Fault.DROP_AFTER, 0L) > 100, front.drawn().toString());
                assertEquals(0, desk.sync.snapshot().waiting());
                assertEquals(N, server.revisionCount(), "server count = client count");
                assertNull(FaultMixRun.check(desk, queued, server, token));
            }
        }
    }
}
