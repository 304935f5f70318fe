package org.dashdesk.cli;

import static org.dashdesk.cli.KeyringCliTest.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.dashdesk.cli.KeyringCliTest.Run;
import org.dashdesk.protocol.Protocol;
import org.dashdesk.server.ReferenceServer;
import org.dashdesk.server.ServerConfig;
import org.dashdesk.sync.AccountClient;
import org.dashdesk.sync.SyncClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code server user password|disable|enable|delete}: an operator's way to stop a person's access.
 * Each one that should cut access makes a token issued before it answer 401 on a running server,
 * and a new account under a deleted username does not inherit the old one's tokens.
 */
class ServerUserCommandsTest {

    private static final String PASSWORD = "synthetic operator phrase";
    private static final String NEW_PASSWORD = "another synthetic phrase";

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void passwordDisableAndDeleteRevokeTokensAndANewAccountStartsClean() throws Exception {
        Path data = dir.resolve("server");
        add(data, "pc1234", PASSWORD);
        try (ReferenceServer server = ReferenceServer.start(ServerConfig.devHttp(data))) {
            String first = signIn(server, "pc1234", PASSWORD);
            assertEquals(200, changes(server, first));

            Run password = cli(NEW_PASSWORD + "\n", "server", "user", "password", "--data-dir", data.toString(), "--username", "pc1234");
            assertEquals(0, password.code(), password.err());
            assertTrue(password.out().contains("tokens are revoked"), password.out());
            assertEquals(401, changes(server, first), "a token from before the password change stops working");

            String second = signIn(server, "pc1234", NEW_PASSWORD);
            assertEquals(200, changes(server, second));
            assertEquals(0, cli("", "server", "user", "disable", "--data-dir", data.toString(), "--username", "pc1234").code());
            assertEquals(401, changes(server, second), "disabling revokes");
            assertEquals(0, cli("", "server", "user", "enable", "--data-dir", data.toString(), "--username", "pc1234").code());
            assertEquals(401, changes(server, second), "enabling again does not bring an old token back");

            String third = signIn(server, "pc1234", NEW_PASSWORD);
            Run delete = cli("", "server", "user", "delete", "--data-dir", data.toString(), "--username", "pc1234");
            assertEquals(0, delete.code(), delete.err());
            assertEquals(401, changes(server, third), "deleting revokes");
            add(data, "pc1234", PASSWORD);
            assertEquals(401, changes(server, third), "a new account under the same username is another person");
            assertEquals(200, changes(server, signIn(server, "pc1234", PASSWORD)));
        }
        Run unknown = cli("", "server", "user", "delete", "--data-dir", data.toString(), "--username", "nobody");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("no user nobody"), unknown.err());
        Run shortPassword = cli("short\n", "server", "user", "password", "--data-dir", data.toString(), "--username", "pc1234");
        assertEquals(2, shortPassword.code());
        assertTrue(shortPassword.err().contains("10 to 1000 characters"), shortPassword.err());
        Run none = cli("", "server", "user");
        assertTrue(none.code() != 0 && none.err().contains("password, disable, enable or delete"), none.err());
    }

    private static void add(Path data, String username, String password) {
        Run add = cli(password + "\n", "server", "user", "add", "--data-dir", data.toString(), "--username", username, "--collar",
                "1234", "--roles", "officer", "--team", "North", "--iterations", "10000");
        assertEquals(0, add.code(), add.err());
    }

    private static String signIn(ReferenceServer server, String username, String password) {
        return new AccountClient(SyncClient.Settings.devHttp(server.uri(), null)).signIn(username, password.toCharArray()).token();
    }

    private int changes(ReferenceServer server, String token) throws Exception {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(server.uri() + Protocol.CHANGES + "?since=0"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.discarding());
        return r.statusCode();
    }
}
