package org.dashdesk.sync;

import java.net.URI;
import java.nio.file.Path;

/**
 * A real client process for {@link KilledClientTest}: opens the laptop store in {@code args[0]}
 * and runs the command line's sync loop against {@code args[1]} with the token {@code args[2]}
 * until nothing is waiting, then prints {@code DONE}. The test kills it with SIGKILL at random.
 */
public final class SyncLoopMain {

    private SyncLoopMain() {
    }

    public static void main(String[] args) {
        SyncClient client = new SyncClient(SyncClient.Settings.devHttp(URI.create(args[1]), args[2]));
        try (LocalDesk desk = new LocalDesk(Path.of(args[0]), client, 4)) {
            desk.sync.useRetryPolicy(RetryPolicy.commandLine());
            System.out.println("OPEN");
            System.out.flush();
            for (int i = 0; i < 20 && desk.sync.snapshot().waiting() > 0; i++) {
                desk.sync.runCycle(true);
            }
            System.out.println(desk.sync.snapshot().waiting() == 0 ? "DONE" : "LEFT " + desk.sync.snapshot().waiting());
        }
    }
}
