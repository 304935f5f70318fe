package org.dashdesk.sync;

import org.dashdesk.outbox.OutboxRecord;
import org.dashdesk.outbox.OutboxState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.dashdesk.assessment.Revision;
import org.dashdesk.server.ReferenceServer;
import org.dashdesk.server.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS end to end: a PKCS12 keystore made here with keytool, the client pinning its certificate. */
class HttpsSyncTest {

    @TempDir
    Path dir;

    static void keytool(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
    }

    static Path makeKeystore(Path dir, String name) throws Exception {
        keytool(dir, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore", name + ".p12",
                "-storepass", "changeit", "-keypass", "changeit");
        keytool(dir, "-exportcert", "-rfc", "-alias", "server", "-keystore", name + ".p12", "-storepass", "changeit", "-file",
                name + ".pem");
        return dir.resolve(name + ".p12");
    }

    @Test
    void syncsOverTlsTrustingOnlyThePinnedCertificate() throws Exception {
        Path keystore = makeKeystore(dir, "server");
        makeKeystore(dir, "stranger");
        try (ReferenceServer server = ReferenceServer.start(ServerConfig.https(dir.resolve("srv"), keystore, "changeit".toCharArray()))) {
            URI uri = server.uri();
            assertTrue(uri.toString().startsWith("https://127.0.0.1:"), uri.toString());
            String token = server.issueToken("1234", "officer");

            SyncClient wrongTrust = new SyncClient(SyncClient.Settings.https(uri, token,
                    SyncClient.trusting(dir.resolve("stranger.pem"), null)));
            try (LocalDesk desk = new LocalDesk(dir.resolve("desk"), wrongTrust, 1)) {
                Revision r = desk.submit(6);
                desk.sync.runCycle(false);
                OutboxRecord rec = desk.record(r);
                assertEquals(OutboxState.WAITING, rec.state());
                assertTrue(rec.lastError().contains("certificate"), rec.lastError());
                assertEquals(0, server.copies(r.assessmentId(), r.revisionId()));

                desk.sync.useClient(new SyncClient(SyncClient.Settings.https(uri, token,
                        SyncClient.trusting(dir.resolve("server.pem"), null))));
                assertEquals(1, desk.sync.runCycle(true).sent());
                assertEquals(OutboxState.SYNCED, desk.record(r).state());
                assertEquals(1, server.copies(r.assessmentId(), r.revisionId()));
            }
        }
    }

    @Test
    void plainHttpNeedsTheDevFlagAndLoopback() {
        assertThrows(IllegalArgumentException.class,
                () -> new SyncClient(new SyncClient.Settings(URI.create("http://127.0.0.1:1"), "t", null, false, null, null)));
        assertThrows(IllegalArgumentException.class,
                () -> new SyncClient(SyncClient.Settings.devHttp(URI.create("http://central.example.police.uk"), "t")));
        assertThrows(IllegalArgumentException.class,
                () -> new SyncClient(new SyncClient.Settings(URI.create("https://127.0.0.1:1"), "t", null, false, null, null)));
        // A prefix is not an address: these names resolve wherever their DNS says.
        for (String host : List.of("127.evil.example", "127.0.0.1.evil.example", "127.0.0.256", "[::2]", "localhost.evil.example")) {
            assertThrows(IllegalArgumentException.class,
                    () -> new SyncClient(SyncClient.Settings.devHttp(URI.create("http://" + host + ":1"), "t")), host);
        }
        for (String host : List.of("127.0.0.1", "127.9.8.7", "localhost", "[::1]", "[0:0:0:0:0:0:0:1]")) {
            new SyncClient(SyncClient.Settings.devHttp(URI.create("http://" + host + ":1"), "t"));
        }
    }
}
