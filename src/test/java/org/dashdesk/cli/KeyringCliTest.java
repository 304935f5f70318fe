package org.dashdesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.dashdesk.security.Role;
import org.dashdesk.security.SessionManager;
import org.dashdesk.security.UserAccount;
import org.dashdesk.server.ReferenceServer;
import org.dashdesk.server.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code server user add}, then {@code import} and {@code sync} on a store protected by the per-user keyring. */
class KeyringCliTest {

    static final String PASSWORD = "synthetic cli phrase";

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run cli(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Cli(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(List.of(args));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void serverUserThenImportAndSyncThroughTheKeyring() throws Exception {
        Path serverDir = dir.resolve("server");
        Run add = cli(PASSWORD + "\n", "server", "user", "add", "--data-dir", serverDir.toString(), "--username", "pc1234", "--collar",
                "1234", "--roles", "officer", "--team", "North", "--iterations", "10000");
        assertEquals(0, add.code(), add.err());
        assertTrue(add.out().contains("added user pc1234 (officer, team North)"), add.out());
        Run again = cli(PASSWORD + "\n", "server", "user", "add", "--data-dir", serverDir.toString(), "--username", "pc1234", "--collar",
                "1235", "--roles", "officer", "--team", "North");
        assertEquals(2, again.code());
        assertTrue(again.err().contains("already exists"), again.err());
        Run badRole = cli(PASSWORD + "\n", "server", "user", "add", "--data-dir", serverDir.toString(), "--username", "x1", "--collar",
                "1", "--roles", "sergeant", "--team", "North");
        assertTrue(badRole.err().contains("unknown role 'sergeant'"), badRole.err());

        Path desk = dir.resolve("desk");
        SessionManager sessions = SessionManager.open(desk);
        sessions.enrolFirstUser(new UserAccount("pc1234", "PC Synthetic", "1234", Set.of(Role.OFFICER), "North"), PASSWORD.toCharArray());
        sessions.signOut();

        Path file = dir.resolve("sheets.jsonl");
        Files.write(file, List.of("{\"pack\":\"dash-2009\",\"collarNumber\":\"1234\",\"answers\":{\"Q1\":\"yes\"},\"district\":\"Maidstone\"}"),
                StandardCharsets.UTF_8);
        Run noUser = cli("", "import", file.toString(), "--data-dir", desk.toString());
        assertEquals(2, noUser.code());
        assertTrue(noUser.err().contains("--username"), noUser.err());
        Run wrong = cli("not the password\n", "import", file.toString(), "--data-dir", desk.toString(), "--username", "pc1234");
        assertEquals(1, wrong.code());
        Run imported = cli(PASSWORD + "\n", "import", file.toString(), "--data-dir", desk.toString(), "--username", "pc1234");
        assertEquals(0, imported.code(), imported.err());
        assertTrue(imported.out().contains("loaded 1, refused 0"), imported.out());
        assertFalse(imported.out().contains(PASSWORD) || imported.err().contains(PASSWORD));

        Path pwFile = dir.resolve("pw");
        Files.writeString(pwFile, PASSWORD + "\n");
        try (ReferenceServer server = ReferenceServer.start(ServerConfig.devHttp(serverDir))) {
            Run sync = cli("", "sync", "--server", server.uri().toString(), "--dev-insecure-http", "--data-dir", desk.toString(),
                    "--username", "pc1234", "--password-file", pwFile.toString());
            assertEquals(0, sync.code(), sync.out() + sync.err());
            assertTrue(sync.out().startsWith("sent 1, refused 0"), sync.out());
            assertEquals(1, server.revisionCount());
        }
    }
}
