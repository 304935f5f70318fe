package org.dashdesk.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

import com.sun.net.httpserver.HttpServer;
import org.dashdesk.protocol.Protocol;
import org.dashdesk.review.ReviewException;
import org.dashdesk.security.Role;
import org.dashdesk.security.UserAccount;
import org.dashdesk.server.ReferenceServer;
import org.dashdesk.server.ServerConfig;
import org.dashdesk.server.ServerPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sign-in on a bad network: retried, worded as the network problem it is, and the command line's token revoked at the end. */
class SignInResilienceTest {

    static final char[] PW = "officer synthetic phrase".toCharArray();

    @TempDir
    Path dir;
    ReferenceServer server;
    FaultyFront front;

    @BeforeEach
    void start() throws IOException {
        server = ReferenceServer.start(ServerConfig.devHttp(dir.resolve("server")), ServerPolicy.defaults().withIterations(10_000),
                Clock.systemUTC());
        server.addUser(new UserAccount("pc1234", "PC Synthetic", "1234", Set.of(Role.OFFICER), "North"), PW);
        front = new FaultyFront(server.uri());
    }

    @AfterEach
    void stop() {
        front.close();
        server.close();
    }

    private static SyncClient.Settings transport(URI uri) {
        return SyncClient.Settings.devHttp(uri, null).withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(3));
    }

    private long posts() {
        return front.seen.stream().filter(s -> s.equals("POST " + Protocol.SESSIONS)).count();
    }

    @Test
    void resetPortalAndDroppedRepliesAreRetriedUntilTheSignInGoesThrough() {
        front.next(FaultyFront.Fault.RESET_BEFORE);
        front.next(FaultyFront.Fault.CAPTIVE_PORTAL);
        front.next(FaultyFront.Fault.DROP_AFTER);
        try (CommandLineSession s = CommandLineSession.signIn(transport(front.uri()), "pc1234", PW, 5, Duration.ofMillis(10))) {
            assertTrue(s.signsOut());
            assertTrue(s.client().reachable());
        }
        assertEquals(4, posts(), front.seen.toString());
    }

    @Test
    void aCaptivePortalIsNamedAsOneAndNeverAsARefusal() {
        front.always(FaultyFront.Fault.CAPTIVE_PORTAL);
        NetworkException e = assertThrows(NetworkException.class,
                () -> CommandLineSession.signIn(transport(front.uri()), "pc1234", PW, 3, Duration.ofMillis(10)));
        assertEquals(FailureKind.CAPTIVE_PORTAL, e.kind());
        assertTrue(e.getMessage().startsWith("could not sign in at the server, a network problem (tried 3 times)"), e.getMessage());
        assertTrue(e.getMessage().contains("sign-in page"), e.getMessage());
        assertFalse(e.getMessage().contains("refused"), e.getMessage());
        assertEquals(3, posts());
    }

    @Test
    void resetsEveryTimeAreWordedAsABrokenConnection() {
        front.always(FaultyFront.Fault.RESET_BEFORE);
        NetworkException e = assertThrows(NetworkException.class,
                () -> CommandLineSession.signIn(transport(front.uri()), "pc1234", PW, 3, Duration.ofMillis(10)));
        assertEquals(FailureKind.BROKEN, e.kind());
        assertTrue(e.getMessage().contains("connection broke"), e.getMessage());
        assertFalse(e.getMessage().contains("refused"), e.getMessage());
        assertEquals(0, server.revisionCount());
    }

    @Test
    void noServerListeningIsCannotReachNotRefused() throws IOException {
        int dead;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            dead = s.getLocalPort();
        }
        NetworkException e = assertThrows(NetworkException.class,
                () -> CommandLineSession.signIn(transport(URI.create("http://127.0.0.1:" + dead)), "pc1234", PW, 2, Duration.ofMillis(10)));
        assertEquals(FailureKind.REFUSED, e.kind());
        assertTrue(e.getMessage().contains("cannot reach the server"), e.getMessage());
        assertFalse(e.getMessage().contains("refused the sign-in"), e.getMessage());
    }

    @Test
    void aWrongPasswordIsTheServersAnswerAndIsNotRetried() {
        ReviewException e = assertThrows(ReviewException.class,
                () -> CommandLineSession.signIn(transport(front.uri()), "pc1234", "wrong synthetic".toCharArray(), 5, Duration.ofMillis(10)));
        assertFalse(e instanceof NetworkException);
        assertEquals(401, e.status());
        assertEquals("the server did not accept the user name and password", e.getMessage());
        assertEquals(1, posts());
    }

    @Test
    void theCommandLineSessionRevokesItsTokenAtTheEndEvenAfterAnError() {
        CommandLineSession kept;
        RuntimeException thrown = assertThrows(IllegalStateException.class, () -> {
            try (CommandLineSession s = CommandLineSession.signIn(transport(front.uri()), "pc1234", PW, 3, Duration.ofMillis(10))) {
                assertTrue(s.client().changes("0").value() != null, "the token works while the session is open");
                held[0] = s;
                throw new IllegalStateException("synthetic failure mid-run");
            }
        });
        assertEquals("synthetic failure mid-run", thrown.getMessage());
        kept = held[0];
        SyncClient.Result<org.dashdesk.protocol.ChangesPage> after = kept.client().changes("0");
        assertTrue(after.signInNeeded(), "the token no longer works: " + after.problem());
        assertTrue(front.seen.contains("DELETE " + Protocol.CURRENT_SESSION), front.seen.toString());
    }

    private final CommandLineSession[] held = new CommandLineSession[1];

    @Test
    void aSuppliedTokenIsLeftAlone() {
        String token = server.issueToken("1234", "officer");
        try (CommandLineSession s = CommandLineSession.withToken(transport(front.uri()), token)) {
            assertFalse(s.signsOut());
        }
        assertTrue(new SyncClient(SyncClient.Settings.devHttp(server.uri(), token)).changes("0").value() != null);
        assertFalse(front.seen.contains("DELETE " + Protocol.CURRENT_SESSION));
    }

    @Test
    void anOlderServerWithoutSignOutIsIgnored() throws Exception {
        // A server from before DELETE /sessions/current: sign-in works, sign-out answers 405 in plain text.
        HttpClient http = HttpClient.newHttpClient();
        HttpServer old = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        old.createContext("/", ex -> {
            byte[] answer;
            int status;
            String type;
            if (ex.getRequestMethod().equals("DELETE")) {
                status = 405;
                type = "text/plain";
                answer = "method not allowed".getBytes(StandardCharsets.UTF_8);
            } else {
                try {
                    HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(server.uri().resolve(ex.getRequestURI().toString()))
                            .header("Content-Type", Protocol.JSON)
                            .method(ex.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(ex.getRequestBody().readAllBytes()))
                            .build(), HttpResponse.BodyHandlers.ofByteArray());
                    status = r.statusCode();
                    type = r.headers().firstValue("Content-Type").orElse(Protocol.JSON);
                    answer = r.body();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
            ex.getResponseHeaders().set("Content-Type", type);
            ex.sendResponseHeaders(status, answer.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(answer);
            }
        });
        old.start();
        try {
            CommandLineSession s = CommandLineSession.signIn(transport(URI.create("http://127.0.0.1:" + old.getAddress().getPort())),
                    "pc1234", PW, 2, Duration.ofMillis(10));
            s.close(); // must not throw
            ReviewException direct = assertThrows(ReviewException.class, () -> new AccountClient(
                    transport(URI.create("http://127.0.0.1:" + old.getAddress().getPort()))).signOut("any-token"));
            assertEquals(405, direct.status(), "the status survives a plain-text answer");
            assertInstanceOf(ReviewException.class, direct);
        } finally {
            old.stop(0);
        }
    }
}
