package org.dashdesk.sync;

import org.dashdesk.outbox.OutboxState;
import org.dashdesk.outbox.OutboxRecord;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.dashdesk.assessment.Revision;
import org.dashdesk.server.ReferenceServer;
import org.dashdesk.server.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real client process ({@link SyncLoopMain}, the test JVM's java and class path) syncing
 * through the fault mix is killed with SIGKILL at seeded random points, again and again. After
 * every kill the store opens and holds no record marked sent that the server lacks; at the end
 * one last run finishes the outbox: nothing lost, nothing duplicated, every hash equal.
 */
class KilledClientTest {

    private static final int N = 400;
    private static final int KILLS = 10;

    @TempDir
    Path dir;

    @Test
    void killedTenTimesMidSyncLosesAndDuplicatesNothing() throws Exception {
        Random random = new Random(1609);
        Path deskDir = dir.resolve("desk");
        try (ReferenceServer server = ReferenceServer.start(ServerConfig.devHttp(dir.resolve("server")));
                FaultyFront front = new FaultyFront(server.uri())) {
            String token = server.issueToken("1234", "officer");
            List<Revision> queued;
            try (LocalDesk desk = new LocalDesk(deskDir, null, 1)) {
                queued = FaultMixRun.submit(desk, N);
            }
            front.mix(new FaultyFront.Mix(0.10, 0.20, 0.05, 0.05, 100, 16));
            StringBuilder syncedAtKill = new StringBuilder();
            int kills = 0;
            int lives = 0;
            while (kills < KILLS && lives < 3 * KILLS) {
                lives++;
                Process child = spawn(deskDir, front, token);
                BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                String first = out.readLine(); // OPEN: the store is open and the loop starts
                if (!"OPEN".equals(first)) {
                    child.waitFor(30, TimeUnit.SECONDS);
                    throw new AssertionError("the child could not open the store after " + kills + " kills: "
                            + java.nio.file.Files.readString(deskDir.resolveSibling("child.err")));
                }
                // Kill points follow the upload, not the clock (a loaded machine starts the child slowly):
                // after a random number of requests seen at the front, then a random moment more.
                int seenAtStart = front.seen.size();
                int requests = random.nextInt(150);
                long giveUp = System.nanoTime() + 30_000_000_000L;
                while (child.isAlive() && front.seen.size() - seenAtStart < requests && System.nanoTime() < giveUp) {
                    Thread.sleep(5);
                }
                Thread.sleep(random.nextInt(300));
                if (child.isAlive()) {
                    child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no close
                    assertTrue(child.waitFor(30, TimeUnit.SECONDS));
                    kills++;
                } else {
                    child.waitFor();
                    break;
                }
                try (LocalDesk desk = new LocalDesk(deskDir, null, 1)) {
                    assertNull(noneSentThatTheServerLacks(desk, queued, server), "after kill " + kills);
                    syncedAtKill.append(desk.sync.snapshot().synced()).append(' ');
                }
            }
            System.out.printf("KilledClientTest: %d SIGKILLs in %d lives; synced after each: %s; faults drawn %s%n", kills, lives,
                    syncedAtKill.toString().trim(), front.drawn());
            assertTrue(kills >= KILLS, "only " + kills + " kills landed mid-run");

            Process last = spawn(deskDir, front, token);
            String tail = new String(last.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(last.waitFor(120, TimeUnit.SECONDS));
            assertTrue(tail.contains("DONE"), tail);
            try (LocalDesk desk = new LocalDesk(deskDir, null, 1)) {
                assertEquals(0, desk.sync.snapshot().waiting());
                assertEquals(N, server.revisionCount(), "server count = client count");
                assertNull(FaultMixRun.check(desk, queued, server, token));
            }
        }
    }

    private static Process spawn(Path deskDir, FaultyFront front, String token) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), SyncLoopMain.class.getName(), deskDir.toString(),
                front.uri().toString(), token).redirectError(deskDir.resolveSibling("child.err").toFile()).start();
    }

    /** Every record the laptop shows as synced is on the server exactly once. */
    private static String noneSentThatTheServerLacks(LocalDesk desk, List<Revision> queued, ReferenceServer server) {
        for (Revision r : queued) {
            OutboxRecord rec = desk.record(r);
            int copies = server.copies(r.assessmentId(), r.revisionId());
            if (copies > 1) {
                return copies + " copies of " + r.revisionId();
            }
            if (rec.state() == OutboxState.SYNCED && copies != 1) {
                return "marked sent but not on the server: " + r.revisionId();
            }
        }
        return null;
    }
}
